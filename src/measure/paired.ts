// Whether two flavors measured in pairs differ: each pair (the same round
// and burst, back to back) gives one ratio, tiny over original, so drift of
// the shared machine cancels within a pair. The median ratio comes with a
// distribution-free 95% confidence interval from the order statistics of
// the ratios (the sign-test interval, as benchstat's and criterion's rank
// methods): exact, and the same on every rendering, with no random
// resampling. A difference is called only when the interval excludes 1.
import { median } from "./stats.js";

export interface PairedDifference {
  /** How many pairs. */
  readonly n: number;
  /** Median of tiny/original. */
  readonly ratio: number;
  /** The interval for the median ratio; its coverage is at least `confidence`, or less where n is too small for that. */
  readonly low: number;
  readonly high: number;
  /** The interval's actual coverage, 0..1. */
  readonly confidence: number;
  /** The interval excludes 1 and covers at least `confidence`'s target: the flavors differ. Too few pairs never detect. */
  readonly detected: boolean;
  /** The largest distance of the interval's ends from 1, as a fraction: the difference this run could not rule out. */
  readonly resolution: number;
}

/** P(X <= k) for X ~ Binomial(n, 1/2). */
function binomialCdf(k: number, n: number): number {
  let term = 0.5 ** n;
  let total = term;
  for (let i = 1; i <= k; i++) {
    term = (term * (n - i + 1)) / i;
    total += term;
  }
  return total;
}

/**
 * The widest ranks k (from 1) such that [x(k), x(n+1-k)] covers the median
 * with at least `target` probability; k = 1 (min–max) when even that falls short.
 */
function orderRank(n: number, target: number): { k: number; coverage: number } {
  let best = { k: 1, coverage: 1 - 2 * binomialCdf(0, n) };
  for (let k = 2; k <= Math.floor(n / 2); k++) {
    const coverage = 1 - 2 * binomialCdf(k - 1, n);
    if (coverage < target) break;
    best = { k, coverage };
  }
  return best;
}

/** Pairs tiny[i] with original[i]; extra values on either side are left out. */
export function pairedDifference(tiny: readonly number[], original: readonly number[], target = 0.95): PairedDifference | undefined {
  const n = Math.min(tiny.length, original.length);
  const ratios = Array.from({ length: n }, (_, i) => tiny[i]! / original[i]!).filter(Number.isFinite);
  if (ratios.length < 2) return undefined;
  ratios.sort((a, b) => a - b);
  const { k, coverage } = orderRank(ratios.length, target);
  const low = ratios[k - 1]!;
  const high = ratios[ratios.length - k]!;
  return {
    n: ratios.length,
    ratio: median(ratios),
    low,
    high,
    confidence: coverage,
    // Below 6 pairs even min–max covers less than 95%: no claim from so few.
    detected: coverage >= target && (low > 1 || high < 1),
    resolution: resolution({ low, high }),
  };
}

/** The largest distance of an interval's ends from 1: the difference it could not rule out. */
export function resolution(d: { readonly low: number; readonly high: number }): number {
  return Math.max(Math.abs(d.low - 1), Math.abs(d.high - 1));
}
