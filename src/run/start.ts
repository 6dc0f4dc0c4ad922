// Starts an image of a flavor as the catalog describes it, labelled so the
// harness can remove it, and waits until it is ready.
import { GenericContainer, Wait, type StartedTestContainer, type WaitStrategy } from "testcontainers";
import { image, imageTag, type FlavorName, type ImageName, type Readiness } from "../catalog.js";
import "../provision/docker.js";
import { ownedLabels } from "./cleanup.js";

function waitStrategy(readiness: Readiness): WaitStrategy {
  switch (readiness.kind) {
    case "log":
      return Wait.forLogMessage(readiness.message);
    case "http":
      return Wait.forHttp(readiness.path, readiness.port)
        .forStatusCode(200)
        .forResponsePredicate((body) => body === readiness.body)
        .withReadTimeout(2_000);
    case "exits":
      throw new Error("a client image is never ready: run it with runOnce (run/run-once.ts)");
  }
}

export interface StartOptions {
  /** The main process of the run the container belongs to. */
  readonly owner: number;
  /** Added to, and overriding, the catalog's environment for the image. */
  readonly environment?: Readonly<Record<string, string>>;
  /** A network (run/network.ts) to join, reachable there by this alias. */
  readonly network?: { readonly name: string; readonly alias: string };
  /** Named volumes (run/network.ts) to mount: volume name -> path in the container. */
  readonly volumes?: Readonly<Record<string, string>>;
  readonly startupTimeoutMs?: number;
}

/** The container as the catalog describes it, not yet started. */
export function imageContainer(name: ImageName, flavorName: FlavorName, options: StartOptions): GenericContainer {
  const spec = image(name);
  let container = new GenericContainer(imageTag(name, flavorName))
    .withLabels(ownedLabels(options.owner))
    .withExposedPorts(...spec.ports)
    .withEnvironment({ ...spec.environment, ...options.environment })
    .withWaitStrategy(waitStrategy(spec.readiness))
    .withStartupTimeout(options.startupTimeoutMs ?? 60_000);
  if (spec.command) container = container.withCommand([...spec.command]);
  if (options.network) {
    container = container.withNetworkMode(options.network.name).withNetworkAliases(options.network.alias);
  }
  const binds = Object.entries(options.volumes ?? {});
  if (binds.length > 0) container = container.withBindMounts(binds.map(([source, target]) => ({ source, target })));
  return container;
}

export function startImage(name: ImageName, flavorName: FlavorName, options: StartOptions): Promise<StartedTestContainer> {
  return imageContainer(name, flavorName, options).start();
}
