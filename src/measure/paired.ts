// Whether two flavors measured in pairs differ: each pair (the same round
// and burst, back to back) gives one ratio, tiny over original, so drift of
// the shared machine cancels within a pair. The ratio and its 95% confidence
// interval come from the log ratios by one of two distribution-free rank
// methods, exact and the same on every rendering, with no random resampling:
// - "signed-rank" (the default): the Hodges–Lehmann estimate with the
//   Wilcoxon signed-rank interval (the median and order statistics of the
//   Walsh averages). It assumes the log ratios are symmetric about their
//   centre, which pairs in balanced order (A B, B A) make them, and on this
//   machine's recorded bursts its interval is about a third narrower than the
//   sign test's at the same coverage (docs/benchmark.md, Resolution).
// - "sign": the median ratio with the sign-test interval (order statistics
//   of the ratios themselves), which assumes nothing about their shape.
// A difference is called only when the interval excludes 1.
import { median } from "./stats.js";

export type IntervalMethod = "signed-rank" | "sign";

export interface PairedDifference {
  /** How many pairs. */
  readonly n: number;
  /** tiny/original: the Hodges–Lehmann estimate (signed-rank) or the median ratio (sign). */
  readonly ratio: number;
  /** The interval for the ratio; its coverage is at least `confidence`, or less where n is too small for that. */
  readonly low: number;
  readonly high: number;
  /** The interval's actual coverage, 0..1. */
  readonly confidence: number;
  /** The interval excludes 1 and covers at least `confidence`'s target: the flavors differ. Too few pairs never detect. */
  readonly detected: boolean;
  /** The largest distance of the interval's ends from 1, as a fraction: the difference this run could not rule out. */
  readonly resolution: number;
}

interface Interval {
  readonly centre: number;
  readonly low: number;
  readonly high: number;
  readonly coverage: number;
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

/** P(T <= t) for every t, T the Wilcoxon signed-rank statistic of n pairs (exact, by counting subsets of ranks). */
function signedRankCdf(n: number): number[] {
  const max = (n * (n + 1)) / 2;
  let counts = new Array<number>(max + 1).fill(0);
  counts[0] = 1;
  for (let rank = 1; rank <= n; rank++) {
    const next = [...counts];
    for (let sum = rank; sum <= max; sum++) next[sum]! += counts[sum - rank]!;
    counts = next;
  }
  const total = 2 ** n;
  let running = 0;
  return counts.map((c) => (running += c) / total);
}

/**
 * The widest symmetric ranks k (from 1) of `count` sorted values whose
 * interval [v(k), v(count+1-k)] covers with at least `target`; k = 1 when
 * even that falls short. `below(k)` is the chance the centre lies below v(k).
 */
function widestRank(count: number, target: number, below: (k: number) => number): { k: number; coverage: number } {
  let best = { k: 1, coverage: 1 - 2 * below(1) };
  for (let k = 2; k <= Math.floor(count / 2); k++) {
    const coverage = 1 - 2 * below(k);
    if (coverage < target) break;
    best = { k, coverage };
  }
  return best;
}

function signInterval(sorted: readonly number[], target: number): Interval {
  const { k, coverage } = widestRank(sorted.length, target, (k) => binomialCdf(k - 1, sorted.length));
  return { centre: median(sorted), low: sorted[k - 1]!, high: sorted[sorted.length - k]!, coverage };
}

function signedRankInterval(sorted: readonly number[], target: number): Interval {
  const walsh: number[] = [];
  for (let i = 0; i < sorted.length; i++) for (let j = i; j < sorted.length; j++) walsh.push((sorted[i]! + sorted[j]!) / 2);
  walsh.sort((a, b) => a - b);
  const cdf = signedRankCdf(sorted.length);
  const { k, coverage } = widestRank(walsh.length, target, (k) => cdf[k - 1]!);
  return { centre: median(walsh), low: walsh[k - 1]!, high: walsh[walsh.length - k]!, coverage };
}

/** Pairs tiny[i] with original[i]; extra values on either side, and pairs without a finite positive ratio, are left out. */
export function pairedDifference(
  tiny: readonly number[],
  original: readonly number[],
  { target = 0.95, method = "signed-rank" }: { target?: number; method?: IntervalMethod } = {},
): PairedDifference | undefined {
  const n = Math.min(tiny.length, original.length);
  const logs = Array.from({ length: n }, (_, i) => Math.log(tiny[i]! / original[i]!)).filter(Number.isFinite);
  if (logs.length < 2) return undefined;
  logs.sort((a, b) => a - b);
  const interval = method === "sign" ? signInterval(logs, target) : signedRankInterval(logs, target);
  const [low, high] = [Math.exp(interval.low), Math.exp(interval.high)];
  return {
    n: logs.length,
    ratio: Math.exp(interval.centre),
    low,
    high,
    confidence: interval.coverage,
    // Below 6 pairs even the widest interval covers less than 95%: no claim from so few.
    detected: interval.coverage >= target && (low > 1 || high < 1),
    resolution: resolution({ low, high }),
  };
}

/** The largest distance of an interval's ends from 1: the difference it could not rule out. */
export function resolution(d: { readonly low: number; readonly high: number }): number {
  return Math.max(Math.abs(d.low - 1), Math.abs(d.high - 1));
}

/**
 * The exact one-sided p-value that the pairs' log ratios centre above
 * `bound` (a log ratio): Wilcoxon's signed-rank test of the differences
 * from it, ties given their mean rank, differences of exactly zero left
 * out. Small when nearly every pair lies above the bound.
 */
export function signedRankAbove(tiny: readonly number[], original: readonly number[], bound: number): number {
  const n = Math.min(tiny.length, original.length);
  const shifted = Array.from({ length: n }, (_, i) => Math.log(tiny[i]! / original[i]!) - bound).filter(
    (d) => Number.isFinite(d) && d !== 0,
  );
  if (shifted.length === 0) return 1;
  const byMagnitude = shifted.map((d) => ({ d, a: Math.abs(d) })).sort((x, y) => x.a - y.a);
  let above = 0;
  for (let i = 0; i < byMagnitude.length;) {
    let j = i;
    while (j + 1 < byMagnitude.length && byMagnitude[j + 1]!.a === byMagnitude[i]!.a) j++;
    const rank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) if (byMagnitude[k]!.d > 0) above += rank;
    i = j + 1;
  }
  // P(T+ >= above): tied mean ranks can be halves, so the statistic is taken at the rank sum just below.
  const cdf = signedRankCdf(byMagnitude.length);
  const atLeast = Math.ceil(above) - 1;
  return atLeast < 0 ? 1 : 1 - cdf[atLeast]!;
}
