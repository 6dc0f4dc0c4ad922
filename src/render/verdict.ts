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
import type { JudgedBy } from "../report/judgements.js";
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
  /** The words for a cell whose row or column names the figure and whose heading says the interval is 95%: "6% less (−9% to −2%)". */
  readonly short?: string;
  /** Shorter still, for the headline table: the interval without the estimate, "none detected (−3% to +4%)". */
  readonly brief?: string;
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

/** "−3% to +4%": a stored interval's ends. */
const ends = (j: Judgement): string => `${formatIntervalEnd(j.low - 1)} to ${formatIntervalEnd(j.high - 1)}`;

/**
 * "+0.3%, 95% interval −3% to +4%": the paired estimate, the comparison a
 * cell shows whatever the outcome; in a table whose heading says the
 * interval is 95%, without those words ("+0.3%, −3% to +4%").
 */
function estimate(j: Judgement, inTable = false): string {
  // A centre of nothing reads "0%": "±0%" would look like an interval.
  const centre = formatSignedPercent(j.ratio - 1).replace("±0%", "0%");
  return `${centre}, ${inTable ? "" : "95% interval "}${ends(j)}`;
}

/** A stored judgement in words: a claim only beyond ±t, "the same" only within it, else what the interval couldn't rule out; always the paired estimate. */
function worded(j: Judgement, wording: Comparing): VerdictPart {
  const base = { subject: wording.subject, resolution: j.resolution, figure: j.figure };
  const t = formatPercent(j.threshold.value);
  if (j.outcome === "same" || j.outcome === "undetected" || j.outcome === "too-few") {
    // How much a place says: a sentence, a table's cell (its heading says 95%), the headline's (the interval only).
    const words = (at: "text" | "table" | "headline"): string => {
      const said = at === "headline" ? `(${ends(j)})` : `(${estimate(j, at === "table")})`;
      if (j.outcome === "same") return `the same within ±${t} ${said}`;
      // A table's cell says it short: the page's tables must fit four screens.
      if (j.outcome === "undetected") return `${at === "text" ? "no difference detected" : "none detected"} ${said}`;
      return `no difference detected (${j.n} pairs, too few for a 95% interval)`;
    };
    return {
      ...base,
      text: `${wording.subject}: ${words("text")}`,
      short: words("table"),
      brief: words("headline"),
      withinNoise: true,
      ...(j.outcome === "same" ? { sameWithin: j.threshold.value } : {}),
    };
  }
  const lower = j.outcome === "lower";
  const times = formatRatio(j.times);
  // A real difference under 5% reads "1.0x" as a ratio: say it in percent then.
  const amount = wording.by === "times" && times !== formatRatio(1) ? times : formatPercent(j.ratio - 1);
  const interval = `95% interval ${formatIntervalEnd(j.low - 1)} to ${formatIntervalEnd(j.high - 1)}`;
  return {
    ...base,
    text: `${lower ? wording.lower(amount) : wording.higher(amount)} (${interval})`,
    short: `${amount} ${lower ? wording.short.lower : wording.short.higher} (${ends(j)})`,
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
  const e = judged.exact(figure.key);
  if (!e || e.ratio === null || e.timesSmaller === null || e.fraction === null) return undefined;
  const lower = e.change <= 0;
  const [amount, none] =
    wording.by === "times"
      ? [formatRatio(lower ? e.timesSmaller : e.ratio), formatRatio(1)]
      : [formatPercent(e.fraction), formatPercent(0)];
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
export function verdictParts(tiny: FlavorReport, original: FlavorReport, judged: JudgedBy): VerdictPart[] {
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
export function headlineParts(tiny: FlavorReport, original: FlavorReport, column: "cost" | "throughput", judged: JudgedBy): VerdictPart[] {
  return verdictParts(tiny, original, judged).filter(
    (p) => p.figure !== undefined && figureOf(p.figure, [tiny, original])?.headline === column,
  );
}

/** A part in a cell that names its figure already: the short words where there are some. */
export function cellWords(part: VerdictPart): string {
  return part.short ?? verdictWords(part);
}

/** Where a load's CPU per answer and its throughput disagree beyond their intervals (evaluate.ts marks it): one sentence each. */
export function disagreements(tiny: FlavorReport, original: FlavorReport, judged: JudgedBy): string[] {
  const figures = figuresOf([tiny, original]);
  return figures.flatMap((cpu) => {
    const j = judged(cpu.key);
    const rate = j?.disagreesWith === undefined ? undefined : judged(j.disagreesWith);
    if (!j || !rate) return [];
    const rateLabel = figureOf(rate.figure, [tiny, original])?.label ?? rate.figure;
    return [
      `${cpu.label} (${formatSignedPercent(j.ratio - 1)}) and ${rateLabel} (${formatSignedPercent(rate.ratio - 1)}) disagree beyond their intervals: the CPU figure is the one a busy machine moves least.`,
    ];
  });
}
