// Start-up time: from `docker start` to the catalog's readiness (the same
// check the suites wait for), polled every 20 ms.
import { accountOf, image, imageTag, type FlavorName, type ImageName } from "../catalog.js";
import { readyTimeoutDefault } from "../image-declaration.js";
import { outputOf } from "../run/inspect.js";
import type { Launched } from "../run/launch.js";
import { waitUntilReady, type ReadinessTarget } from "../run/readiness.js";

/** How the harness reaches a launched container's ports (on the bridge, or published by a remote engine). */
export function launchedTarget(name: ImageName, container: Launched): ReadinessTarget {
  const account = accountOf(name, container.environment);
  return {
    address: (port) => container.address(port),
    logs: async () => Object.values(await outputOf(container.id)).join(""),
    ...(account ? { account } : {}),
  };
}

/** Milliseconds from the start request to the first good answer; throws when none comes. */
export async function timeToReady(name: ImageName, flavorName: FlavorName, container: Launched): Promise<number> {
  const readiness = image(name).readiness;
  if (!readiness) throw new Error(`${name} has no readiness in the catalog to time its start-up by`);
  try {
    const readyAt = await waitUntilReady(readiness, launchedTarget(name, container), {
      timeoutMs: (readiness.timeoutSeconds ?? readyTimeoutDefault) * 1000,
      pollMs: 20,
      running: () => container.running(),
    });
    return readyAt - container.startRequestedAt;
  } catch (error) {
    throw new Error(`${imageTag(name, flavorName)} gave no good answer after starting: ${(error as Error).message}`);
  }
}
