// What a calibration says, judged by the rule every page uses. Its same-image
// run shows how far two identical sides land apart on this machine: that
// offset, to the next whole percent (1% at least), is the practical threshold
// t of its kind of figure, the smallest difference worth a claim here. The
// interval already carries the bursts' noise; t adds what the setup itself
// moves. Its known-work run says whether a real 5% comes out beyond that t,
// which is the power the page keeps (issue 30: at least 6 of 8 calibrations).
import type { Calibration, CalibratedFigure, CalibrationJudgement, PairedResult } from "../report/schema.js";
import { confidence, outcomeOf } from "./outcome.js";
import { resolution } from "../measure/paired.js";

/** No threshold below this: a difference under 1% is no claim on a shared machine, however narrow its interval. */
export const thresholdFloor = 0.01;

/** t from a same-image run: its estimate's distance from 1, up to the next whole percent, at least the floor. */
export function calibratedThreshold(sameImage: Pick<PairedResult, "ratio">): number {
  // The epsilon keeps an offset of exactly 2% at 2%, not 3%, through floating point.
  const percent = Math.ceil(Math.abs(sameImage.ratio - 1) * 100 - 1e-9);
  return Math.max(thresholdFloor, percent / 100);
}

/** Which way the known extra work moves a figure: CPU per answer up, throughput down. */
const expectedOf = (f: CalibratedFigure): "higher" | "lower" => f.expected ?? (f.figure.endsWith(".perSec") ? "lower" : "higher");

/** Each calibrated figure: its t, and whether the same image stayed within it and the known work came out beyond it. */
/** Below 6 pairs the signed-rank interval covers less than 95% whatever its width (measure/paired.ts): too few to judge. */
const minimumPairs = 6;

/** A stored run's outcome against t; its coverage read from its number of pairs. */
const judgedRun = (r: PairedResult, t: number) => outcomeOf({ ...r, coverage: r.n >= minimumPairs ? confidence : 0 }, t);

export function judgeCalibration(c: Calibration): CalibrationJudgement[] {
  return c.figures.map((f) => {
    const threshold = calibratedThreshold(f.sameImage);
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
