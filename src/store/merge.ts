// Merges the reports of several runs into one (npm run report -- --merge):
// the nightly runs one job per flavor pair and architecture, each on its own
// machine, so pairs stay measured side by side on one machine, and its last
// job merges their JSON. Each image keeps the machine it was measured on
// (ImageReport.machine), so an image measured on x86_64 and on aarch64 is
// there twice, and everything that looks figures up (compare.ts, budgets,
// trend, junit) tells them apart by architecture (machine.ts). Only runs of
// one commit, with the same load settings, merge: anything else would put
// figures side by side that weren't measured alike. The one exception is a
// size-only run among full ones (a job whose benchmark failed, measuring
// what it still could): its images join as sizes only (ImageReport.sizesOnly).
// The jobs' own records (job-outcome.ts) are kept whole, so a pair whose
// tests failed shows with what failed.
import { flavorNames, imageNames } from "../catalog.js";
import { architectureOf, architecturesOf, flavorKey, machineOf } from "../report/machine.js";
import type { BenchReport, BenchSettings, ImageReport, JobOutcome, LoadGeneratorCheck, VulnerabilityScan } from "../report/schema.js";

/** A report and the file it came from, which every error names. */
export interface MergeInput {
  readonly file: string;
  readonly report: BenchReport;
}

/** Inputs that can't be merged: one line naming the file. */
export class MergeError extends Error {
  override name = "MergeError";
}

/** The settings every merged run must share: how the load was made (the images and flavors are what the runs split). */
const sharedSettings: readonly (keyof BenchSettings)[] = [
  "sizeOnly",
  "rounds",
  "durationSeconds",
  "burstSeconds",
  "connections",
  "isolation",
];

function shownSetting(value: unknown): string {
  return value === undefined ? "none" : JSON.stringify(value);
}

const sizeOnly = (report: BenchReport): boolean => report.settings.sizeOnly === true;

/** The input whose settings the merged report takes: the first full run, else the first. */
function referenceOf(inputs: readonly MergeInput[]): MergeInput {
  return inputs.find((i) => !sizeOnly(i.report)) ?? inputs[0]!;
}

/**
 * Refuses inputs that differ in commit or load settings, or that measured the
 * same image, flavor and architecture twice. A size-only run among full ones
 * ran no load, so only its commit must match.
 */
function checkMergeable(inputs: readonly MergeInput[]): void {
  const first = referenceOf(inputs);
  const seen = new Map<string, string>();
  for (const { file, report } of inputs) {
    if (report.environment.commit !== first.report.environment.commit) {
      throw new MergeError(`${file}: commit ${report.environment.commit} where ${first.file} has ${first.report.environment.commit}`);
    }
    // A size-only run among full ones ran no load: its load settings say nothing.
    const loadKeys = sizeOnly(report) === sizeOnly(first.report) ? sharedSettings : [];
    for (const key of loadKeys) {
      const [here, there] = [shownSetting(report.settings[key]), shownSetting(first.report.settings[key])];
      if (here !== there) throw new MergeError(`${file}: settings.${key} ${here} where ${first.file} has ${there}`);
    }
    for (const image of report.images) {
      for (const flavor of image.flavors) {
        const key = flavorKey(image.name, flavor.flavor, architectureOf(report, image));
        const other = seen.get(key);
        if (other !== undefined) {
          throw new MergeError(`${file}: ${image.name}:${flavor.flavor} on ${architectureOf(report, image)} is in ${other} too`);
        }
        seen.set(key, file);
      }
    }
  }
}

/** Each input's images with their machine, the catalog's image order first, then the inputs' order. */
function mergedImages(inputs: readonly MergeInput[]): ImageReport[] {
  const partial = !sizeOnly(referenceOf(inputs).report);
  const all = inputs.flatMap(({ report }) =>
    report.images.map((image) => ({
      ...image,
      machine: machineOf(report, image),
      ...(partial && sizeOnly(report) ? { sizesOnly: true as const } : {}),
    })),
  );
  return imageNames.flatMap((name) => all.filter((image) => image.name === name));
}

