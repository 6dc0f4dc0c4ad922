// Starts an image of a flavor for the benchmark: straight through the Docker
// API, so the moment of `docker start` is known to the millisecond and no
// readiness wait stands between it and the first answer the benchmark times.
// On this machine's engine a container is reached at its own address on the
// bridge, not through Docker's userland port proxy, which would be one more
// process under load. On a remote engine (DOCKER_HOST=tcp://…) the bridge is
// out of reach, so its ports are published and reached at the engine's host.
import type Dockerode from "dockerode";
import { image, type FlavorName, type ImageName } from "../catalog.js";
import { engineLocation } from "../docker.js";
import { outputOf } from "./inspect.js";
import { containerConfig, createContainer, networkOf, removeContainer, type ContainerConfig, type ContainerOptions } from "./container.js";

/** Where this machine reaches one of a container's ports. */
export interface Address {
  readonly host: string;
  readonly port: number;
}

export interface Launched {
  readonly id: string;
  /** Where this machine reaches one of its ports: on the bridge, or published on a remote engine's host. */
  address(port: number): Address;
  /** The environment it was started with (the catalog's and the caller's). */
  readonly environment: Readonly<Record<string, string>>;
  /** performance.now() just before Docker was asked to start it. */
  readonly startRequestedAt: number;
  /** Whether it is still running (a service that died gives no answer). */
  running(): Promise<boolean>;
  /** docker stop (SIGTERM, 10 s grace), then remove it with its anonymous volumes. */
  remove(): Promise<void>;
}

/** How this machine reaches the started container's ports, from its inspect data. */
function addressing(config: ContainerConfig, info: Dockerode.ContainerInspectInfo): (port: number) => Address {
  const engine = engineLocation();
  if (!engine.remote) {
    const ip = info.NetworkSettings.Networks[networkOf(config)]?.IPAddress;
    if (!ip) throw new Error(`${config.tag} has no address on network ${networkOf(config)}`);
    return (port) => ({ host: ip, port });
  }
  return (port) => {
    const published = info.NetworkSettings.Ports[`${port}/tcp`]?.[0]?.HostPort;
    if (!published) throw new Error(`${config.tag}: port ${port} was not published on the engine at ${engine.name}`);
    return { host: engine.host, port: Number(published) };
  };
}

/** "the container exited before it was ready (code 3); its last output: …": the last lines usually say why (a missing file, a refused variable). */
export async function exitedAtStart(id: string, exitCode: number): Promise<string> {
  const output = await outputOf(id).catch(() => ({ stdout: "", stderr: "" }));
  const last = `${output.stdout}${output.stderr}`.trim().split("\n").slice(-3).join(" | ");
  return `the container exited before it was ready (code ${exitCode})${last ? `; its last output: ${last}` : ""}`;
}

export async function launch(name: ImageName, flavorName: FlavorName, options: ContainerOptions): Promise<Launched> {
  const config = containerConfig(name, flavorName, engineLocation().remote ? { publish: image(name).ports, ...options } : options);
  const container = await createContainer(config);
  const remove = async (): Promise<void> => {
    await container.stop({ t: 10 }).catch(() => undefined);
    await removeContainer(container);
  };
  try {
    const startRequestedAt = performance.now();
    await container.start();
    const info = await container.inspect();
    // One that exited already has no address to give: say why it ended instead.
    if (!info.State.Running) throw new Error(await exitedAtStart(container.id, info.State.ExitCode));
    const address = addressing(config, info);
    return {
      id: container.id,
      address,
      environment: config.environment,
      startRequestedAt,
      running: async () => (await container.inspect()).State.Running,
      remove,
    };
  } catch (error) {
    await remove();
    throw error;
  }
}
