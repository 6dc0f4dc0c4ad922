// What every service workload measures the same way, a pair at a time:
// each flavor of the pair is started twice (start-up time; the second start
// stays up), memory idle is read after a settle, and then the workload's
// load runs in short bursts that alternate between the two running
// containers (A B, B A, ...), so each burst of the tiny flavor has a burst
// of the original right beside it in time: the pairs the verdict compares
// (measure/paired.ts). Each declared load is a driver of its kind (http.ts,
// sql.ts, own-load.ts) that only sends a burst and says what came back;
// the CPU around it and every figure are taken here alike for all. A
// service with none (idleService) gets start-up and memory.
import { setTimeout as sleep } from "node:timers/promises";
import { imageTag, type FlavorName, type ImageName } from "../../catalog.js";
import { memoryNow, samplePeakMemory, type PeakSampler } from "../../measure/memory.js";
import { cpuDuring, perAnswerUs } from "../../measure/server-cpu.js";
import { median } from "../../measure/stats.js";
import { timeToReady } from "../../measure/startup.js";
import { burstOrder, pairOf, pairsInRound } from "../../plan.js";
import { launch, type Launched } from "../../run/launch.js";
import { summariseLoad, summariseMemory, summariseStartup, type LoadRun, type LoadWords } from "../summarise.js";
import type { BenchContext, MeasuredFigures, Step, Workload } from "./workload.js";

/** Time for a started service to settle before its idle memory is read. */
const settleMs = 2_000;

/** One declared load of a service, as its kind drives it: what it sends, not what it costs. */
export interface LoadDriver {
  /** Its name in the image's `loads`. */
  readonly name: string;
  readonly words: LoadWords;
  /** Unmeasured load first: PHP's opcache compiles on first use, InnoDB settles after its table is filled. */
  warmUp(container: Launched): Promise<void>;
  /** One measured burst against a ready container, and the share of a core its generator used. */
  burst(container: Launched, seconds: number): Promise<LoadRun & { readonly generatorCpu: number }>;
  /** The software as it reports itself ("PHP 8.2.29"), asked once per flavor; absent: it says nothing. */
  software?(container: Launched): Promise<string | undefined>;
}

interface ServiceSamples {
  startupMs: number[];
  idleBytes: number[];
  peakBytes: number[];
  /** The cores the server kept busy in each of its bursts. */
  serverCores: number[];
  /** Each load's bursts, in pair order. */
  runs: Map<string, LoadRun[]>;
  /** Each load's per-answer measures (cpuUs, userUs, systemUs) of each burst, in pair order. */
  perAnswer: Map<string, Record<string, number[]>>;
  software?: string;
}

export interface ServiceWorkload extends Workload {
  /** The cores a flavor's server kept busy in each of its bursts, in order. */
  serverCores(flavor: FlavorName): readonly number[];
  /** A per-answer measure (cpuUs) of a load's bursts, in pair order. */
  perAnswerOf(flavor: FlavorName, load: string, measure: string): readonly number[];
  /** A load's answers/s of every burst, in order. */
  valuesOf(flavor: FlavorName, load: string): readonly number[];
}

/** How many bursts each flavor gets per run and round: the round's seconds of load in bursts of the burst length. */
export const burstsPerRound = (durationSeconds: number, burstSeconds: number): number =>
  Math.max(1, Math.round(durationSeconds / burstSeconds));

