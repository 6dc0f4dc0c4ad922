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

/** The lock's text: a header that says what it is and its epoch, then one package a line, tab-separated, sorted by name. */
export function renderLock(image: string, lock: PackageLock): string {
  const seconds = Math.floor(lock.epoch.getTime() / 1000);
  const lines = [...lock.packages]
    .sort((a, b) => a.name.localeCompare(b.name) || a.architecture.localeCompare(b.architecture))
    .map((p) => [p.name, p.version, p.architecture, p.sha256].join("\t"));
  return [
    `# What tiny/${image}:scratch's build stage installs, exactly: made by npm run lock, reviewed as a diff.`,
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
