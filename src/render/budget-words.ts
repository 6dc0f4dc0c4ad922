// A budget's check in words, for the page, JUnit and the terminal: the
// numbers evaluate/budget-check.ts stored, shown as the report shows sizes.
import type { BudgetResult } from "../report/schema.js";
import { formatBytes, formatCount, formatRatio } from "./format.js";

export interface BudgetWords {
  /** What is held: "tiny/<image>:scratch size ≤ 70 MB". */
  readonly name: string;
  /** The figure: "61.2 MB", "3.1x smaller". */
  readonly actual: string;
  /** The budget: "≤ 70 MB", "≥ 2.5x". */
  readonly limit: string;
}

const sizeWords = { bytes: "size", compressedBytes: "compressed size", layers: "layers" } as const;

export function budgetWords(r: BudgetResult): BudgetWords {
  // A report from before budgets were stored as numbers kept its words.
  if (typeof r.actual === "string") return r as BudgetWords;
  const check = r as Extract<BudgetResult, { held: string }>;
  const suffix = check.architecture ? ` (${check.architecture})` : "";
  if (check.held === "timesSmaller") {
    return {
      name: `${check.image}${suffix} ${check.flavor} at least ${formatRatio(check.limit)} smaller than ${check.original ?? "its original"}`,
      actual: `${formatRatio(check.actual)} smaller`,
      limit: `≥ ${formatRatio(check.limit)}`,
    };
  }
  const shown = check.held === "layers" ? formatCount : formatBytes;
  return {
    name: `${check.tag}${suffix} ${sizeWords[check.held]} ≤ ${shown(check.limit)}`,
    actual: shown(check.actual),
    limit: `≤ ${shown(check.limit)}`,
  };
}
