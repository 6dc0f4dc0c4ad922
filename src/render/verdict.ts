// Plain verdicts for a pair: what the tiny flavor of an image cost or gained
// against its original, in the words a reader would use ("5.8x smaller,
// 3% more CPU per request"), one part per figure of the registry that has a
// verdict wording. One rule for every cell: a size is exact and compared as
// it is; a runtime figure (time, memory, throughput, CPU) is judged only by
// its pairs, as evaluate.ts judged them: "x% more … (95% interval …)" only
// when the whole interval lies beyond the practical threshold ±t, "the same
// within ±t" when it lies within, "no difference detected (±x%)" otherwise,
// and "not compared" when it has no pairs. Failures are counts, said as counts.
import { figure as figureOf, figuresOf, type Figure, type VerdictWording } from "../report/figures.js";
import { pairedDifference, resolution } from "../measure/paired.js";
import { judgedPair, type JudgedBy } from "../evaluate/evaluate.js";
import { formatIntervalEnd, formatPercent, formatRatio, formatSignedPercent } from "./format.js";
import type { FlavorReport, Judgement } from "../report/schema.js";

export interface VerdictPart {
  /** What the part is about: "size", "start-up", "memory idle", "requests/s", "queries/s", "failures". */
  readonly subject: string;
  readonly text: string;
  /** No difference is claimed: none detected, or not compared. */
  readonly withinNoise: boolean;
  /** A runtime figure without pairs: its values are shown, no judgement made. */
  readonly notCompared?: boolean;
  /** The words for a cell whose row or column names the figure: "6% less (95% interval −9% to −2%)". */
  readonly short?: string;
  /** Which way a claimed difference goes: the tiny flavor's figure below the original's, or above. */
  readonly direction?: "lower" | "higher";
  /** A paired figure's resolution: the largest difference its 95% interval could not rule out (0.05 = 5%). */
  readonly resolution?: number;
  /** The registry key of the figure it judges; absent for the failures part, which sums several. */
  readonly figure?: string;
  /** A claimed difference that survives the page's number of judgements (evaluate.ts): the status line and headline repeat only these. */
  readonly survives?: boolean;
  /** The interval lay within ±t: the flavors are the same to within this fraction. */
  readonly sameWithin?: number;
}

interface Measured {
  readonly value: number;
  readonly values?: readonly number[];
}

type Comparing = Extract<VerdictWording, { by: "times" | "percent" }>;

/** A stored judgement in words: a claim only beyond ±t, "the same" only within it, else what the interval couldn't rule out. */
function worded(j: Judgement, wording: Comparing): VerdictPart {
  const base = { subject: wording.subject, resolution: resolution(j), figure: j.figure };
  const t = formatPercent(j.threshold.value);
  if (j.outcome === "same") {
    return {
      ...base,
      text: `${wording.subject}: the same within ±${t}`,
      short: `the same within ±${t}`,
      withinNoise: true,
      sameWithin: j.threshold.value,
    };
  }
  if (j.outcome !== "higher" && j.outcome !== "lower") {
    const few = j.outcome === "too-few" ? `; ${j.n} pairs, too few for a 95% interval` : "";
    return { ...base, text: `${wording.subject}: no difference detected (±${formatPercent(resolution(j))}${few})`, withinNoise: true };
  }
  const lower = j.outcome === "lower";
  const times = formatRatio(lower ? 1 / j.ratio : j.ratio);
  // A real difference under 5% reads "1.0x" as a ratio: say it in percent then.
  const amount = wording.by === "times" && times !== formatRatio(1) ? times : formatPercent(j.ratio - 1);
  const interval = `95% interval ${formatIntervalEnd(j.low - 1)} to ${formatIntervalEnd(j.high - 1)}`;
  return {
    ...base,
    text: `${lower ? wording.lower(amount) : wording.higher(amount)} (${interval})`,
    short: `${amount} ${lower ? wording.short.lower : wording.short.higher} (${interval})`,
    direction: lower ? "lower" : "higher",
    withinNoise: false,
    survives: j.survives,
  };
}

function compared(figure: Figure, tiny: Measured, original: Measured, wording: Comparing, judged: JudgedBy): VerdictPart | undefined {
  if (original.value <= 0 || (wording.by === "times" && tiny.value <= 0)) return undefined;
  if (figure.kind === "runtime") {
    const j = judged(figure.key);
    return (
      (j && worded(j, wording)) ?? {
        subject: wording.subject,
        text: `${wording.subject}: not compared`,
        withinNoise: true,
        notCompared: true,
      }
    );
  }
  const lower = tiny.value <= original.value;
  const [amount, none] =
    wording.by === "times"
      ? [formatRatio(lower ? original.value / tiny.value : tiny.value / original.value), formatRatio(1)]
      : [formatPercent((tiny.value - original.value) / original.value), formatPercent(0)];
  const text = amount === none ? wording.same : lower ? wording.lower(amount) : wording.higher(amount);
  return { subject: wording.subject, text, withinNoise: false };
}

