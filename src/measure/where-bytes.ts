// Where an image's bytes are, worked out from its layers as `docker save`
// hands them over (where-bytes-reader.ts reads them): what each layer adds,
// what later layers hide (dive's "wasted space": still pulled and stored,
// no longer seen), and the largest files and folders of what is left.
// Pure, so it is tested on made-up layers without an engine.
import type { FlavorName } from "../catalog.js";

/** One tar entry of a layer, as far as bytes go. */
export interface LayerEntry {
  /** Without the leading slash; for a whiteout, the path it deletes; for an opaque marker, its folder. */
  readonly path: string;
  readonly kind: "file" | "dir" | "other" | "whiteout" | "opaque";
  /** A regular file's length; 0 for everything else (a hard link's bytes are its target's). */
  readonly bytes: number;
}

export interface Layer {
  /** The history's command for it, as Docker records it. */
  readonly createdBy: string;
  /** One of the layers of its flavor's base image (built FROM it), shared with every image of the flavor. */
  readonly inBase: boolean;
  readonly entries: readonly LayerEntry[];
}

export interface PathBytes {
  /** With the leading slash. */
  readonly path: string;
  readonly bytes: number;
}

export interface LayerBytes {
  /** Bytes of the regular files the layer holds. */
  readonly bytes: number;
  readonly files: number;
  /** Its command on one short line ("RUN apt-install.sh …", "COPY dir in /"). */
  readonly command: string;
  /** Of its bytes, those a later layer overwrote or deleted. */
  readonly hiddenBytes: number;
  readonly inBase?: true;
}

/** One folder in both flavors of a pair. */
export interface FolderPair {
  readonly path: string;
  /** In this (tiny) flavor. */
  readonly bytes: number;
  /** In the flavor it is paired with. */
  readonly pairBytes: number;
}

export interface WhereBytes {
  /** Bytes of the regular files in the image's filesystem (after every layer): the layers' bytes less the hidden ones. */
  readonly bytes: number;
  /** Every layer with content, the bottom one first. */
  readonly layers: readonly LayerBytes[];
  /** Bytes of files that a later layer overwrote or deleted: pulled and stored, never seen. */
  readonly hiddenBytes: number;
  /** Where the hidden bytes were, largest first: by folder, or the file when one file is all of it. */
  readonly hidden: readonly PathBytes[];
  readonly largestFiles: readonly PathBytes[];
  /** By folder (see folderOf), largest first. */
  readonly largestFolders: readonly PathBytes[];
  /** A tiny flavor: its folders against its original's, the largest difference first. */
  readonly vsPair?: { readonly pair: FlavorName; readonly folders: readonly FolderPair[] };
}

/** What one reading gives: the report's part and every folder's bytes, which the pair comparison needs. */
export interface WhereBytesReading {
  readonly report: WhereBytes;
  readonly folders: Readonly<Record<string, number>>;
}

/** How long the lists in the report are. */
export const topN = 10;

/**
 * The folder a file's bytes are counted in: its own, cut to three levels
 * (/usr/share/zoneinfo counts all the zones), four inside the multiarch
 * library folder, where /usr/lib/x86_64-linux-gnu alone would say little
 * (its gconv, perl-base and plugin folders are each a story). A shallower
 * folder (/usr/bin) counts only the files directly in it.
 */
export function folderOf(path: string): string {
  const parts = path.replace(/^\/+/, "").split("/").slice(0, -1);
  const depth = /^usr\/lib\/[^/]+-linux-gnu\//.test(`${parts.join("/")}/`) ? 4 : 3;
  return `/${parts.slice(0, depth).join("/")}`;
}

/** A long absolute path by its last two parts, where a reader recognises it: "…/mariadb/packages.txt". */
function shortPath(path: string): string {
  const parts = path.split("/").filter(Boolean);
  return parts.length < 4 ? path : `…/${parts.slice(-2).join("/")}${path.endsWith("/") ? "/" : ""}`;
}

