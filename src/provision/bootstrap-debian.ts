// Makes a debian:<suite>-slim equivalent from a Debian mirror when no
// registry can be reached: mmdebstrap builds the tree, Docker imports it.
// Its packages are the locked ones (images/shared/bootstrap-<suite>.lock,
// bootstrap-lock.ts) and its files' and config's times the lock's epoch,
// so that a bootstrap made on another day or machine is the same image, by ID.
import { execFile } from "node:child_process";
import { readFile, mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { imageRepository } from "../catalog.js";
import { docker, followProgress } from "../docker.js";
import { normaliseImage } from "../image-archive/normalise-image.js";
import { lockedFor, type LockedPackage, type PackageLock } from "./package-lock.js";
import type { Platform } from "../settings.js";
import {
  bootstrapLockFile,
  bootstrapLockLabel,
  collected,
  collectHook,
  lockDigest,
  lockMismatch,
  lockRows,
  parseIndex,
  parseInstalled,
  pinPreferences,
  readBootstrapLock,
  type Installed,
} from "./bootstrap-lock.js";
import { snapshotSources } from "./debian-snapshot.js";

const run = promisify(execFile);
const aptConf = fileURLToPath(new URL("debian-slim-apt.conf", import.meta.url));

// What debian:*-slim leaves out (the dpkg excludes of debuerreotype's --slim).
const slimExcludes = [
  "path-exclude=/usr/share/man/*",
  "path-exclude=/usr/share/info/*",
  "path-exclude=/usr/share/doc/*",
  "path-include=/usr/share/doc/*/copyright",
  "path-exclude=/usr/share/locale/*",
  "path-exclude=/usr/share/lintian/*",
  "path-exclude=/usr/share/linda/*",
];

/** bookworm from debian:bookworm-slim. */
export function suiteOf(ref: string): string {
  const tag = ref.split(":")[1] ?? "";
  const suite = tag.replace(/-slim$/, "");
  if (!/^[a-z]+$/.test(suite)) throw new Error(`can't tell the Debian suite of ${ref}`);
  return suite;
}

/**
 * One tag per architecture asked for, so an engine can hold a foreign one
 * beside its own; in the checkout's repository (TINY_IMAGE_REPOSITORY), as
 * it is made from the checkout's lock.
 */
export function bootstrapTag(ref: string, platform?: Platform): string {
  return `${imageRepository()}/bootstrap:debian-${suiteOf(ref)}-slim${platform ? `-${platform.debian}` : ""}`;
}

export interface BootstrapOptions {
  readonly cacheDir: string;
  /** TINY_DEBIAN_MIRROR. */
  readonly mirror?: string;
  /** TINY_DEBIAN_SNAPSHOT: in place of the mirror. */
  readonly snapshot?: string;
  readonly platform?: Platform;
  readonly progress: (line: string) => void;
}

/** mmdebstrap's mirror arguments: the snapshot's sources, the mirror, or none (its own, deb.debian.org). */
export function mirrorArgs(suite: string, options: Pick<BootstrapOptions, "mirror" | "snapshot">): string[] {
  if (options.snapshot) return snapshotSources(options.snapshot, suite);
  return options.mirror ? [options.mirror] : [];
}

/** Where a locked bootstrap's apt preferences go for the time of the bootstrap (a customize hook takes them out again). */
const pinsInRoot = "/etc/apt/preferences.d/tiny-docker-images-lock";

/**
 * mmdebstrap's arguments for a bootstrap of `suite` into `target`, its
 * collection (bootstrap-lock.ts) written to `workDir`; `pins`, the apt
 * preferences file of a locked bootstrap (none for a refresh).
 */
export function mmdebstrapArgs(
  suite: string,
  target: string,
  workDir: string,
  options: Pick<BootstrapOptions, "mirror" | "snapshot" | "platform">,
  pins?: string,
): string[] {
  return [
    "--variant=minbase",
    // Another architecture than this machine's runs its maintainer scripts under qemu (binfmt_misc).
    ...(options.platform ? [`--architectures=${options.platform.debian}`] : []),
    // Merge /usr with a hook, as the official images do, rather than with
    // the usrmerge package, which drags perl into the image.
    "--hook-dir=/usr/share/mmdebstrap/hooks/merged-usr",
    ...slimExcludes.map((rule) => `--dpkgopt=${rule}`),
    ...(pins ? [`--setup-hook=upload ${pins} ${pinsInRoot}`] : []),
    `--customize-hook=upload ${aptConf} /etc/apt/apt.conf.d/docker-slim`,
    // Before the package lists go: the collection reads the mirror's index.
    `--customize-hook=${collectHook(workDir)}`,
    ...(pins ? [`--customize-hook=rm -f "$1"${pinsInRoot}`] : []),
    '--customize-hook=rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin',
    suite,
    target,
    ...mirrorArgs(suite, options),
  ];
}

/** The refusal mmdebstrap's failure is reported as: the last lines of what it said. */
async function runMmdebstrap(suite: string, args: readonly string[], epoch: Date | undefined): Promise<void> {
  // mmdebstrap's own reproducibility: every time in the tarball clamped to it.
  const env = epoch ? { ...process.env, SOURCE_DATE_EPOCH: String(Math.floor(epoch.getTime() / 1000)) } : process.env;
  try {
    await run("mmdebstrap", [...args], { maxBuffer: 64 * 1024 * 1024, env });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === "ENOENT") {
      throw new Error("mmdebstrap is not installed: apt-get install mmdebstrap (scripts/docker-up.sh does)");
    }
    const tail = (e.stderr ?? "").trim().split("\n").slice(-15).join("\n  ");
    throw new Error(`mmdebstrap ${suite} failed:\n  ${tail}`);
  }
}

