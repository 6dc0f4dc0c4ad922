// `npm run bench -- --calibrate`: what difference this machine, with these
// settings, can tell apart. nginx-php's PHP page is measured exactly as the
// benchmark measures a pair (paired bursts, the same CPUs), but both sides
// run the original's image: once as they are (no difference exists, so the
// interval's width is the noise), and once with the "tiny" side held to a
// CPU quota 5% below its CPUs (a known loss the run should detect).
import os from "node:os";
import { imageTag, type FlavorName } from "../catalog.js";
import { pairedDifference } from "../measure/paired.js";
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

async function phase(context: BenchContext, label: string, progress: BenchProgress, nanoCpus?: number): Promise<PairedResult> {
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
  return { n: d.n, ratio: d.ratio, low: d.low, high: d.high, detected: d.detected };
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
    sameImage,
    slowed: { ...slowed, cpuQuota, expectedLoss: calibrationLoss },
  };
}
