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
  }
}

export interface StartOptions {
  /** The main process of the run the container belongs to. */
  readonly owner: number;
  readonly environment?: Readonly<Record<string, string>>;
  readonly startupTimeoutMs?: number;
}

export async function startImage(
  name: ImageName,
  flavorName: FlavorName,
  options: StartOptions,
): Promise<StartedTestContainer> {
  const spec = image(name);
  let container = new GenericContainer(imageTag(name, flavorName))
    .withLabels(ownedLabels(options.owner))
    .withExposedPorts(...spec.ports)
    .withEnvironment({ ...options.environment })
    .withWaitStrategy(waitStrategy(spec.readiness))
    .withStartupTimeout(options.startupTimeoutMs ?? 60_000);
  if (spec.command) container = container.withCommand([...spec.command]);
  return container.start();
}