function measured(figure: Figure, f: FlavorReport): Measured | undefined {
  const value = figure.read(f);
  if (value === undefined) return undefined;
  const values = figure.values?.(f);
  return { value, ...(values ? { values } : {}) };
}

/** A throughput claim means little if answers failed: say which flavor had failures. */
function failuresPart(tiny: FlavorReport, original: FlavorReport, group: readonly Figure[], what: string): VerdictPart | undefined {
  const failed = [tiny, original]
    .map((f) => ({ flavor: f.flavor, count: group.reduce((total, g) => total + (g.read(f) ?? 0), 0) }))
    .filter((f) => f.count > 0)
    .map((f) => `${f.flavor} had ${f.count.toLocaleString("en-US")} ${what}`);
  return failed.length > 0 ? { subject: "failures", text: failed.join(", "), withinNoise: false } : undefined;
}

/** Every verdict both flavors have the figures for, in the registry's order (size first); the paired ones as `judged` (evaluate.ts) made them. */
export function verdictParts(
  tiny: FlavorReport,
  original: FlavorReport,
  judged = judgedPair(undefined, undefined, tiny, original),
): VerdictPart[] {
  const parts: VerdictPart[] = [];
  const saidFailures = new Set<string>();
  const figures = figuresOf([tiny, original]);
  for (const figure of figures) {
    const wording = figure.verdict;
    const [t, o] = [measured(figure, tiny), measured(figure, original)];
    if (!wording || !t || !o) continue;
    if (wording.by !== "failures") {
      const part = compared(figure, t, o, wording, judged);
      if (part) parts.push({ ...part, figure: figure.key });
    } else if (!saidFailures.has(wording.what)) {
      saidFailures.add(wording.what);
      const group = figures.filter((g) => g.verdict?.by === "failures" && g.verdict.what === wording.what);
      const part = failuresPart(tiny, original, group, wording.what);
      if (part) parts.push(part);
    }
  }
  return parts;
}

/** A part's words without its subject, for a place that already names it (a table row, a column): "no difference detected (±11%)". */
export function verdictWords(part: VerdictPart): string {
  return part.text.startsWith(`${part.subject}: `)
    ? part.text.slice(part.subject.length + 2)
    : part.text.startsWith(`${part.subject} `)
      ? part.text.slice(part.subject.length + 1)
      : part.text;
}

/** The verdicts of a pair's headline figures of one kind ("cost": CPU per answer; "throughput"), in the registry's order. */
export function headlineParts(
  tiny: FlavorReport,
  original: FlavorReport,
  column: "cost" | "throughput",
  judged = judgedPair(undefined, undefined, tiny, original),
): VerdictPart[] {
  return verdictParts(tiny, original, judged).filter(
    (p) => p.figure !== undefined && figureOf(p.figure, [tiny, original])?.headline === column,
  );
}

/** A part in a cell that names its figure already: the short words where there are some. */
export function cellWords(part: VerdictPart): string {
  return part.short ?? verdictWords(part);
}

/** The verdict as one line, what was compared: "5.8x smaller, starts 1.4x faster, 3% more CPU per request (95% CI …)". */
export function verdict(tiny: FlavorReport, original: FlavorReport): string {
  return verdictParts(tiny, original)
    .filter((p) => !p.notCompared)
    .map((p) => p.text)
    .join(", ");
}

/**
 * Where a load's CPU per answer and its throughput disagree: on a server
 * that is busy all the time, x% more CPU per answer is about x% less
 * throughput, so intervals that can't both be true (the CPU ratio's against
 * the inverse of the throughput ratio's) say one of them measured the
 * machine rather than the image.
 */
export function disagreements(tiny: FlavorReport, original: FlavorReport): string[] {
  const figures = figuresOf([tiny, original]);
  const loads = [...new Set(figures.flatMap((f) => (f.load ? [f.load] : [])))];
  return loads.flatMap((load) => {
    const [cpu, rate] = [figures.find((f) => f.load === load && f.unit === "µs"), figures.find((f) => f.load === load && f.unit !== "µs")];
    if (!cpu || !rate) return [];
    const pairedOf = (f: Figure) => {
      const [t, o] = [f.values?.(tiny), f.values?.(original)];
      return t && o ? pairedDifference(t, o) : undefined;
    };
    const [c, r] = [pairedOf(cpu), pairedOf(rate)];
    if (!c || !r || c.confidence < 0.95 || r.confidence < 0.95) return [];
    const [low, high] = [1 / r.high, 1 / r.low];
    if (c.low <= high && low <= c.high) return [];
    return [
      `${cpu.label} (${formatSignedPercent(c.ratio - 1)}) and ${rate.label} (${formatSignedPercent(r.ratio - 1)}) disagree beyond their intervals: the CPU figure is the one a busy machine moves least.`,
    ];
  });
}
