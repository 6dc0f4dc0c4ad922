import { describe, expect, it } from "vitest";
import { currentReport, flavorOf, previousReport } from "../report/fixtures/index.js";
import { renderMarkdown as renderJudged } from "../render/render-markdown.js";
import { judged as judgedForRender } from "../report/fixtures/index.js";
import { runLabels } from "../render/markdown/charts.js";
import { trendOf, trendRuns } from "./trend.js";

/** Renders a report as the store hands it over: judged first. */
const renderMarkdown = (report: Parameters<typeof renderJudged>[0]): string => renderJudged(judgedForRender(report));

/** A run of that day whose nginx-php pair was measured in bursts, tiny spending `ratio` times the original's CPU per request. */
const runOn = (day: number, ratio = 1, from = previousReport) => {
  const run = from();
  run.generatedAt = `2026-11-${String(day).padStart(2, "0")}T03:17:00.000Z`;
  const original = Array.from({ length: 12 }, (_, i) => 180 + (i % 5));
  flavorOf(run, "nginx-php", "debian").loads!.php!.perAnswer = { cpuUs: { median: 182, values: original } };
  flavorOf(run, "nginx-php", "scratch").loads!.php!.perAnswer = { cpuUs: { median: 182 * ratio, values: original.map((v) => v * ratio) } };
  return run;
};

describe("trendOf", () => {
  it("has nothing to draw with no earlier run", () => {
    expect(trendOf(currentReport(), [])).toBeUndefined();
  });

  it(`draws the last ${trendRuns} runs, oldest first and the current one last, a line per image`, () => {
    const earlier = Array.from({ length: 12 }, (_, i) => runOn(i + 1));
    const trend = trendOf(currentReport(), earlier.reverse())!;
    const sizes = trend.charts.find((c) => c.title === "Tiny image size")!;
    expect(sizes.runs.map((r) => r.generatedAt.slice(8, 10))).toEqual(["04", "05", "06", "07", "08", "09", "10", "11", "12", "28"]);
    expect(sizes.series.map((s) => s.image)).toEqual(["base", "nginx-php", "mariadb", "ab"]);
    expect(sizes.series[0]!.values.at(-1)).toBe(5.9);
  });

  it("follows each pair's CPU per answer as a ratio, tiny ÷ original, not an absolute figure of another night", () => {
    const current = runOn(28, 0.9, currentReport);
    const cpu = trendOf(current, [runOn(26, 1.0), runOn(27, 1.05)])!.charts.find((c) => c.unit === "ratio")!;
    expect(cpu.title).toBe("CPU per answer, tiny ÷ original (1 = the same)");
    expect(cpu.series).toMatchObject([{ name: "nginx-php", image: "nginx-php", values: [1, 1.05, 0.9] }]);
  });

  it("keeps each night's stored interval and marks the nights whose interval excludes 1", () => {
    const current = runOn(28, 0.9, currentReport);
    const cpu = trendOf(current, [runOn(26, 1.0), runOn(27, 1.05)])!.charts.find((c) => c.unit === "ratio")!;
    expect(cpu.series[0]!.intervals).toEqual([
      [1, 1],
      [1.05, 1.05],
      [0.9, 0.9],
    ]);
    expect(cpu.series[0]!.excludesOne).toEqual([false, true, true]);
  });

  it("leaves a run out of a chart when it lacks a line's figure", () => {
    const without = runOn(2);
    delete flavorOf(without, "nginx-php", "scratch").loads;
    const cpu = trendOf(runOn(28, 1, currentReport), [runOn(1), without])!.charts.find((c) => c.unit === "ratio")!;
    expect(cpu.runs.map((r) => r.generatedAt.slice(8, 10))).toEqual(["01", "28"]);
  });

  it("says a day's date once on the x-axis, then only the times", () => {
    const at = (t: string) => ({ generatedAt: t, commit: "x", commitDirty: false });
    expect(runLabels([at("2026-11-28T09:20:00Z"), at("2026-11-28T09:45:00Z"), at("2026-12-04T07:47:00Z")])).toEqual([
      "11-28 09:20",
      "09:45",
      "12-04 07:47",
    ]);
  });

  it("renders a mermaid line chart per figure, folded under the changes, each line in its image's colour with a legend", () => {
    const current = runOn(28, 0.9, currentReport);
    const report = { ...current, trend: trendOf(current, [runOn(27)]) };
    const markdown = renderMarkdown(report);
    expect(markdown).toContain("<summary>The trend over the last 2 runs, this one last (UTC)</summary>");
    expect(markdown).toContain(['    title "Tiny image size"', '    x-axis ["11-27 03:17", "11-28 03:17"]'].join("\n"));
    expect(markdown).toContain("🟩 base · 🟪 nginx-php · 🟥 mariadb · 🟨 ab");
    expect(markdown).toMatch(/ {4}line \[1, 0\.9\]\n```\n\n🟪 nginx-php\n/);
    // The fixture's bursts are exact multiples: 0.9 has an interval of 0.9–0.9, 1 one of 1–1.
    expect(markdown).toContain(
      "Nights whose 95% interval excluded 1: nginx-php on 11-28 03:17 (0.9, 0.9–0.9); the others' intervals held 1.",
    );
    const same = runOn(28, 1, currentReport);
    expect(renderMarkdown({ ...same, trend: trendOf(same, [runOn(27)]) })).toContain("No night's 95% interval excluded 1.");
  });
});
