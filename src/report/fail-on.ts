// What makes a run exit 1 once its report is written (--fail-on): broken
// budgets, regressions against the baseline. npm run bench and npm run
// report -- --merge hold a report to them alike.
import { breaches } from "./budget-check.js";
import { regressionsOf } from "./compare.js";
import { regressionLine } from "./render-markdown.js";
import type { BenchReport, Comparison } from "./schema.js";

export const failOnChoices = ["budgets", "regressions"] as const;
export type FailOn = (typeof failOnChoices)[number];

/** "budgets,regressions" as a list; throws one line naming the wrong choice. */
export function parseFailOn(text: string | undefined): FailOn[] {
  if (text === undefined) return [];
  const items = text.split(",").map((item) => item.trim());
  const wrong = items.find((item) => !(failOnChoices as readonly string[]).includes(item));
  if (wrong !== undefined) {
    throw new Error(`--fail-on ${text}: "${wrong}" is not a choice; give ${failOnChoices.join(", ")} or both, comma-separated`);
  }
  return [...new Set(items as FailOn[])];
}

/** One line per broken budget or regression that failOn names; none when all is well. */
export function breachLines(report: BenchReport, comparison: Comparison | undefined, failOn: readonly FailOn[]): string[] {
  const regressions = failOn.includes("regressions") && comparison ? regressionsOf(comparison) : [];
  return [
    ...(failOn.includes("budgets") ? breaches(report.budgets ?? []).map((b) => `budget broken: ${b.name}: ${b.actual}`) : []),
    // A merged report holds an image once per architecture: say which regressed.
    ...regressions.map((d) => `regression: ${regressionLine(d)}`),
  ];
}
