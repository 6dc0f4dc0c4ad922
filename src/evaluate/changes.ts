// Compares a run with its baseline: the median of each figure over the last
// few runs made under the same conditions (one run alone moved the PHP page
// by 29% with nothing changed). Every figure of the registry that both sides
// measured for the same image and flavor, how much it moved, and which moves
// are big enough to call regressions. Timings only compare on the same
// machine with the same load, so a change of either is reported for the
// markdown to warn. A merged report (merge.ts) holds an image once per
// architecture: figures are matched by image, flavor and architecture, and
// each architecture's machine is held against the same architecture's.
import type { FlavorName, ImageName } from "../catalog.js";
import { machineFrom } from "../measure/environment.js";
import { median } from "../measure/stats.js";
import { regressionThreshold } from "../report/budgets.js";
import { evaluationOf, judgementOf } from "./evaluate.js";
import { confidence } from "./outcome.js";
import { figure as figureOf, figuresOf, type Figure } from "../report/figures.js";
import { measuredPairs } from "../report/pairs.js";
import { architectureOf, assumedArchitecture, flavorKey, machineOf, onArchitecture, type Machine } from "../report/machine.js";
import type {
  BenchReport,
  BenchSettings,
  Comparison,
  ConditionChange,
  FigureDelta,
  FlavorReport,
  OnArchitecture,
  RunRef,
} from "../report/schema.js";

/** How many earlier runs a baseline takes at most. */
export const baselineSize = 5;

// What makes runtime figures of two runs incomparable: a different machine,
// kernel or engine, or a different load.
interface ConditionField<T> {
  readonly field: keyof T;
  readonly label: string;
  /** What an absent value means. */
  readonly absent?: string;
}

const machineFields: readonly ConditionField<Machine>[] = [
  { field: "cpuModel", label: "CPU model" },
  { field: "cpuCount", label: "CPU count" },
  { field: "kernel", label: "kernel" },
  { field: "dockerVersion", label: "Docker version" },
  { field: "serverEngine", label: "server engine", absent: "this machine's" },
];
const settingsFields: readonly ConditionField<BenchSettings>[] = [
  { field: "connections", label: "connections" },
  { field: "durationSeconds", label: "duration (s)" },
  { field: "burstSeconds", label: "burst (s)" },
  // Servers on one CPU of two measure other throughput than on both.
  { field: "isolation", label: "CPUs", absent: "shared" },
];

/** A setting as the warning shows it: CPU splits in words, the rest as they are. */
function shown(value: unknown, absent = "none"): string {
  if (value === undefined) return absent;
  if (typeof value === "object" && value !== null && "host" in value && "cpuCount" in value) {
    return `${String(value.host)} (${String(value.cpuCount)} CPUs)`;
  }
  if (typeof value === "object" && value !== null && "server" in value && "generator" in value) {
    return `servers ${String(value.server)}, generators ${String(value.generator)}`;
  }
  return typeof value === "string" || typeof value === "number" ? String(value) : JSON.stringify(value);
}

/** Each architecture's machine: in a merged report, that of its first image; else the report's environment. */
function machinesOf(report: BenchReport): Map<string, Machine> {
  const machines = new Map<string, Machine>();
  for (const image of report.images) {
    const architecture = architectureOf(report, image);
    if (!machines.has(architecture)) machines.set(architecture, machineOf(report, image));
  }
  if (machines.size === 0) machines.set(report.environment.architecture ?? assumedArchitecture, machineFrom(report.environment));
  return machines;
}

function changed<T>(fields: readonly ConditionField<T>[], now: T, before: T, prefix = ""): ConditionChange[] {
  return fields
    .filter(({ field }) => shown(now[field]) !== shown(before[field]))
    .map(({ field, label, absent }) => ({
      label: `${prefix}${label}`,
      previous: shown(before[field], absent),
      current: shown(now[field], absent),
    }));
}

/** What differs between two runs' machines (architecture by architecture) and load; nothing when their timings compare. */
export function conditionChanges(current: BenchReport, previous: BenchReport): ConditionChange[] {
  const [now, before] = [machinesOf(current), machinesOf(previous)];
  const common = [...now.keys()].filter((architecture) => before.has(architecture));
  const machines =
    common.length === 0
      ? [{ label: "architecture", previous: [...before.keys()].join(", "), current: [...now.keys()].join(", ") }]
      : common.flatMap((a) => changed(machineFields, now.get(a)!, before.get(a)!, now.size > 1 ? `${a} ` : ""));
  return [...machines, ...changed(settingsFields, current.settings, previous.settings)];
}

function flavorsOf(report: BenchReport): Map<string, { image: ImageName; flavor: FlavorReport; on: OnArchitecture }> {
  return new Map(
    report.images.flatMap((i) =>
      i.flavors.map(
        (f) =>
          [flavorKey(i.name, f.flavor, architectureOf(report, i)), { image: i.name, flavor: f, on: onArchitecture(report, i) }] as const,
      ),
    ),
  );
}

