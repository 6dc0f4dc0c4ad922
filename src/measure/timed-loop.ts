// A closed loop, as autocannon runs one: `workers` clients each sending
// requests back to back until the time is up, every answer timed. The SQL
// mix and an image's own load module share it; each says only how one
// request is sent. A request that hangs counts as an error after
// `requestTimeoutMs` and its worker goes on, so a stuck server can't hold a
// burst (or the benchmark) past its time.
import { cpuShare, percentile } from "./stats.js";

export interface LoopRun {
  /** Requests answered without an error. */
  readonly answers: number;
  readonly perSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  /** The share of one core this process used meanwhile: the load generator's own load. */
  readonly generatorCpu: number;
}

/** Longest a single request may take before it counts as failed. */
export const requestTimeoutMs = 10_000;

function bounded(request: Promise<void>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([request, limit]).finally(() => clearTimeout(timer));
}

/**
 * Runs the loop; `what` names a request in the error when none succeeded
 * ("request", "query"). `request(worker, i)` sends worker's i-th request.
 */
export async function timedLoop(
  workers: number,
  seconds: number,
  what: string,
  request: (worker: number, i: number) => Promise<void>,
  timeoutMs = requestTimeoutMs,
): Promise<LoopRun> {
  const latencies: number[] = [];
  let errors = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async (w: number): Promise<void> => {
    for (let i = 0; performance.now() < deadline; i++) {
      const sent = performance.now();
      try {
        await bounded(request(w, i), timeoutMs);
        latencies.push(performance.now() - sent);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
  const wallMs = performance.now() - started;
  if (latencies.length === 0) throw new Error(`no ${what} succeeded in ${seconds} s (${errors} errors)`);
  return {
    answers: latencies.length,
    perSec: latencies.length / (wallMs / 1000),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    errors,
    generatorCpu: cpuShare(cpuBefore, wallMs),
  };
}
