// How much CPU a container used over a span: whether a server under load
// had its CPUs busy, and how much CPU it spent per answer. The CPU a server
// spends on a request is the program's; its throughput on a shared machine
// is as much the scheduler's. On this machine's engine the container's
// cgroup is read directly (microseconds; Docker 20.10's stats call takes
// about a second even one-shot, which would double a half-second burst);
// on a remote engine, or where the cgroup can't be read, the stats API.
import { readFile } from "node:fs/promises";
import { docker, engineLocation } from "../docker.js";

/**
 * The CPU time a container has used since it started, in nanoseconds, and
 * its user and system parts where the source splits it. The total is the
 * scheduler's, to the nanosecond; the split is the kernel's tick sampling
 * (a tick is charged to the mode the task was in), so it is good to a tick
 * (1-10 ms) per reading, and its parts need not add up to the total
 * (cgroup v1 here: 3.65 s of parts for 3.37 s of CPU). A span takes the
 * split as shares of its total (splitSpan), as cgroup v2's cpu.stat does.
 */
export interface CpuTime {
  readonly totalNs: number;
  readonly userNs?: number;
  readonly systemNs?: number;
}

/** The per-answer measures a CpuTime gives, by the name the report stores them under (schema.ts's LoadFigures.perAnswer). */
export const cpuMeasures: Readonly<Record<string, (t: CpuTime) => number | undefined>> = {
  cpuUs: (t) => t.totalNs,
  userUs: (t) => t.userNs,
  systemUs: (t) => t.systemNs,
};

/** What the engine's stats API says of a container's CPU. */
export async function statsCpuTime(containerId: string): Promise<CpuTime> {
  const container = (await docker()).getContainer(containerId);
  // One-shot: without it the engine waits a second to fill in the previous sample.
  const stats = (await container.stats({ stream: false, "one-shot": true } as { stream: false })) as {
    cpu_stats?: { cpu_usage?: { total_usage?: number; usage_in_usermode?: number; usage_in_kernelmode?: number } };
  };
  const usage = stats.cpu_stats?.cpu_usage;
  if (usage?.total_usage === undefined) throw new Error(`Docker reports no CPU figures for container ${containerId.slice(0, 12)}`);
  return { totalNs: usage.total_usage, userNs: usage.usage_in_usermode, systemNs: usage.usage_in_kernelmode };
}

/** Where a process's cgroup keeps its CPU time: cgroup v1's cpuacct folder, or cgroup v2's cpu.stat. */
export type CgroupCpu = { readonly version: 1; readonly dir: string } | { readonly version: 2; readonly path: string };

/**
 * Where a process's cgroup CPU time is, from /proc/<pid>/cgroup: cgroup v1's
 * cpuacct folder where a cpuacct hierarchy is mounted, else cgroup v2's
 * cpu.stat. Undefined when neither line is there.
 */
export function cgroupCpuFile(procCgroup: string, root = "/sys/fs/cgroup"): CgroupCpu | undefined {
  const lines = procCgroup.split("\n").map((l) => l.split(":"));
  const v1 = lines.find(([, controllers]) => controllers?.split(",").includes("cpuacct"));
  if (v1) return { version: 1, dir: `${root}/${v1[1]}${v1.slice(2).join(":")}` };
  const v2 = lines.find(([id, controllers]) => id === "0" && controllers === "");
  return v2 ? { version: 2, path: `${root}${v2.slice(2).join(":")}/cpu.stat` } : undefined;
}

const number = (value: string | undefined, content: string): number => {
  const n = Number(value);
  if (value === undefined || value === "" || !Number.isFinite(n)) throw new Error(`no CPU time in ${JSON.stringify(content.slice(0, 80))}`);
  return n;
};

/** cgroup v2's cpu.stat: usage_usec, user_usec and system_usec, as nanoseconds. */
export function parseCpuStat(content: string): CpuTime {
  const field = (name: string): string | undefined => new RegExp(`^${name} (\\d+)$`, "m").exec(content)?.[1];
  const totalNs = number(field("usage_usec"), content) * 1000;
  const [user, system] = [field("user_usec"), field("system_usec")];
  return { totalNs, ...(user && system ? { userNs: Number(user) * 1000, systemNs: Number(system) * 1000 } : {}) };
}