/** What the collecting hook wrote: the installed packages and the mirror's sha256 of each version asked about. */
async function readCollected(workDir: string): Promise<{ installed: Installed[]; index: Map<string, string> }> {
  const read = (name: string): Promise<string> => readFile(path.join(workDir, name), "utf8").catch(() => "");
  const installed = parseInstalled(await read(collected.installed));
  const index = parseIndex(await read(collected.index));
  if (installed.length === 0 || index.size === 0) {
    const errors = (await read(collected.errors)).trim().split("\n").slice(-3).join("; ");
    throw new Error(`the bootstrap's packages could not be read back from it and the mirror's index${errors ? `: ${errors}` : ""}`);
  }
  return { installed, index };
}

/** Debian's name for the architecture a bootstrap is made for: the platform's, or this machine's (mmdebstrap's default). */
async function debianArchitecture(platform: Platform | undefined): Promise<string> {
  if (platform) return platform.debian;
  return (await run("dpkg", ["--print-architecture"])).stdout.trim();
}

/** The locked rows a bootstrap for `platform` installs; none for it stops in one line saying how to make them. */
export async function bootstrapRows(suite: string, platform: Platform | undefined): Promise<{ lock: PackageLock; rows: LockedPackage[] }> {
  const { shown } = bootstrapLockFile(suite);
  const lock = readBootstrapLock(suite);
  if (!lock) throw new Error(`${shown} is missing: run npm run lock, then review and commit it`);
  const architecture = await debianArchitecture(platform);
  const rows = lockedFor(lock, architecture);
  if (!rows.some((p) => p.architecture === architecture)) {
    throw new Error(
      `${shown} has no packages for ${architecture}: run npm run lock${platform ? ` with TINY_PLATFORM=${platform.docker}` : ""}`,
    );
  }
  return { lock, rows };
}

/** The label a bootstrap made from the lock as it is now carries (upstream.ts reuses only such a one). */
export async function expectedBootstrapLabel(ref: string, platform: Platform | undefined): Promise<string> {
  const { lock, rows } = await bootstrapRows(suiteOf(ref), platform);
  return lockDigest(rows, lock.epoch);
}

/** Bootstraps the locked packages of `ref`'s suite and imports them as bootstrapTag, labelled with the lock they were made from. */
export async function bootstrapDebian(ref: string, options: BootstrapOptions): Promise<string> {
  const suite = suiteOf(ref);
  const tag = bootstrapTag(ref, options.platform);
  const { lock, rows } = await bootstrapRows(suite, options.platform);
  const workDir = path.join(options.cacheDir, "bootstrap", `${suite}-${options.platform?.debian ?? "native"}`);
  const tarball = path.join(workDir, `debian-${suite}-slim.tar`);
  const pins = path.join(workDir, "pins");
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  try {
    options.progress(
      `bootstrapping ${tag} from a Debian mirror with mmdebstrap, as ${bootstrapLockFile(suite).shown} locks it (about a minute, once)`,
    );
    await writeFile(pins, pinPreferences(rows));
    await writeFile(path.join(workDir, collected.wanted), rows.map((p) => `${p.name}=${p.version}\n`).join(""));
    await runMmdebstrap(suite, mmdebstrapArgs(suite, tarball, workDir, options, pins), lock.epoch);
    const { installed, index } = await readCollected(workDir);
    const mismatch = lockMismatch(rows, installed, index, bootstrapLockFile(suite).shown);
    if (mismatch) throw new Error(mismatch);
    await importTarball(tarball, tag, lockDigest(rows, lock.epoch), options.platform);
    // docker import stamps the config with the clock: normalised as the
    // scratch images are, its ID is the lock's alone, and so are the IDs of
    // the scratch images, whose input hash (a label) counts it.
    const id = await normaliseImage(tag, lock.epoch);
    options.progress(`bootstrapped ${tag}: ${id.slice(0, 19)}`);
    return tag;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

async function importTarball(tarball: string, tag: string, digest: string, platform: Platform | undefined): Promise<void> {
  const dockerode = await docker();
  const [repo, version] = tag.split(":") as [string, string];
  const stream = await dockerode.importImage(tarball, {
    repo,
    tag: version,
    changes: ['CMD ["bash"]', `LABEL ${bootstrapLockLabel}=${digest}`],
    // Newer engines label it so; Docker 20.10 ignores it and labels it with its own (bootstrapTag names it).
    ...(platform ? { platform: platform.docker } : {}),
  });
  await followProgress(stream);
}

/**
 * npm run lock's half for the bootstrap: bootstraps `ref`'s suite unpinned,
 * the newest, writing nothing (mmdebstrap's null format), and returns the
 * lock rows of what it installed.
 */
export async function bootstrapNewest(ref: string, options: BootstrapOptions): Promise<LockedPackage[]> {
  const suite = suiteOf(ref);
  const workDir = path.join(options.cacheDir, "bootstrap", `${suite}-${options.platform?.debian ?? "native"}-lock`);
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  try {
    options.progress(`bootstrapping Debian ${suite}, the newest, to lock what it installs (about a minute)`);
    await writeFile(path.join(workDir, collected.wanted), "");
    await runMmdebstrap(suite, mmdebstrapArgs(suite, "/dev/null", workDir, options), undefined);
    const { installed, index } = await readCollected(workDir);
    return lockRows(installed, index);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
