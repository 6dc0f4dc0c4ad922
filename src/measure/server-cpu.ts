// How much CPU a container used over a span, from the Docker stats API (so it
// works on a remote engine too): whether a server under load had its CPUs
// busy, and how much CPU it spent per answer. The CPU a server spends on a
// request is the program's; its throughput on a shared machine is as much
// the scheduler's.
import { docker } from "../docker.js";

/** The CPU time the container has used since it started, in nanoseconds. */
export async function cpuTimeNs(containerId: string): Promise<number> {
  const container = (await docker()).getContainer(containerId);
  // One-shot: without it the engine waits a second to fill in the previous sample.
  const stats = (await container.stats({ stream: false, "one-shot": true } as { stream: false })) as {
    cpu_stats?: { cpu_usage?: { total_usage?: number } };
  };
  const used = stats.cpu_stats?.cpu_usage?.total_usage;
  if (used === undefined) throw new Error(`Docker reports no CPU figures for container ${containerId.slice(0, 12)}`);
  return used;
}

/** The CPU a container used while some work ran, and how long the work took. */
export interface CpuSpan<T> {
  readonly cpuNs: number;
  readonly wallNs: number;
  readonly result: T;
}

/** Runs `work` and reads the container's CPU time around it. */
export async function cpuDuring<T>(containerId: string, work: () => Promise<T>): Promise<CpuSpan<T>> {
  const before = await cpuTimeNs(containerId);
  const startedAt = performance.now();
  const result = await work();
  const wallNs = (performance.now() - startedAt) * 1e6;
  return { cpuNs: (await cpuTimeNs(containerId)) - before, wallNs, result };
}

/** Microseconds of CPU per answer; undefined when nothing was answered. */
export function cpuPerAnswerUs(cpuNs: number, answers: number): number | undefined {
  return answers > 0 ? cpuNs / 1000 / answers : undefined;
}
