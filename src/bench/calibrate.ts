// `npm run bench -- --calibrate`: what difference this machine, with these
// settings, can tell apart. The HTTP load of the image that declares a
// calibration (`calibration: { load, module }` in its image.ts) is measured
// exactly as the benchmark measures a pair (paired bursts, the same CPUs),
// but both sides run the original's image: once as they are (no difference
// exists, so the interval's width is the noise), and once with one side
// serving a copy of the page that does a known 5% more CPU work per request
// (known-work.ts, the work itself the image's), sized on this machine first.
// Both figures the verdicts use are calibrated: the server's CPU per request
// and the throughput.
import { endpoint, image, imageTag, type FlavorName } from "../catalog.js";
import { httpLoad } from "../measure/http-load.js";
import { pairedDifference } from "../measure/paired.js";
import { cpuDuring, cpuPerAnswerUs } from "../measure/server-cpu.js";
import { loadWords } from "./workloads/index.js";
import { timeToReady } from "../measure/startup.js";
import { pairOf } from "../plan.js";
import type { ContainerFile } from "../run/container-files.js";
import { launch } from "../run/launch.js";
import { loadFigures } from "../report/figures.js";
import type { Calibration, CalibratedFigure, PairedResult } from "../report/schema.js";
import {
  calibratedImage,
  importKnownWork,
  knownWorkPage,
  pagePath,
  pageSource,
  probePathBeside,
  sizeWork,
  type KnownWork,
  type Sizing,
} from "./known-work.js";
import type { BenchOptions } from "./options.js";
import type { BenchProgress } from "./progress.js";
import { prepareBench } from "./run-bench.js";
import { httpDriver, pageUrl } from "./workloads/http.js";
import { serviceWorkload, type ServiceWorkload } from "./workloads/service.js";
import type { BenchContext } from "./workloads/workload.js";

const original: FlavorName = "debian";
/** The known loss: the copy's page does this share more CPU work per request. */
export const knownLoss = 0.05;
/** Iterations of the sizing probe: enough to dwarf the page, few enough for hundreds of requests a second. */
const probeIterations = 100_000;
const sizingBursts = 5;

async function phase(context: BenchContext, label: string, progress: BenchProgress, files?: ContainerFile[]): Promise<ServiceWorkload> {
  const { name, calibration, page } = calibratedImage();
  const { tiny } = pairOf(original);
  const tag = imageTag(name, original);
  const serverOptions = (f: FlavorName) => (f === tiny && files ? { tag, files } : { tag });
  const phaseContext = { ...context, serverOptions, loadOnly: true };
  const load = image(name).loads![calibration.load]!;
  const { label: words, answer } = loadWords(calibration.load, load);
  const workload = serviceWorkload(name, phaseContext, [httpDriver(name, phaseContext, calibration.load, page, words, answer)]);
  for (let round = 1; round <= context.options.rounds; round++) {
    for (const step of workload.round([tiny, original], round)) {
      progress.step(`${label} · round ${round}/${context.options.rounds}: the ${calibration.load} load, paired bursts`);
      await step.run();
    }
  }
  return workload;
}

/** One burst of a page, and the server's CPU per request in it. */
async function cpuPerRequest(containerId: string, url: string, context: BenchContext): Promise<number> {
  const span = await cpuDuring(containerId, () => httpLoad(url, context.options.connections, 1));
  return cpuPerAnswerUs(span.cpuNs, Math.max(1, span.result.answers))!;
}

