// Makes sure each flavor's upstream image is here: present locally, pulled,
// or (for Debian) bootstrapped. A flavor whose upstream can't be had is
// unavailable, with the reason.
import { builtFlavor, type FlavorName, type Upstream } from "../catalog.js";
import type { Platform, Settings } from "../settings.js";
import { bootstrapDebian, bootstrapTag, expectedBootstrapLabel } from "./bootstrap-debian.js";
import { bootstrapLockLabel } from "./bootstrap-lock.js";
import { docker, followProgress, localImageId } from "../docker.js";

export type Availability =
  | { readonly available: true; readonly buildArgs: Readonly<Record<string, string>> }
  | { readonly available: false; readonly reason: string };

async function pull(ref: string, platform: Platform | undefined): Promise<void> {
  const dockerode = await docker();
  const stream = await dockerode.pull(ref, platform ? { platform: platform.docker } : {});
  await followProgress(stream);
}

/** Whether an image is here for the platform asked for (any, when none was). */
async function presentFor(ref: string, platform: Platform | undefined): Promise<boolean> {
  if (!(await localImageId(ref))) return false;
  if (!platform) return true;
  const { Architecture } = await (await docker()).getImage(ref).inspect();
  return `linux/${Architecture}` === platform.docker;
}

/**
 * Whether the bootstrap of `ref` is here, made from the lock as it is now: one
 * made from another lock (refreshed since, or from before there were locks)
 * is made again rather than built on.
 */
async function currentBootstrap(ref: string, platform: Platform | undefined): Promise<boolean> {
  const tag = bootstrapTag(ref, platform);
  if (!(await localImageId(tag))) return false;
  const expected = await expectedBootstrapLabel(ref, platform).catch(() => undefined);
  const { Config } = await (await docker()).getImage(tag).inspect();
  return expected !== undefined && Config.Labels?.[bootstrapLockLabel] === expected;
}

/** The local image to use for an upstream ref, or the reason there is none. */
async function provideUpstream(
  upstream: Upstream,
  settings: Settings,
  progress: (line: string) => void,
): Promise<{ image: string } | { reason: string }> {
  if (await presentFor(upstream.ref, settings.platform)) return { image: upstream.ref };
  // Its tag names its architecture: Docker 20.10's import labels every image with the engine's own.
  if (upstream.bootstrap === "debian" && (await currentBootstrap(upstream.ref, settings.platform))) {
    return { image: bootstrapTag(upstream.ref, settings.platform) };
  }
  let pullError: string;
  try {
    progress(`pulling ${upstream.ref}`);
    await pull(upstream.ref, settings.platform);
    return { image: upstream.ref };
  } catch (error) {
    // dockerode prefixes the engine's own words with "(HTTP code 500) server error - ".
    pullError = ((error as Error).message.split("\n")[0] ?? "").replace(/^\(HTTP code \d+\)[^-]*- /, "").trim();
  }
  const why = `${upstream.ref} not present and no registry reachable (${pullError})`;
  if (upstream.bootstrap !== "debian") return { reason: why };
  try {
    return {
      image: await bootstrapDebian(upstream.ref, {
        cacheDir: settings.cacheDir,
        mirror: settings.debianMirror,
        snapshot: settings.debianSnapshot,
        platform: settings.platform,
        progress,
      }),
    };
  } catch (error) {
    return { reason: `${why}, and the Debian bootstrap failed: ${(error as Error).message}` };
  }
}

/**
 * Decides which of the requested flavors can be built here. Upstreams that
 * several flavors share (scratch and debian both start from Debian) are
 * provided once.
 */
export async function provisionFlavors(
  names: readonly FlavorName[],
  settings: Settings,
  progress: (line: string) => void,
): Promise<Map<FlavorName, Availability>> {
  const provided = new Map<string, Promise<{ image: string } | { reason: string }>>();
  const result = new Map<FlavorName, Availability>();
  for (const name of names) {
    const { upstream } = builtFlavor(name);
    let outcome = provided.get(upstream.ref);
    if (!outcome) {
      outcome = provideUpstream(upstream, settings, progress);
      provided.set(upstream.ref, outcome);
    }
    const got = await outcome;
    result.set(
      name,
      "image" in got ? { available: true, buildArgs: { [upstream.buildArg]: got.image } } : { available: false, reason: got.reason },
    );
  }
  return result;
}
