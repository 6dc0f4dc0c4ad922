// How big an image is: on disk, over the wire, in layers, and how much of it
// a host already has once it has the flavor's base image.
import { createGzip } from "node:zlib";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { image, imageTag, type FlavorName, type ImageName } from "../catalog.js";
import { docker } from "../docker.js";

export interface ImageSize {
  readonly bytes: number;
  readonly compressedBytes: number;
  readonly layers: number;
  readonly sharedWithBaseBytes: number;
}

async function layersOf(tag: string): Promise<{ size: number; layers: string[] }> {
  const info = await (await docker()).getImage(tag).inspect();
  return { size: info.Size, layers: info.RootFS?.Layers ?? [] };
}

/** The gzipped length of `docker save`: what a registry transfers, give or take its per-layer framing. */
export async function compressedLength(tag: string): Promise<number> {
  const saved = await (await docker()).getImage(tag).get();
  let bytes = 0;
  await pipeline(
    saved,
    createGzip(),
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done();
      },
    }),
  );
  return bytes;
}

/**
 * `compressed` computes the compressed size; a caller that already knows it
 * for this image (bench/image-figures.ts keeps it by image ID) passes it in.
 */
export async function measureSize(
  name: ImageName,
  flavorName: FlavorName,
  compressed: (tag: string) => Promise<number> = compressedLength,
): Promise<ImageSize> {
  const tag = imageTag(name, flavorName);
  const own = await layersOf(tag);
  let sharedWithBaseBytes = 0;
  const parent = image(name).parent;
  if (parent) {
    // Shared only when every layer of the parent is where it is in this image
    // (it was built FROM it); an image built from nothing shares none.
    const base = await layersOf(imageTag(parent, flavorName));
    const isPrefix = base.layers.every((layer, i) => own.layers[i] === layer);
    if (isPrefix && base.layers.length > 0) sharedWithBaseBytes = base.size;
  }
  return {
    bytes: own.size,
    compressedBytes: await compressed(tag),
    layers: own.layers.length,
    sharedWithBaseBytes,
  };
}
