// A container's memory as `docker stats` shows it: the cgroup's usage minus
// the page cache the kernel can drop (inactive files), from the stats API.
import { docker } from "../docker.js";

interface MemoryStats {
  usage?: number;
  stats?: Record<string, number>;
}

function inUse(memory: MemoryStats | undefined): number | undefined {
  if (!memory?.usage) return undefined;
  // cgroup v1 names it total_inactive_file, v2 inactive_file.
  const cache = memory.stats?.total_inactive_file ?? memory.stats?.inactive_file ?? 0;
  return memory.usage - cache;
}

/** The container's memory in use now, in bytes. */
export async function memoryNow(containerId: string): Promise<number> {
  const container = (await docker()).getContainer(containerId);
  const stats = (await container.stats({ stream: false, "one-shot": true } as { stream: false })) as {
    memory_stats?: MemoryStats;
  };
  const bytes = inUse(stats.memory_stats);
  if (bytes === undefined) throw new Error(`Docker reports no memory figures for container ${containerId.slice(0, 12)}`);
  return bytes;
}

export interface PeakSampler {
  /** Stops sampling; the highest figure seen (at least the one taken at the start). */
  stop(): Promise<number>;
}

/** Follows the container's stats stream (a sample a second) and keeps the highest. */
export async function samplePeakMemory(containerId: string): Promise<PeakSampler> {
  let peak = await memoryNow(containerId);
  const stream = (await (await docker()).getContainer(containerId).stats({ stream: true })) as NodeJS.ReadableStream & {
    destroy(): void;
  };
  let pending = "";
  stream.on("data", (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.trim()) continue;
      const bytes = inUse((JSON.parse(line) as { memory_stats?: MemoryStats }).memory_stats);
      if (bytes !== undefined) peak = Math.max(peak, bytes);
    }
  });
  stream.on("error", () => undefined);
  return {
    stop: async () => {
      stream.destroy();
      peak = Math.max(peak, await memoryNow(containerId).catch(() => 0));
      return peak;
    },
  };
}
