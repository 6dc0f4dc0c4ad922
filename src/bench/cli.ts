// `npm run bench`: parse the options, measure, write the report, and leave
// nothing running, whether it ends well, fails or is interrupted.
import path from "node:path";
import { writeReport } from "../report/write-report.js";
import { describeRemoved, removeLeftovers, removeOwnedBy, removeOwnedBySync } from "../run/cleanup.js";
import { helpText, parseBenchArgs, UsageError } from "./options.js";
import { terminalProgress } from "./progress.js";
import { runBench } from "./run-bench.js";

const say = (line: string): void => void process.stderr.write(`bench: ${line}\n`);
const shown = (file: string): string => {
  const relative = path.relative(process.env.INIT_CWD ?? process.cwd(), file);
  return relative && !relative.startsWith("..") ? relative : file;
};

async function main(): Promise<number> {
  let options;
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    say(error.message);
    return 2;
  }
  if (options === "help") {
    process.stdout.write(`${helpText}\n`);
    return 0;
  }

  const owner = process.pid;
  // A signal while the report's files are being renamed into place waits for
  // that to finish (it takes milliseconds), so the report is whole either way.
  let writing = false;
  let pending: NodeJS.Signals | undefined;
  const stop = (signal: NodeJS.Signals): never => {
    say(`${signal}: stopping; removing this run's containers`);
    removeOwnedBySync(owner);
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    // A second Ctrl-C must not cut the clean-up short.
    process.on("SIGINT", () => undefined);
    process.on("SIGTERM", () => undefined);
    if (writing) {
      pending = signal;
      return;
    }
    say("no report is written");
    stop(signal);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    const leftovers = await removeLeftovers();
    if (leftovers.containers + leftovers.networks + leftovers.volumes > 0) {
      say(`removed leftovers of an earlier run: ${describeRemoved(leftovers)}`);
    }
    const report = await runBench(options, owner, terminalProgress());
    writing = true;
    const written = await writeReport(report, options.outDir).finally(() => (writing = false));
    if (pending) {
      say(`the report was written before stopping: ${shown(written.markdownPath)}`);
      stop(pending);
    }
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
    const regressions = written.comparison?.regressions.length ?? 0;
    const against = written.comparison ? `; ${regressions} regression(s) against the run of ${written.comparison.previous.generatedAt}` : "";
    process.stdout.write(
      `report: ${shown(written.markdownPath)} (figures: ${shown(written.jsonPath)}, kept as ${shown(written.historyPath)})${against}\n`,
    );
    return 0;
  } catch (error) {
    say(`failed: ${(error as Error).message}`);
    say("no report was written");
    return 1;
  } finally {
    await removeOwnedBy(owner).catch((error: unknown) => say(`clean-up failed: ${(error as Error).message}; run npm run clean`));
  }
}

process.exitCode = await main();
