// `npm run bench`: parse the options, measure, write the report, and leave
// nothing running, whether it ends well, fails or is interrupted.
import path from "node:path";
import { judgeCalibration } from "../evaluate/calibration.js";
import { regressionsOf } from "../evaluate/changes.js";
import { breachesOf as failOnBreaches } from "../evaluate/fail-on.js";
import { breachLines } from "../render/breach-lines.js";
import { formatPercent, formatSignedPercent } from "../render/format.js";
import { calibrationFile } from "../store/read-report.js";
import type { BenchReport, CalibrationJudgement, PairedResult } from "../report/schema.js";
import { writeAllOrNothing, writeReport, type WrittenReport } from "../store/write-report.js";
import { calibratedLabel, runCalibration } from "./calibrate.js";
import { createdOnEngine } from "../docker.js";
import { handleSignals } from "./stop-on-signal.js";
import { beginRun, cleanupAtEndMs, describeRemoved, removeLeftovers, removeOwnedBy, runIdentity } from "../run/cleanup.js";
import { checkOutDir, helpText, parseBenchArgs, UsageError, type BenchOptions } from "./options.js";
import { benchProgress } from "./progress.js";
import { runBench } from "./run-bench.js";

const say = (line: string): void => void process.stderr.write(`bench: ${line}\n`);
const shown = (file: string): string => {
  const relative = path.relative(process.env.INIT_CWD ?? process.cwd(), file);
  return relative && !relative.startsWith("..") ? relative : file;
};

/** The options, "help", or the exit code of a mistake in them. */
async function options(): Promise<BenchOptions | "help" | number> {
  try {
    const parsed = parseBenchArgs(process.argv.slice(2));
    if (parsed !== "help") await checkOutDir(parsed.outDir);
    return parsed;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    say(error.message);
    return 2;
  }
}

function tellResult(report: BenchReport, written: WrittenReport): void {
  for (const warning of written.warnings) say(`warning: ${warning}`);
  // One line per flavor and reason: a flavor is usually unavailable for every image alike.
  const unavailable = new Map<string, string[]>();
  for (const { image, flavor, reason } of report.unavailable) {
    const key = `${flavor}\n${reason}`;
    unavailable.set(key, [...(unavailable.get(key) ?? []), image]);
  }
  for (const [key, images] of unavailable) {
    const [flavor, reason] = key.split("\n");
    say(`not measured: ${flavor} (${images.join(", ")}): ${reason}`);
  }
  const { comparison } = written;
  const runs = written.baselinePaths.length;
  const baseline = runs === 1 ? `the run of ${comparison?.previous.generatedAt}` : `the median of the last ${runs} runs`;
  const against = comparison ? `; ${regressionsOf(comparison).length} regression(s) against ${baseline}` : "";
  process.stdout.write(
    `report: ${shown(written.markdownPath)} (figures: ${shown(written.jsonPath)}${written.historyPath ? `, kept as ${shown(written.historyPath)}` : ""})${against}\n`,
  );
}

/** With --fail-on: one line per broken budget or regression, and exit code 1 when there is any. */
function breachesOf(options: BenchOptions, report: BenchReport, written: WrittenReport): number {
  const lines = breachLines(failOnBreaches(report, written.comparison, options.failOn));
  for (const text of lines) say(text);
  return lines.length > 0 ? 1 : 0;
}

/** A calibration run in words, judged by the page's rule against t: what a report would have said of it. */
function describePaired(d: PairedResult, outcome: CalibrationJudgement["knownWork"], t: number): string {
  const percent = (r: number): string => formatSignedPercent(r - 1);
  const verdict =
    outcome === "higher" || outcome === "lower"
      ? `a difference beyond ±${formatPercent(t)}`
      : outcome === "same"
        ? `the same within ±${formatPercent(t)}`
        : outcome === "too-few"
          ? "too few pairs for a 95% interval: nothing claimed"
          : `no difference detected beyond ±${formatPercent(t)}`;
  return `${percent(d.ratio)} (95% CI ${percent(d.low)} to ${percent(d.high)}, ${d.n} pairs): ${verdict}`;
}

async function calibrate(options: BenchOptions, owner: number): Promise<number> {
  const progress = benchProgress();
  const calibration = await runCalibration(options, owner, progress);
  progress.finish();
  const file = path.join(options.outDir, calibrationFile);
  await writeAllOrNothing([{ path: file, content: `${JSON.stringify(calibration, null, 2)}\n` }]);
  const { sizing, knownLoss } = calibration;
  const judged = judgeCalibration(calibration);
  const known = `${formatPercent(knownLoss)} more work per request (${sizing.iterations} loop iterations of ${sizing.usPerIteration.toFixed(4)} µs on a page of ${sizing.pageUs.toFixed(1)} µs)`;
  process.stdout.write(
    [
      `calibration: ${shown(file)}`,
      ...calibration.figures.flatMap((f, i) => {
        const j = judged[i]!;
        return [
          `  ${calibratedLabel(f.figure)}: t = ±${formatPercent(j.threshold)} (1%, or the offset the same image showed against itself beyond its interval)`,
          `    same image on both sides: ${describePaired(f.sameImage, j.sameImage, j.threshold)}`,
          `    one side doing ${known}: ${describePaired(f.knownWork, j.knownWork, j.threshold)}${j.detected ? "" : " (not claimed)"}`,
        ];
      }),
      "",
    ].join("\n"),
  );
  return 0;
}

async function main(): Promise<number> {
  const parsed = await options();
  if (typeof parsed === "number") return parsed;
  if (parsed === "help") {
    process.stdout.write(`${helpText}\n`);
    return 0;
  }
  const owner = process.pid;
  beginRun();
  const signals = handleSignals(owner, say);
  try {
    const leftovers = await removeLeftovers();
    if (leftovers.containers + leftovers.networks + leftovers.volumes > 0) {
      say(`removed leftovers of an earlier run: ${describeRemoved(leftovers)}`);
    }
    if (parsed.calibrate) return await calibrate(parsed, owner);
    const progress = benchProgress();
    const report = await runBench(parsed, owner, progress);
    progress.finish();
    const written = await signals.whileWriting(
      // The report carries the identity its containers were labelled with.
      () => writeReport({ ...report, runId: runIdentity() }, parsed.outDir),
      (w) => say(`the report was written before stopping: ${shown(w.markdownPath)}`),
    );
    tellResult(report, written);
    return breachesOf(parsed, report, written);
  } catch (error) {
    say(`failed: ${(error as Error).message}; no report was written`);
    return 1;
  } finally {
    // Nothing created (an engine that never answered, a size-only run): nothing to remove.
    if (createdOnEngine()) {
      await removeOwnedBy(owner, runIdentity(), cleanupAtEndMs).catch((error: unknown) => say(`clean-up: ${(error as Error).message}`));
    }
  }
}

// Not exitCode: a call abandoned at its deadline must not keep the process alive.
process.exit(await main());
