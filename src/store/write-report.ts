// Writes a run's report: latest.md for people, latest.json for machines and
// a copy in history/ that later runs compare themselves with. Readers must
// never see half a report, nor a new latest.md beside an old latest.json,
// whenever the writer is killed. Two files can't be renamed into place at
// once, so the pair lives in a folder of its own, runs/<run>/, and
// latest.md, latest.json and latest.junit.xml are symbolic links through
// `current`, one symbolic link to that folder: replacing `current` (one
// rename) swaps the whole set. Both files carry the run's identity
// (generatedAt and runId; the page in a closing comment), so a reader can
// check. History files are created, never replaced. Whatever a killed
// writer left (its folder, temporaries) is removed by the next write.
import { randomBytes } from "node:crypto";
import { copyFile, lstat, link, mkdir, open, readdir, readlink, rename, rm, symlink } from "node:fs/promises";
import path from "node:path";
import { baselineOf, compareReports } from "../evaluate/changes.js";
import { evaluate } from "../evaluate/evaluate.js";
import { renderJunit } from "../render/junit.js";
import { trendOf } from "../evaluate/trend.js";
import { renderMarkdown } from "../render/render-markdown.js";
import { readReport } from "./read-report.js";
import type { BenchReport, Comparison } from "../report/schema.js";

