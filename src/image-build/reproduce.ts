// Whether a reproducible flavor's image is what its inputs make: built
// again from nothing (no build cache) under another tag, normalised, and
// compared by image ID with the one in use; when they differ, where they
// first differ. The rebuild is removed afterwards.
import path from "node:path";
import { imageRepository, imageTag } from "../catalog.js";
import { docker, localImageId } from "../docker.js";
import { buildImage, type BuildRequest } from "./build-image.js";
import { firstDifference } from "./image-diff.js";
import { readArchive } from "../image-archive/normalise.js";

export interface Reproduction {
  readonly id: string;
  readonly rebuiltId: string;
  /** Where the two first differ, when they do. */
  readonly difference?: string;
}

/**
 * What a build of the image takes (its upstream's arguments among it, and
 * TINY_PLATFORM's, which its input hash counts), and where the build logs go.
 */
export type ReproduceRequest = Pick<BuildRequest, "image" | "flavor" | "buildArgs" | "progress" | "debianSnapshot" | "platform"> & {
  readonly cacheDir: string;
};

export async function reproduce(request: ReproduceRequest): Promise<Reproduction> {
  const tag = imageTag(request.image, request.flavor);
  const id = await localImageId(tag);
  if (!id) throw new Error(`${tag} is not built: nothing to reproduce`);
  const rebuildAs = `${imageRepository()}-rebuild/${request.image}:${request.flavor}`;
  const dockerode = await docker();
  try {
    await buildImage({ ...request, logDir: path.join(request.cacheDir, "build-logs"), rebuildAs });
    const rebuiltId = (await localImageId(rebuildAs)) ?? "absent";
    if (rebuiltId === id) return { id, rebuiltId };
    const [saved, rebuilt] = await Promise.all([tag, rebuildAs].map(async (ref) => readArchive(await dockerode.getImage(ref).get())));
    return { id, rebuiltId, difference: (await firstDifference(saved!, rebuilt!)) ?? "the same content, another ID" };
  } finally {
    await dockerode
      .getImage(rebuildAs)
      .remove()
      .catch(() => undefined);
  }
}
