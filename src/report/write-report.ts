// Writes a run's report: latest.md for people, latest.json for machines and
// a copy in history/ that later runs compare themselves with. Readers must
// never see half a report, nor a new latest.md beside an old latest.json:
// every file is written to a temporary file beside its target first, and
// only when all are written are they renamed into place; any failure puts
// back what was there and removes the temporaries.
import { randomBytes } from "node:crypto";
import { copyFile, link, mkdir, open, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { baselineOf, compareReports } from "./compare.js";
import { renderJunit } from "./junit.js";
import { trendOf } from "./trend.js";
import { renderMarkdown } from "./render-markdown.js";
import { readReport } from "./read-report.js";
import type { BenchReport, Comparison } from "./schema.js";

export interface WrittenReport {
  readonly markdownPath: string;
  readonly jsonPath: string;
  /** The budgets and regression checks as JUnit XML. */
  readonly junitPath: string;
  readonly historyPath: string;
  /** The history files of the runs this one was compared with (its baseline), newest first. */
  readonly baselinePaths: readonly string[];
  readonly comparison?: Comparison;
  /** History files that could not be used, and why; they were skipped. */
  readonly warnings: readonly string[];
}

export interface EarlierRuns {
  readonly runs: readonly { readonly report: BenchReport; readonly path: string }[];
  readonly warnings: readonly string[];
}

/** "2026-11-28T09:15:02.417Z" → "2026-11-28T09-15-02Z": sortable, and valid on every filesystem. */
export function historyFileName(generatedAt: string): string {
  const time = new Date(generatedAt);
  if (Number.isNaN(time.getTime())) throw new Error(`generatedAt "${generatedAt}" is not a date`);
  return `${time
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replace(/:/g, "-")}.json`;
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && "code" in error ? String(error.code) : undefined;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The reports in a history folder that are older than `before`. A file that
 * can't be read, isn't a report or has another schemaVersion is skipped with
 * a warning: an old or broken file must not stop a new report.
 */
export async function findEarlierRuns(historyDir: string, before: string): Promise<EarlierRuns> {
  let names: string[];
  try {
    names = (await readdir(historyDir)).filter((n) => n.endsWith(".json")).sort();
  } catch (error) {
    if (errorCode(error) === "ENOENT") return { runs: [], warnings: [] };
    return { runs: [], warnings: [`${historyDir}: can't list the history (${message(error)})`] };
  }
  const cutoff = Date.parse(before);
  const runs: { report: BenchReport; path: string }[] = [];
  const warnings: string[] = [];
  for (const name of names) {
    const file = path.join(historyDir, name);
    try {
      const report = await readReport(file);
      if (Date.parse(report.generatedAt) < cutoff) runs.push({ report, path: file });
    } catch (error) {
      warnings.push(`skipped ${message(error)}`);
    }
  }
  return { runs, warnings };
}

/** A name beside the target that no reader looks for (history reads *.json only). */
function siblingName(target: string, kind: "tmp" | "bak"): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString("hex")}.${kind}`);
}

async function writeDurably(file: string, content: string): Promise<void> {
  const handle = await open(file, "wx");
  try {
    await handle.writeFile(content);
    // On disk before the rename makes it visible, so a crash can't leave an empty report.
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Keeps the file a target holds now, to put back if a later rename fails; undefined when there is none. */
async function backUp(target: string): Promise<string | undefined> {
  const backup = siblingName(target, "bak");
  try {
    await link(target, backup);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return undefined;
    // Some filesystems have no hard links.
    await copyFile(target, backup);
  }
  return backup;
}

/** Writes every file or none: a failure leaves each target as it was. */
export async function writeAllOrNothing(files: readonly { readonly path: string; readonly content: string }[]): Promise<void> {
  const staged: { target: string; temp: string }[] = [];
  const backups: string[] = [];
  const replaced: { target: string; backup?: string }[] = [];
  try {
    for (const file of files) {
      await mkdir(path.dirname(file.path), { recursive: true });
      const temp = siblingName(file.path, "tmp");
      staged.push({ target: file.path, temp });
      await writeDurably(temp, file.content);
    }
    for (const { target, temp } of staged) {
      const backup = await backUp(target);
      if (backup) backups.push(backup);
      await rename(temp, target);
      replaced.push({ target, backup });
    }
  } catch (error) {
    // Best effort: the failure that got us here is what the caller needs to see.
    // A backup that can't be put back is kept, so the old file isn't lost.
    for (const { target, backup } of replaced.reverse()) {
      if (!backup) await rm(target, { force: true }).catch(() => undefined);
      else await rename(backup, target).catch(() => backups.splice(backups.indexOf(backup), 1));
    }
    throw error;
  } finally {
    await Promise.all([...staged.map((s) => s.temp), ...backups].map((f) => rm(f, { force: true }).catch(() => undefined)));
  }
}

export function reportJson(report: BenchReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/**
 * Writes `<outDir>/latest.md`, `<outDir>/latest.json`, `<outDir>/latest.junit.xml` and
 * `<outDir>/history/<generatedAt>.json`, comparing the report with its
 * baseline from history/ when there is one (compare.ts, baselineOf). All
 * four files are written, or none and the old ones stay.
 */
export async function writeReport(report: BenchReport, outDir: string): Promise<WrittenReport> {
  const historyDir = path.join(outDir, "history");
  const historyPath = path.join(historyDir, historyFileName(report.generatedAt));
  const markdownPath = path.join(outDir, "latest.md");
  const jsonPath = path.join(outDir, "latest.json");
  const junitPath = path.join(outDir, "latest.junit.xml");

  const earlier = await findEarlierRuns(historyDir, report.generatedAt);
  const baseline = baselineOf(
    report,
    earlier.runs.map((r) => r.report),
  );
  const comparison = baseline.length > 0 ? compareReports(report, baseline) : undefined;
  const trend = trendOf(
    report,
    earlier.runs.map((r) => r.report),
  );
  // The comparison and the trend go into the JSON, so the page renders from it alone.
  const compared: BenchReport = { ...report, ...(comparison ? { comparison } : {}), ...(trend ? { trend } : {}) };
  const json = reportJson(compared);
  await writeAllOrNothing([
    { path: markdownPath, content: renderMarkdown(compared) },
    { path: jsonPath, content: json },
    { path: junitPath, content: renderJunit(compared) },
    { path: historyPath, content: json },
  ]);
  const baselinePaths = baseline.map((b) => earlier.runs.find((r) => r.report === b)!.path);
  return { markdownPath, jsonPath, junitPath, historyPath, baselinePaths, comparison, warnings: earlier.warnings };
}
