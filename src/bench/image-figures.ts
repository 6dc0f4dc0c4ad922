// What doesn't change between rounds, measured once per image and flavor:
// size, contents and hardening. The two slow readings (the gzipped `docker
// save`, the walk over `docker export`) depend on the image's content alone,
// so they are kept by image ID in the cache folder and read again only for
// an image that changed.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { imageTag, type FlavorName, type ImageName } from "../catalog.js";
import { localImageId } from "../docker.js";
import { hardeningOf } from "../measure/hardening.js";
import { readContents, type ImageContents } from "../measure/image-contents.js";
import { compressedLength, measureSize } from "../measure/image-size.js";
import type { FlavorReport } from "../report/schema.js";

export type ImageFigures = Pick<FlavorReport, "size" | "hardening">;

interface Kept {
  readonly compressedBytes: number;
  readonly contents: ImageContents;
}

/** The kept readings of an image, or undefined (none yet, or unreadable: then measured again). */
async function readKept(file: string): Promise<Kept | undefined> {
  try {
    const kept = JSON.parse(await readFile(file, "utf8")) as Partial<Kept>;
    // Readings kept before contents had leftOut are measured again.
    return typeof kept.compressedBytes === "number" && Array.isArray(kept.contents?.leftOut) ? (kept as Kept) : undefined;
  } catch {
    return undefined;
  }
}

async function keep(file: string, kept: Kept): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(kept));
  await rename(temp, file);
}

async function slowReadings(name: ImageName, flavor: FlavorName, owner: number, cacheDir: string): Promise<Kept> {
  const tag = imageTag(name, flavor);
  const id = await localImageId(tag);
  if (!id) throw new Error(`${tag} is not built`);
  const file = path.join(cacheDir, "image-figures", `${id.replace(/^sha256:/, "")}.json`);
  const known = await readKept(file);
  if (known) return known;
  const measured = { compressedBytes: await compressedLength(tag), contents: await readContents(name, flavor, owner) };
  await keep(file, measured);
  return measured;
}

export async function imageFigures(name: ImageName, flavor: FlavorName, owner: number, cacheDir: string): Promise<ImageFigures> {
  const { compressedBytes, contents } = await slowReadings(name, flavor, owner, cacheDir);
  const size = await measureSize(name, flavor, () => Promise.resolve(compressedBytes));
  return {
    size: {
      ...size,
      files: contents.files,
      packages: contents.packages,
      ...(contents.leftOut.length > 0 ? { leftOut: contents.leftOut } : {}),
    },
    hardening: await hardeningOf(imageTag(name, flavor), contents),
  };
}
