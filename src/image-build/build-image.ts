// Builds one image of one flavor through the Docker API, logging to a file,
// and skips the build when nothing it depends on has changed.
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import type Dockerode from "dockerode";
import { dockerfileOf, flavor, image, imagesDir, imageTag, type FlavorName, type ImageName } from "../catalog.js";
import { docker, localImageId } from "../docker.js";
import { BuildLog, type BuildEvent } from "./build-log.js";
import { contextFiles, inputHash } from "./context.js";

export const inputHashLabel = "tiny-docker-images.input-hash";

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
   * Docker's platform to build for when it isn't the engine's own
   * (TINY_PLATFORM): it comes in through the upstream image, which is of
   * that architecture, and counts in the input hash. It is not passed to the
   * build: Docker 20.10's builder commits a RUN step's image as the engine's
   * platform and then refuses it ("does not match the specified platform"),
   * so an emulated image's config names the engine's architecture.
   */
  readonly platform?: string;
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
  const tag = imageTag(request.image, request.flavor);
  const parent = image(request.image).parent;
  const buildArgs: Record<string, string> = { ...request.buildArgs };
  if (parent) buildArgs.BASE_IMAGE = imageTag(parent, request.flavor);

  // The images the build starts from count by ID: a rebuilt parent means a
  // rebuilt child even though its tag is the same.
  const hashedArgs: Record<string, string> = {};
  for (const [key, ref] of Object.entries(buildArgs)) {
    hashedArgs[key] = `${ref}@${(await localImageId(ref)) ?? "absent"}`;
  }
  const files = await contextFiles(request.image, request.flavor);
  if (request.platform) hashedArgs.PLATFORM = request.platform;
  const hash = await inputHash(files, hashedArgs);
  const previousId = await localImageId(tag);
  if (previousId && (await existingHash(tag)) === hash) {
    request.progress(`${tag}: up to date`);
    return { tag, cached: true, seconds: (Date.now() - started) / 1000 };
  }

  await mkdir(request.logDir, { recursive: true });
  const logFile = path.join(request.logDir, `${request.image}-${request.flavor}.log`);
  request.progress(`${tag}: building (log: ${path.relative(process.cwd(), logFile)})`);
  const buildLog = await runBuild(request, { tag, files, buildArgs, hash }, logFile);
  const failure = buildLog.failure(tag, path.relative(process.cwd(), logFile));
  if (failure) throw failure;

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

/** What one build runs with: its tag, the files of its context, its arguments and its input hash. */
interface BuildInputs {
  readonly tag: string;
  readonly files: readonly string[];
  readonly buildArgs: Readonly<Record<string, string>>;
  readonly hash: string;
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
