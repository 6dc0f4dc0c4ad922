// `npm run report -- <report.json>`: the markdown page of a report a run
// wrote (latest.json or any history file), rendered from that file alone,
// byte for byte what the run wrote as latest.md.
// `npm run report -- --merge a.json b.json ...`: the reports of several runs
// (the nightly's jobs, one per flavor pair and architecture) as one report,
// written as npm run bench writes its own (merge.ts says how); the jobs'
// outcome files (below) may be among them.
// `npm run report -- --job <out.json> --flavors a,b --steps tests=failure,...`:
// a CI job's record of itself (job-outcome.ts), so the merge shows a pair
// whose tests failed with what failed.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { checkBudgets } from "../evaluate/budget-check.js";
import { loadBudgets } from "../report/budgets.js";
import { regressionsOf } from "../evaluate/changes.js";
import { breachesOf, parseFailOn, type FailOn } from "../evaluate/fail-on.js";
import { breachLines } from "../render/breach-lines.js";
import { asJobOutcome, writeJobOutcome, type JobRequest } from "./job-outcome.js";
import { mergeReports } from "./merge.js";
import { renderMarkdown } from "../render/render-markdown.js";
import { readReport } from "./read-report.js";
import { HistoryExistsError, writeReport } from "./write-report.js";

const usage = `usage: npm run report -- <report.json>   (e.g. reports/latest.json or a file in reports/history/)
       npm run report -- --merge <a.json> <b.json>... --out <dir> [--fail-on budgets,regressions]
       npm run report -- --job <out.json> --flavors <a,b> --steps <step=outcome,...> [--junit <results.xml>]`;

const help = `${usage}

The first prints the report's markdown page on stdout.
--merge writes one report of several runs' reports (of one commit, made with the
same load settings), each image with the machine it was measured on, to
<dir>/latest.md, latest.json, latest.junit.xml and history/, compared with
<dir>/history/ as npm run bench does. --out is required: the folder whose history
the merge is compared with and added to (the nightly gives reports/). A history
file is never replaced: one of the merged report's name in <dir>/history/ already
stops the merge, nothing written. --fail-on exits 1 once it is written when a
budget is broken or a figure regressed, one line per breach.
The inputs may include CI jobs' outcome files (--job): the merged report then
shows each job that failed, with its steps and failed tests, beside whatever its
pair could still measure.
--job writes a CI job's outcome: its flavors, this machine's architecture, each
step's outcome as GitHub Actions gives it (success, failure, cancelled, skipped,
or empty for a step that never ran) and the failed tests of its JUnit results.
Exit codes: 0 all well, 1 a breach or a failed write, 2 a mistake in the options
or an input that can't be merged (nothing written).`;

const say = (line: string): void => void process.stderr.write(`report: ${line}\n`);
// npm runs scripts in the package's folder; a relative path means where the user typed it.
const fromCwd = (file: string): string => path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
const shown = (file: string): string => {
  const relative = path.relative(process.env.INIT_CWD ?? process.cwd(), file);
  return relative && !relative.startsWith("..") ? relative : file;
};

interface MergeRequest {
  readonly files: readonly string[];
  readonly outDir: string;
  readonly failOn: readonly FailOn[];
}

type Request = { render: string } | { merge: MergeRequest } | { job: JobRequest } | "help" | { mistake: string };

