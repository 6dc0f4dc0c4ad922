// The facts a reader needs to judge the figures: which code, which machine,
// which engine.
import { execFileSync } from "node:child_process";
import os from "node:os";
import { repoRoot } from "../catalog.js";
import { docker } from "../docker.js";

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
}

function git(...args: string[]): string | undefined {
  try {
    return execFileSync("git", args, { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}

export async function readEnvironment(now: Date): Promise<Environment> {
  const dockerode = await docker();
  const [version, info] = await Promise.all([dockerode.version(), dockerode.info() as Promise<{ Driver?: string }>]);
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
  };
}
