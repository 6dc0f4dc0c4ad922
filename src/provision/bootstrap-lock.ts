// images/shared/bootstrap-<suite>.lock: the packages of the Debian image the
// bootstrap makes (bootstrap-debian.ts), in packages.lock's format, so that
// it is made of the same versions every time, like the scratch images. The
// bootstrap pins apt to them, collects what it installed and what the
// mirror's index says of each, and this module holds that against the lock;
// npm run lock (lock-cli.ts) makes it from the same collection, unpinned.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { imagesDir } from "../catalog.js";
import { parseLock, renderLockOf, type LockedPackage, type PackageLock } from "./package-lock.js";

/** The lock of one suite's bootstrap, relative to the repository (for messages) and absolute. */
export function bootstrapLockFile(suite: string): { readonly shown: string; readonly file: string } {
  const name = `bootstrap-${suite}.lock`;
  return { shown: path.join("images", "shared", name), file: path.join(imagesDir, "shared", name) };
}

export function readBootstrapLock(suite: string): PackageLock | undefined {
  const { shown, file } = bootstrapLockFile(suite);
  return existsSync(file) ? parseLock(readFileSync(file, "utf8"), shown) : undefined;
}

export function writeBootstrapLock(suite: string, lock: PackageLock): void {
  writeFileSync(bootstrapLockFile(suite).file, renderLockOf(`the Debian ${suite} bootstrap (mmdebstrap)`, lock));
}

/** The refresh command every refusal names. */
const refresh = "run npm run lock";

/**
 * apt preferences that make each locked version the one apt picks, even
 * when the mirror has a newer one (priority over 1000 would even downgrade).
 * A version the mirror no longer has can't be pinned to: apt then takes the
 * newest, and lockMismatch names it.
 */
export function pinPreferences(rows: readonly LockedPackage[]): string {
  return rows.map((p) => `Package: ${p.name}\nPin: version ${p.version}\nPin-Priority: 1001\n`).join("\n");
}

/** Where the collecting hook writes, inside the bootstrap's work folder. */
export const collected = { wanted: "wanted.txt", installed: "installed.tsv", index: "index.txt", errors: "index.err" } as const;

// dpkg-query's own escapes (\t, \n): one installed package a line.
const statusFormat = "'${db:Status-Status}\\t${Package}\\t${Version}\\t${Architecture}\\n'";

/**
 * An mmdebstrap customize hook (run by sh with the new root as $1, on the
 * host, while the package lists are still there) that writes what dpkg
 * installed and the mirror's index entries of those versions and of the
 * wanted ones (wanted.txt, written first: the locked name=version), with the
 * apt configuration mmdebstrap gives its hooks. A version the mirror
 * doesn't have is lockMismatch's to name, not the hook's to fail on: apt-cache
 * show's status is not its.
 */
export function collectHook(dir: string): string {
  const at = (name: string): string => `'${path.join(dir, name)}'`;
  const names = `{ awk -F '\\t' '$1 == "installed" { print $2 "=" $3 }' ${at(collected.installed)}; cat ${at(collected.wanted)}; }`;
  const show = `APT_CONFIG="$MMDEBSTRAP_APT_CONFIG" xargs apt-cache show >${at(collected.index)} 2>${at(collected.errors)}`;
  return `dpkg-query --admindir="$1/var/lib/dpkg" -W -f ${statusFormat} >${at(collected.installed)} && { ${names} | sort -u | ${show} || true; }`;
}

export interface Installed {
  readonly name: string;
  readonly version: string;
  readonly architecture: string;
}

/** dpkg-query's lines (status, name, version, architecture): the installed packages. */
export function parseInstalled(text: string): Installed[] {
  return text
    .split("\n")
    .map((line) => line.split("\t"))
    .filter(([status, name]) => status === "installed" && name)
    .map(([, name, version, architecture]) => ({ name: name!, version: version ?? "", architecture: architecture ?? "" }));
}

const indexKey = (name: string, version: string): string => `${name}=${version}`;

/** apt-cache show's stanzas: the sha256 of each name=version's .deb in the mirror's index. */
export function parseIndex(text: string): Map<string, string> {
  const shas = new Map<string, string>();
  for (const stanza of text.split(/\n\s*\n/)) {
    const field = (name: string): string | undefined => new RegExp(`^${name}: (\\S+)`, "m").exec(stanza)?.[1];
    const [name, version, sha] = [field("Package"), field("Version"), field("SHA256")];
    if (name && version && sha) shas.set(indexKey(name, version), sha);
  }
  return shas;
}

/** The lock of what a refresh installed: each installed package with its .deb's sha256 from the index. */
export function lockRows(installed: readonly Installed[], index: ReadonlyMap<string, string>): LockedPackage[] {
  return installed.map((p) => {
    const sha256 = index.get(indexKey(p.name, p.version));
    if (!sha256) throw new Error(`${p.name} ${p.version} is installed but not in the mirror's index: it can't be locked`);
    return { ...p, sha256 };
  });
}

/**
 * Why a bootstrap is not its lock, in one line naming the first package that
 * differs and the refresh, or undefined when it is: a locked version the
 * mirror no longer has (pinning could not hold it), another .deb under a
 * locked version, or an installed set that is not the locked one.
 */
export function lockMismatch(
  locked: readonly LockedPackage[],
  installed: readonly Installed[],
  index: ReadonlyMap<string, string>,
  lockFile: string,
): string | undefined {
  for (const p of locked) {
    const sha = index.get(indexKey(p.name, p.version));
    if (!sha) {
      return `${p.name} ${p.version} is no longer on the Debian mirror: ${refresh} to refresh ${lockFile}, or set TINY_DEBIAN_SNAPSHOT to a snapshot that has it`;
    }
    if (sha !== p.sha256)
      return `${p.name} ${p.version}: the mirror's .deb has sha256 ${sha}, ${lockFile} says ${p.sha256}: ${refresh} and review the change`;
  }
  const row = (p: Installed): string => `${p.name} ${p.version} ${p.architecture}`;
  const want = new Set(locked.map(row));
  const have = new Set(installed.map(row));
  const extra = installed.find((p) => !want.has(row(p)));
  if (extra) return `the bootstrap installed ${row(extra)}, which ${lockFile} does not lock: ${refresh}`;
  const missing = locked.find((p) => !have.has(row(p)));
  if (missing) return `the bootstrap did not install ${row(missing)}, which ${lockFile} locks: ${refresh}`;
  return undefined;
}

/**
 * The label a bootstrapped image carries: a digest of the rows it was made
 * from and the epoch its files are clamped to, so that one made from
 * another lock (or none) is made again rather than used.
 */
export const bootstrapLockLabel = "tiny-docker-images.bootstrap-lock";

export function lockDigest(rows: readonly LockedPackage[], epoch: Date): string {
  const lines = rows.map((p) => [p.name, p.version, p.architecture, p.sha256].join("\t")).sort();
  return createHash("sha256")
    .update([String(epoch.getTime()), ...lines].join("\n"))
    .digest("hex");
}
