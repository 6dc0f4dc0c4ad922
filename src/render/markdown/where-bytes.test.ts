import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { FlavorName, ImageName } from "../../catalog.js";
import { currentReport, flavorOf, type Mutable } from "../../report/fixtures/index.js";
import type { BenchReport, WhereBytes } from "../../report/schema.js";
import { whereTheBytesAre } from "./where-bytes.js";

/** Real readings of 2026-11-28 (base and mariadb, scratch and debian), as the benchmark put them in its report. */
const readings = JSON.parse(readFileSync(new URL("../../report/fixtures/where-bytes.json", import.meta.url), "utf8")) as Record<
  string,
  Mutable<WhereBytes>
>;

function withBytes(keys = Object.keys(readings)): Mutable<BenchReport> {
  const report = currentReport();
  for (const key of keys) {
    const [image, flavor] = key.split(":") as [ImageName, FlavorName];
    flavorOf(report, image, flavor).bytes = structuredClone(readings[key]!);
  }
  return report;
}

/** The lines of the markdown table that follows `after`. */
function tableAfter(markdown: string, after: string): string[] {
  const lines = markdown.slice(markdown.indexOf(after)).split("\n");
  const start = lines.findIndex((l) => l.startsWith("|"));
  const end = lines.findIndex((l, i) => i > start && !l.startsWith("|"));
  return lines.slice(start, end);
}

describe("whereTheBytesAre", () => {
  it("is empty for a report made before bytes were read", () => {
    expect(whereTheBytesAre(currentReport())).toBe("");
  });

  it("puts each image's tiny flavor against its original, folder by folder, largest differences first", () => {
    const markdown = whereTheBytesAre(withBytes());
    expect(markdown.startsWith("## Where the bytes are\n")).toBe(true);
    const base = tableAfter(markdown, "<summary>base:");
    expect(base[0]).toBe("| folder | original | tiny | tiny − original |");
    expect(base[2]).toBe("| `/usr/lib/x86_64-linux-gnu` | 31.8\u00a0MB | 3.35\u00a0MB | −28.4\u00a0MB |");
    // Eight folders, the rest in one row, then the whole: the rows add up to the files' bytes.
    expect(base).toHaveLength(2 + 8 + 2);
    expect(base.at(-2)).toMatch(/^\| every other folder \| /);
    expect(base.at(-1)).toBe("| **all files** | 82.4\u00a0MB | 6.96\u00a0MB | −75.4\u00a0MB |");
    expect(tableAfter(markdown, "<summary>mariadb:")[2]).toBe("| `/usr/bin` | 172\u00a0MB | 22.2\u00a0MB | −150\u00a0MB |");
  });

  it("gives each image one line in view, where most of the difference is, and folds the rest under it", () => {
    const markdown = whereTheBytesAre(withBytes());
    expect(markdown).toContain("<details><summary>base: most of the difference in /usr/lib/x86_64-linux-gnu (−28.4 MB)</summary>");
    // The files' totals are the comparison's last row, said once.
    expect(markdown).not.toContain("of files in");
  });

  it("lists base's layers once: an image built on it shows them as one row, with what later layers hide", () => {
    const markdown = whereTheBytesAre(withBytes());
    expect(markdown).toContain(
      "**original (debian)**: 12 layers (1–5 base's); 3.12 MB of their bytes hidden by later ones (`/var/cache/debconf` 2.77 MB, `/var/lib/dpkg` 313 kB and `/etc` 16.8 kB)",
    );
    const layers = tableAfter(markdown, "**original (debian)**: 12 layers");
    expect(layers[2]).toMatch(/^\| 1–5 \| base's layers \| 83\.\d\u00a0MB \| \d\.\d+\u00a0MB \|$/);
    expect(layers[3]).toMatch(/^\| 6 \| /);
    expect(layers).toHaveLength(2 + 1 + 7);
    const base = tableAfter(markdown, "**original (debian)**: 5 layers");
    expect(base[2]).toBe("| 1 | `Imported from -` | 74.5\u00a0MB | 1.38\u00a0MB |");
    expect(markdown).toContain("**tiny (scratch)**: 1 layer, nothing hidden");
  });

  it("keeps every table narrow: at most five columns", () => {
    const rows = whereTheBytesAre(withBytes())
      .split("\n")
      .filter((l) => l.startsWith("|"));
    expect(rows.length).toBeGreaterThan(50);
    for (const row of rows) expect(row.split(" | ").length).toBeLessThanOrEqual(5);
  });

  it("leaves the comparison out when the original was not read, and the section out for an image with no readings", () => {
    const report = withBytes(["base:scratch", "mariadb:scratch", "mariadb:debian"]);
    delete flavorOf(report, "base", "scratch").bytes!.vsPair;
    const markdown = whereTheBytesAre(report);
    expect(markdown).toContain("<summary>base: 6.96 MB of files</summary>\n\n**Largest files**");
    expect(markdown).not.toContain("<summary>nginx-php");
    expect(tableAfter(markdown, "<summary>mariadb:")[0]).toBe("| folder | original | tiny | tiny − original |");
  });
});
