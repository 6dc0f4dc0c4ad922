// The flavors, and the images as their folders declare them
// (images/<image>/image.ts): the suites, the build and the benchmark all
// read them here; nothing else names a flavor, a port or a readiness check.
import { fileURLToPath } from "node:url";
import path from "node:path";
import { nofileDefault, type Account, type FlavorName, type Image, type ImageName } from "./image-declaration.js";
import { readImages } from "./read-images.js";

export const repoRoot = fileURLToPath(new URL("..", import.meta.url));
export const imagesDir = path.join(repoRoot, "images");

export type { Account, FlavorName, Image, ImageName, Load, Readiness } from "./image-declaration.js";

/** Where a flavor's upstream image comes from when it is not present locally. */
export interface Upstream {
  /** The image the Dockerfiles start from, as Docker Hub names it. */
  readonly ref: string;
  /** The build argument that carries it into the Dockerfiles. */
  readonly buildArg: string;
  /** Debian's can be bootstrapped from a Debian mirror when it can't be pulled. */
  readonly bootstrap?: "debian";
}

/**
 * What a tiny flavor is to its original, which decides what a difference in
 * behaviour means. "same packages": built from the original's own packages
 * (scratch from debian), so every answer must match and a difference is a
 * bug (suites/parity.test.ts is a gate). "two distributions": another libc,
 * other builds and versions (alpine vs centos), so answers differ by
 * construction and every difference is a finding, kept in the report.
 */
export type PairKind = "same packages" | "two distributions";

export interface Flavor {
  readonly name: FlavorName;
  readonly role: "tiny" | "original";
  /** The flavor it is compared with: an original for a tiny one, and back. */
  readonly pair: FlavorName;
  /** A tiny flavor's relation to its original (the one place it is said); absent on originals. */
  readonly pairKind?: PairKind;
  /** Absent for a run-time flavor (registerRunTimeImage): an image given, never built. */
  readonly upstream?: Upstream;
  /**
   * Open-file limits (soft = hard) set for this flavor whatever the engine's
   * default, which can be near 10^9 (container runtimes started with
   * LimitNOFILE=infinity, before Docker Engine 25 and containerd 2.0). `build`:
   * each RUN step of its builds (build-image.ts); `run`: every container the
   * harness starts of it gets one, as many as its image needs (runNofile;
   * run/container.ts).
   */
  readonly nofile?: { readonly build?: number; readonly run: boolean };
  /**
   * Built from a lock (images/<image>/packages.lock) and normalised to its
   * epoch once built (image-build/normalise.ts), so that its image ID
   * depends on its inputs alone.
   */
  readonly reproducible?: boolean;
  readonly summary: string;
}

/**
 * EL7's yum and rpm close every possible descriptor in a loop, so a
 * `yum install` under a limit near 10^9 takes hours (moby/moby#23137,
 * docker/buildx#379). 1024, Linux's default soft limit, is plenty for them;
 * being a lowering, the centos Dockerfiles set it themselves too
 * (`ulimit -n 1024` before each yum or rpm, held by
 * src/image-build/nofile.test.ts), so a plain `docker build` is safe as well.
 */
const el7BuildNofile = 1024;

const debianUpstream: Upstream = {
  ref: "debian:bookworm-slim",
  buildArg: "DEBIAN_IMAGE",
  bootstrap: "debian",
};

/** A flavor the catalog builds: its upstream says where its Dockerfiles start from. */
export interface BuiltFlavor extends Flavor {
  readonly upstream: Upstream;
}