export interface WrittenReport {
  readonly markdownPath: string;
  readonly jsonPath: string;
  /** The budgets and regression checks as JUnit XML. */
  readonly junitPath: string;
  /** Absent when the run keeps no history (WriteOptions.history false). */
  readonly historyPath?: string;
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

/** A file name for a temporary beside `target`: hidden, and naming its writer, so a later write can tell it was left behind. */
function siblingName(target: string, kind: "tmp" | "bak"): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString("hex")}.${kind}`);
}

const strayTemporary = /^\..+\.(\d+)-[0-9a-f]{8}\.(tmp|bak)$/;
const runFolderName = /^.+-(\d+)-[0-9a-f]{8}$/;

/** Whether the process is still running: what it is writing is not left behind yet. */
function alive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === "EPERM";
  }
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

/** A folder's entries on disk too (a rename or a new name in it survives a crash). */
async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes one file or none: beside it first, then renamed into place (calibration.json). */
export async function writeAllOrNothing(files: readonly { readonly path: string; readonly content: string }[]): Promise<void> {
  for (const file of files) {
    await mkdir(path.dirname(file.path), { recursive: true });
    const temp = siblingName(file.path, "tmp");
    try {
      await writeDurably(temp, file.content);
      await rename(temp, file.path);
    } finally {
      await rm(temp, { force: true });
    }
  }
}

/** A history file of that name is there already: it is never replaced. */
export class HistoryExistsError extends Error {
  override name = "HistoryExistsError";
}

/** "2026-11-28T09-15-02Z.json", then "2026-11-28T09-15-02Z-2.json", ... */
const nthName = (name: string, n: number): string => (n === 1 ? name : name.replace(/\.json$/, `-${n}.json`));

/**
 * Creates history/<name> with the content, never over an existing file: the
 * complete file is linked to its name, which fails when the name is taken.
 * Then "refuse" throws, "next-name" takes the next free name.
 */
async function createHistoryFile(historyDir: string, name: string, content: string, existing: ExistingHistory): Promise<string> {
  await mkdir(historyDir, { recursive: true });
  const temp = siblingName(path.join(historyDir, name), "tmp");
  try {
    await writeDurably(temp, content);
    for (let n = 1; ; n++) {
      const target = path.join(historyDir, nthName(name, n));
      try {
        await link(temp, target);
        await syncFolder(historyDir);
        return target;
      } catch (error) {
        if (errorCode(error) !== "EEXIST") throw error;
        if (existing === "refuse") {
          throw new HistoryExistsError(`${target} exists: a history file is never replaced (give another --out, or move it away)`);
        }
      }
    }
  } finally {
    await rm(temp, { force: true });
  }
}

/** Points a symbolic link at `target` in one rename, replacing whatever had its name. */
async function pointAt(linkPath: string, target: string): Promise<void> {
  const temp = siblingName(linkPath, "tmp");
  try {
    await symlink(target, temp);
    await rename(temp, linkPath);
  } finally {
    await rm(temp, { force: true });
  }
}

async function linkTarget(linkPath: string): Promise<string | undefined> {
  try {
    return (await lstat(linkPath)).isSymbolicLink() ? await readlink(linkPath) : undefined;
  } catch (error) {
    if (errorCode(error) === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * Removes what killed writers left: temporaries beside the report and in
 * history/, and run folders `current` doesn't point at. A live writer's are
 * left alone (its process id is in their names).
 */
async function removeStrays(outDir: string, keep: string | undefined): Promise<void> {
  const list = (dir: string): Promise<string[]> => readdir(dir).catch(() => []);
  for (const dir of [outDir, path.join(outDir, "history")]) {
    for (const name of await list(dir)) {
      const match = strayTemporary.exec(name);
      if (match && !alive(Number(match[1]))) await rm(path.join(dir, name), { recursive: true, force: true });
    }
  }
  for (const name of await list(path.join(outDir, runsFolder))) {
    const match = runFolderName.exec(name);
    if (name === keep || !match || alive(Number(match[1]))) continue;
    await rm(path.join(outDir, runsFolder, name), { recursive: true, force: true });
  }
}

/** The run folders, and the link to the one whose files latest.* are. */
const runsFolder = "runs";
const currentLink = "current";
/** The files of a report's set, each a link through `current`. */
const setFiles = ["latest.md", "latest.json", "latest.junit.xml"] as const;

/** The steps of writeReport, in order: a test kills a writer at each (reportWriteSteps). */
export const reportWriteSteps = [
  ...setFiles.map((f) => `adopt ${f}` as const),
  "run folder",
  "latest.md",
  "latest.json",
  "latest.junit.xml",
  "history",
  "current",
  ...setFiles.map((f) => `link ${f}`),
  "strays",
] as const;
export type ReportWriteStep = (typeof reportWriteSteps)[number];

/** When history/ has a file of the run's name already: fail (a merge), or take the next free name (a run). */
export type ExistingHistory = "refuse" | "next-name";

export interface WriteOptions {
  readonly existingHistory?: ExistingHistory;
  /**
   * false: neither read nor add to history/ (npm run compare, unless asked):
   * the report stands alone, with no comparison and no trend.
   */
  readonly history?: boolean;
  /** Awaited after each step: how a test kills the writer there (or freezes it, which leaves the same files). */
  readonly afterStep?: (step: ReportWriteStep) => void | Promise<void>;
}

/** A run's identity when the report came with none. */
const newRunId = (): string => `${Date.now().toString(36)}-${randomBytes(6).toString("hex")}`;

/**
 * A folder written before the links (plain latest.md and latest.json, as a
 * checkout of the repository has them) is first made a set of links to those
 * same files, each name keeping its content as it turns into a link; then the
 * swap is one rename as always, and a kill at any point leaves a pair.
 */
async function adoptPlainFiles(outDir: string, afterStep: (step: ReportWriteStep) => void | Promise<void>): Promise<void> {
  const current = path.join(outDir, currentLink);
  if ((await linkTarget(current)) !== undefined) return;
  const plain: string[] = [];
  for (const name of setFiles) {
    const stat = await lstat(path.join(outDir, name)).catch(() => undefined);
    if (stat?.isFile()) plain.push(name);
  }
  if (plain.length === 0) return;
  const runName = `adopted-${process.pid}-${randomBytes(4).toString("hex")}`;
  const runDir = path.join(outDir, runsFolder, runName);
  await mkdir(runDir, { recursive: true });
  for (const name of plain) await copyFile(path.join(outDir, name), path.join(runDir, name));
  await syncFolder(runDir);
  await pointAt(current, path.join(runsFolder, runName));
  for (const name of plain) {
    await pointAt(path.join(outDir, name), path.join(currentLink, name));
    await afterStep(`adopt ${name}`);
  }
  await syncFolder(outDir);
}

/**
 * Writes the set into runs/<run>/, keeps the JSON in history/, then swaps
 * `current` to the new folder and makes sure latest.* link through it. Any
 * failure before the swap leaves the old set and removes what it made.
 */
async function writeSet(
  outDir: string,
  files: Record<(typeof setFiles)[number], string>,
  /** The run's time, as its history file would be named: its run folder's name starts with it. */
  stamp: string,
  history: { dir: string; name: string; content: string; existing: ExistingHistory } | undefined,
  afterStep: (step: ReportWriteStep) => void | Promise<void>,
): Promise<string | undefined> {
  const current = path.join(outDir, currentLink);
  await adoptPlainFiles(outDir, afterStep);
  const previous = await linkTarget(current);
  await removeStrays(outDir, previous && path.basename(previous));
  const runName = `${stamp.replace(/\.json$/, "")}-${process.pid}-${randomBytes(4).toString("hex")}`;
  const runDir = path.join(outDir, runsFolder, runName);
  let historyPath: string | undefined;
  try {
    await mkdir(runDir, { recursive: true });
    await afterStep("run folder");
    for (const name of setFiles) {
      await writeDurably(path.join(runDir, name), files[name]);
      await afterStep(name);
    }
    await syncFolder(runDir);
    if (history) historyPath = await createHistoryFile(history.dir, history.name, history.content, history.existing);
    await afterStep("history");
    await pointAt(current, path.join(runsFolder, runName));
    await syncFolder(outDir);
    await afterStep("current");
  } catch (error) {
    await rm(runDir, { recursive: true, force: true });
    if (historyPath) await rm(historyPath, { force: true });
    throw error;
  }
  // From here the new set is the current one.
  for (const name of setFiles) {
    if ((await linkTarget(path.join(outDir, name))) !== path.join(currentLink, name)) {
      await pointAt(path.join(outDir, name), path.join(currentLink, name));
    }
    await afterStep(`link ${name}`);
  }
  await removeStrays(outDir, runName);
  await afterStep("strays");
  return historyPath;
}

export function reportJson(report: BenchReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/**
 * Writes `<outDir>/latest.md`, `<outDir>/latest.json`, `<outDir>/latest.junit.xml` and
 * `<outDir>/history/<generatedAt>.json`, comparing the report with its
 * baseline from history/ when there is one (compare.ts, baselineOf). All
 * four files are written, or none and the old ones stay. A history file of
 * that name is never replaced: the run's gets the next free name, unless
 * `existingHistory` is "refuse" (HistoryExistsError, nothing written).
 */
export async function writeReport(report: BenchReport, outDir: string, options: WriteOptions = {}): Promise<WrittenReport> {
  const historyDir = path.join(outDir, "history");
  const markdownPath = path.join(outDir, "latest.md");
  const jsonPath = path.join(outDir, "latest.json");
  const junitPath = path.join(outDir, "latest.junit.xml");

  const keepsHistory = options.history ?? true;
  // Judged first: the comparison and the trend read this run's judgements as they read every earlier run's.
  const judged: BenchReport = { ...report, evaluation: evaluate(report) };
  const earlier = keepsHistory ? await findEarlierRuns(historyDir, report.generatedAt) : { runs: [], warnings: [] };
  const baseline = baselineOf(
    judged,
    earlier.runs.map((r) => r.report),
  );
  const comparison = baseline.length > 0 ? compareReports(judged, baseline) : undefined;
  const trend = trendOf(
    judged,
    earlier.runs.map((r) => r.report),
  );
  // The comparison, the trend and every verdict go into the JSON, so the page renders from it alone.
  const compared: BenchReport = {
    ...judged,
    runId: report.runId ?? newRunId(),
    ...(comparison ? { comparison } : {}),
    ...(trend ? { trend } : {}),
  };
  const json = reportJson(compared);
  const historyPath = await writeSet(
    outDir,
    { "latest.md": renderMarkdown(compared), "latest.json": json, "latest.junit.xml": renderJunit(compared) },
    historyFileName(report.generatedAt),
    keepsHistory
      ? { dir: historyDir, name: historyFileName(report.generatedAt), content: json, existing: options.existingHistory ?? "next-name" }
      : undefined,
    options.afterStep ?? (() => undefined),
  );
  const baselinePaths = baseline.map((b) => earlier.runs.find((r) => r.report === b)!.path);
  return {
    markdownPath,
    jsonPath,
    junitPath,
    ...(historyPath ? { historyPath } : {}),
    baselinePaths,
    comparison,
    warnings: earlier.warnings,
  };
}
