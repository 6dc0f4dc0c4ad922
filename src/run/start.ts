// Starts an image of a flavor for the suites, through Testcontainers, from
// the same description as every other container (container.ts), and waits
// until it is ready (readiness.ts).
import { GenericContainer, getContainerRuntimeClient, type StartedTestContainer } from "testcontainers";
import { accountOf, image, type FlavorName, type ImageName } from "../catalog.js";
import { docker } from "../docker.js";
import { containerConfig, type ContainerOptions } from "./container.js";
import { ReadinessWait } from "./readiness.js";

export interface StartOptions extends ContainerOptions {
  readonly startupTimeoutMs?: number;
}

/** The container as the catalog describes it, not yet started. */
export async function imageContainer(name: ImageName, flavorName: FlavorName, options: StartOptions): Promise<GenericContainer> {
  const spec = image(name);
  if (!spec.readiness) throw new Error(`${name} is a client that never gets ready: run it with runOnce (run/run-once.ts)`);
  await docker(); // configures Testcontainers before it first connects
  const host = (await getContainerRuntimeClient()).info.containerRuntime.host;
  const config = containerConfig(name, flavorName, options);
  let container = new GenericContainer(config.tag)
    .withLabels({ ...config.labels })
    .withExposedPorts(...spec.ports)
    .withEnvironment({ ...config.environment })
    .withWaitStrategy(new ReadinessWait(spec.readiness, host, accountOf(name, options.environment)))
    .withStartupTimeout(options.startupTimeoutMs ?? 60_000);
  if (config.command) container = container.withCommand([...config.command]);
  if (config.entrypoint) container = container.withEntrypoint([...config.entrypoint]);
  if (config.nofile !== undefined) container = container.withUlimits({ nofile: { soft: config.nofile, hard: config.nofile } });
  if (config.network) container = container.withNetworkMode(config.network.name);
  if (config.network?.alias) container = container.withNetworkAliases(config.network.alias);
  const files = config.files.flatMap((f) => ("fifo" in f ? [] : [f]));
  if (files.length < config.files.length)
    throw new Error("a named pipe can only be put into a container the harness creates itself (launch)");
  if (files.length > 0) {
    container = container.withCopyContentToContainer(
      files.map((f) => ({ content: f.content, target: f.path, ...(f.mode === undefined ? {} : { mode: f.mode }) })),
    );
  }
  const binds = Object.entries(config.volumes);
  if (binds.length > 0) container = container.withBindMounts(binds.map(([source, target]) => ({ source, target })));
  return container;
}

export async function startImage(name: ImageName, flavorName: FlavorName, options: StartOptions): Promise<StartedTestContainer> {
  return (await imageContainer(name, flavorName, options)).start();
}
