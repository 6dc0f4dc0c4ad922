// Known vulnerabilities per image and flavor, by severity, or why none were counted.
import { severities } from "../../measure/vulnerabilities.js";
import { formatCount } from "../format.js";
import type { BenchReport } from "../schema.js";
import { line, table, type Align } from "./blocks.js";
import { flavorLabel, orderedFlavors } from "./words.js";

/** Under the hardening heading: the scan's counts, or one line on why there are none. */
export function vulnerabilitiesPart(report: BenchReport): string {
  const scan = report.vulnerabilityScan;
  if (!scan) return "";
  const scanned = report.images.flatMap((i) => orderedFlavors(i).flatMap((f) => (f.vulnerabilities ? [{ image: i.name, f }] : [])));
  // None scanned: the status block's line says why, and there is nothing more to show.
  if (scanned.length === 0) return "";
  const parts: string[] = [];
  if (scan.skipped)
    parts.push(`Known vulnerabilities: ${scanned.length === 0 ? "not scanned" : "not every image was scanned"}: ${line(scan.skipped)}.`);
  if (scanned.length > 0) {
    parts.push(
      `${scan.scanner ?? "The scanner"}, by severity, against the packages each image's dpkg records name. An image whose packages the scanner can't see shows 0, which means unseen, not safe.`,
      table(
        ["image", "flavor", "packages", ...severities],
        scanned.map(({ image, f }) => [
          image,
          flavorLabel(f),
          formatCount(f.size.packages),
          ...severities.map((s) => formatCount(f.vulnerabilities![s])),
        ]),
        ["left", "left", "right", ...severities.map((): Align => "right")],
      ),
    );
  }
  return parts.join("\n\n");
}
