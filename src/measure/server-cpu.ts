// How much CPU a container used over a span: whether a server under load
// had its CPUs busy, and how much CPU it spent per answer. The CPU a server
// spends on a request is the program's; its throughput on a shared machine
// is as much the scheduler's. On this machine's engine the container's
// cgroup is read directly (microseconds; Docker 20.10's stats call takes
// about a second even one-shot, which would double a half-second burst);
// on a remote engine, or where the cgroup can't be read, the stats API.
import { readFile } from "node:fs/promises";
import { docker, engineLocation } from "../docker.js";

/** The CPU time the container has used since it started, in nanoseconds, from the engine's stats API. */
export async function statsCpuTimeNs(containerId: string): Promise<number> {
  const container = (await docker()).getContainer(containerId);
  // One-shot: without it the engine waits a second to fill in the previous sample.
  const stats = (await container.stats({ stream: false, "one-shot": true } as { stream: false })) as {
    cpu_stats?: { cpu_usage?: { total_usage?: number } };
  };
  const used = stats.cpu_stats?.cpu_usage?.total_usage;
  if (used === undefined) throw new Error(`Docker reports no CPU figures for container ${containerId.slice(0, 12)}`);
  return used;
}

/**
 * The file holding a process's cgroup CPU time, from /proc/<pid>/cgroup:
 * cgroup v1's cpuacct.usage (ns) where a cpuacct hierarchy is mounted, else
 * cgroup v2's cpu.stat (usage_usec). Undefined when neither line is there.
 */
export function cgroupCpuFile(procCgroup: string, root = "/sys/fs/cgroup"): { path: string; unit: "ns" | "usec" } | undefined {
  const lines = procCgroup.split("\n").map((l) => l.split(":"));
  const v1 = lines.find(([, controllers]) => controllers?.split(",").includes("cpuacct"));
  if (v1) return { path: `${root}/${v1[1]}${v1.slice(2).join(":")}/cpuacct.usage`, unit: "ns" };
  const v2 = lines.find(([id, controllers]) => id === "0" && controllers === "");
  return v2 ? { path: `${root}${v2.slice(2).join(":")}/cpu.stat`, unit: "usec" } : undefined;
}

/** Reads a cgroup CPU file (cgroupCpuFile) as nanoseconds. */
export function parseCgroupCpu(content: string, unit: "ns" | "usec"): number {
  const value = unit === "ns" ? content.trim() : /^usage_usec (\d+)$/m.exec(content)?.[1];
  const n = Number(value);
  if (value === undefined || value === "" || !Number.isFinite(n)) throw new Error(`no CPU time in ${JSON.stringify(content.slice(0, 80))}`);
  return unit === "ns" ? n : n * 1000;
}

const readers = new Map<string, Promise<() => Promise<number>>>();

/** How to read a container's CPU time: its cgroup file on this machine's engine, else the stats API. */
function cpuReader(containerId: string): Promise<() => Promise<number>> {
  const known = readers.get(containerId);
  if (known) return known;
  const viaStats = async (): Promise<number> => statsCpuTimeNs(containerId);
  const reader = (async () => {
    if (engineLocation().remote) return viaStats;
    const { State } = await (await docker()).getContainer(containerId).inspect();
    const file = State.Pid > 0 ? cgroupCpuFile(await readFile(`/proc/${State.Pid}/cgroup`, "utf8").catch(() => "")) : undefined;
    if (!file) return viaStats;
    const direct = async (): Promise<number> => parseCgroupCpu(await readFile(file.path, "utf8"), file.unit);
    // A cgroup this process can't read (another mount namespace, no permission): the engine's figure instead.
    return (await direct().then(
      () => true,
      () => false,
    ))
      ? direct
      : viaStats;
  })();
  readers.set(containerId, reader);
  return reader;
}

/** The CPU time the container has used since it started, in nanoseconds. */
export async function cpuTimeNs(containerId: string): Promise<number> {
  return (await cpuReader(containerId))();
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
