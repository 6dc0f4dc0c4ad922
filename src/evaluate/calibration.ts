// What a calibration says, judged by the rule every page uses. Its same-image
// run is two identical sides: their interval holds the bursts' noise, which
// every judgement's own interval already carries. What the interval can't
// carry is a systematic offset between the two sides of the setup; only when
// the same-image interval excludes 1 is there evidence of one, and then t,
// the practical threshold of that kind of figure, is that offset to the next
// whole percent. Otherwise t is the floor, 1%: the smallest difference worth
// a claim. (Taking t from the same-image estimate itself, found or not, made
// t a draw between 1% and 4% on this machine's calibrations, and with it a
// real 5% claimed in 4 of 8.) Its known-work run says whether a real 5% comes
// out beyond that t: the power the page keeps.
import type { Calibration, CalibratedFigure, CalibrationJudgement, PairedResult } from "../report/schema.js";
import { confidence, outcomeOf } from "./outcome.js";
import { resolution } from "../measure/paired.js";

/** No threshold below this: a difference under 1% is no claim on a shared machine, however narrow its interval. */
export const thresholdFloor = 0.01;

/** t from a same-image run: the floor, unless its interval excludes 1; then its estimate's distance from 1, up to the next whole percent. */
export function calibratedThreshold(sameImage: Pick<PairedResult, "ratio" | "low" | "high">): number {
  const offset = sameImage.low > 1 || sameImage.high < 1;
  if (!offset) return thresholdFloor;
  // The epsilon keeps an offset of exactly 2% at 2%, not 3%, through floating point.
  const percent = Math.ceil(Math.abs(sameImage.ratio - 1) * 100 - 1e-9);
  return Math.max(thresholdFloor, percent / 100);
}

/** Which way the known extra work moves a figure: CPU per answer up, throughput down. */
const expectedOf = (f: CalibratedFigure): "higher" | "lower" => f.expected ?? (f.figure.endsWith(".perSec") ? "lower" : "higher");

/** Each calibrated figure: its t, and whether the same image stayed within it and the known work came out beyond it. */
/** Below 6 pairs the signed-rank interval covers less than 95% whatever its width (measure/paired.ts): too few to judge. */
export const minimumPairs = 6;

/** A stored run's outcome against t; its coverage read from its number of pairs. */
const judgedRun = (r: PairedResult, t: number) => outcomeOf({ ...r, coverage: r.n >= minimumPairs ? confidence : 0 }, t);

export function judgeCalibration(c: Calibration): CalibrationJudgement[] {
  return c.figures.map((f) => {
    const threshold = f.sameImage.n >= minimumPairs ? calibratedThreshold(f.sameImage) : thresholdFloor;
    const knownWork = judgedRun(f.knownWork, threshold);
    return {
      figure: f.figure,
      n: f.sameImage.n,
      threshold,
      sameImageResolution: resolution(f.sameImage),
      sameImage: judgedRun(f.sameImage, threshold),
      knownWork,
      detected: knownWork === expectedOf(f),
    };
  });
}