/** The architecture of an entry from a report of one run (merged inputs name theirs already). */
function runArchitecture(report: BenchReport): string {
  return architecturesOf(report)[0]!;
}

function mergedLoadGenerator(inputs: readonly MergeInput[]): LoadGeneratorCheck {
  const checks = inputs.map(({ report }) => ({ check: report.loadGenerator, architecture: runArchitecture(report) }));
  const wrk = checks.flatMap(({ check, architecture }) => (check.wrk ?? []).map((w) => ({ architecture, ...w })));
  const skipped = checks.flatMap(({ check, architecture }) => (check.wrkSkipped ? [`${architecture}: ${check.wrkSkipped}`] : []));
  return {
    maxCpu: Math.max(...checks.map(({ check }) => check.maxCpu)),
    threshold: Math.min(...checks.map(({ check }) => check.threshold)),
    saturated: checks.flatMap(({ check, architecture }) => check.saturated.map((s) => ({ architecture, ...s }))),
    ...(wrk.length > 0 ? { wrk } : {}),
    ...(skipped.length > 0 ? { wrkSkipped: [...new Set(skipped)].join("; ") } : {}),
  };
}

function mergedScan(inputs: readonly MergeInput[]): VulnerabilityScan | undefined {
  const scans = inputs.flatMap(({ report }) =>
    report.vulnerabilityScan ? [{ scan: report.vulnerabilityScan, architecture: runArchitecture(report) }] : [],
  );
  if (scans.length === 0) return undefined;
  const scanners = [...new Set(scans.flatMap(({ scan }) => (scan.scanner ? [scan.scanner] : [])))];
  const skipped = [...new Set(scans.flatMap(({ scan, architecture }) => (scan.skipped ? [`${architecture}: ${scan.skipped}`] : [])))];
  return {
    ...(scanners.length > 0 ? { scanner: scanners.join(", ") } : {}),
    ...(skipped.length > 0 ? { skipped: skipped.join("; ") } : {}),
  };
}

/**
 * One report of the inputs' figures: made when the earliest of them
 * started, at their commit, on the first input's machine (its environment;
 * every image names its own). Budgets, the comparison and the trend are left
 * out: they are worked out again for the whole (budget-check.ts,
 * write-report.ts). A calibration is of one machine and is left out too.
 * `jobs`: the CI jobs' records of themselves, kept as they are.
 */
export function mergeReports(inputs: readonly MergeInput[], jobs: readonly JobOutcome[] = []): BenchReport {
  if (inputs.length === 0) throw new MergeError("nothing to merge: give the reports of the runs");
  checkMergeable(inputs);
  const first = referenceOf(inputs);
  const reports = inputs.map((i) => i.report);
  const images = new Set(reports.flatMap((r) => r.settings.images));
  const flavors = new Set(reports.flatMap((r) => r.settings.flavors));
  const scan = mergedScan(inputs);
  return {
    schemaVersion: first.report.schemaVersion,
    generatedAt: reports.map((r) => r.generatedAt).sort((a, b) => Date.parse(a) - Date.parse(b))[0]!,
    settings: {
      ...first.report.settings,
      images: imageNames.filter((n) => images.has(n)),
      flavors: flavorNames.filter((n) => flavors.has(n)),
    },
    environment: { ...first.report.environment, commitDirty: reports.some((r) => r.environment.commitDirty) },
    unavailable: inputs.flatMap(({ report }) =>
      report.unavailable.map((u) => ({ ...u, architecture: u.architecture ?? runArchitecture(report) })),
    ),
    images: mergedImages(inputs),
    loadGenerator: mergedLoadGenerator(inputs),
    ...(scan ? { vulnerabilityScan: scan } : {}),
    ...(jobs.length > 0 ? { jobs } : {}),
  };
}
