// With Testcontainers' reaper off, the harness removes what it creates. Every
// container, network and volume carries these labels; a run removes its own
// at the end, and at the start whatever a run that died left behind. A run is
// its main process's pid and a random identity: two runners with the same pid
// (each PID 1 in its own container) on one shared engine never remove each
// other's containers.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import { fileURLToPath } from "node:url";
import { docker, EngineError, engineName, ignoreGone, recheckEngine, withinDeadline } from "../docker.js";

export const managedLabel = "tiny-docker-images.managed";
export const ownerLabel = "tiny-docker-images.owner-pid";
/** Which machine and boot the owner pid belongs to, and when it started. */
export const ownerIdentityLabel = "tiny-docker-images.owner-identity";
/** The run's random identity (runIdentity). */
export const runLabel = "tiny-docker-images.run";

/**
 * How long a run's clean-up may take when it is stopped (SIGTERM, Ctrl-C):
 * what it created is removed within it, or the run says so and ends, inside
 * the 10 s a CI gives a job between SIGTERM and SIGKILL. `npm run clean`
 * removes the rest later.
 */
export const cleanupBudgetMs = 4_000;
/** The same at a run's ordinary end, failed or not: no one is waiting to kill it, and a failed suite may leave many containers. */
export const cleanupAtEndMs = 30_000;

/**
 * Starts a run: a new random identity, kept in TINY_RUN_ID so the processes
 * working for it (vitest's workers, the synchronous clean-up) label and
 * remove by it too.
 */
export function beginRun(): string {
  process.env.TINY_RUN_ID = `${Date.now().toString(36)}-${randomBytes(6).toString("hex")}`;
  return process.env.TINY_RUN_ID;
}

/** The identity of the run this process works for (beginRun, or inherited). */
export function runIdentity(): string {
  return process.env.TINY_RUN_ID || beginRun();
}

function readOr(file: string, fallback: string): string {
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    return fallback;
  }
}

/** The start time of a process, in clock ticks since boot (Linux), or "". */
function startTimeOf(pid: number): string {
  // Field 22 of /proc/PID/stat, counted after the ")" that ends the name.
  const stat = readOr(`/proc/${pid}/stat`, "");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? "";
}

const machine = `${hostname()}/${readOr("/proc/sys/kernel/random/boot_id", "unknown-boot")}`;

function identityOf(pid: number): string {
  return `${machine}/${startTimeOf(pid)}`;
}

/** Labels for anything created on behalf of the run whose main process is `owner`. */
export function ownedLabels(owner: number): Record<string, string> {
  return { [managedLabel]: "true", [ownerLabel]: String(owner), [ownerIdentityLabel]: identityOf(owner), [runLabel]: runIdentity() };
}

/**
 * Whether what these labels name was left by a run that is gone. A run on
 * another host (a shared or remote engine) is never judged from here; one of
 * an earlier boot is gone, and so is a pid now used by another process (its
 * start time differs).
 */
function leftBehind(labels: Record<string, string> | undefined): boolean {
  const pid = Number(labels?.[ownerLabel]);
  const identity = labels?.[ownerIdentityLabel] ?? "";
  if (!identity.startsWith(`${hostname()}/`)) return false;
  if (!Number.isInteger(pid) || pid <= 0) return true;
  return identityOf(pid) !== identity;
}

export interface Removed {
  containers: number;
  networks: number;
  volumes: number;
}

async function remove(which: (labels: Record<string, string> | undefined) => boolean): Promise<Removed> {
  const dockerode = await docker();
  await recheckEngine();
  const filters = JSON.stringify({ label: [`${managedLabel}=true`] });
  const removed: Removed = { containers: 0, networks: 0, volumes: 0 };
  // Containers first: networks and volumes in use can't be removed.
  for (const info of await dockerode.listContainers({ all: true, filters })) {
    if (!which(info.Labels)) continue;
    await dockerode
      .getContainer(info.Id)
      .remove({ force: true, v: true })
      .then(() => removed.containers++)
      .catch(ignoreGone);
  }
  for (const info of await dockerode.listNetworks({ filters })) {
    if (!which(info.Labels)) continue;
    await dockerode
      .getNetwork(info.Id)
      .remove()
      .then(() => removed.networks++)
      .catch(ignoreGone);
  }
  const { Volumes } = await dockerode.listVolumes({ filters });
  for (const info of Volumes ?? []) {
    if (!which(info.Labels)) continue;
    await dockerode
      .getVolume(info.Name)
      .remove()
      .then(() => removed.volumes++)
      .catch(ignoreGone);
  }
  return removed;
}

/**
 * Removes everything the run of `owner` (and identity `run`) created, within
 * the clean-up budget: an engine that doesn't answer by then fails it in one
 * line saying what is left to do.
 */
export function removeOwnedBy(owner: number, run: string = runIdentity(), withinMs: number = cleanupBudgetMs): Promise<Removed> {
  const left = "what this run created there goes with npm run clean once it does";
  const late = `not finished within ${withinMs / 1000} s: the Docker engine at ${engineName()} does not answer; ${left}`;
  return withinDeadline(withinMs, late, () =>
    remove((labels) => labels?.[ownerLabel] === String(owner) && labels?.[runLabel] === run),
  ).catch((error: unknown) => {
    if (error instanceof EngineError && !error.message.includes(left)) throw new EngineError(`${error.message}; ${left}`);
    throw error;
  });
}

/** Removes what runs that are no longer alive left behind. */
export function removeLeftovers(): Promise<Removed> {
  return remove(leftBehind);
}

export function describeRemoved(r: Removed): string {
  return `${r.containers} container(s), ${r.networks} network(s), ${r.volumes} volume(s)`;
}

/**
 * The same as removeOwnedBy, but finished before it returns: for a signal
 * handler or an exit hook, where the process may end before a promise does.
 */
export function removeOwnedBySync(owner: number, run: string = runIdentity()): void {
  const cli = fileURLToPath(new URL("cleanup-cli.ts", import.meta.url));
  const command = [process.execPath, "--import", "tsx", cli, "--owner", String(owner), "--run", run];
  // In a session of its own, a second Ctrl-C at the terminal can't kill it
  // half-way (setsid is util-linux's; without it, run it as it is).
  const hasSetsid = spawnSync("setsid", ["--version"], { stdio: "ignore" }).status === 0;
  const [file, ...args] = hasSetsid ? ["setsid", "-w", ...command] : command;
  // Its own budget (cleanupBudgetMs) ends it first; this is for a child that can't even start.
  spawnSync(file!, args, { stdio: ["ignore", "inherit", "inherit"], timeout: cleanupBudgetMs + 3_000, killSignal: "SIGKILL" });
}