export const flavors: readonly BuiltFlavor[] = [
  {
    name: "alpine",
    role: "tiny",
    pair: "centos",
    pairKind: "two distributions",
    upstream: { ref: "alpine:3.24", buildArg: "ALPINE_IMAGE" },
    nofile: { run: true },
    summary: "alpine:3.24 (musl, busybox, apk); needs Docker Hub",
  },
  {
    name: "centos",
    role: "original",
    pair: "alpine",
    upstream: { ref: "centos:7", buildArg: "CENTOS_IMAGE" },
    nofile: { build: el7BuildNofile, run: true },
    summary: "centos:7 with yum on vault.centos.org; needs Docker Hub",
  },
  {
    name: "scratch",
    role: "tiny",
    pair: "debian",
    pairKind: "same packages",
    // The build stage that picks the files is Debian.
    upstream: debianUpstream,
    reproducible: true,
    summary: "FROM scratch, only the files each service needs, taken from Debian packages",
  },
  {
    name: "debian",
    role: "original",
    pair: "scratch",
    upstream: debianUpstream,
    summary: "debian:bookworm-slim with packages installed the ordinary way",
  },
];

/**
 * Every image, read from its folder (images/<image>/image.ts, checked by
 * read-images.ts): parents first, then services, then clients, each group
 * by name, which is the order the report lists them in.
 */
export const images: readonly Image[] = orderImages(
  await readImages(
    imagesDir,
    flavors.map((f) => f.name),
  ),
);

function orderImages(all: readonly Image[]): Image[] {
  const group = (i: Image): number => (i.parent === undefined ? 0 : i.ports.length > 0 ? 1 : 2);
  return [...all].sort((a, b) => group(a) - group(b) || a.name.localeCompare(b.name));
}

export const flavorNames: readonly FlavorName[] = flavors.map((f) => f.name);
export const imageNames: readonly ImageName[] = images.map((i) => i.name);

/**
 * An image declared at run time rather than by a folder: `npm run compare`'s
 * two images a user names, as the two flavors of one image, so the
 * benchmark's plan, workloads and report take them as they take a pair of
 * ours. Its flavors are tagged with the user's references and never built.
 */
export interface RunTimeImage {
  readonly image: Image;
  readonly flavors: readonly Flavor[];
  /** Each flavor's image, as the user named it (a reference present in the engine). */
  readonly tags: Readonly<Partial<Record<FlavorName, string>>>;
}

let runTime: RunTimeImage | undefined;

/** Adds a run-time image (one per process: compare's); before the plan is made, so every lookup below finds it. */
export function registerRunTimeImage(entry: RunTimeImage): void {
  if (runTime && runTime.image.name !== entry.image.name) throw new Error(`a run-time image (${runTime.image.name}) is registered already`);
  if (images.some((i) => i.name === entry.image.name)) throw new Error(`${entry.image.name} is an image folder already`);
  runTime = entry;
}

/** The catalog's flavors and a run-time image's, which is how pairs are made (plan.ts). */
export function flavorsInUse(): readonly Flavor[] {
  return [...flavors, ...(runTime?.flavors ?? [])];
}

export function flavor(name: FlavorName): Flavor {
  const found = flavorsInUse().find((f) => f.name === name);
  if (!found) throw new Error(`unknown flavor ${name}`);
  return found;
}

/** One of the catalog's own flavors, which are built from an upstream. */
export function builtFlavor(name: FlavorName): BuiltFlavor {
  const found = flavors.find((f) => f.name === name);
  if (!found) throw new Error(`${name} is not a flavor the catalog builds`);
  return found;
}

export function image(name: ImageName): Image {
  const found = runTime?.image.name === name ? runTime.image : images.find((i) => i.name === name);
  if (!found) throw new Error(`unknown image ${name}: no images/${name}/image.ts (images are ${imageNames.join(", ")})`);
  return found;
}

/** The folder the modules an image names (a load, a probe) are in: images/<image>/, or a run-time image's own. */
export function folderOf(name: ImageName): string {
  return image(name).folder ?? path.join(imagesDir, name);
}

/** Whether the image is made in a flavor (its declaration's flavors). */
export function hasFlavor(name: ImageName, flavorName: FlavorName): boolean {
  return image(name).flavors.includes(flavorName);
}

