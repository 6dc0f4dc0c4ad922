// What doesn't change between rounds, measured once per image and flavor:
// size, contents, hardening and where the bytes are. The slow readings (the
// gzipped `docker save`, the walk over `docker export`, the layers of `docker
// save`) depend on the image's content alone, so they are kept by image ID in
// the cache folder and read again only for an image that changed (or a
// reading kept before the code that makes it changed).
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { imageTag, type FlavorName, type ImageName } from "../catalog.js";
import { localImageId } from "../docker.js";
import { hardeningOf } from "../measure/hardening.js";
import { readContents, type ImageContents } from "../measure/image-contents.js";
import { compressedLength, measureSize } from "../measure/image-size.js";
import { readWhereBytes } from "../measure/where-bytes-reader.js";
import type { WhereBytesReading } from "../measure/where-bytes.js";
import type { FlavorReport } from "../report/schema.js";

export type ImageFigures = Pick<FlavorReport, "size" | "hardening" | "bytes" | "imageId"> & {
  /** Every folder's bytes, for the comparison with the flavor it is paired with (assemble.ts); not in the report. */
  readonly folders?: Readonly<Record<string, number>>;
};

/** Bumped when where-bytes.ts reads layers differently, so kept readings are made again. */
const whereBytesVersion = 1;

interface Kept {
  readonly compressedBytes: number;
  readonly contents: ImageContents;
  readonly whereBytes: WhereBytesReading & { readonly version: number };
}

/** The kept readings of an image that are still good (none yet, unreadable or out of date: measured again). */
async function readKept(file: string): Promise<Partial<Kept>> {
  try {
    const kept = JSON.parse(await readFile(file, "utf8")) as Partial<Kept>;
    return {
      ...(typeof kept.compressedBytes === "number" ? { compressedBytes: kept.compressedBytes } : {}),
      // Readings kept before contents had leftOut are measured again.
      ...(Array.isArray(kept.contents?.leftOut) ? { contents: kept.contents } : {}),
      ...(kept.whereBytes?.version === whereBytesVersion ? { whereBytes: kept.whereBytes } : {}),
    };
  } catch {
    return {};
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
  if (known.compressedBytes !== undefined && known.contents && known.whereBytes) return known as Kept;
  const measured: Kept = {
    compressedBytes: known.compressedBytes ?? (await compressedLength(tag)),
    contents: known.contents ?? (await readContents(name, flavor, owner)),
    whereBytes: known.whereBytes ?? { ...(await readWhereBytes(name, flavor)), version: whereBytesVersion },
  };
  await keep(file, measured);
  return measured;
}

export async function imageFigures(name: ImageName, flavor: FlavorName, owner: number, cacheDir: string): Promise<ImageFigures> {
  const { compressedBytes, contents, whereBytes } = await slowReadings(name, flavor, owner, cacheDir);
  const size = await measureSize(name, flavor, () => Promise.resolve(compressedBytes));
  const imageId = await localImageId(imageTag(name, flavor));
  return {
    ...(imageId ? { imageId } : {}),
    size: {
      ...size,
      files: contents.files,
      packages: contents.packages,
      ...(contents.leftOut.length > 0 ? { leftOut: contents.leftOut } : {}),
    },
    hardening: await hardeningOf(imageTag(name, flavor), contents),
    bytes: whereBytes.report,
    folders: whereBytes.folders,
  };
}
