// Known vulnerabilities per image and flavor, by severity, or why none were counted.
import { severities } from "../../measure/vulnerabilities.js";
import { formatCount } from "../format.js";
import type { BenchReport } from "../../report/schema.js";
import { line, table, type Align } from "./blocks.js";
import { flavorLabel, orderedFlavors } from "./words.js";

/** Under the hardening heading: the scan's counts, or one line on why there are none. */
export function vulnerabilitiesPart(report: BenchReport): string {
  const scan = report.vulnerabilityScan;
  if (!scan) return "";
  const scanned = report.images.flatMap((i) => orderedFlavors(i).flatMap((f) => (f.vulnerabilities ? [{ image: i.name, f }] : [])));
  const skipped = scan.skipped ? line(scan.skipped).replace(/\.$/, "") : "";
  if (scanned.length === 0) return `Known vulnerabilities: none counted, as no image was scanned: ${skipped || "no scanner ran"}.`;
  return [
    ...(skipped ? [`Known vulnerabilities: not every image was scanned: ${skipped}.`] : []),
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
  ].join("\n\n");
}
