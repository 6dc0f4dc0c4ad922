// The benchmark's orchestrator: builds what is missing, then runs the
// steps in order (sizes and contents once, then the rounds, in which every
// workload measures each pair of its image back to back, then the wrk
// check) and hands what they measured to the report's assembly. It knows
// no workload's details: see workloads/.
import os from "node:os";
import path from "node:path";
import type { ImageName } from "../catalog.js";
import { engineLocation } from "../docker.js";
import { prepareImages } from "../image-build/prepare.js";
import { readEnvironment } from "../measure/environment.js";
import { runPlan, type RunPlan, type StatusMatrix } from "../plan.js";
import type { BenchReport } from "../report/schema.js";
import { readSettings } from "../settings.js";
import { calibrationFile, readCalibration } from "../store/read-report.js";
import { assembleReport } from "./assemble.js";
import { behaviourSteps } from "./behaviour-steps.js";
import { reproduceSteps } from "./reproduce-steps.js";
import { pinThisProcess, splitCpus } from "./isolation.js";
import { generatorLog } from "./generator-log.js";
import { imageFigures, type ImageFigures } from "./image-figures.js";
import type { BenchOptions } from "./options.js";
import type { BenchProgress } from "./progress.js";
import { vulnerabilityScan } from "./vulnerability-scan.js";
import { autocannonCheck, workloadFor } from "./workloads/index.js";
import type { BenchContext, Step, Workload } from "./workloads/workload.js";

/** Builds what is missing, plans the run, and keeps servers and generators on their own CPUs unless told not to. */
export async function prepareBench(
  options: BenchOptions,
  owner: number,
  progress: BenchProgress,
): Promise<{ plan: RunPlan; context: BenchContext }> {
  const settings = { ...readSettings(), images: options.images, flavors: options.flavors, strict: options.strict };
  progress.step("building what is missing");
  const status = await prepareImages(settings, (line) => progress.detail(line), options.images);
  return { plan: runPlan(status, options.images, options.flavors), context: await benchContext(options, owner, status) };
}

/**
 * What a run measures with once its images are there (built, or given:
 * npm run compare): servers and generators on their own CPUs unless told
 * not to.
 */
export async function benchContext(options: BenchOptions, owner: number, status: StatusMatrix): Promise<BenchContext> {
  // A remote engine's servers have that machine's CPUs to themselves already;
  // a size-only run starts no server.
  const isolation = options.sharedCpus || options.sizeOnly || engineLocation().remote ? undefined : splitCpus(os.cpus().length);
  if (isolation) await pinThisProcess(isolation);
  return { options, owner, status, generator: generatorLog(), cacheDir: readSettings().cacheDir, ...(isolation ? { isolation } : {}) };
}

function sizeSteps(plan: RunPlan, context: BenchContext, into: Map<string, ImageFigures>): Step[] {
  return [...plan.available].flatMap(([name, flavors]) =>
    flavors.map((flavor) => ({
      label: `${name} [${flavor}]: size and contents`,
      run: async () => void into.set(`${name}:${flavor}`, await imageFigures(name, flavor, context.owner, context.cacheDir)),
    })),
  );
}

function roundSteps(plan: RunPlan, workloads: ReadonlyMap<ImageName, Workload>, rounds: number): Step[] {
  const steps: Step[] = [];
  for (let round = 1; round <= rounds; round++) {
    for (const [name, workload] of workloads) {
      for (const step of workload.round(plan.available.get(name) ?? [], round)) {
        steps.push({ ...step, label: `round ${round}/${rounds} · ${step.label}` });
      }
    }
  }
  return steps;
}

async function runSteps(steps: readonly Step[], progress: BenchProgress): Promise<void> {
  progress.plan(steps.length);
  for (const step of steps) {
    progress.step(step.label);
    await step.run();
  }
}

export async function runBench(options: BenchOptions, owner: number, progress: BenchProgress): Promise<BenchReport> {
  const generatedAt = new Date();
  const { plan, context } = await prepareBench(options, owner, progress);
  return measureBench(generatedAt, plan, context, progress);
}

/**
 * Measures what the plan makes available, with images already built: the
 * second half of runBench, and what a suite runs on images it tagged itself
 * (suites/standins.test.ts).
 */
export async function measureBench(generatedAt: Date, plan: RunPlan, context: BenchContext, progress: BenchProgress): Promise<BenchReport> {
  const { options } = context;
  const workloads = new Map<ImageName, Workload>();
  for (const name of options.sizeOnly ? [] : plan.available.keys()) {
    const workload = await workloadFor(name, context);
    if (workload) workloads.set(name, workload);
  }
  const wrk = await autocannonCheck(plan, workloads, context);
  const figures = new Map<string, ImageFigures>();
  const scan = await vulnerabilityScan(plan, context.cacheDir);
  const behaviour = await behaviourSteps(plan, context);
  // Last: a rebuild's load never falls on a measurement.
  const rebuilds = reproduceSteps(plan, options.reproduce, progress);
  await runSteps(
    [
      ...sizeSteps(plan, context, figures),
      ...scan.steps,
      ...behaviour.steps,
      ...roundSteps(plan, workloads, options.rounds),
      ...wrk.steps,
      ...rebuilds.steps,
    ],
    progress,
  );
  const calibration = await readCalibration(path.join(options.outDir, calibrationFile)).catch(() => undefined);
  return assembleReport({
    generatedAt,
    options,
    plan,
    environment: await readEnvironment(generatedAt),
    imageFigures: (name, flavor) => figures.get(`${name}:${flavor}`)!,
    workloadFigures: (name, flavor) => workloads.get(name)?.figures(flavor) ?? {},
    generator: context.generator,
    wrk: wrk.result(),
    vulnerabilities: scan,
    behaviour: (name) => behaviour.behaviourOf(name),
    reproduction: rebuilds.result,
    ...(context.isolation ? { isolation: context.isolation } : {}),
    ...(calibration ? { calibration } : {}),
  });
}