/**
 * The open-files limit a container of the image gets on the flavor, or
 * undefined: the engine's default. Both sides of the alpine-centos pair set
 * one (`nofile.run`), the same on both: a server that sizes itself from the
 * limit (a database's table cache) would otherwise be compared under two
 * engines' defaults, not like for like. How many is the image's: its
 * `nofile`, or nofileDefault.
 */
export function runNofile(name: ImageName, flavorName: FlavorName): number | undefined {
  return flavor(flavorName).nofile?.run ? (image(name).nofile ?? nofileDefault) : undefined;
}

/** Runs a service: it listens and says when it is ready, so the benchmark times its start-up and reads its idle memory. */
export function isService(name: ImageName): boolean {
  const i = image(name);
  return i.ports.length > 0 && i.readiness !== undefined;
}

/**
 * The repository images are tagged in: "tiny", or TINY_IMAGE_REPOSITORY, so
 * two checkouts that change an image can share one engine without building
 * over each other's tags.
 */
export function imageRepository(env: NodeJS.ProcessEnv = process.env): string {
  const value = env.TINY_IMAGE_REPOSITORY;
  if (value === undefined || value === "") return "tiny";
  if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(value)) {
    throw new Error(`TINY_IMAGE_REPOSITORY=${value}: use lower-case letters, digits and single . _ - between them (e.g. tiny-wip)`);
  }
  return value;
}

/** What the pair a flavor belongs to is: its tiny flavor says. */
export function pairKindOf(name: FlavorName): PairKind {
  const f = flavor(name);
  const tiny = f.role === "tiny" ? f : flavor(f.pair);
  if (!tiny.pairKind) throw new Error(`flavor ${tiny.name} is tiny but the catalog gives it no pairKind`);
  return tiny.pairKind;
}

/** The tag a built image gets, so a person can `docker run` it by hand. */
export function imageTag(name: ImageName, flavorName: FlavorName): string {
  const given = runTime?.image.name === name ? runTime.tags[flavorName] : undefined;
  if (given) return given;
  return `${imageRepository()}/${name}:${flavorName}`;
}

/** images/<image>/<flavor>.Dockerfile, relative to images/. */
export function dockerfileOf(name: ImageName, flavorName: FlavorName): string {
  return `${name}/${flavorName}.Dockerfile`;
}

/** The catalog's environment for an image, with a caller's additions and overrides. */
export function environmentOf(name: ImageName, overrides: Readonly<Record<string, string>> = {}): Record<string, string> {
  return { ...image(name).environment, ...overrides };
}

/** The application account a container of the image started with this environment has, if any. */
export function accountOf(name: ImageName, overrides: Readonly<Record<string, string>> = {}): Account | undefined {
  return image(name).account?.(environmentOf(name, overrides));
}

export function endpoint(name: ImageName, key: string): string {
  const path = image(name).endpoints?.[key];
  if (!path) throw new Error(`${name} has no endpoint ${key}`);
  return path;
}

/** Images in an order where every parent comes before its children. */
export function buildOrder(names: readonly ImageName[] = imageNames): ImageName[] {
  const ordered: ImageName[] = [];
  const visit = (name: ImageName): void => {
    if (ordered.includes(name)) return;
    const parent = image(name).parent;
    if (parent) visit(parent);
    ordered.push(name);
    image(name).targets?.forEach(visit);
  };
  names.forEach(visit);
  return ordered;
}

function parseList<T extends string>(text: string, what: string, kind: string, valid: readonly T[]): T[] {
  const names = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !valid.includes(n as T));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(`${what}: unknown ${kind} ${unknown.join(", ") || "(none given)"}; valid ${kind}s are ${valid.join(", ")}`);
  }
  return [...new Set(names)] as T[];
}

/** Parses a comma list of flavor names (an env var, a CLI option). */
export function parseFlavorList(text: string, what: string): FlavorName[] {
  return parseList(text, what, "flavor", flavorNames);
}

/** Parses a comma list of image names (an env var, a CLI option). */
export function parseImageList(text: string, what: string): ImageName[] {
  return parseList(text, what, "image", imageNames);
}
