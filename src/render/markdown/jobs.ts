// A merged report's CI jobs that did not go well: which pair on which
// machine, how each step ended, and the tests that failed. Such a pair is
// still in the report as far as it could be measured (sizes, at least, when
// its benchmark failed), so it reads as "measured, with this failing", not
// as a pair that vanished.
import { formatCount } from "../format.js";
import { jobSucceeded } from "../../report/jobs.js";
import type { BenchReport, JobOutcome, StepOutcome } from "../../report/schema.js";
import { code, table } from "./blocks.js";
import { headings } from "./anchors.js";

const words: Record<StepOutcome, string> = { success: "passed", failure: "**failed**", cancelled: "cancelled", skipped: "not run" };

/** Failed tests shown per job; the count says how many there were. */
const shownTests = 10;

function measured(report: BenchReport, job: JobOutcome): string {
  const images = report.images.filter(
    (i) => (i.machine?.architecture ?? job.architecture) === job.architecture && i.flavors.some((f) => job.flavors.includes(f.flavor)),
  );
  if (images.length === 0) return "nothing: no figures reached the merge";
  return images.some((i) => i.sizesOnly) ? "sizes only" : "sizes and the benchmark";
}

function failedTestLines(job: JobOutcome): string[] {
  const names = job.failedTests ?? [];
  if (names.length === 0) return [];
  const more = (job.failedTestCount ?? names.length) - Math.min(names.length, shownTests);
  const list = names.slice(0, shownTests).map((n) => `- ${code(n)}`);
  return [
    `Failed tests of ${job.flavors.join(" and ")} on ${job.architecture}:`,
    [...list, ...(more > 0 ? [`- and ${formatCount(more)} more (the job's test results)`] : [])].join("\n"),
  ];
}

export function jobsSection(report: BenchReport): string {
  const failed = (report.jobs ?? []).filter((j) => !jobSucceeded(j));
  if (failed.length === 0) return "";
  const stepNames = [...new Set(failed.flatMap((j) => Object.keys(j.steps)))];
  const rows = failed.map((j) => [
    j.flavors.join(" vs "),
    j.architecture,
    ...stepNames.map((s) => (j.steps[s] ? words[j.steps[s]] : "–")),
    measured(report, j),
  ]);
  return [
    `## ${headings.jobs}`,
    "Each pair is measured by a nightly job of its own. These did not pass every step; their pairs are in this report as far as they could still be measured.",
    table(["pair", "machine", ...stepNames, "in this report"], rows),
    ...failed.flatMap(failedTestLines),
  ].join("\n\n");
}
