// Per tiny image built from whole packages: what its exclusion lists left
// out, largest rule first, the small ones summed on one line.
import { formatBytes, formatCount } from "../format.js";
import type { BenchReport, Exclusion, FlavorReport, ImageReport } from "../schema.js";
import { code, details, table } from "./blocks.js";
import { flavorLabel } from "./words.js";

/** Rules shown per image; the rest are summed on one line. */
const leftOutRows = 12;

function exclusionRule(e: Exclusion): string {
  if (e.kind === "path") return code(e.pattern);
  const also = e.alsoPackages?.length ? ` (and ${e.alsoPackages.map(code).join(", ")})` : "";
  return `package ${code(e.pattern)}${also}`;
}

function leftOutTable(image: ImageReport, f: FlavorReport, rules: readonly Exclusion[]): string {
  const total = rules.reduce((sum, e) => sum + e.bytes, 0);
  const rest = rules.slice(leftOutRows);
  const body = rules
    .slice(0, leftOutRows)
    .map((e) => [
      exclusionRule(e),
      formatBytes(e.bytes),
      formatCount(e.files),
      e.rule === image.name ? e.reason : `${e.reason} (${e.rule}'s list)`,
    ]);
  if (rest.length > 0) {
    const sum = (read: (e: Exclusion) => number): number => rest.reduce((total, e) => total + read(e), 0);
    body.push([
      `${rest.length} more rules`,
      formatBytes(sum((e) => e.bytes)),
      formatCount(sum((e) => e.files)),
      "smaller ones, listed in the image's manifest",
    ]);
  }
  return details(
    `${image.name}, ${flavorLabel(f)}: ${formatBytes(total)} left out by ${rules.length} rules`,
    table(["rule", "saved", "files", "why"], body, ["left", "right", "right", "left"]),
  );
}

export function leftOutSection(report: BenchReport): string {
  const tables = report.images.flatMap((i) =>
    i.flavors.filter((f) => f.size.leftOut && f.size.leftOut.length > 0).map((f) => leftOutTable(i, f, f.size.leftOut!)),
  );
  if (tables.length === 0) return "";
  return [
    "## What the tiny images left out",
    "A tiny image is its Debian packages whole, minus the rules of its exclusion list " +
      `(${code("images/<image>/exclusions.txt")}, the base's rules applying after the image's own), ` +
      `each with its reason; the build measures what each rule left out of the image's own layer into ` +
      `${code("/usr/share/tiny-docker-images/exclusions/<image>.tsv")}. A service image's base layer is base's table.`,
    ...tables,
  ].join("\n\n");
}
