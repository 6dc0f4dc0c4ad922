// `npm run compare -- <original> <candidate> ...`: parse the options,
// measure the pair, write the report, and leave nothing running, whether it
// ends well, fails or is interrupted. Every mistake is one line on stderr.
import path from "node:path";
import { handleSignals } from "../bench/stop-on-signal.js";
import { benchProgress } from "../bench/progress.js";
import { createdOnEngine } from "../docker.js";
import { beginRun, cleanupAtEndMs, removeOwnedBy, runIdentity } from "../run/cleanup.js";
import { writeReport, type WrittenReport } from "../store/write-report.js";
import { compareHelp, parseCompareArgs, UsageError, type CompareOptions } from "./options.js";
import { checkCompareOutDir } from "./out-dir.js";
import { CompareError, runCompare } from "./run-compare.js";

const say = (line: string): void => void process.stderr.write(`compare: ${line}\n`);
const shown = (file: string): string => {
  const relative = path.relative(process.env.INIT_CWD ?? process.cwd(), file);
  return relative && !relative.startsWith("..") ? relative : file;
};

/** The options, "help", or the exit code of a mistake in them. */
async function options(): Promise<CompareOptions | "help" | number> {
  try {
    const parsed = parseCompareArgs(process.argv.slice(2));
    if (parsed !== "help") await checkCompareOutDir(parsed.bench.outDir);
    return parsed;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    say(error.message);
    return 2;
  }
}

function tellResult(written: WrittenReport): void {
  for (const warning of written.warnings) say(`warning: ${warning}`);
  const kept = written.historyPath ? `, kept as ${shown(written.historyPath)}` : "";
  process.stdout.write(`report: ${shown(written.markdownPath)} (figures: ${shown(written.jsonPath)}${kept})\n`);
}

/** A mistake in what was given is its own line; anything else says it failed. Either way no report was written. */
function failure(error: unknown): string {
  const message = (error as Error).message;
  return error instanceof CompareError ? `${message}; no report was written` : `failed: ${message}; no report was written`;
}

async function main(): Promise<number> {
  const parsed = await options();
  if (typeof parsed === "number") return parsed;
  if (parsed === "help") {
    process.stdout.write(`${compareHelp}\n`);
    return 0;
  }
  const owner = process.pid;
  beginRun();
  const signals = handleSignals(owner, say);
  try {
    const progress = benchProgress();
    const report = await runCompare(parsed, owner, progress);
    progress.finish();
    const written = await signals.whileWriting(
      () => writeReport({ ...report, runId: runIdentity() }, parsed.bench.outDir, { history: parsed.history }),
      (w) => say(`the report was written before stopping: ${shown(w.markdownPath)}`),
    );
    tellResult(written);
    return 0;
  } catch (error) {
    say(failure(error));
    return 1;
  } finally {
    if (createdOnEngine()) {
      await removeOwnedBy(owner, runIdentity(), cleanupAtEndMs).catch((error: unknown) => say(`clean-up: ${(error as Error).message}`));
    }
  }
}

// Not exitCode: a call abandoned at its deadline must not keep the process alive.
process.exit(await main());
