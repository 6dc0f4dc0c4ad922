// A mariadb container the suites can kill with SIGKILL at a named point of
// its entrypoint's first start and start again: straight through the Docker
// API (Testcontainers waits for readiness on start, which a paused start
// never reaches, and has no SIGKILL). The points are mariadb-interrupt.sh's,
// a wrapper the suite brings in as the entrypoint: the image ships no hook.
// Reached as the benchmark reaches its servers (run/launch.ts): at its own
// address on the bridge, published only on a remote engine.
import { readFileSync } from "node:fs";
import type Dockerode from "dockerode";
import { accountOf, image, type FlavorName } from "../../src/catalog.js";
import { engineLocation } from "../../src/docker.js";
import { containerConfig, createContainer, removeContainer, type ContainerOptions } from "../../src/run/container.js";
import { outputOf } from "../../src/run/inspect.js";
import { waitUntilReady } from "../../src/run/readiness.js";

/** Where mariadb-interrupt.sh stops the entrypoint (its header says what each is). */
export type KillPoint = "bootstrap-start" | "bootstrap-middle" | "time-zones" | "accounts" | "server" | "wipe";

const script = { path: "/tmp/mariadb-interrupt.sh", content: readFileSync(new URL("./mariadb-interrupt.sh", import.meta.url)) };
const [port] = image("mariadb").ports as [number];

export interface KillableOptions extends ContainerOptions {
  /** Stop the first start there (a later `start()` of the same container runs the entrypoint as shipped). */
  readonly interruptAt?: KillPoint;
}

export class KillableMariadb {
  private constructor(
    private readonly container: Dockerode.Container,
    private readonly environment: Readonly<Record<string, string>>,
    private address = { host: "", port: 0 },
  ) {}

  /** Creates and starts it; the first start runs up to `interruptAt` when one is given. */
  static async start(flavor: FlavorName, options: KillableOptions): Promise<KillableMariadb> {
    const { interruptAt, ...rest } = options;
    const config = containerConfig("mariadb", flavor, {
      ...rest,
      ...(engineLocation().remote ? { publish: [port] } : {}),
      ...(interruptAt ? { entrypoint: ["sh", script.path, interruptAt, "mariadbd"], files: [...(rest.files ?? []), script] } : {}),
    });
    const container = await createContainer(config);
    const started = new KillableMariadb(container, config.environment);
    try {
      await started.start();
    } catch (error) {
      await started.remove();
      throw error;
    }
    return started;
  }

  get id(): string {
    return this.container.id;
  }

  /** docker start, of this same container (again, after a kill: its address may change). */
  async start(): Promise<void> {
    await this.container.start();
    const info = await this.container.inspect();
    const engine = engineLocation();
    this.address = engine.remote
      ? { host: engine.host, port: Number(info.NetworkSettings.Ports[`${port}/tcp`]?.[0]?.HostPort) }
      : { host: info.NetworkSettings.Networks.bridge?.IPAddress ?? "", port };
    // One that already stopped (a start that found another server on its
    // volume stops within a moment) has no address: the checks look at how
    // it ended, and anything that needs the address says so.
    if ((!this.address.host || !this.address.port) && info.State.Running) {
      throw new Error(`container ${this.id.slice(0, 12)}: no address for port ${port}`);
    }
  }

  /** docker stop: SIGTERM, and SIGKILL after 10 s. */
  async stop(): Promise<void> {
    await this.container.stop({ t: 10 });
  }

  /** docker kill -s KILL, returning once it has stopped. */
  async kill(): Promise<void> {
    await this.container.kill({ signal: "KILL" });
    await this.container.wait();
  }

  /** Both output streams, of every start of this container so far. */
  async logs(): Promise<string> {
    const { stdout, stderr } = await outputOf(this.id);
    return stdout + stderr;
  }

  /** Polls the log until `pattern` shows; returns its match. */
  async waitForLog(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const log = await this.logs();
      const found = log.match(pattern);
      if (found) return found;
      if (Date.now() > deadline || !(await this.running())) {
        const last = log.trim().split("\n").slice(-5).join("\n");
        throw new Error(`${pattern} did not show in the log of ${this.id.slice(0, 12)}; its last lines:\n${last}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  async running(): Promise<boolean> {
    return (await this.container.inspect()).State.Running;
  }

  /** Its exit code, once it has stopped. */
  async exitCode(): Promise<number> {
    return (await this.container.inspect()).State.ExitCode;
  }

  /** The host name inside it, which the entrypoint signs its lock with. */
  async hostname(): Promise<string> {
    return (await this.container.inspect()).Config.Hostname;
  }

  /** Until the server answers the catalog's readiness query. */
  async ready(timeoutMs: number): Promise<void> {
    const readiness = image("mariadb").readiness;
    if (!readiness) throw new Error("the catalog gives mariadb no readiness");
    await waitUntilReady(
      readiness,
      {
        address: () => this.address,
        logs: () => this.logs(),
        account: accountOf("mariadb", this.environment),
      },
      { timeoutMs, pollMs: 500, running: () => this.running() },
    );
  }

  /**
   * "healthy" as soon as the healthcheck passes, or the last status seen by
   * the deadline. Not the first status after "starting": a start that
   * waited out a killed start's lock outlasts the image's start period and
   * is "unhealthy" until its server is up.
   */
  async health(timeoutMs: number): Promise<string | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const status = (await this.container.inspect()).State.Health?.Status;
      if (status === "healthy" || Date.now() > deadline) return status;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  // What suites/support/mariadb.ts's connectTo asks of a container.
  getHost(): string {
    if (!this.address.host) throw new Error(`container ${this.id.slice(0, 12)} had stopped before it had an address`);
    return this.address.host;
  }
  getMappedPort(): number {
    return this.address.port;
  }

  async remove(): Promise<void> {
    await removeContainer(this.container);
  }
}
