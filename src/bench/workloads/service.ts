// What every service workload measures the same way, a pair at a time:
// each flavor of the pair is started twice (start-up time; the second start
// stays up), memory idle is read after a settle, and then the workload's
// load runs in short bursts that alternate between the two running
// containers (A B, B A, ...), so each burst of the tiny flavor has a burst
// of the original right beside it in time: the pairs the verdict compares
// (measure/paired.ts). The load itself is the workload's (http.ts, sql.ts,
// own-load.ts); a service with none (idleService) gets start-up and memory.
import { setTimeout as sleep } from "node:timers/promises";
import type { FlavorName, ImageName } from "../../catalog.js";
import { memoryNow, samplePeakMemory, type PeakSampler } from "../../measure/memory.js";
import { cpuDuring, cpuPerAnswerUs } from "../../measure/server-cpu.js";
import { median } from "../../measure/stats.js";
import { timeToReady } from "../../measure/startup.js";
import { burstOrder, pairsInRound } from "../../plan.js";
import { launch, type Launched } from "../../run/launch.js";
import { summariseMemory, summariseStartup } from "../summarise.js";
import type { BenchContext, MeasuredFigures, Step, Workload } from "./workload.js";

/** Time for a started service to settle before its idle memory is read. */
const settleMs = 2_000;

export interface ServiceLoad {
  /** The load runs of a burst, in order (the pages of an HTTP workload). */
  readonly runs: readonly string[];
  /** Unmeasured load first: PHP's opcache compiles on first use, InnoDB settles after its table is filled. */
  warmUp(container: Launched): Promise<void>;
  /** One measured burst of one run against a ready container; how many answers it got (requests, queries). */
  burst(container: Launched, flavor: FlavorName, run: string, seconds: number): Promise<number>;
  /** The software as it reports itself ("PHP 8.2.29"), asked once per flavor. */
  software(container: Launched): Promise<string | undefined>;
  /** The load's own figures for a flavor, from what the bursts collected and the server's CPU per answer of each burst of a run. */
  figures(flavor: FlavorName, cpuUs: (run: string) => readonly number[]): MeasuredFigures;
}

interface ServiceSamples {
  startupMs: number[];
  idleBytes: number[];
  peakBytes: number[];
  /** The cores the server kept busy in each of its bursts. */
  serverCores: number[];
  /** The server's CPU per answer in each burst of a run, in µs, in pair order. */
  cpuUs: Map<string, number[]>;
  software?: string;
}

export interface ServiceWorkload extends Workload {
  /** The cores a flavor's server kept busy in each of its bursts, in order. */
  serverCores(flavor: FlavorName): readonly number[];
  /** The server's CPU per answer (µs) in each burst of a run, in pair order. */
  cpuUsOf(flavor: FlavorName, run: string): readonly number[];
}

/** How many bursts each flavor gets per run and round: the round's seconds of load in bursts of the burst length. */
export const burstsPerRound = (durationSeconds: number, burstSeconds: number): number =>
  Math.max(1, Math.round(durationSeconds / burstSeconds));

async function loadInBursts(
  load: ServiceLoad,
  running: ReadonlyMap<FlavorName, Launched>,
  order: readonly FlavorName[],
  options: BenchContext["options"],
  samplesOf: (flavor: FlavorName) => ServiceSamples,
): Promise<void> {
  const bursts = burstsPerRound(options.durationSeconds, options.burstSeconds);
  for (const run of load.runs) {
    for (let b = 0; b < bursts; b++) {
      for (const flavor of burstOrder(order, b)) {
        const container = running.get(flavor)!;
        const span = await cpuDuring(container.id, () => load.burst(container, flavor, run, options.burstSeconds));
        const samples = samplesOf(flavor);
        samples.serverCores.push(span.cpuNs / span.wallNs);
        // A burst with no answer at all counts as one, so it stays in its pair as a
        // very costly burst instead of shifting every later pair; its failures are the load's figures.
        const perAnswer = cpuPerAnswerUs(span.cpuNs, Math.max(1, span.result));
        samples.cpuUs.set(run, [...(samples.cpuUs.get(run) ?? []), perAnswer!]);
      }
    }
  }
}