/** What the command line asks for: a file to render, a merge, a job's outcome, help, or the message of a mistake. */
function parse(argv: readonly string[]): Request {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      merge: { type: "boolean" },
      out: { type: "string" },
      "fail-on": { type: "string" },
      job: { type: "string" },
      flavors: { type: "string" },
      steps: { type: "string" },
      junit: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return "help";
  if (values.job !== undefined) {
    if (values.merge || positionals.length > 0 || values.flavors === undefined || values.steps === undefined) {
      return { mistake: "--job <out.json> goes with --flavors and --steps (and --junit), and nothing else" };
    }
    const junit = values.junit === undefined ? {} : { junit: fromCwd(values.junit) };
    return { job: { out: fromCwd(values.job), flavors: values.flavors, steps: values.steps, ...junit } };
  }
  if (values.flavors !== undefined || values.steps !== undefined || values.junit !== undefined) {
    return { mistake: "--flavors, --steps and --junit go with --job" };
  }
  if (!values.merge) {
    if (positionals.length !== 1 || values.out !== undefined || values["fail-on"] !== undefined) {
      return { mistake: "give one report file (--out and --fail-on go with --merge)" };
    }
    return { render: fromCwd(positionals[0]!) };
  }
  if (positionals.length === 0) return { mistake: "--merge: give the reports to merge" };
  // Not reports/ by default: merging someone's files into this checkout's history is a choice to make out loud.
  if (values.out === undefined) return { mistake: "--merge: give --out <dir>, the folder to write the merged report and its history to" };
  return {
    merge: {
      files: positionals.map(fromCwd),
      outDir: fromCwd(values.out),
      failOn: parseFailOn(values["fail-on"]),
    },
  };
}

/** A job's outcome file, or else a report. */
async function readInput(file: string) {
  const job = await readFile(file, "utf8")
    .then((text) => asJobOutcome(shown(file), JSON.parse(text)))
    .catch((error: unknown) => {
      if (error instanceof SyntaxError) return undefined; // readReport says what is wrong with it
      throw error;
    });
  if (job) return { kind: "job" as const, job };
  return { kind: "report" as const, input: { file: shown(file), report: await readReport(file) } };
}

/** Reads and merges the inputs, with the budgets; throws one line on any input that can't be merged. */
async function mergedReport(files: readonly string[]) {
  const read = await Promise.all(files.map(readInput));
  const inputs = read.flatMap((r) => (r.kind === "report" ? [r.input] : []));
  const jobs = read.flatMap((r) => (r.kind === "job" ? [r.job] : []));
  const merged = mergeReports(inputs, jobs);
  return { ...merged, budgets: checkBudgets(merged, loadBudgets()) };
}

async function merge(request: MergeRequest): Promise<number> {
  let report;
  try {
    report = await mergedReport(request.files);
  } catch (error) {
    say(`${(error as Error).message}; nothing was written`);
    return 2;
  }
  let written;
  try {
    written = await writeReport(report, request.outDir, { existingHistory: "refuse" });
  } catch (error) {
    if (!(error instanceof HistoryExistsError)) throw error;
    say(`${error.message}; nothing was written`);
    return 2;
  }
  const jobs = report.jobs?.length ?? 0;
  for (const warning of written.warnings) say(`warning: ${warning}`);
  const regressions = written.comparison ? `; ${regressionsOf(written.comparison).length} regression(s)` : "";
  process.stdout.write(
    `report: ${shown(written.markdownPath)} (figures: ${shown(written.jsonPath)}${written.historyPath ? `, kept as ${shown(written.historyPath)}` : ""}), ` +
      `${request.files.length - jobs} runs merged${jobs > 0 ? ` with ${jobs} job records` : ""}${regressions}\n`,
  );
  const breaches = breachLines(breachesOf(report, written.comparison, request.failOn));
  for (const line of breaches) say(line);
  return breaches.length > 0 ? 1 : 0;
}

async function main(argv: readonly string[]): Promise<number> {
  let request: Request;
  try {
    request = parse(argv);
  } catch (error) {
    request = { mistake: (error as Error).message };
  }
  if (request === "help") {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  if ("mistake" in request) {
    say(`${request.mistake}\n${usage}`);
    return 2;
  }
  try {
    if ("merge" in request) return await merge(request.merge);
    if ("job" in request) {
      const job = await writeJobOutcome(request.job);
      const failed = Object.entries(job.steps).filter(([, o]) => o !== "success" && o !== "skipped");
      process.stdout.write(
        `report: ${shown(request.job.out)}: ${job.flavors.join(", ")} on ${job.architecture}, ` +
          `${failed.length === 0 ? "every step passed" : failed.map(([step, o]) => `${step} ${o}`).join(", ")}\n`,
      );
      return 0;
    }
    process.stdout.write(renderMarkdown(await readReport(request.render)));
    return 0;
  } catch (error) {
    say((error as Error).message);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
