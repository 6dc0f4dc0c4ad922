// Many runs of one measurement become the report's figures: the median as
// the headline, the min-max spread beside it, totals of what went wrong.
// Rounded to what the measurements can support.
import type { AbOutput } from "../measure/ab-output.js";
import type { HttpRun } from "../measure/http-load.js";
import { sqlMix, type SqlRun } from "../measure/sql-load.js";
import { median, range } from "../measure/stats.js";
import type {
  AbFigures,
  CpuPerAnswer,
  HttpFigures,
  LoadFigures,
  MemoryFigures,
  Range,
  SqlFigures,
  StartupFigures,
} from "../report/schema.js";

/** One burst of an image's own load (workloads/own-load.ts's closedLoop). */
export interface LoadRun {
  /** Requests answered without an error. */
  readonly requests: number;
  readonly requestsPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  readonly generatorCpu: number;
}

/** Two decimals: a hundredth of a millisecond or of a request per second is already noise. */
const round = (value: number): number => Math.round(value * 100) / 100;
const roundRange = ({ min, max }: Range): Range => ({ min: round(min), max: round(max) });
const medianOf = <T>(runs: readonly T[], pick: (run: T) => number): number => round(median(runs.map(pick)));
const rangeOf = <T>(runs: readonly T[], pick: (run: T) => number): Range => roundRange(range(runs.map(pick)));
const sumOf = <T>(runs: readonly T[], pick: (run: T) => number): number => runs.reduce((total, r) => total + pick(r), 0);

/** A burst's CPU per answer to a hundredth of a µs; absent with no bursts. */
export function summariseCpu(valuesUs: readonly number[]): { cpu: CpuPerAnswer } | Record<string, never> {
  return valuesUs.length === 0 ? {} : { cpu: { medianUs: medianOf(valuesUs, (v) => v), values: valuesUs.map(round) } };
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

export function summariseHttp(path: string, runs: readonly HttpRun[], cpuUs: readonly number[] = []): HttpFigures {
  return {
    path,
    ...summariseCpu(cpuUs),
    requestsPerSec: medianOf(runs, (r) => r.requestsPerSec),
    p50Ms: medianOf(runs, (r) => r.p50Ms),
    p99Ms: medianOf(runs, (r) => r.p99Ms),
    errors: sumOf(runs, (r) => r.errors),
    timeouts: sumOf(runs, (r) => r.timeouts),
    non2xx: sumOf(runs, (r) => r.non2xx),
    runs: runs.length,
    values: runs.map((r) => round(r.requestsPerSec)),
    range: {
      requestsPerSec: rangeOf(runs, (r) => r.requestsPerSec),
      p50Ms: rangeOf(runs, (r) => r.p50Ms),
      p99Ms: rangeOf(runs, (r) => r.p99Ms),
    },
  };
}

export function summariseSql(runs: readonly SqlRun[], cpuUs: readonly number[] = []): SqlFigures {
  return {
    mix: sqlMix,
    ...summariseCpu(cpuUs),
    queriesPerSec: medianOf(runs, (r) => r.queriesPerSec),
    p50Ms: medianOf(runs, (r) => r.p50Ms),
    p99Ms: medianOf(runs, (r) => r.p99Ms),
    errors: sumOf(runs, (r) => r.errors),
    runs: runs.length,
    values: runs.map((r) => round(r.queriesPerSec)),
    range: { queriesPerSec: rangeOf(runs, (r) => r.queriesPerSec), p99Ms: rangeOf(runs, (r) => r.p99Ms) },
  };
}

export function summariseLoad(what: string, runs: readonly LoadRun[], cpuUs: readonly number[] = []): LoadFigures {
  return {
    what,
    ...summariseCpu(cpuUs),
    requestsPerSec: medianOf(runs, (r) => r.requestsPerSec),
    p50Ms: medianOf(runs, (r) => r.p50Ms),
    p99Ms: medianOf(runs, (r) => r.p99Ms),
    errors: sumOf(runs, (r) => r.errors),
    runs: runs.length,
    values: runs.map((r) => round(r.requestsPerSec)),
    range: { requestsPerSec: rangeOf(runs, (r) => r.requestsPerSec), p99Ms: rangeOf(runs, (r) => r.p99Ms) },
  };
}

export function summariseAb(target: string, runs: readonly AbOutput[], cpuUs: readonly number[] = []): AbFigures {
  return {
    target,
    ...summariseCpu(cpuUs),
    requestsPerSec: medianOf(runs, (r) => r.requestsPerSecond),
    meanMs: medianOf(runs, (r) => r.timePerRequestMs),
    p99Ms: medianOf(runs, (r) => r.percentilesMs[99]),
    completeRequests: sumOf(runs, (r) => r.completeRequests),
    failedRequests: sumOf(runs, (r) => r.failedRequests.total),
    non2xx: sumOf(runs, (r) => r.non2xxResponses),
    runs: runs.length,
    values: runs.map((r) => round(r.requestsPerSecond)),
    range: { requestsPerSec: rangeOf(runs, (r) => r.requestsPerSecond) },
  };
}