/** Measures the page and a probe with many iterations on one server, alternating, and sizes the known work from them. */
async function sizeKnownWork(context: BenchContext, work: KnownWork, progress: BenchProgress): Promise<Sizing> {
  const { name, calibration, page: pageName } = calibratedImage();
  progress.step(`sizing the known work: the ${calibration.load} load's page against a probe with extra work`);
  const page = await pageSource(name, pageName);
  const probePath = probePathBeside(endpoint(name, pageName));
  const probe = knownWorkPage(work, page, probeIterations, pagePath(name, probePath));
  const container = await launch(name, original, { owner: context.owner, cpus: context.isolation?.server, files: [probe] });
  try {
    await timeToReady(name, original, container);
    const pageUrlOf = pageUrl(name, container, pageName);
    const probeUrl = pageUrlOf.replace(/\/[^/]*$/, probePath);
    await httpLoad(pageUrlOf, context.options.connections, 1);
    await httpLoad(probeUrl, context.options.connections, 1);
    const pageUs: number[] = [];
    const probeUs: number[] = [];
    for (let b = 0; b < sizingBursts; b++) {
      pageUs.push(await cpuPerRequest(container.id, pageUrlOf, context));
      probeUs.push(await cpuPerRequest(container.id, probeUrl, context));
    }
    return sizeWork(pageUs, probeUs, probeIterations, knownLoss);
  } finally {
    await container.remove();
  }
}

function paired(figure: string, tinyValues: readonly number[], originalValues: readonly number[]): PairedResult {
  const d = pairedDifference(tinyValues, originalValues);
  if (!d) throw new Error(`${figure}: fewer than 2 pairs; use more --rounds or a longer --duration`);
  return { n: d.n, ratio: d.ratio, low: d.low, high: d.high, detected: d.detected, tiny: [...tinyValues], original: [...originalValues] };
}

/** A calibrated figure's label in the calibrated image's words ("PHP page CPU per request"), as its report section says it. */
export function calibratedLabel(key: string): string {
  const { name, calibration } = calibratedImage();
  const words = loadWords(calibration.load, image(name).loads![calibration.load]!);
  const meta = { name: calibration.load, ...words, main: true, failureKinds: [] };
  return loadFigures(meta).find((f) => f.key === key)?.label ?? key;
}

function calibrated(same: ServiceWorkload, known: ServiceWorkload): CalibratedFigure[] {
  const { tiny } = pairOf(original);
  const { load } = calibratedImage().calibration;
  // More work per request: more CPU per request, fewer requests a second.
  const sides = [
    { figure: `loads.${load}.cpuUs`, expected: "higher", of: (w: ServiceWorkload, f: FlavorName) => w.perAnswerOf(f, load, "cpuUs") },
    { figure: `loads.${load}.perSec`, expected: "lower", of: (w: ServiceWorkload, f: FlavorName) => w.valuesOf(f, load) },
  ] as const;
  return sides.map(({ figure, expected, of }) => ({
    figure,
    sameImage: paired(figure, of(same, tiny), of(same, original)),
    knownWork: paired(figure, of(known, tiny), of(known, original)),
    expected,
  }));
}

export async function runCalibration(options: BenchOptions, owner: number, progress: BenchProgress): Promise<Calibration> {
  const { name, calibration, page } = calibratedImage();
  const work = await importKnownWork(name, calibration.module);
  const generatedAt = new Date().toISOString();
  const { plan, context } = await prepareBench({ ...options, images: [name], flavors: [original] }, owner, progress);
  if (!plan.available.get(name)?.includes(original)) {
    throw new Error(`the calibration runs ${imageTag(name, original)}, which can't be built here`);
  }
  progress.plan(1 + 2 * options.rounds);
  const sizing = await sizeKnownWork(context, work, progress);
  const same = await phase(context, "same image on both sides", progress);
  const copy = [knownWorkPage(work, await pageSource(name, page), sizing.iterations)];
  const known = await phase(context, `one side with ${Math.round(knownLoss * 100)}% more work per request`, progress, copy);
  const { rounds, durationSeconds, burstSeconds, connections } = options;
  return {
    calibrationVersion: 2,
    generatedAt,
    settings: { rounds, durationSeconds, burstSeconds, connections, ...(context.isolation ? { isolation: context.isolation } : {}) },
    knownLoss,
    sizing,
    figures: calibrated(same, known),
  };
}
