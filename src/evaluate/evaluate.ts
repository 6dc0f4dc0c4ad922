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
import { pairedDifference, signedRankAbove } from "../measure/paired.js";
import { median } from "../measure/stats.js";
import { figuresOf, loadKey, type Figure } from "../report/figures.js";
import { onArchitecture } from "../report/machine.js";
import { comparedPairs } from "../report/pairs.js";
import type { BenchReport, Calibration, Evaluation, FlavorReport, ImageReport, Judgement } from "../report/schema.js";
import { calibratedThreshold, judgeCalibration, minimumPairs } from "./calibration.js";
import { confidence, outcomeOf } from "./outcome.js";
import { judgedBy, judgedByOf, judgementOf, type JudgedBy } from "../report/judgements.js";
import { exactComparisons, pairExact, seedRatios, wrkGaps } from "./exact.js";

export { judgementOf, type JudgedBy };

export { confidence };
export const familyAlpha = 0.05;

/** The figures judged in pairs: runtime figures with every burst's value and a verdict of their own. */
const judged = (f: Figure): boolean => f.kind === "runtime" && f.values !== undefined && f.verdict !== undefined;

/** A measure's key in a calibration: "loads.php.cpuUs" → "cpuUs"; a figure of no load is its own. */
const measureOf = (key: string): string => loadKey(key)?.measure ?? key;

/**
 * t for a figure: this machine's calibration of that kind of figure (the
 * offset the same image showed against itself, to the next whole percent,
 * calibration.ts), else the figure's declared default (figures.ts).
 */
export function thresholdOf(figure: Figure, calibration: Calibration | undefined): Judgement["threshold"] {
  // A calibration of too few pairs for a 95% interval (or of an older kind) sets nothing.
  const usable = calibration?.calibrationVersion === 2 ? calibration : undefined;
  const calibrated = usable?.figures.find((c) => measureOf(c.figure) === measureOf(figure.key) && c.sameImage.n >= minimumPairs);
  if (calibrated) return { value: calibratedThreshold(calibrated.sameImage), source: "calibration" };
  return { value: figure.practical ?? 0.03, source: "declared" };
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
    times: ratio >= 1 ? ratio : 1 / ratio,
    resolution: d.resolution,
    outcome: outcomeOf({ ...d, coverage: d.confidence }, threshold.value),
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

type Judged = NonNullable<ReturnType<typeof judge>>;

/**
 * Where a load's CPU per answer and its throughput disagree: on a server
 * that is busy all the time, x% more CPU per answer is about x% less
 * throughput, so intervals that can't both be true (the CPU ratio's against
 * the inverse of the throughput ratio's) say one of them measured the
 * machine rather than the image. Marked on the CPU figure's judgement.
 */
function markDisagreements(figures: readonly Figure[], made: readonly Judged[]): Judged[] {
  const of = (key: string | undefined) => made.find((j) => j.figure === key && j.coverage >= confidence);
  return made.map((j) => {
    const figure = figures.find((f) => f.key === j.figure);
    if (!figure?.load || figure.unit !== "µs") return j;
    const rate = of(figures.find((f) => f.load === figure.load && f.unit !== "µs")?.key);
    if (!rate || j.coverage < confidence) return j;
    const [low, high] = [1 / rate.high, 1 / rate.low];
    return j.low <= high && low <= j.high ? j : { ...j, disagreesWith: rate.figure };
  });
}

/** Every paired figure of one pair, judged. */
function pairJudgements(tiny: FlavorReport, original: FlavorReport, calibration: Calibration | undefined): Judged[] {
  const figures = figuresOf([tiny, original]).filter(judged);
  const made = figures.flatMap((figure) => judge(figure, tiny, original, calibration) ?? []);
  return markDisagreements(figures, made);
}

function imageJudgements(report: BenchReport, image: ImageReport): Omit<Judgement, "survives">[] {
  return comparedPairs(image).flatMap(({ tiny, original, tinyFigures, originalFigures }) =>
    pairJudgements(tinyFigures, originalFigures, report.calibration).map((j) => ({
      image: image.name,
      tiny,
      original,
      ...onArchitecture(report, image),
      ...j,
    })),
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
  const calibration = report.calibration?.calibrationVersion === 2 ? judgeCalibration(report.calibration) : undefined;
  const exact = exactComparisons(report);
  const gaps = wrkGaps(report);
  const seed = seedRatios(report);
  return {
    evaluationVersion: 2,
    confidence,
    familyAlpha,
    judgements,
    exact,
    ...(gaps ? { wrkGaps: gaps } : {}),
    ...(seed.length > 0 ? { seedRatios: seed } : {}),
    ...(calibration ? { calibration } : {}),
  };
}

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
  if (report?.evaluation?.evaluationVersion === 2 && image) return judgedBy(report, image, tiny.flavor);
  const made = new Map(
    pairJudgements(tiny, original, report?.calibration).map((j) => {
      const judgement: Judgement = { image: image?.name ?? "", tiny: tiny.flavor, original: original.flavor, ...j, survives: false };
      return [j.figure, judgement] as const;
    }),
  );
  // Alone, a pair is a family of its own judgements.
  const kept = holm([...made.values()].map((j) => j.p));
  [...made.entries()].forEach(([key, j], i) =>
    made.set(key, { ...j, survives: kept[i]! && (j.outcome === "higher" || j.outcome === "lower") }),
  );
  const exact = new Map(pairExact(image?.name ?? "", tiny, original).map((e) => [e.figure, e] as const));
  return judgedByOf(
    (figure) => made.get(figure),
    (figure) => exact.get(figure),
  );
}

const judgedOnce = new WeakMap<BenchReport, Evaluation>();

/** A report's judgements: the stored ones by today's rule, else made now, once per report object (a report built in a test). */
export function evaluationOf(report: BenchReport): Evaluation {
  if (report.evaluation?.evaluationVersion === 2) return report.evaluation;
  const made = judgedOnce.get(report) ?? evaluate(report);
  judgedOnce.set(report, made);
  return made;
}
