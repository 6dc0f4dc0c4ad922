// A built image normalised in place (normalise.ts): saved, rewritten with
// its lock's epoch, and loaded back under its tag; the image it replaced is
// removed unless something still uses it.
import { Readable } from "node:stream";
import type Dockerode from "dockerode";
import { docker, followProgress, localImageId } from "../docker.js";
import { normaliseSaved, readArchive } from "./normalise.js";

/** The diff IDs of the parent's layers: those stay as they are, so the parent's layer is still shared. */
async function parentLayers(dockerode: Dockerode, parent: string | undefined): Promise<Set<string>> {
  if (!parent) return new Set();
  return new Set((await dockerode.getImage(parent).inspect()).RootFS.Layers ?? []);
}

/** Normalises `tag` to `epoch`; returns its image ID, which depends on its content alone. */
export async function normaliseImage(tag: string, epoch: Date, parent?: string): Promise<string> {
  const dockerode = await docker();
  const before = await localImageId(tag);
  const saved = await readArchive(await dockerode.getImage(tag).get());
  const { archive, id } = await normaliseSaved(saved, tag, epoch, await parentLayers(dockerode, parent));
  if (id === before) return id;
  await followProgress(await dockerode.loadImage(Readable.from([archive])));
  const after = await localImageId(tag);
  if (after !== id) throw new Error(`${tag}: loaded as ${after ?? "nothing"}, not the normalised ${id}`);
  if (before) {
    // Dangling now; a container or child image that still uses it keeps it.
    await dockerode
      .getImage(before)
      .remove()
      .catch(() => undefined);
  }
  return id;
}
