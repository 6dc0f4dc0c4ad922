// The breaches --fail-on found, one line each, for the terminal: what
// evaluate/fail-on.ts decided, in words.
import type { Breaches } from "../evaluate/fail-on.js";
import { budgetWords } from "./budget-words.js";
import { regressionLine } from "./markdown/changes.js";

/** One line per broken budget or regression; none when all is well. */
export function breachLines(breaches: Breaches): string[] {
  return [
    ...breaches.budgets.map((b) => `budget broken: ${budgetWords(b).name}: ${budgetWords(b).actual}`),
    // A merged report holds an image once per architecture: say which regressed.
    ...breaches.regressions.map((d) => `regression: ${regressionLine(d)}`),
  ];
}
