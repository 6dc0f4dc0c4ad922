import { describe, expect, it } from "vitest";
import { currentReport, flavorOf, previousReport } from "./fixtures/index.js";
import { renderMarkdown } from "./render-markdown.js";
import { trendOf, trendRuns } from "./trend.js";

const runOn = (day: number, phpRps: number) => {
  const run = previousReport();
  run.generatedAt = `2026-11-${String(day).padStart(2, "0")}T03:17:00.000Z`;
  flavorOf(run, "nginx-php", "scratch").http!.php.requestsPerSec = phpRps;
  return run;
};

describe("trendOf", () => {
  it("has nothing to draw with no earlier run", () => {
    expect(trendOf(currentReport(), [])).toBeUndefined();
  });

  it(`draws the last ${trendRuns} runs, oldest first and the current one last, a line per image or flavor`, () => {
    const earlier = Array.from({ length: 12 }, (_, i) => runOn(i + 1, 5_000 + i));
    const trend = trendOf(currentReport(), earlier.reverse())!;
    const php = trend.charts.find((c) => c.title.includes("PHP"))!;
    expect(php.runs.map((r) => r.generatedAt.slice(8, 10))).toEqual(["04", "05", "06", "07", "08", "09", "10", "11", "12", "28"]);
    expect(php.series.map((s) => s.name)).toEqual(["scratch", "debian"]);
    expect(php.series[0]!.values).toEqual([5_003, 5_004, 5_005, 5_006, 5_007, 5_008, 5_009, 5_010, 5_011, 5_143]);
    const sizes = trend.charts.find((c) => c.title.includes("size"))!;
    expect(sizes.series.map((s) => s.name)).toEqual(["base", "nginx-php", "mariadb", "ab"]);
    expect(sizes.series[0]!.values.at(-1)).toBe(5.9);
  });

  it("leaves a run out of a chart when it lacks a line's figure", () => {
    const without = runOn(2, 5_000);
    delete flavorOf(without, "nginx-php", "scratch").http;
    const php = trendOf(currentReport(), [runOn(1, 4_000), without])!.charts.find((c) => c.title.includes("PHP"))!;
    expect(php.runs.map((r) => r.generatedAt.slice(8, 10))).toEqual(["01", "28"]);
  });

  it("renders a mermaid line chart per figure, naming each line's colour in the title", () => {
    const report = { ...currentReport(), trend: trendOf(currentReport(), [runOn(27, 6_000)]) };
    const markdown = renderMarkdown(report);
    expect(markdown).toContain("## Trend");
    expect(markdown).toContain(
      [
        "xychart-beta",
        '    title "nginx-php PHP page throughput, req/s: blue scratch, green debian"',
        '    x-axis ["11-27 03:17", "11-28 09:15"]',
      ].join("\n"),
    );
    expect(markdown).toMatch(/ {4}line \[6000, 5143\]\n/);
  });
});