/** The change as a fraction of the previous figure; null when that was 0. */
export function changeFraction(d: Pick<FigureDelta, "previous" | "current">): number | null {
  return d.previous === 0 ? null : (d.current - d.previous) / d.previous;
}

/** The figure's regression threshold from budgets.json, signed the worse way; and whether a change passes it. */
function thresholdOf(figure: Figure): { threshold?: number; passes: (fraction: number | null) => boolean } {
  const allowed = regressionThreshold(figure.key);
  if (allowed === undefined) return { passes: () => false };
  const threshold = figure.worse === "up" ? allowed : -allowed;
  return { threshold, passes: (f) => f !== null && (figure.worse === "up" ? f > threshold : f < threshold) };
}

/** A size change below this share is a few bytes of a rebuild (a timestamp, a build ID): not a change worth a line. */
export const sizeNoise = 0.001;

/**
 * Whether a change is more than its figure's noise: a regression always;
 * sizes past a thousandth, failures and counts exactly; an absolute runtime
 * figure never (the machine moves it; the pair's ratio is judged instead).
 */
export function movedOf(figure: Figure, previous: number, current: number, regression: boolean): boolean {
  if (regression) return true;
  if (figure.kind === "runtime") return false;
  const fraction = changeFraction({ previous, current });
  if (figure.kind === "size" && figure.unit === "bytes" && fraction !== null) return Math.abs(fraction) >= sizeNoise;
  return previous !== current;
}

function delta(figure: Figure, image: ImageName, flavor: FlavorName, previous: number, current: number, on: OnArchitecture): FigureDelta {
  const { threshold, passes } = thresholdOf(figure);
  const fraction = changeFraction({ previous, current });
  // An absolute runtime figure moves with the machine: context, never a regression by itself (the pair's ratio is judged instead).
  const regression = figure.kind === "failures" ? previous === 0 && current > 0 : figure.kind === "size" && passes(fraction);
  const moved = movedOf(figure, previous, current, regression);
  return {
    image,
    flavor,
    ...on,
    figure: figure.key,
    previous,
    current,
    fraction,
    ...(threshold === undefined ? {} : { threshold }),
    regression,
    moved,
  };
}

/**
 * The runs a report is compared with, from earlier runs in any order: the
 * newest few made under the report's conditions, newest first; when there
 * are none, the newest run alone (the comparison then warns that the
 * conditions changed).
 */
export function baselineOf(current: BenchReport, earlier: readonly BenchReport[]): BenchReport[] {
  const newestFirst = [...earlier].sort((a, b) => Date.parse(b.generatedAt) - Date.parse(a.generatedAt));
  const alike = newestFirst.filter((r) => conditionChanges(current, r).length === 0);
  return alike.length > 0 ? alike.slice(0, baselineSize) : newestFirst.slice(0, 1);
}

/** Which run a report is: when, and at which commit. */
export function runRef(report: BenchReport): RunRef {
  return { generatedAt: report.generatedAt, commit: report.environment.commit, commitDirty: report.environment.commitDirty };
}

/** Each figure's median over the baseline runs that have it, by image/flavor. */
function baselineFigures(baseline: readonly BenchReport[]): Map<string, Map<string, number>> {
  const values = new Map<string, Map<string, number[]>>();
  for (const run of baseline) {
    for (const [key, { flavor }] of flavorsOf(run)) {
      const byFigure = values.get(key) ?? new Map<string, number[]>();
      values.set(key, byFigure);
      for (const figure of figuresOf([flavor])) {
        const value = figure.read(flavor);
        if (value !== undefined) byFigure.set(figure.key, [...(byFigure.get(figure.key) ?? []), value]);
      }
    }
  }
  return new Map([...values].map(([key, byFigure]) => [key, new Map([...byFigure].map(([f, v]) => [f, median(v)]))]));
}

/**
 * What a figure is compared with: the baseline's median, but for a size the
 * newest run's own figure. Sizes repeat exactly, so there is no noise to
 * take a median of, and a median would keep calling a chosen change a
 * regression for runs after it.
 */
function baselineValue(figure: Figure, medians: ReadonlyMap<string, number>, newest: FlavorReport | undefined): number | undefined {
  const own = figure.kind === "size" && newest ? figure.read(newest) : undefined;
  return own ?? medians.get(figure.key);
}

/**
 * Compares a run with a baseline (newest run first, see baselineOf), like
 * with like: only images and flavors both sides measured, each runtime
 * figure against its median over the baseline runs, each size against the
 * newest run.
 */
