// Whether the load generators kept up: each load run notes the share of a
// core its generator used; above the threshold the run measured the
// generator as much as the server, and the report says so.
import type { FlavorName, ImageName } from "../catalog.js";
import type { LoadGeneratorCheck } from "../report/schema.js";

/** Above this share of a core, a load generator is taken to have limited the figures. */
export const saturationThreshold = 0.9;

export interface GeneratorLog {
  note(image: ImageName, flavor: FlavorName, run: string, cpu: number): void;
  readonly maxCpu: number;
  readonly saturated: LoadGeneratorCheck["saturated"];
}

export function generatorLog(): GeneratorLog {
  const saturated: LoadGeneratorCheck["saturated"][number][] = [];
  let maxCpu = 0;
  return {
    note(image, flavor, run, cpu) {
      maxCpu = Math.max(maxCpu, cpu);
      if (cpu > saturationThreshold) saturated.push({ image, flavor, run, cpu });
    },
    get maxCpu() {
      return maxCpu;
    },
    saturated,
  };
}
