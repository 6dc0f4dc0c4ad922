// Judges every paired figure of a report once, as data: the ratio tiny ÷
// original with its 95% interval, the practical threshold t it is held to,
// the outcome, and whether a claimed difference survives the page's number
// of judgements. The page, the pull-request comment and a dashboard read
// these (BenchReport.evaluation); none judges again.
//
// Three outcomes, as equivalence testing has them (criterion's noise
// threshold, the two one-sided tests): "higher"/"lower" only when the whole
// interval lies beyond ±t, "same" when it lies within ±t, "undetected"
// otherwise. A page makes many such judgements at once (about ten at 95%
// each make one false difference in every few runs of identical images), so
// a difference reaches the status line and the headline only when it
// survives Holm's step-down over all of them at a family-wise 5%.
import { pairedDifference, resolution, signedRankAbove, type PairedDifference } from "../measure/paired.js";
import { median } from "../measure/stats.js";
import { figuresOf, loadKey, type Figure } from "../report/figures.js";
import { onArchitecture } from "../report/machine.js";
import { comparedPairs } from "../report/pairs.js";
import type { BenchReport, Calibration, Evaluation, FlavorReport, ImageReport, Judgement } from "../report/schema.js";

export const confidence = 0.95;
export const familyAlpha = 0.05;

/** The figures judged in pairs: runtime figures with every burst's value and a verdict of their own. */
const judged = (f: Figure): boolean => f.kind === "runtime" && f.values !== undefined && f.verdict !== undefined;

/** A measure's key in a calibration: "loads.php.cpuUs" → "cpuUs"; a figure of no load is its own. */
const measureOf = (key: string): string => loadKey(key)?.measure ?? key;

/**
 * t for a figure: this machine's calibration of that kind of figure (the
 * same image against itself: the widest its interval reached, to the next
 * whole percent), else the figure's declared default (figures.ts).
 */
export function thresholdOf(figure: Figure, calibration: Calibration | undefined): Judgement["threshold"] {
  const calibrated = calibration?.figures.find((c) => measureOf(c.figure) === measureOf(figure.key));
  if (calibrated) return { value: Math.ceil(resolution(calibrated.sameImage) * 100) / 100, source: "calibration" };
  return { value: figure.practical ?? 0.05, source: "declared" };
}

function outcomeOf(d: PairedDifference, t: number): Judgement["outcome"] {
  if (d.confidence < confidence) return "too-few";
  if (d.low > 1 + t) return "higher";
  if (d.high < 1 - t) return "lower";
  return d.low >= 1 - t && d.high <= 1 + t ? "same" : "undetected";
}

/** One figure of one pair; undefined when it has fewer than two pairs of values. */
function judge(figure: Figure, tiny: FlavorReport, original: FlavorReport, calibration: Calibration | undefined) {
  const [t, o] = [figure.values!(tiny), figure.values!(original)];
  const d = t && o ? pairedDifference(t, o, { target: confidence }) : undefined;
  if (!d) return undefined;
  const threshold = thresholdOf(figure, calibration);
  // The one-sided test on the estimate's side: beyond +t when it is above 1, beyond −t when below.
  const p = d.ratio >= 1 ? signedRankAbove(t!, o!, Math.log(1 + threshold.value)) : signedRankAbove(o!, t!, -Math.log(1 - threshold.value));
  const { n, ratio, low, high } = d;
  const regimes = regimesOf(t!, o!);
  return {
    figure: figure.key,
    n,
    ratio,
    low,
    high,
    coverage: d.confidence,
    threshold,
    outcome: outcomeOf(d, threshold.value),
    p,
    ...(regimes ? { regimes } : {}),
  };
}

/** The widest gap between a burst value and the next, as their ratio, and where it falls, among sorted values. */
function widestGap(sorted: readonly number[]): { ratio: number; at: number } {
  let best = { ratio: 1, at: 0 };
  for (let i = 1; i < sorted.length; i++) {
    const ratio = sorted[i]! / sorted[i - 1]!;
    if (ratio > best.ratio) best = { ratio, at: i };
  }
  return best;
}

