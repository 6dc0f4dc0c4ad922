// Plain verdicts for a pair: what the tiny flavor of an image cost or gained
// against its original, in the words a reader would use ("5.8x smaller,
// starts 1.4x faster, 3% fewer requests/s"), one part per figure of the
// registry that has a verdict wording. A timing measured in pairs is
// compared pair by pair (measure/paired.ts): a difference is claimed only
// when its 95% interval excludes none, and otherwise the verdict says how
// large a difference the run could not rule out. A report without paired
// values (schema 2) falls back to the rounds' ranges: overlapping is noise.
import type { Range } from "../measure/stats.js";
import { figures, type Figure, type VerdictWording } from "./figures.js";
import { pairedDifference } from "../measure/paired.js";
import { formatPercent, formatRatio, formatSignedPercent } from "./format.js";
import type { FlavorReport } from "./schema.js";

export interface VerdictPart {
  /** What the part is about: "size", "start-up", "memory idle", "requests/s", "queries/s", "failures". */
  readonly subject: string;
  readonly text: string;
  /** The two flavors' ranges overlapped, so no winner is claimed. */
  readonly withinNoise: boolean;
  /** The registry key of the figure it judges; absent for the failures part, which sums several. */
  readonly figure?: string;
}

export function rangesOverlap(a: Range, b: Range): boolean {
  return a.min <= b.max && b.min <= a.max;
}

interface Measured {
  readonly value: number;
  readonly range?: Range;
  readonly values?: readonly number[];
}

/** The widest the rounds strayed from their median, on either flavor, as a fraction of it. */
function spread(...sides: readonly Measured[]): number {
  return Math.max(...sides.map(({ value, range }) => (value > 0 && range ? Math.max(value - range.min, range.max - value) / value : 0)));
}

type Comparing = Extract<VerdictWording, { by: "times" | "percent" }>;

/** The tiny flavor's values over the original's, pair by pair. */
function paired(tiny: Measured, original: Measured, wording: Comparing): VerdictPart | undefined {
  const d = tiny.values && original.values ? pairedDifference(tiny.values, original.values) : undefined;
  if (!d) return undefined;
  if (!d.detected) {
    const few = d.confidence < 0.95 ? `; ${d.n} pairs, too few for a 95% interval` : "";
    return {
      subject: wording.subject,
      text: `${wording.subject}: no difference detected (±${formatPercent(d.resolution)}${few})`,
      withinNoise: true,
    };
  }
  const ratio = d.ratio;
  const lower = ratio < 1;
  const times = formatRatio(lower ? 1 / ratio : ratio);
  // A real difference under 5% reads "1.0x" as a ratio: say it in percent then.
  const amount = wording.by === "times" && times !== formatRatio(1) ? times : formatPercent(ratio - 1);
  const interval = `95% CI ${formatSignedPercent(d.low - 1)} to ${formatSignedPercent(d.high - 1)}`;
  return { subject: wording.subject, text: `${lower ? wording.lower(amount) : wording.higher(amount)} (${interval})`, withinNoise: false };
}

function compared(tiny: Measured, original: Measured, wording: Comparing): VerdictPart | undefined {
  if (original.value <= 0 || (wording.by === "times" && tiny.value <= 0)) return undefined;
  const byPairs = paired(tiny, original, wording);
  if (byPairs) return byPairs;
  if (tiny.range && original.range && rangesOverlap(tiny.range, original.range)) {
    return {
      subject: wording.subject,
      text: `${wording.subject} within noise (±${formatPercent(spread(tiny, original))})`,
      withinNoise: true,
    };
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
  const range = figure.range?.(f);
  const values = figure.values?.(f);
  return { value, ...(range ? { range } : {}), ...(values ? { values } : {}) };
}

/** A throughput claim means little if answers failed: say which flavor had failures. */
function failuresPart(tiny: FlavorReport, original: FlavorReport, group: readonly Figure[], what: string): VerdictPart | undefined {
  const failed = [tiny, original]
    .map((f) => ({ flavor: f.flavor, count: group.reduce((total, g) => total + (g.read(f) ?? 0), 0) }))
    .filter((f) => f.count > 0)
    .map((f) => `${f.flavor} had ${f.count.toLocaleString("en-US")} ${what}`);
  return failed.length > 0 ? { subject: "failures", text: failed.join(", "), withinNoise: false } : undefined;
}

/** Every verdict both flavors have the figures for, in the registry's order (size first). */
export function verdictParts(tiny: FlavorReport, original: FlavorReport): VerdictPart[] {
  const parts: VerdictPart[] = [];
  const saidFailures = new Set<string>();
  for (const figure of figures) {
    const wording = figure.verdict;
    const [t, o] = [measured(figure, tiny), measured(figure, original)];
    if (!wording || !t || !o) continue;
    if (wording.by !== "failures") {
      const part = compared(t, o, wording);
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

/** The verdict as one line: "5.8x smaller, starts 1.4x faster, 3% fewer requests/s". */
export function verdict(tiny: FlavorReport, original: FlavorReport): string {
  return verdictParts(tiny, original)
    .map((p) => p.text)
    .join(", ");
}
