// Provision then build: what both the suites and the benchmark need before
// they start anything. Returns, per flavor, whether it can be used and why not.
import path from "node:path";
import { buildOrder, flavor, type FlavorName } from "../catalog.js";
import { provisionFlavors } from "../provision/upstream.js";
import type { Settings } from "../settings.js";
import { buildImage } from "./build-image.js";

export type FlavorStatus = { readonly available: true } | { readonly available: false; readonly reason: string };

export class UnavailableInStrictMode extends Error {
  constructor(unavailable: ReadonlyArray<[FlavorName, string]>) {
    super(
      `strict mode (TINY_STRICT=1): ${unavailable.length} requested flavor(s) can't be built here:\n` +
        unavailable.map(([name, reason]) => `  ${name}: ${reason}`).join("\n"),
    );
    this.name = "UnavailableInStrictMode";
    this.stack = `${this.name}: ${this.message}`;
  }
}

export async function prepareFlavors(
  settings: Settings,
  progress: (line: string) => void,
): Promise<Record<FlavorName, FlavorStatus>> {
  const provisioned = await provisionFlavors(settings.flavors, settings, progress);
  const status = {} as Record<FlavorName, FlavorStatus>;
  const unavailable: Array<[FlavorName, string]> = [];
  for (const [name, availability] of provisioned) {
    if (availability.available) status[name] = { available: true };
    else {
      status[name] = availability;
      unavailable.push([name, availability.reason]);
      progress(`${name}: unavailable: ${availability.reason}`);
    }
  }
  if (settings.strict && unavailable.length > 0) throw new UnavailableInStrictMode(unavailable);

  for (const [name, availability] of provisioned) {
    if (!availability.available) continue;
    for (const imageName of buildOrder()) {
      await buildImage({
        image: imageName,
        flavor: name,
        buildArgs: availability.buildArgs,
        logDir: path.join(settings.cacheDir, "build-logs"),
        progress,
      });
    }
    progress(`${name} (${flavor(name).role}): ready`);
  }
  return status;
}
