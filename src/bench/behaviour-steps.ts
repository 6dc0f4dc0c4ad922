// For a pair of two distributions (alpine vs centos: the catalog's
// pairKind), the benchmark also runs the parity probes on both flavors and
// records every answer that differs, with its known reason, for the
// report's "What changes moving centos → alpine". A pair built from the same
// packages is held to parity by its suite instead, and a size-only run
// starts no container, so neither gets these steps.
import { pairKindOf, type FlavorName, type ImageName } from "../catalog.js";
import { compareBehaviour, type BehaviourComparison } from "../measure/parity/behaviour.js";
import { parityProbes, type ParityProbe } from "../measure/parity/probe.js";
import { probeFlavor } from "../measure/parity/probe-container.js";
import { pairsInUse, type RunPlan } from "../plan.js";
import type { BenchContext, Step } from "./workloads/workload.js";

export interface BehaviourSteps {
  readonly steps: readonly Step[];
  /** What the probes found for an image, one entry per pair of two distributions probed; undefined when none was. */
  behaviourOf(name: ImageName): readonly BehaviourComparison[] | undefined;
}

/** The pairs of two distributions an image has both flavors of in this run. */
function probedPairs(flavors: readonly FlavorName[]) {
  return pairsInUse().filter((p) => pairKindOf(p.tiny) === "two distributions" && flavors.includes(p.tiny) && flavors.includes(p.original));
}

/** A step per pair of two distributions of every image in the plan that declares a probe (its image.ts's `parity`). */
export async function behaviourSteps(plan: RunPlan, context: BenchContext): Promise<BehaviourSteps> {
  const found = new Map<ImageName, BehaviourComparison[]>();
  const probes = context.options.sizeOnly ? new Map<ImageName, ParityProbe>() : await parityProbes([...plan.available.keys()]);
  const steps = [...probes].flatMap(([name, probe]) =>
    probedPairs(plan.available.get(name) ?? []).map((pair): Step => ({
      label: `${name} [${pair.tiny}, ${pair.original}]: behaviour (the ${probe.name} probe on both)`,
      run: async () => {
        const cpus = context.isolation?.server;
        const original = await probeFlavor(name, probe, pair.original, context.owner, cpus);
        const tiny = await probeFlavor(name, probe, pair.tiny, context.owner, cpus);
        const input = { probe: probe.name, ...pair, sections: probe.sections, outcomes: { original, tiny } };
        found.set(name, [...(found.get(name) ?? []), compareBehaviour(input, probe.knownReasons ?? [])]);
      },
    })),
  );
  return { steps, behaviourOf: (name) => found.get(name) };
}
