// Where two saves of one image first differ, diffoci's question for two
// builds that should have been the same: a layer's file (its name, its
// header, its bytes) or, with every layer alike, a field of the config.
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { readArchive, type ArchiveEntry } from "../image-archive/normalise.js";

interface Saved {
  readonly config: Record<string, unknown>;
  readonly layers: readonly Buffer[];
}

function parseSaved(entries: readonly ArchiveEntry[]): Saved {
  const byName = new Map(entries.map((e) => [e.header.name.replace(/^\.\//, ""), e.body]));
  const get = (name: string): Buffer => {
    const body = byName.get(name);
    if (!body) throw new Error(`the saved image has no ${name}`);
    return body;
  };
  const [manifest] = JSON.parse(get("manifest.json").toString()) as Array<{ Config: string; Layers: string[] }>;
  if (!manifest) throw new Error("the saved image has an empty manifest.json");
  return { config: JSON.parse(get(manifest.Config).toString()) as Record<string, unknown>, layers: manifest.Layers.map(get) };
}

const digest = (bytes: Buffer): string => createHash("sha256").update(bytes).digest("hex");

/** An entry's header as compared: what a file is, not where in the tar it sits. */
function shown(entry: ArchiveEntry | undefined): string {
  if (!entry) return "absent";
  const h = entry.header;
  const fields = [
    h.type,
    (h.mode ?? 0).toString(8),
    `${h.uid}:${h.gid}`,
    h.mtime?.toISOString(),
    h.linkname || "",
    JSON.stringify(h.pax ?? {}),
  ];
  return `${fields.join(" ")} sha256:${digest(entry.body).slice(0, 12)}`;
}

async function layerDifference(a: Buffer, b: Buffer): Promise<string | undefined> {
  const [left, right] = await Promise.all([a, b].map(async (layer) => readArchive(Readable.from([layer]))));
  const index = (entries: ArchiveEntry[]): Map<string, ArchiveEntry> => new Map(entries.map((e) => [e.header.name, e]));
  const [l, r] = [index(left!), index(right!)];
  const names = [...new Set([...l.keys(), ...r.keys()])].sort();
  for (const name of names) {
    const [x, y] = [shown(l.get(name)), shown(r.get(name))];
    if (x !== y) return `${name}: ${x} | ${y}`;
  }
  return undefined;
}

/** The first difference between two saves of an image, in one line; undefined when they are the same. */
export async function firstDifference(a: readonly ArchiveEntry[], b: readonly ArchiveEntry[]): Promise<string | undefined> {
  const [left, right] = [parseSaved(a), parseSaved(b)];
  const count = Math.max(left.layers.length, right.layers.length);
  for (let i = 0; i < count; i++) {
    const [x, y] = [left.layers[i], right.layers[i]];
    if (!x || !y) return `layer ${i + 1}: only one of them has it`;
    if (digest(x) === digest(y)) continue;
    return `layer ${i + 1}: ${(await layerDifference(x, y)) ?? "the same files, in another order or encoding"}`;
  }
  return fieldDifference("config", left.config, right.config);
}

/** The first field, by path, where two JSON values differ: "config.config.Image: "a" | "b"". */
function fieldDifference(at: string, a: unknown, b: unknown): string | undefined {
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
  if (!isObject(a) || !isObject(b)) return `${at}: ${JSON.stringify(a)} | ${JSON.stringify(b)}`;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const key of keys) {
    const found = fieldDifference(`${at}.${key}`, a[key], b[key]);
    if (found) return found;
  }
  return undefined;
}
