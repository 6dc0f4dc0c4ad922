// Provision then build: what both the suites and the benchmark need before
// they start anything. Says, for every image and flavor, whether it can be
// used here and, when not, why.
import { access } from "node:fs/promises";
import path from "node:path";
import { buildOrder, dockerfileOf, flavor, hasFlavor, image, imagesDir, type ImageName } from "../catalog.js";
import { provisionFlavors } from "../provision/upstream.js";
import type { Status, StatusMatrix } from "../plan.js";
import type { Settings } from "../settings.js";
import { buildImage } from "./build-image.js";

export class UnavailableInStrictMode extends Error {
  constructor(unavailable: readonly string[]) {
    super(
      `strict mode (TINY_STRICT=1): ${unavailable.length} requested image(s) can't be built here:\n` +
        unavailable.map((line) => `  ${line}`).join("\n"),
    );
    this.name = "UnavailableInStrictMode";
    this.stack = `${this.name}: ${this.message}`;
  }
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

export async function prepareImages(
  settings: Settings,
  progress: (line: string) => void,
  imageNames: readonly ImageName[] = settings.images,
): Promise<StatusMatrix> {
  const names = buildOrder(imageNames);
  const provisioned = await provisionFlavors(settings.flavors, settings, progress);
  const matrix: StatusMatrix = Object.fromEntries(names.map((n) => [n, {}]));

  // Decide everything first, so strict mode fails before any build.
  const unavailable: string[] = [];
  for (const [flavorName, upstream] of provisioned) {
    // A flavor an image is not made in is not asked of it: absent, as if not requested.
    for (const name of names.filter((n) => hasFlavor(n, flavorName))) {
      const parent = image(name).parent;
      const parentStatus = parent ? matrix[parent]?.[flavorName] : undefined;
      let status: Status;
      if (!upstream.available) status = upstream;
      else if (!(await exists(path.join(imagesDir, dockerfileOf(name, flavorName))))) {
        status = { available: false, reason: `images/${dockerfileOf(name, flavorName)} is not written yet` };
      } else if (parentStatus && !parentStatus.available) {
        status = { available: false, reason: `its parent ${parent} [${flavorName}] is unavailable` };
      } else status = { available: true };
      matrix[name]![flavorName] = status;
      if (!status.available) unavailable.push(`${name} [${flavorName}]: ${status.reason}`);
    }
  }
  for (const line of unavailable) progress(`unavailable: ${line}`);
  if (settings.strict && unavailable.length > 0) throw new UnavailableInStrictMode(unavailable);

  for (const [flavorName, upstream] of provisioned) {
    if (!upstream.available) continue;
    for (const name of names) {
      if (!matrix[name]?.[flavorName]?.available) continue;
      await buildImage({
        image: name,
        flavor: flavorName,
        buildArgs: upstream.buildArgs,
        logDir: path.join(settings.cacheDir, "build-logs"),
        progress,
        ...(settings.platform ? { platform: settings.platform.docker } : {}),
        ...(settings.debianSnapshot ? { debianSnapshot: settings.debianSnapshot } : {}),
      });
    }
    progress(`${flavorName} (${flavor(flavorName).role}): built`);
  }
  return matrix;
}
