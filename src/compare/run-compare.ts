// `npm run compare`'s run: the pair registered as a run-time image, checked
// before anything is measured, then measured by the benchmark's own
// machinery (bench/run-bench.ts's measureBench) with the images as given:
// no build, no budgets (they are this repository's, for its images), and no
// history unless asked.
import type { BenchProgress } from "../bench/progress.js";
import { benchContext, measureBench } from "../bench/run-bench.js";
import type { FlavorName } from "../image-declaration.js";
import { interleaved, type RunPlan, type StatusMatrix } from "../plan.js";
import type { BenchReport } from "../report/schema.js";
import { readDeclarationFile } from "./declaration-file.js";
import { comparedName, type CompareOptions } from "./options.js";
import { missingImages, startsAndAnswers } from "./preflight.js";
import { registerCompared } from "./runtime-image.js";

/** A mistake in what was given (an image absent, a port that never answers): one line, exit code 1, nothing written. */
export class CompareError extends Error {
  override name = "CompareError";
}

/** What a declaration made of flags and a file still lacks to be measured. */
function declarationProblems(entry: ReturnType<typeof registerCompared>): string[] {
  const { image } = entry;
  const loads = Object.entries(image.loads ?? {});
  if (loads.length === 0) return ["no load: give --http <path> or --sql, or loads in the --declare file"];
  if (!image.readiness || image.ports.length === 0) return ["a loaded image needs a port and a readiness check: give --port"];
  return loads.flatMap(([key, load]) =>
    load.kind === "http" && !image.endpoints?.[load.endpoint] ? [`loads.${key}: endpoint ${load.endpoint} is not among its endpoints`] : [],
  );
}

/** Registers the pair and checks it: the declaration, then the engine's images, then one start of each. */
async function preparePair(options: CompareOptions, owner: number, progress: BenchProgress, cpus: string | undefined): Promise<void> {
  const declared = options.declareFile ? await readDeclarationFile(options.declareFile) : undefined;
  const problems = declarationProblems(registerCompared(options, declared));
  if (problems.length > 0) throw new CompareError(problems.join("; "));
  const missing = await missingImages([options.original, options.candidate]);
  if (missing.length > 0) throw new CompareError(missing.join("; "));
  progress.step("starting each image once: it must answer before anything is measured");
  await startsAndAnswers(["original", "candidate"], owner, cpus).catch((error: unknown) => {
    throw new CompareError((error as Error).message);
  });
}

/** The report of the pair, as the benchmark would write it for a pair of ours, without budgets. */
export async function runCompare(options: CompareOptions, owner: number, progress: BenchProgress): Promise<BenchReport> {
  const generatedAt = new Date();
  const flavors: FlavorName[] = ["original", "candidate"];
  const status: StatusMatrix = { [comparedName]: { original: { available: true }, candidate: { available: true } } };
  const context = await benchContext(options.bench, owner, status);
  await preparePair(options, owner, progress, context.isolation?.server);
  const plan: RunPlan = { available: new Map([[comparedName, interleaved(flavors)]]), unavailable: [] };
  const report = await measureBench(generatedAt, plan, context, progress);
  return withoutBudgets(report);
}

/** Budgets are this repository's limits for its own images: none applies to two a user names. */
function withoutBudgets(report: BenchReport): BenchReport {
  return Object.fromEntries(Object.entries(report).filter(([key]) => key !== "budgets")) as unknown as BenchReport;
}
