import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, readlink, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { currentReport, previousReport } from "../report/fixtures/index.js";
import { regressionsOf } from "../evaluate/changes.js";
import type { BenchReport } from "../report/schema.js";
import { readReport } from "./read-report.js";
import { renderMarkdown } from "../render/render-markdown.js";
import {
  findEarlierRuns,
  historyFileName,
  HistoryExistsError,
  reportWriteSteps,
  writeReport,
  type ReportWriteStep,
} from "./write-report.js";

let outDir: string;

beforeEach(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), "tiny-report-"));
});

afterEach(async () => {
  await rm(outDir, { recursive: true, force: true });
});

const read = (...parts: string[]): Promise<string> => readFile(path.join(outDir, ...parts), "utf8");

/** Every file and link below a folder, relative to it, temporaries included; a run's folder reads runs/<run>. */
async function allFiles(dir: string = outDir): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() || e.isSymbolicLink())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).replace(/^runs\/[^/]+\//, "runs/<run>/"))
    .sort();
}

/** What a set written as a whole holds: the run's folder, the links through current, one history file per run. */
const setOf = (...history: string[]): string[] =>
  [
    ...history.map((h) => `history/${h}`),
    "current",
    "latest.json",
    "latest.junit.xml",
    "latest.md",
    "runs/<run>/latest.json",
    "runs/<run>/latest.junit.xml",
    "runs/<run>/latest.md",
  ].sort();

