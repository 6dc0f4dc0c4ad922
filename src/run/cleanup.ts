// With Testcontainers' reaper off, the harness removes what it creates. Every
// container, network and volume carries these labels; a run removes its own
// at the end, and at the start whatever a run that died left behind.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { docker } from "../provision/docker.js";

export const managedLabel = "tiny-docker-images.managed";
export const ownerLabel = "tiny-docker-images.owner-pid";

/** Labels for anything created on behalf of the run whose main process is `owner`. */
export function ownedLabels(owner: number): Record<string, string> {
  return { [managedLabel]: "true", [ownerLabel]: String(owner) };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but is not ours to signal.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export interface Removed {
  containers: number;
  networks: number;
  volumes: number;
}

async function remove(which: (labels: Record<string, string> | undefined) => boolean): Promise<Removed> {
  const dockerode = await docker();
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

function ignoreGone(error: { statusCode?: number }): void {
  // Already gone (404) or being removed by someone else (409): the goal is met.
  if (error.statusCode !== 404 && error.statusCode !== 409) throw error;
}

/** Removes everything the run of `owner` created. */
export function removeOwnedBy(owner: number): Promise<Removed> {
  return remove((labels) => labels?.[ownerLabel] === String(owner));
}

/** Removes what runs that are no longer alive left behind. */
export function removeLeftovers(): Promise<Removed> {
  return remove((labels) => {
    const pid = Number(labels?.[ownerLabel]);
    return !Number.isInteger(pid) || pid <= 0 || !alive(pid);
  });
}

export function describeRemoved(r: Removed): string {
  return `${r.containers} container(s), ${r.networks} network(s), ${r.volumes} volume(s)`;
}

/**
 * The same as removeOwnedBy, but finished before it returns: for a signal
 * handler or an exit hook, where the process may end before a promise does.
 */
export function removeOwnedBySync(owner: number): void {
  const cli = fileURLToPath(new URL("cleanup-cli.ts", import.meta.url));
  spawnSync(process.execPath, ["--import", "tsx", cli, "--owner", String(owner)], {
    stdio: ["ignore", "inherit", "inherit"],
    timeout: 60_000,
  });
}
