// Before any measuring: the two images are there, and each starts and
// answers as declared. A mistake found here costs seconds, not the minutes
// of sizes and rounds that would come first; each is one line, and the
// container it started is gone before the line is said.
import { localImageId } from "../docker.js";
import type { FlavorName } from "../image-declaration.js";
import { timeToReady } from "../measure/startup.js";
import { launch } from "../run/launch.js";
import { comparedName } from "./options.js";

/** One line per reference the engine doesn't have; nothing is pulled (no registry need be reachable). */
export async function missingImages(references: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const reference of references) {
    if (!(await localImageId(reference)))
      missing.push(`${reference}: no such image in the local engine (docker build or docker load it first; compare pulls nothing)`);
  }
  return missing;
}

/**
 * Starts each flavor once and waits for it to be ready (a port that never
 * answers waits its readiness's time-out; a 4xx or an exit ends it at once).
 */
export async function startsAndAnswers(flavors: readonly FlavorName[], owner: number, cpus: string | undefined): Promise<void> {
  for (const flavor of flavors) {
    const container = await launch(comparedName, flavor, { owner, ...(cpus ? { cpus } : {}) });
    try {
      await timeToReady(comparedName, flavor, container);
    } finally {
      await container.remove();
    }
  }
}
