// What every service workload measures the same way: two starts a round
// (start-up time, the second also taking load), memory idle after a settle,
// and the peak while the workload's load runs. The load itself is the
// workload's (http.ts, sql.ts).
import { setTimeout as sleep } from "node:timers/promises";
import type { FlavorName, ImageName } from "../../catalog.js";
import { memoryNow, samplePeakMemory } from "../../measure/memory.js";
import { timeToReady } from "../../measure/startup.js";
import { launch, type Launched } from "../../run/launch.js";
import { interleaved } from "../../plan.js";
import { summariseMemory, summariseStartup } from "../summarise.js";
import type { BenchContext, MeasuredFigures, Step, Workload } from "./workload.js";

/** Time for a started service to settle before its idle memory is read. */
const settleMs = 2_000;

export interface ServiceLoad {
  /** Unmeasured load first: PHP's opcache compiles on first use, InnoDB settles after its table is filled. */
  warmUp(container: Launched): Promise<void>;
  /** The round's measured load runs against a ready container. */
  measure(container: Launched, flavor: FlavorName): Promise<void>;
  /** The software as it reports itself ("PHP 8.2.29"), asked once per flavor. */
  software(container: Launched): Promise<string | undefined>;
  /** The load's own figures for a flavor, from what measure() collected. */
  figures(flavor: FlavorName): MeasuredFigures;
}

interface ServiceSamples {
  startupMs: number[];
  idleBytes: number[];
  peakBytes: number[];
  software?: string;
}

export function serviceWorkload(name: ImageName, context: BenchContext, load: ServiceLoad): Workload {
  const samples = new Map<FlavorName, ServiceSamples>();
  const of = (flavor: FlavorName): ServiceSamples => {
    if (!samples.has(flavor)) samples.set(flavor, { startupMs: [], idleBytes: [], peakBytes: [] });
    return samples.get(flavor)!;
  };

  const startTimed = async (flavor: FlavorName): Promise<Launched> => {
    const container = await launch(name, flavor, { owner: context.owner });
    try {
      of(flavor).startupMs.push(await timeToReady(name, flavor, container));
      return container;
    } catch (error) {
      await container.remove();
      throw error;
    }
  };

  const measureOnce = async (flavor: FlavorName): Promise<void> => {
    const s = of(flavor);
    // Two starts a round: one only for its start-up time, one that also takes load.
    await (await startTimed(flavor)).remove();
    const container = await startTimed(flavor);
    try {
      s.software ??= await load.software(container);
      await sleep(settleMs);
      s.idleBytes.push(await memoryNow(container.id));
      await load.warmUp(container);
      const peak = await samplePeakMemory(container.id);
      try {
        await load.measure(container, flavor);
      } finally {
        s.peakBytes.push(await peak.stop());
      }
    } finally {
      await container.remove();
    }
  };

  return {
    round: (flavors, round): Step[] =>
      interleaved(flavors, round).map((flavor) => ({
        label: `${name} [${flavor}]: start-up, memory, load`,
        run: () => measureOnce(flavor),
      })),
    figures: (flavor) => {
      const s = samples.get(flavor);
      if (!s || s.startupMs.length === 0) return {};
      return {
        ...(s.software ? { software: s.software } : {}),
        startup: summariseStartup(s.startupMs),
        memory: summariseMemory(s.idleBytes, s.peakBytes),
        ...load.figures(flavor),
      };
    },
  };
}
