// npm run bench against a real engine that fails mid-run: a second engine on
// this machine (scripts/docker-second-engine.sh, its own socket, bridge and
// data) is paused (SIGSTOP) or killed (SIGKILL) while the bench's servers run
// on it. The run must end within its stated bound, in one line naming the
// engine, write no report, and leave nothing on the engine once it answers
// again and `npm run clean` has run (a run can't remove anything from an
// engine that doesn't answer). Needs root (it starts dockerd); skipped with
// the reason otherwise. The fake engine that hangs is support/engine-faults.test.ts.
import { execFile, spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Dockerode from "dockerode";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { imageTag, repoRoot } from "../src/catalog.js";
import { docker } from "../src/docker.js";
import { bootstrapTag } from "../src/provision/bootstrap-debian.js";
import { cleanupBudgetMs, managedLabel, ownerLabel } from "../src/run/cleanup.js";

const run = promisify(execFile);
const script = path.join(repoRoot, "scripts/docker-second-engine.sh");
const engineName = "faults";
const socket = `/run/docker-${engineName}.sock`;
const dockerHost = `unix://${socket}`;
const pidFile = `/run/docker-${engineName}.pid`;
const image = "nginx-php";
const flavor = "scratch";
/** The call timeout the runs here get (TINY_DOCKER_TIMEOUT): short, so a fault ends a run quickly. */
const callTimeoutS = 10;
/** The load a round puts on a server between two calls to the engine (--duration). */
const durationS = 5;
/**
 * The stated bound: the next call to the engine comes at the latest when a
 * load run ends (the servers keep running while dockerd is stopped); it is
 * a stop, bounded by its grace period (10 s) and a call timeout; later calls
 * fail at once; the clean-up's budget; a few seconds of slack.
 */
const boundS = durationS + 10 + callTimeoutS + cleanupBudgetMs / 1000 + 5;

async function unsupported(): Promise<string | undefined> {
  if (process.getuid?.() !== 0) return "starting a second Docker engine needs root";
  if (inject("imageStatus")[image]?.[flavor]?.available !== true) return `${imageTag(image, flavor)} is not available in this run`;
  try {
    await run("sh", ["-c", "command -v dockerd && command -v docker"]);
  } catch {
    return "dockerd or the docker CLI is not installed";
  }
  return undefined;
}

const engineUp = () => run("sh", [script, "up", engineName, "10.213.0.1/24"], { timeout: 90_000 });
const daemonPid = async (): Promise<number> => Number((await readFile(pidFile, "utf8")).trim());

/** What a run left on the second engine: containers, networks and volumes the harness labels. */
async function leftOn(engine: Dockerode): Promise<{ containers: number; networks: number; volumes: number }> {
  const filters = JSON.stringify({ label: [`${managedLabel}=true`] });
  const [containers, networks, volumes] = await Promise.all([
    engine.listContainers({ all: true, filters }),
    engine.listNetworks({ filters }),
    engine.listVolumes({ filters }),
  ]);
  return { containers: containers.length, networks: networks.length, volumes: (volumes.Volumes ?? []).length };
}

interface Outcome {
  code: number | null;
  stderr: string;
  /** Seconds from the fault to the run's end. */
  endedAfterS: number;
  /** What was in the out folder afterwards. */
  files: string[];
}

/**
 * Runs a short bench on the second engine; once one of its servers runs
 * there, `fault` (the daemon's pid, the bench's process) injects the fault.
 */
async function benchWithFault(engine: Dockerode, fault: (daemon: number, bench: number) => Promise<void>): Promise<Outcome> {
  const out = await mkdtemp(path.join(tmpdir(), "tiny-faults-"));
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_HOST: dockerHost, TINY_DOCKER_TIMEOUT: String(callTimeoutS) };
  delete env.TESTCONTAINERS_HOST_OVERRIDE;
  const args = ["--images", image, "--flavors", flavor, "--rounds", "2", "--duration", String(durationS), "--shared-cpus", "--out", out];
  const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "src/bench/cli.ts"), ...args], { cwd: repoRoot, env });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.resume();
  const ended = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  try {
    const label = `${ownerLabel}=${child.pid}`;
    for (let waited = 0; ; waited++) {
      const running = await engine.listContainers({ filters: JSON.stringify({ label: [label], status: ["running"] }) });
      if (running.some((c) => c.Image.startsWith(imageTag(image, flavor)))) break;
      if (waited > 240 || child.exitCode !== null) throw new Error(`no server of the bench ran on ${dockerHost}; its output: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const faultAt = performance.now();
    await fault(await daemonPid(), child.pid!);
    const code = await ended;
    return { code, stderr, endedAfterS: (performance.now() - faultAt) / 1000, files: await readdir(out) };
  } finally {
    child.kill("SIGKILL");
    await rm(out, { recursive: true, force: true });
  }
}

/** `npm run clean` against the second engine: what dead runs left goes. */
const clean = () =>
  run(process.execPath, ["--import", "tsx", path.join(repoRoot, "src/run/cleanup-cli.ts")], {
    cwd: repoRoot,
    env: { ...process.env, DOCKER_HOST: dockerHost },
    timeout: 60_000,
  });

/** One row of the fault-injection table, printed for the log. */
const row = (fault: string, outcome: Outcome, left: string): void =>
  void process.stderr.write(`[faults] ${fault} | ended ${outcome.endedAfterS.toFixed(1)} s after, exit ${outcome.code} | ${left}\n`);

describe(`npm run bench when its engine fails mid-run (${dockerHost})`, () => {
  let skipped: string | undefined;
  const engine = new Dockerode({ socketPath: socket });

  beforeAll(async () => {
    skipped = await unsupported();
    if (skipped) return;
    await engineUp();
    const tags = (await (await docker()).listImages())
      .flatMap((i) => i.RepoTags ?? [])
      .filter((tag) => [imageTag("base", flavor), imageTag(image, flavor), bootstrapTag("debian:bookworm-slim")].includes(tag));
    await run("sh", ["-c", `docker save "$@" | DOCKER_HOST=${dockerHost} docker load -q`, "copy", ...tags], { timeout: 5 * 60_000 });
  }, 8 * 60_000);

  afterAll(async () => {
    if (skipped) return;
    // Whatever a failed check left: the engine running again (a killed one's
    // containers still run under their shims until it is back), cleaned, stopped.
    await run("sh", ["-c", `kill -CONT "$(cat ${pidFile})" 2>/dev/null || true`]);
    await engineUp().catch(() => undefined);
    await clean().catch(() => undefined);
    await run("sh", [script, "down", engineName], { timeout: 60_000 });
  }, 180_000);

  const check = (name: string, fn: () => Promise<void>) =>
    it(
      name,
      async (ctx) => {
        if (skipped) ctx.skip(skipped);
        await fn();
      },
      6 * 60_000,
    );

  check("paused for good (SIGSTOP): the run ends within its bound, in one line naming the engine, and writes nothing", async () => {
    const outcome = await benchWithFault(engine, (daemon) => run("kill", ["-STOP", String(daemon)]).then(() => undefined));
    await run("kill", ["-CONT", String(await daemonPid())]);
    expect(outcome.code).toBe(1);
    expect(outcome.endedAfterS).toBeLessThan(boundS);
    expect(outcome.stderr).toMatch(
      new RegExp(`bench: failed: (.*: )?the Docker engine at DOCKER_HOST=${dockerHost} did not answer .* within \\d+ s`),
    );
    expect(outcome.files).toEqual([]);
    const before = await leftOn(engine);
    await clean();
    const after = await leftOn(engine);
    row("SIGSTOP dockerd mid-round, for good", outcome, `left ${JSON.stringify(before)}, after npm run clean ${JSON.stringify(after)}`);
    expect(after).toEqual({ containers: 0, networks: 0, volumes: 0 });
  });

  check("paused, then SIGTERM to the run (CI cancelling it): it ends within 10 s", async () => {
    const outcome = await benchWithFault(engine, async (daemon, bench) => {
      await run("kill", ["-STOP", String(daemon)]);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      process.kill(bench, "SIGTERM");
    });
    await run("kill", ["-CONT", String(await daemonPid())]);
    expect(outcome.code).toBe(143);
    expect(outcome.endedAfterS - 1).toBeLessThan(10);
    expect(outcome.files).toEqual([]);
    const before = await leftOn(engine);
    await clean();
    const after = await leftOn(engine);
    row(
      "SIGSTOP dockerd, then SIGTERM the bench 1 s later",
      outcome,
      `left ${JSON.stringify(before)}, after npm run clean ${JSON.stringify(after)}`,
    );
    expect(after).toEqual({ containers: 0, networks: 0, volumes: 0 });
  });

  check("paused for 3 s: the run goes on and cleans up after itself", async () => {
    const outcome = await benchWithFault(engine, async (daemon) => {
      await run("kill", ["-STOP", String(daemon)]);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      await run("kill", ["-CONT", String(daemon)]);
    });
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.files).toEqual(expect.arrayContaining(["history", "latest.json", "latest.md"]));
    const left = await leftOn(engine);
    row("SIGSTOP dockerd for 3 s, then SIGCONT", outcome, `left ${JSON.stringify(left)}`);
    expect(left).toEqual({ containers: 0, networks: 0, volumes: 0 });
  });

  check("killed (SIGKILL): the run ends at once, in one line naming the engine; nothing is left once it is back and cleaned", async () => {
    let killed = 0;
    const outcome = await benchWithFault(engine, (daemon) => run("kill", ["-KILL", String((killed = daemon))]).then(() => undefined));
    expect(outcome.code).toBe(1);
    expect(outcome.endedAfterS).toBeLessThan(boundS);
    expect(outcome.stderr).toContain(`the Docker engine at DOCKER_HOST=${dockerHost}`);
    expect(outcome.files).toEqual([]);
    // Gone for good before a new one starts (it refuses to while the old pid lives).
    while (
      await run("kill", ["-0", String(killed)]).then(
        () => true,
        () => false,
      )
    )
      await new Promise((r) => setTimeout(r, 200));
    await engineUp();
    const before = await leftOn(engine);
    await clean();
    const after = await leftOn(engine);
    row(
      "SIGKILL dockerd mid-round",
      outcome,
      `left ${JSON.stringify(before)} (engine restarted), after npm run clean ${JSON.stringify(after)}`,
    );
    expect(after).toEqual({ containers: 0, networks: 0, volumes: 0 });
  });
});
