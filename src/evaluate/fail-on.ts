// What makes a run exit 1 once its report is written (--fail-on): broken
// budgets, regressions against the baseline. npm run bench and npm run
// report -- --merge hold a report to them alike.
import { breaches } from "./budget-check.js";
import { regressionsOf } from "./changes.js";
import type { BenchReport, BudgetResult, Comparison, FigureDelta } from "../report/schema.js";

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

/** What failOn names that went wrong: broken budgets and regressions, as data (render/breach-lines.ts words them). */
export interface Breaches {
  readonly budgets: readonly BudgetResult[];
  readonly regressions: readonly FigureDelta[];
}

/** The breaches a run exits 1 for; both lists empty when all is well. */
export function breachesOf(report: BenchReport, comparison: Comparison | undefined, failOn: readonly FailOn[]): Breaches {
  return {
    budgets: failOn.includes("budgets") ? breaches(report.budgets ?? []) : [],
    regressions: failOn.includes("regressions") && comparison ? regressionsOf(comparison) : [],
  };
}
