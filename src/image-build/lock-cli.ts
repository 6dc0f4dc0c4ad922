// npm run lock: makes or refreshes images/<image>/packages.lock for every
// image of a reproducible flavor (the scratch one). For each, a container of
// the flavor's Debian image installs what the build stage installs, the
// newest (apt-install.sh with TINY_LOCK=refresh), and prints the lock of what
// it installed. A lock whose packages are unchanged is left as it is, epoch
// included; a changed one gets today's date as its epoch, and the command
// says what moved, for the diff a reviewer reads. The Debian bootstrap those
// containers may start from is locked first, the same way
// (images/shared/bootstrap-<suite>.lock), and made again from its new lock.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { flavor, flavors, hasFlavor, images, imagesDir, type FlavorName, type ImageName } from "../catalog.js";
import { docker } from "../docker.js";
import { bootstrapNewest, suiteOf } from "../provision/bootstrap-debian.js";
import { bootstrapLockFile, readBootstrapLock, writeBootstrapLock } from "../provision/bootstrap-lock.js";
import { snapshotSources } from "../provision/debian-snapshot.js";
import { provisionFlavors } from "../provision/upstream.js";
import { readSettings, type Settings } from "../settings.js";
import { writeArchive } from "../image-archive/normalise.js";
import {
  lockFileName,
  parseLock,
  readLock,
  refreshLock,
  renderLock,
  type LockedPackage,
  type Refreshed,
} from "../provision/package-lock.js";

const lockTimeoutMs = 20 * 60_000;

/** The packages the Dockerfile's build stage installs beside packages.txt: the words after it on apt-install.sh's line. */
export function extraPackages(dockerfile: string): string[] {
  const line = dockerfile.split("\n").find((l) => /apt-install\.sh \S+\/packages\.txt/.test(l));
  return line
    ? line
        .replace(/^.*\/packages\.txt/, "")
        .trim()
        .split(/\s+/)
        .filter(Boolean)
    : [];
}

/** A container's log as the engine sends it without a TTY: frames of an 8-byte header (stream, 0, 0, 0, length) and their bytes. */
export function demux(log: Buffer): { stdout: string; stderr: string } {
  const parts: Record<number, Buffer[]> = { 1: [], 2: [] };
  for (let at = 0; at + 8 <= log.length;) {
    const length = log.readUInt32BE(at + 4);
    parts[log[at]!]?.push(log.subarray(at + 8, at + 8 + length));
    at += 8 + length;
  }
  return { stdout: Buffer.concat(parts[1]!).toString(), stderr: Buffer.concat(parts[2]!).toString() };
}