/** Runs `load` while sampling each running container's memory, and keeps each one's peak. */
async function withPeaks(
  running: ReadonlyMap<FlavorName, Launched>,
  samplesOf: (flavor: FlavorName) => ServiceSamples,
  load: () => Promise<void>,
): Promise<void> {
  const peaks = new Map<FlavorName, PeakSampler>();
  for (const [flavor, container] of running) peaks.set(flavor, await samplePeakMemory(container.id));
  try {
    await load();
  } finally {
    for (const [flavor, peak] of peaks) samplesOf(flavor).peakBytes.push(await peak.stop());
  }
}

export function serviceWorkload(name: ImageName, context: BenchContext, load: ServiceLoad): ServiceWorkload {
  const samples = new Map<FlavorName, ServiceSamples>();
  const of = (flavor: FlavorName): ServiceSamples => {
    if (!samples.has(flavor)) samples.set(flavor, { startupMs: [], idleBytes: [], peakBytes: [], serverCores: [], cpuUs: new Map() });
    return samples.get(flavor)!;
  };
  const { owner, isolation, options } = context;

  const startTimed = async (flavor: FlavorName): Promise<Launched> => {
    const container = await launch(name, flavor, { owner, cpus: isolation?.server, ...context.serverOptions?.(flavor) });
    try {
      of(flavor).startupMs.push(await timeToReady(name, flavor, container));
      return container;
    } catch (error) {
      await container.remove();
      throw error;
    }
  };

  const measurePair = async (order: readonly FlavorName[]): Promise<void> => {
    const running = new Map<FlavorName, Launched>();
    try {
      // Two starts each: one only for its start-up time, one that stays up for the load.
      if (!context.loadOnly) for (const flavor of order) await (await startTimed(flavor)).remove();
      for (const flavor of order) running.set(flavor, await startTimed(flavor));
      await sleep(settleMs);
      for (const [flavor, container] of running) {
        of(flavor).software ??= await load.software(container);
        of(flavor).idleBytes.push(await memoryNow(container.id));
        await load.warmUp(container);
      }
      // A service with no load has no peak under load.
      if (load.runs.length > 0) await withPeaks(running, of, () => loadInBursts(load, running, order, options, of));
    } finally {
      for (const container of running.values()) await container.remove();
    }
  };

  return {
    serverCores: (flavor) => samples.get(flavor)?.serverCores ?? [],
    cpuUsOf: (flavor, run) => samples.get(flavor)?.cpuUs.get(run) ?? [],
    round: (flavors, round): Step[] =>
      pairsInRound(flavors, round).map(({ order }) => ({
        label: `${name} [${order.join(", ")}]: start-up, memory${load.runs.length > 0 ? ", load in paired bursts" : ""}`,
        run: () => measurePair(order),
      })),
    figures: (flavor) => {
      const s = samples.get(flavor);
      if (!s || s.startupMs.length === 0) return {};
      return {
        ...(s.software ? { software: s.software } : {}),
        startup: summariseStartup(s.startupMs),
        memory: summariseMemory(s.idleBytes, s.peakBytes),
        ...(s.serverCores.length > 0 ? { serverCores: median(s.serverCores) } : {}),
        ...load.figures(flavor, (run) => s.cpuUs.get(run) ?? []),
      };
    },
  };
}

/** A service with no load declared: start-up time and idle memory, nothing more. */
export function idleService(name: ImageName, context: BenchContext): ServiceWorkload {
  return serviceWorkload(name, context, {
    runs: [],
    warmUp: () => Promise.resolve(),
    burst: () => Promise.resolve(0),
    software: () => Promise.resolve(undefined),
    figures: () => ({}),
  });
}
