// The facts a reader needs to judge the figures: which code, which machine,
// which engine.
import { execFileSync } from "node:child_process";
import os from "node:os";
import { repoRoot } from "../catalog.js";
import { docker, engineLocation } from "../docker.js";
import { readSettings, type Platform } from "../settings.js";

/** The machine of a remote engine (DOCKER_HOST=tcp://…), where the servers under test ran. */
export interface ServerEngine {
  /** DOCKER_HOST as given. */
  readonly host: string;
  readonly cpuCount: number;
  readonly memoryBytes: number;
  readonly kernel: string;
  /** e.g. "Debian GNU/Linux 12 (bookworm)". */
  readonly os: string;
}

export interface Environment {
  readonly date: string;
  /** `git rev-parse HEAD`, or "unknown" outside a git checkout. */
  readonly commit: string;
  /** Whether the working tree had uncommitted changes. */
  readonly commitDirty: boolean;
  readonly cpuModel: string;
  readonly cpuCount: number;
  readonly memoryBytes: number;
  /** e.g. "Linux 6.1.0-18-amd64". */
  readonly kernel: string;
  readonly dockerVersion: string;
  readonly dockerApiVersion: string;
  /** e.g. "overlay2". */
  readonly dockerStorageDriver: string;
  readonly nodeVersion: string;
  /**
   * The architecture the images under test were built for and ran as, as the
   * kernel names it (x86_64, aarch64): the engine's (Docker's
   * info.Architecture), or TINY_PLATFORM's when that asked for another (the
   * engine then emulated it). Absent in reports made before it was recorded,
   * all of them on x86_64.
   */
  readonly architecture?: string;
  /** The load generators' architecture (Node's process.arch, named as the kernel names it). */
  readonly generatorArchitecture?: string;
  /**
   * Set when the servers ran on a remote engine: the fields above then
   * describe the machine of the harness and its load generators only.
   */
  readonly serverEngine?: ServerEngine;
}

/** What an Environment says about the machine alone: a merged report keeps it for each image (report/merge.ts). */
export type Machine = Omit<Environment, "date" | "commit" | "commitDirty">;

export function machineFrom(environment: Environment): Machine {
  const run = new Set(["date", "commit", "commitDirty"]);
  return Object.fromEntries(Object.entries(environment).filter(([key]) => !run.has(key))) as Machine;
}

interface EngineInfo {
  readonly Architecture?: string;
  readonly Driver?: string;
  readonly NCPU?: number;
  readonly MemTotal?: number;
  readonly KernelVersion?: string;
  readonly OperatingSystem?: string;
}

function serverEngine(info: EngineInfo): ServerEngine | undefined {
  const engine = engineLocation();
  if (!engine.remote) return undefined;
  return {
    host: engine.name,
    cpuCount: info.NCPU ?? 0,
    memoryBytes: info.MemTotal ?? 0,
    kernel: info.KernelVersion ?? "unknown",
    os: info.OperatingSystem ?? "unknown",
  };
}

function git(...args: string[]): string | undefined {
  try {
    return execFileSync("git", args, { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}

/** Node's names for the architectures (process.arch) as the kernel and Docker name them. */
const kernelNames: Readonly<Record<string, string>> = { x64: "x86_64", arm64: "aarch64", ia32: "i686", arm: "armv7l" };

export function kernelArchitecture(nodeArch: string): string {
  return kernelNames[nodeArch] ?? nodeArch;
}

export async function readEnvironment(now: Date, platform: Platform | undefined = readSettings().platform): Promise<Environment> {
  const dockerode = await docker();
  const [version, info] = await Promise.all([dockerode.version(), dockerode.info() as Promise<EngineInfo>]);
  const remote = serverEngine(info);
  const cpus = os.cpus();
  return {
    date: now.toISOString(),
    commit: git("rev-parse", "HEAD") ?? "unknown",
    // What the benchmark itself writes (reports/) doesn't make the code dirty.
    commitDirty: (git("status", "--porcelain", "--", ".", ":!reports") ?? "") !== "",
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    cpuCount: cpus.length,
    memoryBytes: os.totalmem(),
    kernel: `${os.type()} ${os.release()}`,
    dockerVersion: version.Version,
    dockerApiVersion: version.ApiVersion,
    dockerStorageDriver: info.Driver ?? "unknown",
    nodeVersion: process.version,
    architecture: platform?.machine ?? info.Architecture ?? "unknown",
    generatorArchitecture: kernelArchitecture(process.arch),
    ...(remote ? { serverEngine: remote } : {}),
  };
}
