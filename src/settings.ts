// Environment variables the harness reads, in one place (docs/configuration.md lists them).
import path from "node:path";
import { flavorNames, imageNames, parseFlavorList, parseImageList, repoRoot, type FlavorName, type ImageName } from "./catalog.js";

export interface Settings {
  /** Images to build and test, with their parents (TINY_IMAGES, default: all). */
  readonly images: readonly ImageName[];
  /** Flavors to build and test (TINY_FLAVORS, default: all). */
  readonly flavors: readonly FlavorName[];
  /** An unavailable flavor fails the run instead of being skipped (TINY_STRICT=1). */
  readonly strict: boolean;
  /** Build logs and bootstrap scratch space (TINY_CACHE_DIR, default .cache/). */
  readonly cacheDir: string;
  /** Debian mirror for the mmdebstrap bootstrap (TINY_DEBIAN_MIRROR, default mmdebstrap's own). */
  readonly debianMirror?: string;
  /**
   * A snapshot of the Debian archive to install locked packages from, in
   * place of the mirrors (TINY_DEBIAN_SNAPSHOT, e.g.
   * https://snapshot.debian.org/archive/debian/20261206T000000Z): the
   * mirrors keep only the newest version of a package, a snapshot keeps
   * every one. Used by the scratch builds, npm run lock and the bootstrap.
   */
  readonly debianSnapshot?: string;
  /** The budgets every report is held to (TINY_BUDGETS, default budgets.json in the repository). */
  readonly budgetsFile: string;
  /**
   * The platform to build images for when it isn't the engine's own
   * (TINY_PLATFORM, e.g. linux/arm64): the bootstrap then makes a Debian of
   * that architecture and the engine builds under emulation (binfmt_misc
   * with qemu-user-static). Unset: the engine's own architecture.
   */
  readonly platform?: Platform;
  /**
   * How long one call to the Docker engine may go unanswered before the run
   * fails naming the engine (TINY_DOCKER_TIMEOUT, seconds, default 30); the
   * few calls that rightly take longer get a multiple of it (docker-bounds.ts).
   */
  readonly dockerTimeoutMs: number;
}

/** The platforms TINY_PLATFORM takes, by Docker's name, Debian's and the kernel's (uname -m): the architectures the nightly runs on. */
export const platforms = {
  "linux/amd64": { docker: "linux/amd64", debian: "amd64", machine: "x86_64" },
  "linux/arm64": { docker: "linux/arm64", debian: "arm64", machine: "aarch64" },
} as const;
export type Platform = (typeof platforms)[keyof typeof platforms];

function parsePlatform(value: string | undefined): Platform | undefined {
  if (!value) return undefined;
  const known = (platforms as Record<string, Platform>)[value];
  if (!known) throw new Error(`TINY_PLATFORM=${value}: use one of ${Object.keys(platforms).join(", ")}`);
  return known;
}

// snapshot.debian.org's layout, which its mirrors keep: the security
// archive's snapshot of the same moment is found beside it (debian-snapshot.ts).
const snapshotUrl = /^https?:\/\/[^\s/]+(\/[^\s]*)?\/archive\/debian\/\d{8}T\d{6}Z\/?$/;

function parseSnapshot(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!snapshotUrl.test(value)) {
    throw new Error(
      `TINY_DEBIAN_SNAPSHOT=${value}: give a snapshot of the Debian archive by its time, e.g. https://snapshot.debian.org/archive/debian/20261206T000000Z`,
    );
  }
  return value.replace(/\/$/, "");
}

function parseBoolean(name: string, value: string | undefined): boolean {
  if (value === undefined || value === "" || value === "0" || value === "false") return false;
  if (value === "1" || value === "true") return true;
  throw new Error(`${name}=${value}: use 1 or 0`);
}

/** TINY_DOCKER_TIMEOUT in milliseconds: read on its own too, by the Docker client (docker.ts). */
export function dockerTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.TINY_DOCKER_TIMEOUT;
  if (value === undefined || value === "") return 30_000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw new Error(`TINY_DOCKER_TIMEOUT=${value}: give the seconds a call to the Docker engine may take, from 0.1 to 3600 (default 30)`);
  }
  return seconds * 1000;
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  return {
    images: env.TINY_IMAGES ? parseImageList(env.TINY_IMAGES, "TINY_IMAGES") : imageNames,
    flavors: env.TINY_FLAVORS ? parseFlavorList(env.TINY_FLAVORS, "TINY_FLAVORS") : flavorNames,
    strict: parseBoolean("TINY_STRICT", env.TINY_STRICT),
    cacheDir: path.resolve(repoRoot, env.TINY_CACHE_DIR ?? ".cache"),
    debianMirror: env.TINY_DEBIAN_MIRROR || undefined,
    debianSnapshot: parseSnapshot(env.TINY_DEBIAN_SNAPSHOT),
    budgetsFile: path.resolve(env.INIT_CWD ?? repoRoot, env.TINY_BUDGETS || path.join(repoRoot, "budgets.json")),
    platform: parsePlatform(env.TINY_PLATFORM),
    dockerTimeoutMs: dockerTimeoutMs(env),
  };
}
