// Builds one image of one flavor through the Docker API, logging to a file,
// and skips the build when nothing it depends on has changed.
import { createHash } from "node:crypto";
import { once } from "node:events";
import { createWriteStream, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import type Dockerode from "dockerode";
import { dockerfileOf, flavor, image, imagesDir, imageTag, type FlavorName, type ImageName } from "../catalog.js";
import { docker, localImageId } from "../docker.js";
import { BuildLog, type BuildEvent } from "./build-log.js";
import { contextFiles, inputHash } from "./context.js";
import { suiteOf } from "../provision/bootstrap-debian.js";
import { snapshotSources } from "../provision/debian-snapshot.js";
import { normaliseImage } from "../image-archive/normalise-image.js";
import { lockFileName, readLock, type PackageLock } from "../provision/package-lock.js";

export const inputHashLabel = "tiny-docker-images.input-hash";

const normaliserHash = createHash("sha256")
  .update(readFileSync(new URL("../image-archive/normalise.ts", import.meta.url)))
  .digest("hex");

export interface BuildResult {
  readonly tag: string;
  readonly cached: boolean;
  readonly seconds: number;
}

export interface BuildRequest {
  readonly image: ImageName;
  readonly flavor: FlavorName;
  /** The flavor's upstream image argument (from provisioning). */
  readonly buildArgs: Readonly<Record<string, string>>;
  readonly logDir: string;
  readonly progress: (line: string) => void;
  /**
   * Build it again from nothing, without the build cache, as this tag
   * instead (reproduce.ts): nothing is skipped as up to date, and the image
   * under its own tag is left alone.
   */
  readonly rebuildAs?: string;
  /**
   * Docker's platform to build for when it isn't the engine's own
   * (TINY_PLATFORM): it comes in through the upstream image, which is of
   * that architecture, and counts in the input hash. It is not passed to the
   * build: Docker 20.10's builder commits a RUN step's image as the engine's
   * platform and then refuses it ("does not match the specified platform"),
   * so an emulated image's config names the engine's architecture.
   */
  readonly platform?: string;
  /** TINY_DEBIAN_SNAPSHOT: a reproducible flavor installs its locked packages from it. */
  readonly debianSnapshot?: string;
}

async function existingHash(tag: string): Promise<string | undefined> {
  const dockerode = await docker();
  try {
    return (await dockerode.getImage(tag).inspect()).Config.Labels?.[inputHashLabel];
  } catch {
    return undefined;
  }
}

export async function buildImage(request: BuildRequest): Promise<BuildResult> {
  const started = Date.now();
  const tag = request.rebuildAs ?? imageTag(request.image, request.flavor);
  const parent = image(request.image).parent;
  const buildArgs: Record<string, string> = { ...request.buildArgs };
  if (parent) buildArgs.BASE_IMAGE = imageTag(parent, request.flavor);
  const lock = lockOf(request);
  if (lock) buildArgs.SOURCE_DATE_EPOCH = String(Math.floor(lock.epoch.getTime() / 1000));

  // The images the build starts from count by ID: a rebuilt parent means a
  // rebuilt child even though its tag is the same. By ID alone, not by tag:
  // the hash is a label of the image, and a tag in it would make a scratch
  // image's ID depend on what its parent and upstream are called
  // (TINY_IMAGE_REPOSITORY).
  const hashedArgs: Record<string, string> = {};
  for (const [key, value] of Object.entries(buildArgs)) {
    hashedArgs[key] = (await localImageId(value)) ?? value;
  }
  const files = await contextFiles(request.image, request.flavor);
  if (request.platform) hashedArgs.PLATFORM = request.platform;
  // How an image is normalised is an input of its bytes too.
  if (lock) hashedArgs.NORMALISE = normaliserHash;
  const hash = await inputHash(files, hashedArgs);
  const previousId = await localImageId(tag);
  if (!request.rebuildAs && previousId && (await existingHash(tag)) === hash) {
    request.progress(`${tag}: up to date`);
    return { tag, cached: true, seconds: (Date.now() - started) / 1000 };
  }

  await mkdir(request.logDir, { recursive: true });
  const logFile = path.join(request.logDir, `${request.image}-${request.flavor}${request.rebuildAs ? "-rebuild" : ""}.log`);
  request.progress(`${tag}: building (log: ${path.relative(process.cwd(), logFile)})`);
  // Where the packages come from is not an input of the image's bytes (the
  // lock's sha256 hold whatever the source), so it is not hashed.
  const allArgs = { ...buildArgs, ...snapshotBuildArgs(request.flavor, request.debianSnapshot) };
  const buildLog = await runBuild(request, { tag, files, buildArgs: allArgs, hash, nocache: request.rebuildAs !== undefined }, logFile);
  const failure = buildLog.failure(tag, path.relative(process.cwd(), logFile));
  if (failure) throw failure;
  if (lock) {
    const id = await normaliseImage(tag, lock.epoch, parent ? imageTag(parent, request.flavor) : undefined);
    request.progress(`${tag}: normalised to ${lock.epoch.toISOString().slice(0, 10)}: ${id.slice(0, 19)}`);
  }

  const newId = await localImageId(tag);
  if (previousId && previousId !== newId) {
    // The replaced image is dangling now; drop it unless something still uses it.
    await (
      await docker()
    )
      .getImage(previousId)
      .remove()
      .catch(() => undefined);
  }
  const seconds = (Date.now() - started) / 1000;
  request.progress(`${tag}: built in ${seconds.toFixed(1)}s`);
  return { tag, cached: false, seconds };
}

/** A reproducible flavor's lock; one missing stops the build in one line that says how to make it. */
function lockOf(request: BuildRequest): PackageLock | undefined {
  if (!flavor(request.flavor).reproducible) return undefined;
  const lock = readLock(path.join(imagesDir, request.image));
  if (!lock) throw new Error(`images/${request.image}/${lockFileName} is missing: run npm run lock, then review and commit it`);
  return lock;
}

/**
 * The build argument that points a reproducible flavor's apt-install.sh at
 * TINY_DEBIAN_SNAPSHOT: its suite's sources in the snapshot. None for the
 * other flavors, which install the newest from the mirror.
 */
export function snapshotBuildArgs(flavorName: FlavorName, snapshot: string | undefined): Record<string, string> {
  const f = flavor(flavorName);
  if (!snapshot || !f.reproducible || !f.upstream) return {};
  return { TINY_APT_SOURCES: snapshotSources(snapshot, suiteOf(f.upstream.ref)).join("\n") };
}

/** What one build runs with: its tag, the files of its context, its arguments and its input hash. */
interface BuildInputs {
  readonly tag: string;
  readonly files: readonly string[];
  readonly buildArgs: Readonly<Record<string, string>>;
  readonly hash: string;
  readonly nocache?: boolean;
}

/**
 * The Engine API's build options. `ulimits` is not in dockerode's types: the
 * engine reads it as a JSON array of {Name, Soft, Hard}, like buildargs, but
 * docker-modem JSON-encodes only objects, so it goes as a string
 * (moby's api/server/router/build/build_routes.go; `docker build --ulimit`).
 */
type BuildOptions = Dockerode.ImageBuildOptions & { readonly ulimits?: string };

export function buildOptions(imageName: ImageName, flavorName: FlavorName, build: BuildInputs): BuildOptions {
  const nofile = flavor(flavorName).nofile?.build;
  return {
    t: build.tag,
    dockerfile: dockerfileOf(imageName, flavorName),
    buildargs: { ...build.buildArgs },
    labels: { [inputHashLabel]: build.hash },
    // Intermediate containers go even when a step fails: nothing leaks.
    rm: true,
    forcerm: true,
    pull: false,
    ...(build.nocache ? { nocache: true } : {}),
    ...(nofile === undefined ? {} : { ulimits: JSON.stringify([{ Name: "nofile", Soft: nofile, Hard: nofile }]) }),
  };
}

/** Runs the build through the Docker API, writing its output to logFile and each step to progress. */
async function runBuild(request: BuildRequest, build: BuildInputs, logFile: string): Promise<BuildLog> {
  const { tag, files } = build;
  const log = createWriteStream(logFile);
  const buildLog = new BuildLog();
  try {
    const dockerode = await docker();
    const stream = await dockerode.buildImage({ context: imagesDir, src: [...files] }, buildOptions(request.image, request.flavor, build));
    for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
      if (!line.trim()) continue;
      let event: BuildEvent;
      try {
        event = JSON.parse(line) as BuildEvent;
      } catch {
        event = { stream: `${line}\n` };
      }
      log.write(event.stream ?? (event.error ? `ERROR: ${event.errorDetail?.message ?? event.error}\n` : ""));
      const step = buildLog.take(event);
      if (step) request.progress(`${tag}: ${step}`);
    }
  } finally {
    log.end();
    await once(log, "close");
  }
  return buildLog;
}