export function compareReports(current: BenchReport, runs: readonly BenchReport[]): Comparison {
  const [newest] = runs;
  if (newest === undefined) throw new Error("compareReports: an empty baseline");
  const now = flavorsOf(current);
  const before = new Map(runs.flatMap((r) => [...flavorsOf(r)]));
  const medians = baselineFigures(runs);
  const newestFlavors = flavorsOf(newest);
  const deltas: FigureDelta[] = [];
  for (const [key, { image, flavor, on }] of now) {
    const was = medians.get(key);
    if (!was) continue;
    for (const figure of figuresOf([flavor])) {
      const [then, is] = [baselineValue(figure, was, newestFlavors.get(key)?.flavor), figure.read(flavor)];
      if (then !== undefined && is !== undefined) deltas.push(delta(figure, image, flavor.flavor, then, is, on));
    }
  }
  const missingFrom = (pairs: typeof now, other: typeof now) =>
    [...pairs].filter(([key]) => !other.has(key)).map(([, { image, flavor, on }]) => ({ image, flavor: flavor.flavor, ...on }));
  const conditions = conditionChanges(current, newest);
  return {
    previous: runRef(newest),
    baseline: runs.map(runRef),
    deltas: [...deltas, ...ratioDeltas(current, runs, conditions.length > 0)],
    conditionChanges: conditions,
    onlyInCurrent: missingFrom(now, before),
    onlyInPrevious: missingFrom(before, now),
  };
}

/** A pair's ratio of one paired figure, in a report: its stored judgement, when its interval has 95% coverage. */
function ratioOf(report: BenchReport, image: ImageName, tiny: FlavorName, figure: Figure, architecture: string) {
  const i = report.images.find((x) => x.name === image && architectureOf(report, x) === architecture);
  const j = i && judgementOf(evaluationOf(report), image, tiny, figure.key, i.machine ? architecture : undefined);
  return j && j.coverage >= confidence ? j : undefined;
}

/**
 * Each pair's ratios against the newest earlier run that has them: what
 * the machine doesn't move. A ratio changed when the two runs' intervals
 * don't overlap; under changed conditions nothing is called changed.
 */
function ratioDeltas(current: BenchReport, runs: readonly BenchReport[], conditionsChanged: boolean): FigureDelta[] {
  return current.images.flatMap((image) => {
    const architecture = architectureOf(current, image);
    // Judged figures only: a CPU split's parts are context, never a change of their own.
    const paired = figuresOf(image.flavors).filter((f) => f.kind === "runtime" && f.values && f.verdict);
    return measuredPairs(image).flatMap(({ tiny }) =>
      paired.flatMap((figure) => {
        const now = ratioOf(current, image.name, tiny, figure, architecture);
        const then = now && runs.map((r) => ratioOf(r, image.name, tiny, figure, architecture)).find((d) => d !== undefined);
        if (!now || !then) return [];
        const changed = !conditionsChanged && (now.low > then.high || now.high < then.low);
        const { threshold, passes } = thresholdOf(figure);
        const pair = {
          original: now.original,
          previousInterval: { min: then.low, max: then.high },
          currentInterval: { min: now.low, max: now.high },
          changed,
        } as const;
        const fraction = changeFraction({ previous: then.ratio, current: now.ratio });
        const regression = changed && passes(fraction);
        const on = onArchitecture(current, image);
        return [
          {
            image: image.name,
            flavor: tiny,
            ...on,
            figure: figure.key,
            previous: then.ratio,
            current: now.ratio,
            fraction,
            ...(threshold === undefined ? {} : { threshold }),
            regression,
            moved: regression || changed,
            pair,
          },
        ];
      }),
    );
  });
}

/**
 * A comparison stored before deltas carried their fraction and whether they
 * moved (2026-12-07): both filled in by today's rule, from the report's own
 * figures, so the page words stored judgements only.
 */
export function withMoved(report: BenchReport): BenchReport {
  const comparison = report.comparison;
  if (!comparison || comparison.deltas.every((d) => "moved" in d)) return report;
  const flavors = report.images.flatMap((i) => i.flavors);
  const deltas = comparison.deltas.map((d) => {
    const figure = figureOf(d.figure, flavors);
    const fraction = changeFraction(d);
    const moved = d.pair ? d.regression || d.pair.changed : figure ? movedOf(figure, d.previous, d.current, d.regression) : d.regression;
    return { ...d, fraction, moved };
  });
  return { ...report, comparison: { ...comparison, deltas } };
}

export function regressionsOf(comparison: Comparison): FigureDelta[] {
  return comparison.deltas.filter((d) => d.regression);
}

/**
 * The delta of one figure, for a report that shows it beside the figure; in
 * a merged report, give the image's architecture (machine.ts, architectureOf).
 */
export function deltaOf(
  comparison: Comparison,
  image: ImageName,
  flavor: FlavorName,
  key: string,
  architecture?: string,
): FigureDelta | undefined {
  const onIt = (d: FigureDelta): boolean => architecture === undefined || d.architecture === undefined || d.architecture === architecture;
  return comparison.deltas.find((d) => d.image === image && d.flavor === flavor && d.figure === key && onIt(d));
}
