// `npm run bench -- --reproduce`: each reproducible flavor measured (scratch:
// built from its lock and normalised) is built again from nothing, without
// the build cache, and compared by image ID with the one measured; the
// report says for each whether it reproduced and, when not, the first
// difference (image-build/reproduce.ts). The nightly asks for it, so a
// published tiny image can be checked against what this repository builds.
import { flavor as flavorOf, type FlavorName, type ImageName } from "../catalog.js";
import { reproduce } from "../image-build/reproduce.js";
import type { RunPlan } from "../plan.js";
import { provisionFlavors } from "../provision/upstream.js";
import type { FlavorReport } from "../report/schema.js";
import { readSettings } from "../settings.js";
import type { BenchProgress } from "./progress.js";
import type { Step } from "./workloads/workload.js";

export interface ReproduceSteps {
  readonly steps: Step[];
  readonly result: (name: ImageName, flavor: FlavorName) => FlavorReport["reproduction"];
}

export function reproduceSteps(plan: RunPlan, asked: boolean, progress: BenchProgress): ReproduceSteps {
  const found = new Map<string, NonNullable<FlavorReport["reproduction"]>>();
  const wanted = asked
    ? [...plan.available].flatMap(([name, flavors]) => flavors.filter((f) => flavorOf(f).reproducible).map((f) => [name, f] as const))
    : [];
  const settings = readSettings();
  const steps = wanted.map(([name, flavor]) => ({
    label: `${name} [${flavor}]: built again from nothing, to check its image ID`,
    run: async () => {
      const upstream = (await provisionFlavors([flavor], settings, () => undefined)).get(flavor);
      if (!upstream?.available)
        throw new Error(`${name} [${flavor}] can't be rebuilt: ${upstream?.reason ?? "its upstream is unavailable"}`);
      const r = await reproduce({
        image: name,
        flavor,
        buildArgs: upstream.buildArgs,
        cacheDir: settings.cacheDir,
        ...(settings.debianSnapshot ? { debianSnapshot: settings.debianSnapshot } : {}),
        ...(settings.platform ? { platform: settings.platform.docker } : {}),
        progress: (line) => progress.detail(line),
      });
      found.set(`${name}:${flavor}`, {
        rebuiltId: r.rebuiltId,
        reproduced: r.rebuiltId === r.id,
        ...(r.difference ? { difference: r.difference } : {}),
      });
    },
  }));
  return { steps, result: (name, flavor) => found.get(`${name}:${flavor}`) };
}