/** A history command on one short line: the shell prefix and BuildKit's marker dropped, RUN said as a Dockerfile says it. */
export function shortCommand(createdBy: string, max = 52): string {
  const flat = createdBy
    .replace(/\s+/g, " ")
    .replace(/ # buildkit$/, "")
    .trim();
  const nop = /^\/bin\/sh -c #\(nop\) */.exec(flat);
  let text = nop ? flat.slice(nop[0].length) : flat.replace(/^(RUN )?\/bin\/sh -c /, "RUN ");
  // COPY dir:<64 hex digits>: the digest says nothing to a reader.
  text = text.replace(/\b(dir|file|multi):[0-9a-f]{64}/g, "$1").replace(/(?<=^|\s)\/[^\s]+/g, shortPath);
  if (text === "") return "(imported)";
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

interface Node {
  children?: Map<string, Node>;
  bytes: number;
  layer: number;
}

type Hide = (path: string, node: Node) => void;

/** Calls hide for every file under (or at) node: a later layer took it out of sight. */
function hideTree(path: string, node: Node, hide: Hide): void {
  if (node.bytes > 0) hide(path, node);
  for (const [name, child] of node.children ?? []) hideTree(`${path}/${name}`, child, hide);
}

function parentOf(root: Node, parts: readonly string[], layer: number): Node {
  let node = root;
  for (const part of parts) {
    node.children ??= new Map();
    let next = node.children.get(part);
    if (!next) node.children.set(part, (next = { bytes: 0, layer, children: new Map() }));
    next.children ??= new Map();
    node = next;
  }
  return node;
}

/** A layer's whiteouts act on the layers below it only, so they go first; then what it adds. */
function applyLayer(root: Node, entries: readonly LayerEntry[], layer: number, hide: Hide): void {
  const removals = entries.filter((e) => e.kind === "whiteout" || e.kind === "opaque");
  const additions = entries.filter((e) => e.kind !== "whiteout" && e.kind !== "opaque");
  for (const entry of removals) {
    const parts = entry.path.split("/").filter(Boolean);
    if (entry.kind === "opaque") {
      const dir = parentOf(root, parts, layer);
      for (const [name, child] of dir.children ?? []) hideTree(`/${[...parts, name].join("/")}`, child, hide);
      dir.children = new Map();
      continue;
    }
    const dir = parentOf(root, parts.slice(0, -1), layer);
    const gone = dir.children?.get(parts.at(-1)!);
    if (gone) hideTree(`/${parts.join("/")}`, gone, hide);
    dir.children?.delete(parts.at(-1)!);
  }
  for (const entry of additions) {
    const parts = entry.path.split("/").filter(Boolean);
    if (parts.length === 0) continue;
    const dir = parentOf(root, parts.slice(0, -1), layer);
    const old = dir.children!.get(parts.at(-1)!);
    // A folder over a folder merges; anything else replaces what was there.
    if (old && entry.kind === "dir" && old.children) continue;
    if (old) hideTree(`/${parts.join("/")}`, old, hide);
    dir.children!.set(parts.at(-1)!, { bytes: entry.bytes, layer, ...(entry.kind === "dir" ? { children: new Map() } : {}) });
  }
}

/** The largest n, largest first, ties by path so a reading is reproducible. */
function top(totals: Iterable<[string, number]>, n = topN): PathBytes[] {
  return [...totals]
    .filter(([, bytes]) => bytes > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([path, bytes]) => ({ path, bytes }));
}

function add(totals: Map<string, number>, key: string, bytes: number): void {
  totals.set(key, (totals.get(key) ?? 0) + bytes);
}

/** Hidden bytes by folder; a folder whose hidden bytes are all one path's (however many versions of it) is named by that path. */
function hiddenPlaces(hidden: readonly PathBytes[]): PathBytes[] {
  const byFolder = new Map<string, Map<string, number>>();
  for (const { path, bytes } of hidden) {
    const folder = byFolder.get(folderOf(path)) ?? new Map<string, number>();
    byFolder.set(folderOf(path), folder);
    add(folder, path, bytes);
  }
  return top(
    [...byFolder].map(([folder, paths]): [string, number] =>
      paths.size === 1 ? [...paths][0]! : [folder, [...paths.values()].reduce((sum, b) => sum + b, 0)],
    ),
  );
}

function filesOf(node: Node, path: string, into: PathBytes[]): PathBytes[] {
  if (node.bytes > 0) into.push({ path, bytes: node.bytes });
  for (const [name, child] of node.children ?? []) filesOf(child, `${path}/${name}`, into);
  return into;
}

/** The image's layers, bottom first, read into where its bytes are. */
export function whereBytes(layers: readonly Layer[]): WhereBytesReading {
  const root: Node = { bytes: 0, layer: 0, children: new Map() };
  const hidden: PathBytes[] = [];
  const hiddenByLayer = layers.map(() => 0);
  layers.forEach((layer, index) =>
    applyLayer(root, layer.entries, index, (path, node) => {
      hidden.push({ path, bytes: node.bytes });
      hiddenByLayer[node.layer]! += node.bytes;
    }),
  );
  const files = filesOf(root, "", []);
  const folders = new Map<string, number>();
  for (const file of files) add(folders, folderOf(file.path), file.bytes);
  const report: WhereBytes = {
    bytes: files.reduce((sum, f) => sum + f.bytes, 0),
    layers: layers.map((layer, index) => ({
      bytes: layer.entries.reduce((sum, e) => sum + (e.kind === "file" ? e.bytes : 0), 0),
      files: layer.entries.filter((e) => e.kind === "file").length,
      command: shortCommand(layer.createdBy),
      hiddenBytes: hiddenByLayer[index]!,
      ...(layer.inBase ? { inBase: true as const } : {}),
    })),
    hiddenBytes: hidden.reduce((sum, f) => sum + f.bytes, 0),
    hidden: hiddenPlaces(hidden),
    largestFiles: top(files.map((f): [string, number] => [f.path, f.bytes])),
    largestFolders: top(folders),
  };
  return { report, folders: Object.fromEntries(folders) };
}

/** A tiny flavor's folders against its original's, the largest difference first (either way). */
export function compareFolders(tiny: Readonly<Record<string, number>>, original: Readonly<Record<string, number>>, n = topN): FolderPair[] {
  const paths = new Set([...Object.keys(tiny), ...Object.keys(original)]);
  return [...paths]
    .map((path) => ({ path, bytes: tiny[path] ?? 0, pairBytes: original[path] ?? 0 }))
    .filter((f) => f.bytes !== f.pairBytes)
    .sort((a, b) => Math.abs(b.pairBytes - b.bytes) - Math.abs(a.pairBytes - a.bytes) || a.path.localeCompare(b.path))
    .slice(0, n);
}
