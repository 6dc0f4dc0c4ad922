// The report's budgets and regression checks as JUnit XML, beside the
// report, so CI systems that read test results (GitHub's test reporters,
// GitLab, Jenkins) show each budget as a test that passed or failed.
import { figure as figureOf } from "../report/figures.js";
import { budgetWords } from "./budget-words.js";
import { formatSignedPercent } from "./format.js";
import type { BenchReport } from "../report/schema.js";

interface Case {
  readonly suite: string;
  readonly name: string;
  /** Why it failed; undefined when it passed. */
  readonly failure?: string;
}

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function budgetCases(report: BenchReport): Case[] {
  return (report.budgets ?? []).map((r) => ({
    suite: `budgets.${r.image}`,
    name: budgetWords(r).name,
    ...(r.passed ? {} : { failure: `${budgetWords(r).actual}, budget ${budgetWords(r).limit}` }),
  }));
}

function regressionCases(report: BenchReport): Case[] {
  const flavors = report.images.flatMap((i) => i.flavors);
  return (report.comparison?.deltas ?? [])
    .filter((d) => d.threshold !== undefined || figureOf(d.figure, flavors)?.kind === "failures")
    .map((d) => {
      const fraction = d.fraction;
      const moved = fraction === null ? `${d.previous} → ${d.current}` : formatSignedPercent(fraction);
      const limit = d.threshold === undefined ? "none before" : `threshold ${formatSignedPercent(d.threshold)}`;
      return {
        suite: `regressions.${d.image}`,
        name: `${d.image}:${d.flavor}${d.architecture ? ` (${d.architecture})` : ""} ${figureOf(d.figure, flavors)?.label ?? d.figure}`,
        ...(d.regression ? { failure: `${moved} (${limit})` } : {}),
      };
    });
}

function suiteXml(name: string, cases: readonly Case[]): string {
  const failures = cases.filter((c) => c.failure !== undefined).length;
  const body = cases.map((c) => {
    const open = `    <testcase classname="${escape(name)}" name="${escape(c.name)}"`;
    return c.failure === undefined ? `${open}/>` : `${open}>\n      <failure message="${escape(c.failure)}"/>\n    </testcase>`;
  });
  return [`  <testsuite name="${escape(name)}" tests="${cases.length}" failures="${failures}">`, ...body, "  </testsuite>"].join("\n");
}

/** JUnit XML: one test suite per kind and image, one test case per budget or compared threshold. */
export function renderJunit(report: BenchReport): string {
  const cases = [...budgetCases(report), ...regressionCases(report)];
  const suites = new Map<string, Case[]>();
  for (const c of cases) suites.set(c.suite, [...(suites.get(c.suite) ?? []), c]);
  const failures = cases.filter((c) => c.failure !== undefined).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="benchmark ${escape(report.generatedAt)}" tests="${cases.length}" failures="${failures}">`,
    ...[...suites].map(([name, list]) => suiteXml(name, list)),
    "</testsuites>",
    "",
  ].join("\n");
}
