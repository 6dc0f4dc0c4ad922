// The three outcomes of a paired interval against a practical threshold t,
// as equivalence testing has them (criterion's noise threshold, the two
// one-sided tests): a difference only when the whole interval lies beyond
// ±t, "same" when it lies within ±t, "undetected" otherwise.
import type { Judgement } from "../report/schema.js";

/** The coverage every judgement's interval is held to. */
export const confidence = 0.95;

export function outcomeOf(d: { readonly low: number; readonly high: number; readonly coverage?: number }, t: number): Judgement["outcome"] {
  if (d.coverage !== undefined && d.coverage < confidence) return "too-few";
  if (d.low > 1 + t) return "higher";
  if (d.high < 1 - t) return "lower";
  return d.low >= 1 - t && d.high <= 1 + t ? "same" : "undetected";
}
