// Reads an image's layers from `docker save`, one streamed pass that keeps
// each layer's paths and lengths and never a file's contents (mariadb's
// debian flavor is 330 MB), and works out where its bytes are. Docker 20.10
// saves `<id>/layer.tar`; Docker 25 and later an OCI layout whose blobs are
// layers and JSON alike, so a blob's first bytes decide what it is.
import { Readable, Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, type Gunzip } from "node:zlib";
import { extract, type Header } from "tar-stream";
import { image, imageTag, type FlavorName, type ImageName } from "../catalog.js";
import { docker } from "../docker.js";
import { whereBytes, type Layer, type LayerEntry, type WhereBytesReading } from "./where-bytes.js";

/** A layer's tar entry as far as bytes go, whiteouts (`.wh.<name>`, `.wh..wh..opq`) made explicit. */
export function entryOf(header: Pick<Header, "name" | "type" | "size">): LayerEntry {
  const path = header.name.replace(/^\.?\/+/, "").replace(/\/+$/, "");
  const slash = path.lastIndexOf("/");
  const dir = path.slice(0, slash + 1);
  const base = path.slice(slash + 1);
  if (base === ".wh..wh..opq") return { path: dir.replace(/\/$/, ""), kind: "opaque", bytes: 0 };
  if (base.startsWith(".wh.")) return { path: dir + base.slice(4), kind: "whiteout", bytes: 0 };
  if (header.type === "file" || header.type === "contiguous-file") return { path, kind: "file", bytes: header.size ?? 0 };
  return { path, kind: header.type === "directory" ? "dir" : "other", bytes: 0 };
}

/** Passes a layer's tar through, gunzipped when it is compressed (as an OCI layout may keep it). */
function gunzipIfCompressed(): Transform {
  let gunzip: Gunzip | undefined;
  let first = true;
  const through = new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      // gzip's magic number; a plain tar starts with a file name.
      if (first && chunk[0] === 0x1f && chunk[1] === 0x8b) {
        gunzip = createGunzip();
        gunzip.on("data", (out: Buffer) => through.push(out));
        gunzip.on("error", (error) => through.destroy(error));
      }
      first = false;
      if (!gunzip) return done(null, chunk);
      gunzip.write(chunk, () => done());
    },
    flush(done: TransformCallback) {
      if (!gunzip) return done();
      gunzip.once("end", () => done());
      gunzip.end();
    },
  });
  return through;
}

export async function layerEntries(stream: Readable): Promise<LayerEntry[]> {
  const entries: LayerEntry[] = [];
  const inner = extract();
  inner.on("entry", (header, body, next) => {
    entries.push(entryOf(header));
    body.on("end", () => next());
    body.resume();
  });
  await pipeline(stream, gunzipIfCompressed(), inner);
  return entries;
}

interface Saved {
  readonly layers: Map<string, LayerEntry[]>;
  readonly texts: Map<string, string>;
  /** A layer saved once and linked from another path. */
  readonly links: Map<string, string>;
}

/** An OCI blob this small may be JSON (a config, a manifest) rather than a layer: it is read whole to tell. */
const smallBlob = 1_000_000;

async function textOf(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** What one entry of the saved tar is: a layer, JSON worth keeping, a link to a layer, or nothing to read. */
async function readEntry(saved: Saved, header: Header, body: Readable): Promise<void> {
  const name = header.name.replace(/^\.\//, "");
  if (header.type === "symlink" && header.linkname) {
    saved.links.set(name, new URL(header.linkname, `file:///${name}`).pathname.slice(1));
  }
  const blob = name.startsWith("blobs/");
  if (header.type !== "file" || !(blob || /(^manifest\.json|\.json|\/layer\.tar)$/.test(name))) {
    for await (const chunk of body) void chunk;
    return;
  }
  if (name.endsWith(".json") || (blob && (header.size ?? 0) < smallBlob)) {
    const bytes = await textOf(body);
    if (bytes[0] === 0x7b || bytes[0] === 0x5b) saved.texts.set(name, bytes.toString("utf8"));
    else saved.layers.set(name, await layerEntries(Readable.from([bytes])));
    return;
  }
  saved.layers.set(name, await layerEntries(body));
}

async function readSave(save: NodeJS.ReadableStream): Promise<Saved> {
  const saved: Saved = { layers: new Map(), texts: new Map(), links: new Map() };
  const outer = extract();
  outer.on("entry", (header, body, next) => {
    readEntry(saved, header, body as unknown as Readable).then(
      () => next(),
      (error: Error) => outer.destroy(error),
    );
  });
  await pipeline(save, outer);
  return saved;
}

interface Manifest {
  readonly Config: string;
  readonly Layers: readonly string[];
}

interface History {
  readonly created_by?: string;
  readonly comment?: string;
  readonly empty_layer?: boolean;
}

/** The layers of a `docker save` of tag, bottom first, each with its history command; the first inBase are its base image's. */
export async function savedLayers(save: NodeJS.ReadableStream, tag: string, inBase = 0): Promise<Layer[]> {
  const saved = await readSave(save);
  const manifest = (JSON.parse(saved.texts.get("manifest.json") ?? "null") as Manifest[] | null)?.[0];
  if (!manifest) throw new Error(`${tag}: docker save gave no manifest.json`);
  const config = JSON.parse(saved.texts.get(manifest.Config) ?? "{}") as { history?: History[] };
  const history = (config.history ?? []).filter((h) => !h.empty_layer);
  return manifest.Layers.map((name, index) => {
    const entries = saved.layers.get(name) ?? saved.layers.get(saved.links.get(name) ?? "");
    if (!entries) throw new Error(`${tag}: docker save has no layer ${name}`);
    // An imported base image's one layer says where it came from in its comment.
    const step = history.length === manifest.Layers.length ? history[index] : undefined;
    return { createdBy: step?.created_by || step?.comment || "", inBase: index < inBase, entries };
  });
}

/** How many of the image's bottom layers are its base image's (all of them when built FROM it, else 0). */
async function baseLayers(name: ImageName, flavor: FlavorName): Promise<number> {
  const parent = image(name).parent;
  if (!parent) return 0;
  const engine = await docker();
  const diffs = async (tag: string): Promise<string[]> => (await engine.getImage(tag).inspect()).RootFS?.Layers ?? [];
  const [own, base] = await Promise.all([diffs(imageTag(name, flavor)), diffs(imageTag(parent, flavor))]);
  return base.length > 0 && base.every((layer, i) => own[i] === layer) ? base.length : 0;
}

export async function readWhereBytes(name: ImageName, flavor: FlavorName): Promise<WhereBytesReading> {
  const tag = imageTag(name, flavor);
  const inBase = await baseLayers(name, flavor);
  return whereBytes(await savedLayers(await (await docker()).getImage(tag).get(), tag, inBase));
}
