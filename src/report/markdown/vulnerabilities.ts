// Known vulnerabilities per image and flavor, by severity, or why none were counted.
import { severities } from "../../measure/vulnerabilities.js";
import { formatCount } from "../format.js";
import type { BenchReport } from "../schema.js";
import { line, table, type Align } from "./blocks.js";
import { flavorLabel, orderedFlavors } from "./words.js";

export function vulnerabilitiesSection(report: BenchReport): string {
  const scan = report.vulnerabilityScan;
  if (!scan) return "";
  const scanned = report.images.flatMap((i) => orderedFlavors(i).flatMap((f) => (f.vulnerabilities ? [{ image: i.name, f }] : [])));
  const parts = ["## Known vulnerabilities"];
  if (scan.skipped) parts.push(`${scanned.length === 0 ? "Not scanned" : "Not every image was scanned"}: ${line(scan.skipped)}.`);
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
