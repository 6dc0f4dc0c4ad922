// The report's "Where the bytes are": one line per image in view (where most
// of the difference is), folded under it the tiny flavor against its
// original folder by folder, each flavor's largest files, and its layers
// with what later layers hide (an image's base layers as one row).
import type { FlavorName } from "../../catalog.js";
import { formatBytes } from "../format.js";
import { measuredPairs, type MeasuredPair } from "../../report/pairs.js";
import type { BenchReport, FlavorReport, ImageReport, PathBytes, WhereBytes } from "../../report/schema.js";
import { code, details, listOf, table } from "./blocks.js";
import { flavorLabel } from "./words.js";
import { headings } from "./anchors.js";

/** Folders shown in view; the rest of the comparison's folders are one row. */
const folderRows = 8;

type Measured = FlavorReport & { readonly bytes: WhereBytes };

const hasBytes = (f: FlavorReport | undefined): f is Measured => f?.bytes !== undefined;

/** tiny − original: "−28.4 MB", "+51 kB". */
function signedBytes(bytes: number): string {
  if (bytes === 0) return "±0 B";
  return `${bytes < 0 ? "−" : "+"}${formatBytes(Math.abs(bytes))}`;
}

const layerCount = (n: number): string => `${n} ${n === 1 ? "layer" : "layers"}`;

function comparison(tiny: Measured, original: Measured): string {
  const shown = (tiny.bytes.vsPair?.folders ?? []).slice(0, folderRows);
  const row = (name: string, originalBytes: number, tinyBytes: number): string[] => [
    name,
    formatBytes(originalBytes),
    formatBytes(tinyBytes),
    signedBytes(tinyBytes - originalBytes),
  ];
  const sum = (pick: (f: { bytes: number; pairBytes: number }) => number): number => shown.reduce((s, f) => s + pick(f), 0);
  const rows = shown.map((f) => row(code(f.path), f.pairBytes, f.bytes));
  const restOriginal = original.bytes.bytes - sum((f) => f.pairBytes);
  const restTiny = tiny.bytes.bytes - sum((f) => f.bytes);
  if (restOriginal !== 0 || restTiny !== 0) rows.push(row("every other folder", restOriginal, restTiny));
  rows.push(row("**all files**", original.bytes.bytes, tiny.bytes.bytes));
  return table(["folder", "original", "tiny", "tiny − original"], rows, ["left", "right", "right", "right"]);
}

function pathTable(what: string, list: readonly PathBytes[]): string {
  return table(
    [what, "bytes"],
    list.map((p) => [code(p.path), formatBytes(p.bytes)]),
    ["left", "right"],
  );
}

/** Each flavor's largest files (its largest folders are the comparison's rows). */
function largest(flavors: readonly Measured[]): string {
  return flavors.map((f) => [`**${flavorLabel(f)}**`, pathTable("file", f.bytes.largestFiles)].join("\n\n")).join("\n\n");
}

/** "**original (debian)**: 15 layers (1–5 base's); 3.13 MB of their bytes hidden by later ones (`/var/cache/debconf` 2.77 MB, …)". */
function layerSummary(f: Measured): string {
  const { layers, hiddenBytes, hidden } = f.bytes;
  const fromBase = layers.filter((l) => l.inBase).length;
  const base = fromBase === 0 ? "" : fromBase === 1 ? " (1 base's)" : ` (1–${fromBase} base's)`;
  const where = listOf(hidden.slice(0, 3).map((h) => `${code(h.path)} ${formatBytes(h.bytes)}`));
  const hid = hiddenBytes > 0 ? `; ${formatBytes(hiddenBytes)} of their bytes hidden by later ones (${where})` : ", nothing hidden";
  return `**${flavorLabel(f)}**: ${layerCount(layers.length)}${base}${hid}`;
}

/** The layers, base's as one row (base's own table lists them): "1–5 | base's layers | 83.7 MB | 3.12 MB". */
function layerTable(f: Measured): string {
  const fromBase = f.bytes.layers.filter((l) => l.inBase);
  const sum = (pick: (l: (typeof fromBase)[number]) => number): number => fromBase.reduce((n, l) => n + pick(l), 0);
  const hidden = (bytes: number): string => (bytes > 0 ? formatBytes(bytes) : "–");
  const baseRow =
    fromBase.length > 1
      ? [[`1–${fromBase.length}`, "base's layers", formatBytes(sum((l) => l.bytes)), hidden(sum((l) => l.hiddenBytes))]]
      : [];
  const own = fromBase.length > 1 ? f.bytes.layers.slice(fromBase.length) : f.bytes.layers;
  const offset = f.bytes.layers.length - own.length;
  const rows = [...baseRow, ...own.map((l, i) => [String(i + 1 + offset), code(l.command), formatBytes(l.bytes), hidden(l.hiddenBytes)])];
  return [layerSummary(f), table(["layer", "made by", "bytes", "hidden"], rows, ["left", "left", "right", "right"])].join("\n\n");
}

/** The one line a reader sees per image, and the summary the rest folds under. */
function imageLine(image: ImageReport, flavors: readonly Measured[], tables: readonly Measured[][]): string {
  const [tiny] = tables[0] ?? [];
  const top = (tiny?.bytes.vsPair?.folders ?? []).slice(0, 1).map((f) => `${f.path} (${signedBytes(f.bytes - f.pairBytes)})`);
  const files = flavors.map((f) => formatBytes(f.bytes.bytes)).join(" → ");
  return `${image.name}: ${top.length > 0 ? `most of the difference in ${top[0]}` : `${files} of files`}`;
}

function imagePart(image: ImageReport): string {
  const pairs = measuredPairs(image);
  const flavors = pairs.flatMap((p) => [p.originalFigures, p.tinyFigures]).filter(hasBytes);
  if (flavors.length === 0) return "";
  const both = pairs.filter(compared).map((p) => [p.tinyFigures as Measured, p.originalFigures as Measured]);
  return details(
    imageLine(image, flavors, both),
    [
      ...both.map(([tiny, original]) => comparison(tiny!, original!)),
      "**Largest files**",
      largest(flavors),
      "**Layers**",
      ...flavors.map(layerTable),
    ].join("\n\n"),
  );
}

/** A pair both of whose flavors were read, the tiny one against the original measured here. */
function compared(p: MeasuredPair): boolean {
  const pair: FlavorName | undefined = p.tinyFigures?.bytes?.vsPair?.pair;
  return hasBytes(p.tinyFigures) && hasBytes(p.originalFigures) && pair === p.originalFigures.flavor;
}

/** How the section's figures are read, said in "How measured". */
export const howBytesAreRead =
  "- Where the bytes are: read from each image's layers (`docker save`), the way dive and slim (tools that show an image's layers) show them. Files are counted in their folder cut to three levels " +
  "(four under `/usr/lib/<arch>`): such a folder holds everything below it, a shallower one (`/usr/bin`) only its own files. " +
  "Hidden bytes are those of a file a later layer overwrites or deletes: still pulled and stored, never seen. A difference is tiny − original.";

/** The section, or "" when no flavor of the report has its bytes read (reports made before they were). */
export function whereTheBytesAre(report: BenchReport): string {
  const parts = report.images.map(imagePart).filter(Boolean);
  if (parts.length === 0) return "";
  return [`## ${headings.bytes}`, ...parts].join("\n\n");
}
