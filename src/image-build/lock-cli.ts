// npm run lock: makes or refreshes images/<image>/packages.lock for every
// image of a reproducible flavor (the scratch one). For each, a container of
// the flavor's Debian image installs what the build stage installs, the
// newest (apt-install.sh with TINY_LOCK=refresh), and prints the lock of what
// it installed. A lock whose packages are unchanged is left as it is, epoch
// included; a changed one gets today's date as its epoch, and the command
// says what moved, for the diff a reviewer reads.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { flavors, hasFlavor, images, imagesDir, type ImageName } from "../catalog.js";
import { docker } from "../docker.js";
import { provisionFlavors } from "../provision/upstream.js";
import { readSettings } from "../settings.js";
import { writeArchive } from "./normalise.js";
import { lockFileName, parseLock, readLock, renderLock, type LockedPackage, type PackageLock } from "./package-lock.js";

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

/** Runs `script` in a container of `ref` with `files` put in first; its standard output. */
async function runInContainer(ref: string, script: string, files: Record<string, string>): Promise<string> {
  const dockerode = await docker();
  const container = await dockerode.createContainer({ Image: ref, Entrypoint: ["sh", "-c", script], User: "root" });
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
async function installedToday(image: ImageName, debianRef: string): Promise<readonly LockedPackage[]> {
  const dir = path.join(imagesDir, image);
  const extras = extraPackages(readFileSync(path.join(dir, "scratch.Dockerfile"), "utf8"));
  const script = `TINY_LOCK=refresh sh /tmp/lock/apt-install.sh /tmp/lock/${image}/packages.txt ${extras.join(" ")} >&2 && cat /tmp/lock/${image}/packages.lock.new`;
  const files = {
    "tmp/lock/apt-install.sh": readFileSync(path.join(imagesDir, "shared/rootfs/apt-install.sh"), "utf8"),
    [`tmp/lock/${image}/packages.txt`]: readFileSync(path.join(dir, "packages.txt"), "utf8"),
  };
  const text = await runInContainer(debianRef, script, files);
  return parseLock(`# epoch 0\n${text}`, `the lock printed for ${image}`).packages;
}

const key = (p: LockedPackage): string => `${p.name}:${p.architecture}`;

/** What moved between two locks, one line a package: "+ name version", "- name version", "~ name old -> new". */
export function lockChanges(before: readonly LockedPackage[], after: readonly LockedPackage[]): string[] {
  const was = new Map(before.map((p) => [key(p), p]));
  const now = new Map(after.map((p) => [key(p), p]));
  const lines: string[] = [];
  for (const [k, p] of now) {
    const old = was.get(k);
    if (!old) lines.push(`+ ${p.name} ${p.version}`);
    else if (old.version !== p.version || old.sha256 !== p.sha256) lines.push(`~ ${p.name} ${old.version} -> ${p.version}`);
  }
  for (const [k, p] of was) if (!now.has(k)) lines.push(`- ${p.name} ${p.version}`);
  return lines.sort((a, b) => a.slice(2).localeCompare(b.slice(2)));
}

/** The day `now` falls on, at 00:00 UTC: a new lock's epoch. */
const dayOf = (now: Date): Date => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));

async function lockImage(image: ImageName, debianRef: string, say: (line: string) => void): Promise<void> {
  say(`${image}: installing what its build stage installs, the newest, in ${debianRef}`);
  const today = await installedToday(image, debianRef);
  const previous = readLock(path.join(imagesDir, image));
  // Rows of the architectures this run did not install for (an arm64 lock
  // made with TINY_PLATFORM) are kept as they are.
  const made = new Set(today.map((p) => p.architecture).filter((a) => a !== "all"));
  const others = (previous?.packages ?? []).filter((p) => p.architecture !== "all" && !made.has(p.architecture));
  const packages = [...today, ...others];
  const changes = lockChanges(previous?.packages ?? [], packages);
  const file = path.join("images", image, lockFileName);
  if (previous && changes.length === 0) {
    say(`${file}: unchanged (${packages.length} packages)`);
    return;
  }
  const lock: PackageLock = { epoch: dayOf(new Date()), packages };
  writeFileSync(path.join(imagesDir, image, lockFileName), renderLock(image, lock));
  say(
    `${file}: ${previous ? `${changes.length} changed` : "new"}, ${packages.length} packages, epoch ${lock.epoch.toISOString().slice(0, 10)}`,
  );
  for (const line of previous ? changes : []) say(`  ${line}`);
}

async function main(): Promise<void> {
  const say = (line: string): void => void process.stdout.write(`lock: ${line}\n`);
  const settings = readSettings();
  const reproducible = flavors.filter((f) => f.reproducible).map((f) => f.name);
  const provisioned = await provisionFlavors(reproducible, settings, (line) => say(line));
  for (const flavorName of reproducible) {
    const upstream = provisioned.get(flavorName);
    if (!upstream?.available)
      throw new Error(`the ${flavorName} flavor's Debian image can't be had here: ${upstream?.reason ?? "unknown"}`);
    const debianRef = Object.values(upstream.buildArgs)[0]!;
    for (const image of images.filter((i) => hasFlavor(i.name, flavorName) && settings.images.includes(i.name))) {
      await lockImage(image.name, debianRef, say);
    }
  }
  say("review the changes (git diff images/*/packages.lock) and commit them; the next build installs exactly these");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error: unknown) => {
    process.stderr.write(`lock: failed: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
