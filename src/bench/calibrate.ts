// `npm run bench -- --calibrate`: what difference this machine, with these
// settings, can tell apart. nginx-php's PHP page is measured exactly as the
// benchmark measures a pair (paired bursts, the same CPUs), but both sides
// run the original's image: once as they are (no difference exists, so the
// interval's width is the noise), and once with the "tiny" side held to a
// CPU quota 5% below its CPUs. That quota is a known loss only as far as the
// server keeps its CPUs busy: one that used 0.97 of its CPU loses 2% under a
// 0.95 quota, one waiting on its load generator nothing. So the cores each
// side used are measured, and the expected loss is derived from them.
import os from "node:os";
import { imageTag, type FlavorName } from "../catalog.js";
import { pairedDifference } from "../measure/paired.js";
import { median } from "../measure/stats.js";
import { pairOf } from "../plan.js";
import type { Calibration, PairedResult } from "../report/schema.js";
import type { BenchOptions } from "./options.js";
import type { BenchProgress } from "./progress.js";
import { cpusIn } from "./isolation.js";
import { prepareBench } from "./run-bench.js";
import { httpWorkload } from "./workloads/http.js";
import type { BenchContext } from "./workloads/workload.js";

const name = "nginx-php";
const original: FlavorName = "debian";
/** The known loss: the slowed side gets this much less CPU. */
export const calibrationLoss = 0.05;

interface Phase {
  readonly result: PairedResult;
  /** The median cores each side's server kept busy in its bursts. */
  readonly cores: { readonly full: number; readonly slowed: number };
}

async function phase(context: BenchContext, label: string, progress: BenchProgress, nanoCpus?: number): Promise<Phase> {
  const { tiny } = pairOf(original);
  const tag = imageTag(name, original);
  const slots: FlavorName[] = [tiny, original];
  const workload = httpWorkload(name, { ...context, serverLimits: (f) => (f === tiny && nanoCpus ? { tag, nanoCpus } : { tag }) }, ["php"]);
  for (let round = 1; round <= context.options.rounds; round++) {
    for (const step of workload.round(slots, round)) {
      progress.step(`${label} · round ${round}/${context.options.rounds}: the PHP page, paired bursts`);
      await step.run();
    }
  }
  const d = pairedDifference(workload.valuesOf(tiny, "php"), workload.valuesOf(original, "php"));
  if (!d) throw new Error(`${label}: fewer than 2 pairs; use more --rounds or a longer --duration`);
  const cores = { full: median(workload.serverCores(original)), slowed: median(workload.serverCores(tiny)) };
  return { result: { n: d.n, ratio: d.ratio, low: d.low, high: d.high, detected: d.detected }, cores };
}

/** The throughput a CPU quota takes from a server that kept `cores` busy without it. */
export function expectedLoss(cpuQuota: number, cores: number): number {
  return cores > cpuQuota ? 1 - cpuQuota / cores : 0;
}

export async function runCalibration(options: BenchOptions, owner: number, progress: BenchProgress): Promise<Calibration> {
  const generatedAt = new Date().toISOString();
  const { plan, context } = await prepareBench({ ...options, images: [name], flavors: [original] }, owner, progress);
  if (!plan.available.get(name)?.includes(original)) {
    throw new Error(`the calibration runs ${imageTag(name, original)}, which can't be built here`);
  }
  progress.plan(2 * options.rounds);
  const cpus = context.isolation ? cpusIn(context.isolation.server) : os.cpus().length;
  const cpuQuota = cpus * (1 - calibrationLoss);
  const sameImage = await phase(context, "same image on both sides", progress);
  const slowed = await phase(context, `one side with ${Math.round(calibrationLoss * 100)}% less CPU`, progress, Math.round(cpuQuota * 1e9));
  const { rounds, durationSeconds, burstSeconds, connections } = options;
  return {
    generatedAt,
    settings: { rounds, durationSeconds, burstSeconds, connections, ...(context.isolation ? { isolation: context.isolation } : {}) },
    figure: "http.php.requestsPerSec",
    sameImage: sameImage.result,
    slowed: { ...slowed.result, cpuQuota, expectedLoss: expectedLoss(cpuQuota, slowed.cores.full), serverCores: slowed.cores },
  };
}
