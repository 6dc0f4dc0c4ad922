// Flavors that could not be measured here: one plain line each, the raw
// error (URLs, internal addresses) folded in a code block where a link or a
// wrapped line can't make it read as part of the report.
import type { FlavorName } from "../../catalog.js";
import type { BenchReport } from "../../report/schema.js";
import { details, line } from "./blocks.js";
import { headings } from "./anchors.js";

/** "x not present and no registry reachable (Get …: dial tcp …)" → the words, and the error in brackets. */
export function splitReason(reason: string): { plain: string; raw?: string } {
  const match = /^(.*?) \((.*)\)$/s.exec(line(reason));
  if (!match || !/[:/]/.test(match[2]!)) return { plain: line(reason).replace(/\.$/, "") };
  return { plain: match[1]!, raw: match[2]! };
}

export function unavailableSection(report: BenchReport): string {
  if (report.unavailable.length === 0) return "";
  // The same reason for every image reads once.
  const grouped = new Map<string, { flavor: FlavorName; reason: string; images: string[] }>();
  for (const u of report.unavailable) {
    const key = `${u.flavor}\n${u.reason}`;
    const entry = grouped.get(key) ?? { flavor: u.flavor, reason: u.reason, images: [] };
    entry.images.push(u.image);
    grouped.set(key, entry);
  }
  const requested = report.settings.images.length;
  const said: string[] = [];
  const errors: string[] = [];
  for (const g of grouped.values()) {
    const { plain, raw } = splitReason(g.reason);
    const which = g.images.length === requested ? "all images" : g.images.join(", ");
    said.push(`- **${g.flavor}** (${which}): ${plain}.`);
    if (raw) errors.push(`${g.flavor}:`, ["```text", raw, "```"].join("\n"));
  }
  const folded = errors.length > 0 ? [details("The errors, as the engine gave them", errors.join("\n\n"))] : [];
  return [`## ${headings.notMeasured}`, said.join("\n"), ...folded].join("\n\n");
}