/** cgroup v1's cpuacct.usage (ns), and its cpuacct.usage_all ("cpu user system", a row per CPU) when there is one. */
export function parseCpuacct(usage: string, usageAll: string | undefined): CpuTime {
  const totalNs = number(usage.trim(), usage);
  const rows = (usageAll ?? "")
    .split("\n")
    .slice(1)
    .map((l) => l.trim().split(/\s+/).map(Number));
  const valid = rows.filter((r) => r.length === 3 && r.every(Number.isFinite));
  if (valid.length === 0) return { totalNs };
  return { totalNs, userNs: valid.reduce((a, r) => a + r[1]!, 0), systemNs: valid.reduce((a, r) => a + r[2]!, 0) };
}

async function readCgroupCpu(where: CgroupCpu): Promise<CpuTime> {
  if (where.version === 2) return parseCpuStat(await readFile(where.path, "utf8"));
  const usageAll = await readFile(`${where.dir}/cpuacct.usage_all`, "utf8").catch(() => undefined);
  return parseCpuacct(await readFile(`${where.dir}/cpuacct.usage`, "utf8"), usageAll);
}

const readers = new Map<string, Promise<() => Promise<CpuTime>>>();

/** How to read a container's CPU time: its cgroup on this machine's engine, else the stats API. */
function cpuReader(containerId: string): Promise<() => Promise<CpuTime>> {
  const known = readers.get(containerId);
  if (known) return known;
  const viaStats = async (): Promise<CpuTime> => statsCpuTime(containerId);
  const reader = (async () => {
    if (engineLocation().remote) return viaStats;
    const { State } = await (await docker()).getContainer(containerId).inspect();
    const where = State.Pid > 0 ? cgroupCpuFile(await readFile(`/proc/${State.Pid}/cgroup`, "utf8").catch(() => "")) : undefined;
    if (!where) return viaStats;
    const direct = (): Promise<CpuTime> => readCgroupCpu(where);
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

/** The CPU time the container has used since it started. */
export async function cpuTime(containerId: string): Promise<CpuTime> {
  return (await cpuReader(containerId))();
}

/** The CPU a container used while some work ran (its parts where they were read), and how long the work took. */
export interface CpuSpan<T> {
  readonly cpuNs: number;
  readonly used: CpuTime;
  readonly wallNs: number;
  readonly result: T;
}

/** Runs `work` and reads the container's CPU time around it. */
export async function cpuDuring<T>(containerId: string, work: () => Promise<T>): Promise<CpuSpan<T>> {
  const before = await cpuTime(containerId);
  const startedAt = performance.now();
  const result = await work();
  const wallNs = (performance.now() - startedAt) * 1e6;
  const after = await cpuTime(containerId);
  const used = splitSpan(after.totalNs - before.totalNs, before, after);
  return { cpuNs: used.totalNs, used, wallNs, result };
}

/**
 * A span's CPU, its total split in the shares of user and system ticks that
 * landed in it; no split when the source gives none or no tick landed (a
 * short, light burst): an unknown split, not an even one.
 */
export function splitSpan(totalNs: number, before: CpuTime, after: CpuTime): CpuTime {
  const delta = (part: "userNs" | "systemNs") => {
    const [a, b] = [after[part], before[part]];
    return a !== undefined && b !== undefined ? a - b : undefined;
  };
  const [user, system] = [delta("userNs"), delta("systemNs")];
  if (user === undefined || system === undefined || user + system <= 0) return { totalNs };
  return { totalNs, userNs: (totalNs * user) / (user + system), systemNs: (totalNs * system) / (user + system) };
}

/** Each per-answer measure of a span's CPU (cpuMeasures) it has, in µs per answer; a burst with no answer counts as one. */
export function perAnswerUs(used: CpuTime, answers: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [measure, read] of Object.entries(cpuMeasures)) {
    const ns = read(used);
    if (ns !== undefined) out[measure] = ns / 1000 / Math.max(1, answers);
  }
  return out;
}

/** Microseconds of CPU per answer; undefined when nothing was answered. */
export function cpuPerAnswerUs(cpuNs: number, answers: number): number | undefined {
  return answers > 0 ? cpuNs / 1000 / answers : undefined;
}