/** The run latest.md says it is of (its closing comment) and the one latest.json is. */
async function pairIn(dir: string): Promise<{ page?: string; figures: string }> {
  const page = /<!-- tiny-docker-images run (\S+) generated (\S+) -->\n$/.exec(await readFile(path.join(dir, "latest.md"), "utf8"));
  const json = JSON.parse(await readFile(path.join(dir, "latest.json"), "utf8")) as BenchReport;
  return { ...(page ? { page: `${page[1]} ${page[2]}` } : {}), figures: `${json.runId} ${json.generatedAt}` };
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
    expect(await allFiles()).toEqual(setOf("2026-11-28T09-15-02Z.json"));
    const json = await read("latest.json");
    expect(JSON.parse(json)).toEqual({
      ...report,
      runId: expect.stringMatching(/^[0-9a-z]+-[0-9a-f]{12}$/) as string,
      evaluation: expect.objectContaining({
        evaluationVersion: 2,
        confidence: 0.95,
        familyAlpha: 0.05,
        judgements: expect.any(Array) as unknown[],
        exact: expect.any(Array) as unknown[],
      }) as unknown,
    });
    expect(await read("history", "2026-11-28T09-15-02Z.json")).toBe(json);
    expect(await read("latest.md")).toMatch(/^# Tiny vs original images, 2026-11-28 \(4f9c2e1\)\n/);
    expect(await read("latest.md")).toContain("Regressions: no earlier run to compare with.");
  });

  it("compares with the previous run it wrote, and keeps both in history", async () => {
    await writeReport(previousReport(), outDir);
    const written = await writeReport(currentReport(), outDir);
    expect(written.baselinePaths).toEqual([path.join(outDir, "history", "2026-11-27T09-14-48Z.json")]);
    expect(regressionsOf(written.comparison!)).toHaveLength(2);
    expect(await allFiles()).toEqual(setOf("2026-11-27T09-14-48Z.json", "2026-11-28T09-15-02Z.json"));
    expect(await read("latest.md")).toContain("> - Regressions: **2** against the run of 2026-11-27 (9d8c7b6) ([changes]");
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
    expect(markdown).toContain("## Changes and budgets");
    expect(renderMarkdown(await readReport(written.historyPath!))).toBe(markdown);
    expect(renderMarkdown(await readReport(written.jsonPath))).toBe(markdown);
  });

  it("takes the older runs, newest first, skipping newer runs and unusable files with a warning", async () => {
    const history = path.join(outDir, "history");
    await mkdir(history);
    const older = previousReport();
    older.generatedAt = "2026-11-20T09:00:00.000Z";
    const newer = previousReport();
    newer.generatedAt = "2026-11-29T09:00:00.000Z";
    const future = { ...previousReport(), schemaVersion: 5 };
    await writeFile(path.join(history, "a-older.json"), JSON.stringify(older));
    await writeFile(path.join(history, "b-previous.json"), JSON.stringify(previousReport()));
    await writeFile(path.join(history, "c-newer.json"), JSON.stringify(newer));
    await writeFile(path.join(history, "d-broken.json"), "{ not json");
    await writeFile(path.join(history, "e-future.json"), JSON.stringify(future));
    await writeFile(path.join(history, "f-other.json"), JSON.stringify({ schemaVersion: 4, hello: "world" }));
    await writeFile(path.join(history, "notes.txt"), "not a report");

    const written = await writeReport(currentReport(), outDir);
    expect(written.baselinePaths).toEqual([path.join(history, "b-previous.json"), path.join(history, "a-older.json")]);
    expect(written.warnings).toHaveLength(3);
    expect(written.warnings[0]).toMatch(/^skipped .*d-broken\.json: not readable JSON/);
    expect(written.warnings[1]).toMatch(/^skipped .*e-future\.json: schemaVersion 5 where this version reads 3 and 4/);
    expect(written.warnings[2]).toMatch(/^skipped .*f-other\.json: not a benchmark report/);
  });

  it("finds nothing in a history folder that doesn't exist", async () => {
    expect(await findEarlierRuns(path.join(outDir, "history"), "2026-11-28T09:15:02.417Z")).toEqual({ runs: [], warnings: [] });
  });

  it("writes nothing when a file can't be written, and leaves the old report as it was", async () => {
    await writeFile(path.join(outDir, "latest.md"), "old markdown\n");
    await writeFile(path.join(outDir, "latest.json"), "old json\n");
    // history/ is a file: the run's folder is written before its history copy fails.
    await writeFile(path.join(outDir, "history"), "in the way\n");

    const written = writeReport(currentReport(), outDir);
    await expect(written).rejects.toThrow();
    // The plain files became links to the same content (adopted), nothing else.
    expect(await allFiles()).toEqual(["current", "history", "latest.json", "latest.md", "runs/<run>/latest.json", "runs/<run>/latest.md"]);
    expect(await read("latest.md")).toBe("old markdown\n");
    expect(await read("latest.json")).toBe("old json\n");
  });

  it("leaves the old set whole when a step before the swap fails, and removes what it made", async () => {
    await writeReport(previousReport(), outDir);
    const before = { files: await allFiles(), pair: await pairIn(outDir) };
    const failing = writeReport(currentReport(), outDir, {
      afterStep: (step) => {
        if (step === "history") throw new Error("the disk is full");
      },
    });
    await expect(failing).rejects.toThrow("the disk is full");
    expect(await allFiles()).toEqual(before.files);
    expect(await pairIn(outDir)).toEqual(before.pair);
  });

  it("names its run in latest.md and latest.json alike", async () => {
    await writeReport({ ...currentReport(), runId: "run-1" }, outDir);
    expect(await pairIn(outDir)).toEqual({ page: "run-1 2026-11-28T09:15:02.417Z", figures: "run-1 2026-11-28T09:15:02.417Z" });
  });

  it("turns a folder of plain files (written before the links) into the linked set, once", async () => {
    await writeFile(path.join(outDir, "latest.md"), "old markdown\n");
    await writeFile(path.join(outDir, "latest.json"), "old json\n");
    await writeReport(currentReport(), outDir);
    expect(await allFiles()).toEqual(setOf("2026-11-28T09-15-02Z.json"));
    expect(await readlink(path.join(outDir, "latest.md"))).toBe(path.join("current", "latest.md"));
  });
});

describe("history is never replaced", () => {
  it("gives a second run of the same second the next free name, and keeps the first as it was", async () => {
    await writeReport({ ...currentReport(), runId: "first" }, outDir);
    const first = await read("history", "2026-11-28T09-15-02Z.json");
    const written = await writeReport({ ...currentReport(), runId: "second" }, outDir);
    expect(written.historyPath).toBe(path.join(outDir, "history", "2026-11-28T09-15-02Z-2.json"));
    expect(await read("history", "2026-11-28T09-15-02Z.json")).toBe(first);
    expect((JSON.parse(await read("history", "2026-11-28T09-15-02Z-2.json")) as BenchReport).runId).toBe("second");
    expect(await allFiles()).toEqual(setOf("2026-11-28T09-15-02Z-2.json", "2026-11-28T09-15-02Z.json"));
  });

  it("refuses, when told to, and writes nothing", async () => {
    await writeReport({ ...currentReport(), runId: "first" }, outDir);
    const before = { files: await allFiles(), history: await read("history", "2026-11-28T09-15-02Z.json") };
    const again = writeReport({ ...currentReport(), runId: "second" }, outDir, { existingHistory: "refuse" });
    await expect(again).rejects.toThrow(HistoryExistsError);
    await expect(again).rejects.toThrow(/2026-11-28T09-15-02Z\.json exists: a history file is never replaced/);
    expect(await allFiles()).toEqual(before.files);
    expect(await read("history", "2026-11-28T09-15-02Z.json")).toBe(before.history);
    expect((await pairIn(outDir)).figures).toMatch(/^first /);
  });
});

