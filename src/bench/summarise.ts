// Many runs of one measurement become the report's figures: the median as
// the headline, the min-max spread beside it, totals of what went wrong.
// Rounded to what the measurements can support.
import { median, range } from "../measure/stats.js";
import type { LoadFigures, MemoryFigures, PerAnswer, Range, StartupFigures } from "../report/schema.js";

/** One burst of any load, as its kind's client reported it (workloads/). */
export interface LoadRun {
  /** Answers that came back good. */
  readonly answers: number;
  readonly perSec: number;
  readonly p50Ms?: number;
  readonly p99Ms: number;
  /** Failed answers by kind, in the words the page shows: { errors, timeouts, "non-2xx" }. */
  readonly failures: Readonly<Record<string, number>>;
}

/** What the page calls a load: its kind, label, what one answer is, and what it did. */
export type LoadWords = Pick<LoadFigures, "kind" | "label" | "answer" | "what">;

/** Two decimals: a hundredth of a millisecond or of a request per second is already noise. */
const round = (value: number): number => Math.round(value * 100) / 100;
const roundRange = ({ min, max }: Range): Range => ({ min: round(min), max: round(max) });
const medianOf = <T>(runs: readonly T[], pick: (run: T) => number): number => round(median(runs.map(pick)));
const rangeOf = <T>(runs: readonly T[], pick: (run: T) => number): Range => roundRange(range(runs.map(pick)));
const sumOf = <T>(runs: readonly T[], pick: (run: T) => number): number => runs.reduce((total, r) => total + pick(r), 0);

/**
 * Every burst's per-answer measures (cpuUs, userUs, systemUs) to a hundredth
 * of a µs, the median of each; none without bursts. The total, cpuUs, has a
 * value for every burst, in pair order. Its user/system split has one for
 * each burst a scheduler tick fell in: a light burst (a few ms of CPU) may
 * have none, and its split is unknown, not even; a split known for fewer
 * than half the bursts is left out.
 */
function summarisePerAnswer(
  perAnswer: Readonly<Record<string, readonly number[]>>,
  bursts: number,
): { perAnswer?: Record<string, PerAnswer> } {
  const kept = Object.entries(perAnswer).filter(([, values]) => values.length > 0 && values.length >= bursts / 2);
  if (kept.length === 0) return {};
  return {
    perAnswer: Object.fromEntries(kept.map(([m, values]) => [m, { median: medianOf(values, (v) => v), values: values.map(round) }])),
  };
}

export function summariseStartup(samplesMs: readonly number[]): StartupFigures {
  return {
    medianMs: medianOf(samplesMs, (ms) => ms),
    range: rangeOf(samplesMs, (ms) => ms),
    samples: samplesMs.length,
    values: samplesMs.map(round),
  };
}

/** No peak without a load: a service measured idle only has none. */
export function summariseMemory(idleBytes: readonly number[], peakBytes: readonly number[]): MemoryFigures {
  return {
    idleBytes: Math.round(median(idleBytes)),
    idleRange: range(idleBytes),
    // A peak is read from 1 Hz samples; the median of the rounds' peaks keeps
    // one stray sample from deciding the figure.
    ...(peakBytes.length > 0 ? { peakBytes: Math.round(median(peakBytes)) } : {}),
  };
}

/** A load's bursts as its figures: medians, spreads, failures added up, and each burst's answers/s in pair order. */
export function summariseLoad(
  words: LoadWords,
  runs: readonly LoadRun[],
  perAnswer: Readonly<Record<string, readonly number[]>> = {},
): LoadFigures {
  const kinds = [...new Set(runs.flatMap((r) => Object.keys(r.failures)))];
  const failureKinds = Object.fromEntries(kinds.map((k) => [k, sumOf(runs, (r) => r.failures[k] ?? 0)]));
  const p50 = runs.every((r) => r.p50Ms !== undefined) && runs.length > 0;
  return {
    ...words,
    ...summarisePerAnswer(perAnswer, runs.length),
    perSec: medianOf(runs, (r) => r.perSec),
    ...(p50 ? { p50Ms: medianOf(runs, (r) => r.p50Ms!) } : {}),
    p99Ms: medianOf(runs, (r) => r.p99Ms),
    failures: Object.values(failureKinds).reduce((a, b) => a + b, 0),
    ...(kinds.length > 1 ? { failureKinds } : {}),
    runs: runs.length,
    values: runs.map((r) => round(r.perSec)),
    range: {
      perSec: rangeOf(runs, (r) => r.perSec),
      ...(p50 ? { p50Ms: rangeOf(runs, (r) => r.p50Ms!) } : {}),
      p99Ms: rangeOf(runs, (r) => r.p99Ms),
    },
  };
}
