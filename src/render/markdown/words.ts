// The words every section shares: which run, which baseline, which flavor,
// and a figure in its unit. One vocabulary for the whole page: "original"
// and "tiny", with the flavor's name beside it where it is first needed.
import { formatBytes, formatCount, formatQuantity, bytesQuantity, msQuantity, rateQuantity, type Quantity } from "../format.js";
import type { Unit } from "../../report/figures.js";
import { architectureOf, assumedArchitecture, isMultiArchitecture } from "../../report/machine.js";
import { measuredPairs } from "../../report/pairs.js";
import type { BenchReport, Comparison, FlavorReport, ImageReport, Machine, RunRef } from "../../report/schema.js";

export function shortCommit(commit: string): string {
  return /^[0-9a-f]{40}$/i.test(commit) ? commit.slice(0, 7) : commit;
}

export function runName(run: { readonly generatedAt: string; readonly commit: string }): string {
  return `the run of ${run.generatedAt.slice(0, 10)} (${shortCommit(run.commit)})`;
}

/** What the figures were compared with: one run, or the median of several. */
export function baselineName(comparison: Comparison): string {
  const runs = comparison.baseline ?? [comparison.previous];
  if (runs.length === 1) return runName(comparison.previous);
  const oldest = runs[runs.length - 1]!;
  const span = (r: RunRef): string => `${r.generatedAt.slice(0, 16).replace("T", " ")} (${shortCommit(r.commit)})`;
  return `the median of the last ${runs.length} runs on this machine, ${span(oldest)} to ${span(comparison.previous)}`;
}

/** Flavors named for their side of a pair rather than a distribution: npm run compare's two images a user names. */
const sideNames: ReadonlySet<string> = new Set(["original", "candidate"]);

/** "tiny (scratch)", "original (debian)"; a flavor named for its side is its own label ("candidate"). */
export function flavorLabel(f: Pick<FlavorReport, "flavor" | "role">): string {
  return sideNames.has(f.flavor) ? f.flavor : `${f.role} (${f.flavor})`;
}

/** How the page names the two sides: the seed's tiny images and their originals, or a candidate and its original. */
export function sidesOf(report: Pick<BenchReport, "images"> & { settings?: BenchReport["settings"] }): {
  title: string;
  one: string;
  many: string;
  going: string;
  /** The comparison column's heading: "tiny vs original", "candidate vs original". */
  versus: string;
} {
  const flavors = report.images.flatMap((i) => i.flavors);
  const named = flavors.length > 0 && flavors.every((f) => sideNames.has(f.flavor));
  if (named) {
    return {
      title: "Candidate vs original image",
      one: "The candidate is",
      many: "The candidates are",
      going: "the candidate",
      versus: "candidate vs original",
    };
  }
  const title = report.settings?.sameImage ? "A/A: each original against itself (sizes: tiny vs original)" : "Tiny vs original images";
  return {
    title,
    one: "The tiny image is",
    many: "The tiny images are",
    going: report.settings?.sameImage ? "the same image" : "going tiny",
    versus: "tiny vs original",
  };
}

export const quantities: Record<Unit, (n: number) => Quantity> = {
  bytes: bytesQuantity,
  ms: msQuantity,
  µs: (n) => ({ value: n >= 100 ? formatCount(Math.round(n)) : String(Number(n.toPrecision(3))), unit: "µs" }),
  "req/s": (n) => rateQuantity(n),
  "queries/s": (n) => rateQuantity(n, "queries/s"),
  count: (n) => ({ value: formatCount(n), unit: "" }),
};

/** A figure in its unit: "5.9 MB", "412 ms", "1,234". */
export function byUnit(value: number, unit: Unit): string {
  return formatQuantity(quantities[unit](value)).trim();
}

/** The flavors of an image in reading order: each pair's original, then its tiny one. */
export function orderedFlavors(image: ImageReport): FlavorReport[] {
  return measuredPairs(image).flatMap((p) => [p.originalFigures, p.tinyFigures].filter((f): f is FlavorReport => f !== undefined));
}

/** "nginx-php", or "nginx-php on aarch64" in a report merged from several architectures, where it appears once per architecture. */
export function imageName(report: Pick<BenchReport, "environment" | "images">, image: ImageReport): string {
  return isMultiArchitecture(report) ? `${image.name} on ${architectureOf(report, image)}` : image.name;
}

/** "aarch64, 4 CPUs (Neoverse-N1), 16.8 GB": a machine in a few words, for a page or a log line. */
export function describeMachine(machine: Machine): string {
  const architecture = machine.architecture ?? assumedArchitecture;
  const cpus = `${machine.cpuCount} CPU${machine.cpuCount === 1 ? "" : "s"}`;
  return `${architecture}, ${cpus} (${machine.cpuModel}), ${formatBytes(machine.memoryBytes)}`;
}