/** Two regimes of the pooled bursts, each group's median, when a gap of over 25% splits them into groups of a fifth at least, both flavors in each. */
export function regimesOf(tiny: readonly number[], original: readonly number[]): readonly number[] | undefined {
  const sorted = [...tiny, ...original].filter((v) => v > 0).sort((a, b) => a - b);
  const { ratio, at } = widestGap(sorted);
  if (ratio <= 1.25 || Math.min(at, sorted.length - at) < sorted.length / 5) return undefined;
  const cut = sorted[at]!;
  const inBoth = [tiny, original].every((side) => side.some((v) => v < cut) && side.some((v) => v >= cut));
  return inBoth ? [median(sorted.slice(0, at)), median(sorted.slice(at))] : undefined;
}

function imageJudgements(report: BenchReport, image: ImageReport): Omit<Judgement, "survives">[] {
  return comparedPairs(image).flatMap(({ tiny, original, tinyFigures, originalFigures }) =>
    figuresOf([tinyFigures, originalFigures])
      .filter(judged)
      .flatMap((figure) => {
        const j = judge(figure, tinyFigures, originalFigures, report.calibration);
        return j ? [{ image: image.name, tiny, original, ...onArchitecture(report, image), ...j }] : [];
      }),
  );
}

/** Which of the p-values Holm's step-down rejects at `alpha` over all of them (two-sided: each one-sided p doubled). */
export function holm(ps: readonly number[], alpha = familyAlpha): boolean[] {
  const order = ps.map((p, i) => ({ p: Math.min(1, 2 * p), i })).sort((a, b) => a.p - b.p);
  const rejected = ps.map(() => false);
  for (const [rank, { p, i }] of order.entries()) {
    if (p > alpha / (order.length - rank)) break;
    rejected[i] = true;
  }
  return rejected;
}

/** Every paired judgement of the page, with the family's verdict on each claim. */
export function evaluate(report: BenchReport): Evaluation {
  const all = report.settings.sizeOnly ? [] : report.images.flatMap((image) => imageJudgements(report, image));
  const kept = holm(all.map((j) => j.p));
  const judgements = all.map((j, i) => ({ ...j, survives: kept[i]! && (j.outcome === "higher" || j.outcome === "lower") }));
  return { confidence, familyAlpha, judgements };
}

/** A pair's judgements by figure key. */
export type JudgedBy = (figure: string) => Judgement | undefined;

/**
 * A pair's judgements: the report's stored ones when it has them, else
 * made now (a report built in a test, or one read from before they were
 * stored).
 */
export function judgedPair(
  report: BenchReport | undefined,
  image: ImageReport | undefined,
  tiny: FlavorReport,
  original: FlavorReport,
): JudgedBy {
  const stored = report?.evaluation && image ? report.evaluation : undefined;
  if (stored && image) {
    const architecture = onArchitecture(report!, image).architecture;
    return (figure) => judgementOf(stored, image.name, tiny.flavor, figure, architecture);
  }
  const made = new Map(
    figuresOf([tiny, original])
      .filter(judged)
      .flatMap((f) => {
        const j = judge(f, tiny, original, report?.calibration);
        const made: Judgement | undefined = j && {
          image: image?.name ?? "",
          tiny: tiny.flavor,
          original: original.flavor,
          ...j,
          survives: false,
        };
        return made ? [[f.key, made] as const] : [];
      }),
  );
  // Alone, a pair is a family of its own judgements.
  const kept = holm([...made.values()].map((j) => j.p));
  [...made.entries()].forEach(([key, j], i) =>
    made.set(key, { ...j, survives: kept[i]! && (j.outcome === "higher" || j.outcome === "lower") }),
  );
  return (figure) => made.get(figure);
}

/** The stored judgement of one figure of one pair, or undefined. */
export function judgementOf(
  evaluation: Evaluation | undefined,
  image: string,
  tiny: string,
  figure: string,
  architecture?: string,
): Judgement | undefined {
  return evaluation?.judgements.find(
    (j) => j.image === image && j.tiny === tiny && j.figure === figure && (architecture === undefined || j.architecture === architecture),
  );
}