/** Runs `script` in a container of `ref` with `files` put in first and `env` set; its standard output. */
async function runInContainer(ref: string, script: string, files: Record<string, string>, env: readonly string[]): Promise<string> {
  const dockerode = await docker();
  const container = await dockerode.createContainer({ Image: ref, Entrypoint: ["sh", "-c", script], User: "root", Env: [...env] });
  try {
    const archive = await writeArchive(
      Object.entries(files).map(([name, body]) => ({
        header: { name, size: Buffer.byteLength(body), mode: 0o644 },
        body: Buffer.from(body),
      })),
    );
    await container.putArchive(archive, { path: "/" });
    await container.start();
    const timer = setTimeout(() => void container.kill().catch(() => undefined), lockTimeoutMs);
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    clearTimeout(timer);
    const { stdout, stderr } = demux(await container.logs({ stdout: true, stderr: true, follow: false }));
    if (StatusCode !== 0) {
      const last = stderr.trim().split("\n").slice(-5).join("\n  ");
      throw new Error(`installing in ${ref} failed (exit ${StatusCode}):\n  ${last}`);
    }
    return stdout;
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}

/** What the build stage of `image` installs today: its packages, as apt-install.sh locks them. */
async function installedToday(image: ImageName, debianRef: string, env: readonly string[]): Promise<readonly LockedPackage[]> {
  const dir = path.join(imagesDir, image);
  const extras = extraPackages(readFileSync(path.join(dir, "scratch.Dockerfile"), "utf8"));
  const script = `TINY_LOCK=refresh sh /tmp/lock/apt-install.sh /tmp/lock/${image}/packages.txt ${extras.join(" ")} >&2 && cat /tmp/lock/${image}/packages.lock.new`;
  const files = {
    "tmp/lock/apt-install.sh": readFileSync(path.join(imagesDir, "shared/rootfs/apt-install.sh"), "utf8"),
    [`tmp/lock/${image}/packages.txt`]: readFileSync(path.join(dir, "packages.txt"), "utf8"),
  };
  const text = await runInContainer(debianRef, script, files, env);
  return parseLock(`# epoch 0\n${text}`, `the lock printed for ${image}`).packages;
}

/** Says what a refresh did to `file`: unchanged, new, or what moved. */
function sayRefreshed(file: string, { lock, changes, write }: Refreshed, isNew: boolean, say: (line: string) => void): void {
  if (!write) return say(`${file}: unchanged (${lock.packages.length} packages)`);
  const epoch = lock.epoch.toISOString().slice(0, 10);
  say(`${file}: ${isNew ? "new" : `${changes.length} changed`}, ${lock.packages.length} packages, epoch ${epoch}`);
  for (const line of changes) say(`  ${line}`);
}

async function lockImage(image: ImageName, debianRef: string, env: readonly string[], say: (line: string) => void): Promise<void> {
  say(`${image}: installing what its build stage installs, the newest, in ${debianRef}`);
  const today = await installedToday(image, debianRef, env);
  const previous = readLock(path.join(imagesDir, image));
  const refreshed = refreshLock(previous, today, new Date());
  if (refreshed.write) writeFileSync(path.join(imagesDir, image, lockFileName), renderLock(image, refreshed.lock));
  sayRefreshed(path.join("images", image, lockFileName), refreshed, !previous, say);
}

/** Locks the bootstrap of `ref` (Debian's upstream): what mmdebstrap installs today, unpinned. */
async function lockBootstrap(ref: string, settings: Settings, say: (line: string) => void): Promise<void> {
  const suite = suiteOf(ref);
  const today = await bootstrapNewest(ref, {
    cacheDir: settings.cacheDir,
    mirror: settings.debianMirror,
    snapshot: settings.debianSnapshot,
    platform: settings.platform,
    progress: say,
  });
  const previous = readBootstrapLock(suite);
  const refreshed = refreshLock(previous, today, new Date());
  if (refreshed.write) writeBootstrapLock(suite, refreshed.lock);
  sayRefreshed(bootstrapLockFile(suite).shown, refreshed, !previous, say);
}

/** The environment the lock's containers install with: TINY_DEBIAN_SNAPSHOT's sources for apt-install.sh, when set. */
function installEnv(flavorName: FlavorName, settings: Settings): string[] {
  const ref = flavor(flavorName).upstream?.ref;
  if (!settings.debianSnapshot || !ref) return [];
  return [`TINY_APT_SOURCES=${snapshotSources(settings.debianSnapshot, suiteOf(ref)).join("\n")}`];
}

async function main(): Promise<void> {
  const say = (line: string): void => void process.stdout.write(`lock: ${line}\n`);
  const settings = readSettings();
  const reproducible = flavors.filter((f) => f.reproducible).map((f) => f.name);
  const bootstrapped = new Set(flavors.filter((f) => f.reproducible && f.upstream.bootstrap === "debian").map((f) => f.upstream.ref));
  for (const ref of bootstrapped) await lockBootstrap(ref, settings, say);
  const provisioned = await provisionFlavors(reproducible, settings, (line) => say(line));
  for (const flavorName of reproducible) {
    const upstream = provisioned.get(flavorName);
    if (!upstream?.available)
      throw new Error(`the ${flavorName} flavor's Debian image can't be had here: ${upstream?.reason ?? "unknown"}`);
    const debianRef = Object.values(upstream.buildArgs)[0]!;
    for (const image of images.filter((i) => hasFlavor(i.name, flavorName) && settings.images.includes(i.name))) {
      await lockImage(image.name, debianRef, installEnv(flavorName, settings), say);
    }
  }
  say("review the changes (git diff images/*/packages.lock images/shared/*.lock) and commit them; the next build installs exactly these");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error: unknown) => {
    process.stderr.write(`lock: failed: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
