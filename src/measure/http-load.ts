// One autocannon run against a URL: requests per second, latency, errors,
// and how much of a core autocannon itself used (it is single-threaded, so
// near 100% it measures itself, not the server).
import autocannon from "autocannon";
import { cpuShare } from "./stats.js";

export interface HttpRun {
  /** Answers received, whatever their status. */
  readonly answers: number;
  readonly requestsPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  /** Share of one core the load generator used. */
  readonly generatorCpu: number;
}

export async function httpLoad(url: string, connections: number, durationSeconds: number): Promise<HttpRun> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  // autocannon checks its duration on each sample tick, a second by default: a half-second burst
  // would take a whole one. Ticks of 100 ms end it within a tenth of a second of its time.
  const result = await autocannon({ url, connections, duration: durationSeconds, pipelining: 1, timeout: 10, sampleInt: 100 });
  const generatorCpu = cpuShare(cpuBefore, performance.now() - started);
  return {
    answers: result.requests.total,
    // Total over the run's own clock: a short burst has too few one-second buckets to average.
    requestsPerSec: result.duration > 0 ? result.requests.total / result.duration : result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    // autocannon counts its timeouts among its errors too.
    errors: result.errors - result.timeouts,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    generatorCpu,
  };
}
