// How much CPU a container used over a span, from the Docker stats API (so it
// works on a remote engine too): whether a server under load had its CPUs
// busy, or waited on its load generator.
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

/** Runs `work` and returns the cores the container kept busy meanwhile (CPU time over wall time). */
export async function coresUsedDuring(containerId: string, work: () => Promise<void>): Promise<number> {
  const before = await cpuTimeNs(containerId);
  const startedAt = performance.now();
  await work();
  const wallNs = (performance.now() - startedAt) * 1e6;
  return ((await cpuTimeNs(containerId)) - before) / wallNs;
}
