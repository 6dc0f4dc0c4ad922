import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { currentReport, previousReport } from "./fixtures/index.js";
import { regressionsOf } from "./compare.js";
import type { BenchReport } from "./schema.js";
import { readReport } from "./read-report.js";
import { renderMarkdown } from "./render-markdown.js";
import { findEarlierRuns, historyFileName, writeReport } from "./write-report.js";

let outDir: string;

beforeEach(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), "tiny-report-"));
});

afterEach(async () => {
  await rm(outDir, { recursive: true, force: true });
});

const read = (...parts: string[]): Promise<string> => readFile(path.join(outDir, ...parts), "utf8");

/** Every file below outDir, relative to it, temporaries included. */
async function allFiles(): Promise<string[]> {
  const entries = await readdir(outDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(outDir, path.join(e.parentPath, e.name)))
    .sort();
}

describe("historyFileName", () => {
  it("makes generatedAt a file name: no colons, no fraction of a second", () => {
    expect(historyFileName("2026-11-28T09:15:02.417Z")).toBe("2026-11-28T09-15-02Z.json");
    expect(historyFileName("2026-11-28T10:15:02+01:00")).toBe("2026-11-28T09-15-02Z.json");
  });

  it("refuses a generatedAt that isn't a date", () => {
    expect(() => historyFileName("yesterday")).toThrow(/not a date/);
  });
});

describe("writeReport", () => {
  it("writes latest.md, latest.json and a history copy; with no history, compares with nothing", async () => {
    const report = currentReport();
    const written = await writeReport(report, outDir);
    expect(written).toMatchObject({
      markdownPath: path.join(outDir, "latest.md"),
      jsonPath: path.join(outDir, "latest.json"),
      historyPath: path.join(outDir, "history", "2026-11-28T09-15-02Z.json"),
      warnings: [],
    });
    expect(written.comparison).toBeUndefined();
    expect(written.baselinePaths).toEqual([]);
    expect(await allFiles()).toEqual(["history/2026-11-28T09-15-02Z.json", "latest.json", "latest.junit.xml", "latest.md"]);
    const json = `${JSON.stringify(report, null, 2)}\n`;
    expect(await read("latest.json")).toBe(json);
    expect(await read("history", "2026-11-28T09-15-02Z.json")).toBe(json);
    expect(await read("latest.md")).toMatch(/^# Tiny vs original images: 2026-11-28, commit 4f9c2e1\n/);
    expect(await read("latest.md")).toContain("No earlier run to compare with.");
  });

  it("compares with the previous run it wrote, and keeps both in history", async () => {
    await writeReport(previousReport(), outDir);
    const written = await writeReport(currentReport(), outDir);
    expect(written.baselinePaths).toEqual([path.join(outDir, "history", "2026-11-27T09-14-48Z.json")]);
    expect(regressionsOf(written.comparison!)).toHaveLength(2);
    expect(await allFiles()).toEqual([
      "history/2026-11-27T09-14-48Z.json",
      "history/2026-11-28T09-15-02Z.json",
      "latest.json",
      "latest.junit.xml",
      "latest.md",
    ]);
    expect(await read("latest.md")).toContain("> 2 regressions against the run of 2026-11-27 (9d8c7b6) (see");
    const junit = await read("latest.junit.xml");
    expect(junit).toContain('<testsuite name="regressions.base"');
    expect(junit).toContain(
      '<testcase classname="regressions.base" name="base:scratch size">\n      <failure message="+7% (threshold +5%)"/>',
    );
    expect((JSON.parse(await read("latest.json")) as BenchReport).generatedAt).toBe("2026-11-28T09:15:02.417Z");
  });

  it("renders latest.md again from any file it wrote, byte for byte, comparison included", async () => {
    await writeReport(previousReport(), outDir);
    const written = await writeReport(currentReport(), outDir);
    const markdown = await read("latest.md");
    expect(markdown).toContain("## Changes since earlier runs");
    expect(renderMarkdown(await readReport(written.historyPath))).toBe(markdown);
    expect(renderMarkdown(await readReport(written.jsonPath))).toBe(markdown);
  });

  it("takes the older runs, newest first, skipping newer runs and unusable files with a warning", async () => {
    const history = path.join(outDir, "history");
    await mkdir(history);
    const older = previousReport();
    older.generatedAt = "2026-11-20T09:00:00.000Z";
    const newer = previousReport();
    newer.generatedAt = "2026-11-29T09:00:00.000Z";
    const future = { ...previousReport(), schemaVersion: 4 };
    await writeFile(path.join(history, "a-older.json"), JSON.stringify(older));
    await writeFile(path.join(history, "b-previous.json"), JSON.stringify(previousReport()));
    await writeFile(path.join(history, "c-newer.json"), JSON.stringify(newer));
    await writeFile(path.join(history, "d-broken.json"), "{ not json");
    await writeFile(path.join(history, "e-future.json"), JSON.stringify(future));
    await writeFile(path.join(history, "f-other.json"), JSON.stringify({ schemaVersion: 3, hello: "world" }));
    await writeFile(path.join(history, "notes.txt"), "not a report");

    const written = await writeReport(currentReport(), outDir);
    expect(written.baselinePaths).toEqual([path.join(history, "b-previous.json"), path.join(history, "a-older.json")]);
    expect(written.warnings).toHaveLength(3);
    expect(written.warnings[0]).toMatch(/^skipped .*d-broken\.json: not readable JSON/);
    expect(written.warnings[1]).toMatch(/^skipped .*e-future\.json: schemaVersion 4 where this version reads 3/);
    expect(written.warnings[2]).toMatch(/^skipped .*f-other\.json: not a benchmark report/);
  });

  it("finds nothing in a history folder that doesn't exist", async () => {
    expect(await findEarlierRuns(path.join(outDir, "history"), "2026-11-28T09:15:02.417Z")).toEqual({ runs: [], warnings: [] });
  });

  it("writes nothing when a file can't be written, and leaves the old report as it was", async () => {
    await writeFile(path.join(outDir, "latest.md"), "old markdown\n");
    await writeFile(path.join(outDir, "latest.json"), "old json\n");
    // history/ is a file: latest.md and latest.json are staged before its copy fails.
    await writeFile(path.join(outDir, "history"), "in the way\n");

    const written = writeReport(currentReport(), outDir);
    await expect(written).rejects.toThrow();
    expect(await allFiles()).toEqual(["history", "latest.json", "latest.md"]);
    expect(await read("latest.md")).toBe("old markdown\n");
    expect(await read("latest.json")).toBe("old json\n");
  });

  it("puts back a file it already replaced when a later one can't be", async () => {
    await writeReport(previousReport(), outDir);
    const oldMarkdown = await read("latest.md");
    const before = await allFiles();
    // latest.json can't be replaced once latest.md already has been.
    await rm(path.join(outDir, "latest.json"));
    await mkdir(path.join(outDir, "latest.json", "in-the-way"), { recursive: true });

    await expect(writeReport(currentReport(), outDir)).rejects.toThrow();
    expect(await read("latest.md")).toBe(oldMarkdown);
    expect(await allFiles()).toEqual(before.filter((f) => f !== "latest.json"));
  });
});