describe("a writer killed at any step", () => {
  const swapped = reportWriteSteps.indexOf("current");

  /**
   * A writer stopped dead after `at`, leaving the files a kill there would:
   * its step never returns, so nothing of its own cleans up. `there` resolves
   * when it has stopped.
   */
  function stopAfter(at: ReportWriteStep): { there: Promise<void>; afterStep: (step: ReportWriteStep) => Promise<void> | undefined } {
    let reached: () => void = () => undefined;
    const there = new Promise<void>((resolve) => (reached = resolve));
    const afterStep = (step: ReportWriteStep): Promise<void> | undefined => {
      if (step !== at) return undefined;
      reached();
      return new Promise<void>(() => undefined);
    };
    return { there, afterStep };
  }

  /** The earlier set as a checkout has it: plain files, no links. */
  async function plainSet(): Promise<void> {
    const elsewhere = await mkdtemp(path.join(os.tmpdir(), "tiny-plain-"));
    await writeReport({ ...previousReport(), runId: "earlier" }, elsewhere);
    for (const name of ["latest.md", "latest.json", "latest.junit.xml"])
      await writeFile(path.join(outDir, name), await readFile(path.join(elsewhere, name)));
    await rm(elsewhere, { recursive: true });
  }
  const cases = (["links", "plain files"] as const).flatMap((earlier) => reportWriteSteps.map((step) => [step, earlier] as const));

  it.each(cases)(
    "leaves latest.md and latest.json of one run when stopped dead after %s (the earlier set in %s); the next write leaves no stray",
    async (step, earlier) => {
      const index = reportWriteSteps.indexOf(step);
      if (earlier === "plain files") await plainSet();
      else await writeReport({ ...previousReport(), runId: "earlier" }, outDir);
      // A folder of links has nothing to adopt: the writer passes those steps by.
      if (earlier === "links" && step.startsWith("adopt ")) return;
      const stopped = stopAfter(step);
      void writeReport({ ...currentReport(), runId: "killed" }, outDir, { afterStep: stopped.afterStep });
      await stopped.there;
      const pair = await pairIn(outDir);
      expect(pair.page).toBe(pair.figures);
      // The old set until the swap, the new one from it.
      expect(pair.figures).toBe(index < swapped ? `earlier ${previousReport().generatedAt}` : `killed ${currentReport().generatedAt}`);
      // The next run removes what the stopped one left.
      const next = { ...currentReport(), generatedAt: "2026-11-29T09:00:00.000Z", runId: "next" };
      await writeReport(next, outDir);
      expect(await pairIn(outDir)).toEqual({ page: `next ${next.generatedAt}`, figures: `next ${next.generatedAt}` });
      const history = (await readdir(path.join(outDir, "history"))).sort();
      expect(history.every((name) => /^2026-11-\d\dT[\d-]+Z\.json$/.test(name))).toBe(true);
      expect(await allFiles()).toEqual(setOf(...history));
    },
  );

  it("survives a real SIGKILL between the two links too", async () => {
    const writer = path.join(path.dirname(new URL(import.meta.url).pathname), "..", "report", "fixtures", "killed-writer.ts");
    await writeReport({ ...previousReport(), runId: "earlier" }, outDir);
    const killed = await promisify(execFile)(process.execPath, ["--import", "tsx", writer, outDir, "link latest.md", "current"]).then(
      () => undefined,
      (error: { signal?: string }) => error.signal,
    );
    expect(killed).toBe("SIGKILL");
    const pair = await pairIn(outDir);
    expect(pair.page).toBe(pair.figures);
    expect(pair.figures).toMatch(new RegExp(`^(?!earlier )\\S+ ${currentReport().generatedAt}$`));
  }, 60_000);
});
