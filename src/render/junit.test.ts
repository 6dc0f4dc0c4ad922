import { describe, expect, it } from "vitest";
import { checkBudgets } from "../evaluate/budget-check.js";
import { parseBudgets } from "../report/budgets.js";
import { currentReport } from "../report/fixtures/index.js";
import { renderJunit } from "./junit.js";

describe("renderJunit", () => {
  it("makes every budget a test case, failed when it was broken, grouped by image", () => {
    const report = currentReport();
    const budgets = parseBudgets(
      JSON.stringify({ sizes: { base: { scratch: { maxMB: 5, maxLayers: 1 } } }, ratios: { ab: { minTimesSmaller: 5 } } }),
      "b.json",
    );
    report.budgets = checkBudgets(report, budgets);
    const xml = renderJunit(report);
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="benchmark 2026-11-28T09:15:02.417Z" tests="3" failures="1">/,
    );
    expect(xml).toContain('<testsuite name="budgets.base" tests="2" failures="1">');
    expect(xml).toContain(
      '<testcase classname="budgets.base" name="tiny/base:scratch size ≤ 5 MB">\n      <failure message="5.9 MB, budget ≤ 5 MB"/>\n    </testcase>',
    );
    expect(xml).toContain('<testcase classname="budgets.base" name="tiny/base:scratch layers ≤ 1"/>');
    expect(xml).toContain('<testcase classname="budgets.ab" name="ab scratch at least 5.0x smaller than debian"/>');
  });

  it("escapes what XML can't hold as it is", () => {
    const report = currentReport();
    report.budgets = [{ name: 'a <b> & "c"', image: "ab", flavor: "scratch", actual: "1", limit: "≤ 0", passed: false }];
    expect(renderJunit(report)).toContain('name="a &lt;b&gt; &amp; &quot;c&quot;"');
  });
});
