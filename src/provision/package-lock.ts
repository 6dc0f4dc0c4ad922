// images/<image>/packages.lock: what a reproducible flavor's build stage
// installs, package by package (name, version, architecture, the .deb's
// sha256 in the mirror's index), and the epoch every time in the image is
// clamped to. Made and refreshed by `npm run lock` (lock-cli.ts), read by the
// build stage's apt-install.sh, which installs exactly these, and by the
// build, which normalises the image to the epoch (normalise.ts).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export interface LockedPackage {
  readonly name: string;
  readonly version: string;
  readonly architecture: string;
  readonly sha256: string;
}

export interface PackageLock {
  /** Every file time of the image is at most this, and its config's times are this. */
  readonly epoch: Date;
  readonly packages: readonly LockedPackage[];
}

export const lockFileName = "packages.lock";

const epochLine = /^# epoch (\d+)\b/;

/** An image's lock's text (renderLockOf). */
export function renderLock(image: string, lock: PackageLock): string {
  return renderLockOf(`tiny/${image}:scratch's build stage`, lock);
}

/** A lock's text: a header that says what installs it and its epoch, then one package a line, tab-separated, sorted by name. */
export function renderLockOf(installer: string, lock: PackageLock): string {
  const seconds = Math.floor(lock.epoch.getTime() / 1000);
  const lines = [...lock.packages]
    .sort((a, b) => a.name.localeCompare(b.name) || a.architecture.localeCompare(b.architecture))
    .map((p) => [p.name, p.version, p.architecture, p.sha256].join("\t"));
  return [
    `# What ${installer} installs, exactly: made by npm run lock, reviewed as a diff.`,
    `# epoch ${seconds} (${lock.epoch.toISOString()}): every file time in the image is at most this, and so is its creation time.`,
    "# name\tversion\tarchitecture\tsha256 of the .deb",
    ...lines,
    "",
  ].join("\n");
}

export function parseLock(text: string, where: string): PackageLock {
  let epoch: Date | undefined;
  const packages: LockedPackage[] = [];
  for (const [i, line] of text.split("\n").entries()) {
    const found = epochLine.exec(line);
    if (found) epoch = new Date(Number(found[1]) * 1000);
    if (line.startsWith("#") || line.trim() === "") continue;
    const [name, version, architecture, sha256] = line.split("\t");
    if (!name || !version || !architecture || !/^[0-9a-f]{64}$/.test(sha256 ?? "")) {
      throw new Error(`${where}:${i + 1}: not "name<TAB>version<TAB>architecture<TAB>sha256": ${line}`);
    }
    packages.push({ name, version, architecture, sha256: sha256! });
  }
  if (!epoch) throw new Error(`${where}: no "# epoch <seconds>" line: run npm run lock`);
  return { epoch, packages };
}

/** The image's lock, or undefined when its folder has none. */
export function readLock(imageDir: string): PackageLock | undefined {
  const file = path.join(imageDir, lockFileName);
  if (!existsSync(file)) return undefined;
  return parseLock(readFileSync(file, "utf8"), path.relative(process.cwd(), file));
}

/** The rows a build for one Debian architecture installs: its own and the architecture-independent ones. */
export function lockedFor(lock: PackageLock, architecture: string): LockedPackage[] {
  return lock.packages.filter((p) => p.architecture === architecture || p.architecture === "all");
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

export interface Refreshed {
  readonly lock: PackageLock;
  /** lockChanges from the previous lock; empty when there was none or nothing moved. */
  readonly changes: readonly string[];
  /** Whether the file is to be written: new, or something moved. */
  readonly write: boolean;
}

/**
 * The lock after a refresh that installed `today` for some architectures. The
 * rows of the architectures it did not install for (an arm64 lock made with
 * TINY_PLATFORM) are kept as they are. Nothing moved: the previous lock,
 * epoch included, so that the images' IDs stay; something did: today's date
 * as the epoch. Rows of an architecture the lock did not have before move
 * nothing that was built: adding arm64's keeps the epoch, and amd64's IDs.
 */
export function refreshLock(previous: PackageLock | undefined, today: readonly LockedPackage[], now: Date): Refreshed {
  const made = new Set(today.map((p) => p.architecture).filter((a) => a !== "all"));
  const others = (previous?.packages ?? []).filter((p) => p.architecture !== "all" && !made.has(p.architecture));
  const packages = [...today, ...others];
  if (!previous) return { lock: { epoch: dayOf(now), packages }, changes: [], write: true };
  const changes = lockChanges(previous.packages, packages);
  if (changes.length === 0) return { lock: previous, changes, write: false };
  const epoch = movesBuilt(previous.packages, packages) ? dayOf(now) : previous.epoch;
  return { lock: { epoch, packages }, changes, write: true };
}

/** Whether a new lock changes what a build for an architecture the old one had installs: a row of it changed, went or came. */
function movesBuilt(before: readonly LockedPackage[], after: readonly LockedPackage[]): boolean {
  const now = new Map(after.map((p) => [key(p), p]));
  const was = new Set(before.map(key));
  const built = new Set(before.map((p) => p.architecture));
  const changed = before.some((p) => now.get(key(p))?.version !== p.version || now.get(key(p))?.sha256 !== p.sha256);
  return changed || after.some((p) => !was.has(key(p)) && built.has(p.architecture));
}