async function loadInBursts(
  drivers: readonly LoadDriver[],
  running: ReadonlyMap<FlavorName, Launched>,
  order: readonly FlavorName[],
  context: BenchContext & { readonly name: string },
  samplesOf: (flavor: FlavorName) => ServiceSamples,
): Promise<void> {
  const { options } = context;
  const bursts = burstsPerRound(options.durationSeconds, options.burstSeconds);
  for (const driver of drivers) {
    for (let b = 0; b < bursts; b++) {
      for (const flavor of burstOrder(order, b)) {
        const container = running.get(flavor)!;
        const span = await cpuDuring(container.id, () => driver.burst(container, options.burstSeconds));
        const { generatorCpu, ...run } = span.result;
        context.generator.note(context.name, flavor, driver.name, generatorCpu);
        const samples = samplesOf(flavor);
        samples.serverCores.push(span.cpuNs / span.wallNs);
        samples.runs.set(driver.name, [...(samples.runs.get(driver.name) ?? []), run]);
        // A burst with no answer at all counts as one, so it stays in its pair as a
        // very costly burst instead of shifting every later pair; its failures are the load's figures.
        const measures = samples.perAnswer.get(driver.name) ?? {};
        for (const [measure, value] of Object.entries(perAnswerUs(span.used, run.answers))) (measures[measure] ??= []).push(value);
        samples.perAnswer.set(driver.name, measures);
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

/** Starts a flavor's server on the servers' CPUs and times it to its first good answer; removed again if it never gets there. */
async function startServer(name: ImageName, flavor: FlavorName, context: BenchContext, started: (ms: number) => void): Promise<Launched> {
  const container = await launch(name, flavor, {
    owner: context.owner,
    cpus: context.isolation?.server,
    ...sameImageTag(name, flavor, context),
    ...context.serverOptions?.(flavor),
  });
  try {
    started(await timeToReady(name, flavor, container));
    return container;
  } catch (error) {
    await container.remove();
    throw error;
  }
}

export function serviceWorkload(name: ImageName, context: BenchContext, drivers: readonly LoadDriver[]): ServiceWorkload {
  const samples = new Map<FlavorName, ServiceSamples>();
  const of = (flavor: FlavorName): ServiceSamples => {
    if (!samples.has(flavor))
      samples.set(flavor, { startupMs: [], idleBytes: [], peakBytes: [], serverCores: [], runs: new Map(), perAnswer: new Map() });
    return samples.get(flavor)!;
  };
  const startTimed = (flavor: FlavorName): Promise<Launched> => startServer(name, flavor, context, (ms) => of(flavor).startupMs.push(ms));

  const measurePair = async (order: readonly FlavorName[]): Promise<void> => {
    const running = new Map<FlavorName, Launched>();
    try {
      // Two starts each: one only for its start-up time, one that stays up for the load.
      if (!context.loadOnly) for (const flavor of order) await (await startTimed(flavor)).remove();
      for (const flavor of order) running.set(flavor, await startTimed(flavor));
      await sleep(settleMs);
      for (const [flavor, container] of running) {
        of(flavor).software ??= await softwareOf(drivers, container);
        of(flavor).idleBytes.push(await memoryNow(container.id));
        for (const driver of drivers) await driver.warmUp(container);
      }
      // A service with no load has no peak under load.
      if (drivers.length > 0) await withPeaks(running, of, () => loadInBursts(drivers, running, order, { ...context, name }, of));
    } finally {
      for (const container of running.values()) await container.remove();
    }
  };

  return {
    serverCores: (flavor) => samples.get(flavor)?.serverCores ?? [],
    perAnswerOf: (flavor, load, measure) => samples.get(flavor)?.perAnswer.get(load)?.[measure] ?? [],
    valuesOf: (flavor, load) =>
      samples
        .get(flavor)
        ?.runs.get(load)
        ?.map((r) => r.perSec) ?? [],
    round: (flavors, round): Step[] =>
      pairsInRound(flavors, round).map(({ order }) => ({
        label: `${name} [${order.join(", ")}]: start-up, memory${drivers.length > 0 ? ", load in paired bursts" : ""}`,
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
        ...loadFigures(drivers, s),
      };
    },
  };
}

/** What the first driver that can tell says the software is. */
async function softwareOf(drivers: readonly LoadDriver[], container: Launched): Promise<string | undefined> {
  for (const driver of drivers) {
    const said = await driver.software?.(container);
    if (said) return said;
  }
  return undefined;
}

/** Each load's figures by its name, in the declaration's order; none for a service measured without load. */
function loadFigures(drivers: readonly LoadDriver[], s: ServiceSamples): MeasuredFigures {
  const measured = drivers.filter((d) => (s.runs.get(d.name)?.length ?? 0) > 0);
  if (measured.length === 0) return {};
  return { loads: Object.fromEntries(measured.map((d) => [d.name, summariseLoad(d.words, s.runs.get(d.name)!, s.perAnswer.get(d.name))])) };
}

/** In an A/A run (--same-image), the tag a flavor runs: its pair's original's, so both sides run one image. */
export function sameImageTag(name: ImageName, flavor: FlavorName, context: BenchContext): { tag?: string } {
  return context.options.sameImage ? { tag: imageTag(name, pairOf(flavor).original) } : {};
}

/** A service with no load declared: start-up time and idle memory, nothing more. */
export function idleService(name: ImageName, context: BenchContext): ServiceWorkload {
  return serviceWorkload(name, context, []);
}
