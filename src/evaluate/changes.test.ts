import { describe, expect, it } from "vitest";
import { baselineOf, baselineSize, changeFraction, compareReports, deltaOf, movedOf, regressionsOf, withMoved } from "./changes.js";
import { regressionThreshold } from "../report/budgets.js";
import { figure } from "../report/figures.js";
import type { BenchReport, Comparison, FigureDelta } from "../report/schema.js";
import { currentReport, flavorOf, previousReport } from "../report/fixtures/index.js";

const comparisonShell: Omit<Comparison, "deltas"> = {
  previous: { generatedAt: "2026-12-06T00:00:00.000Z", commit: "abc", commitDirty: false },
  baseline: [],
  conditionChanges: [],
  onlyInCurrent: [],
  onlyInPrevious: [],
};

describe("compareReports", () => {
  it("flags sizes past their thresholds and new failures, never an absolute runtime figure: the machine moves those", () => {
    const comparison = compareReports(currentReport(), [previousReport()]);
    // The PHP page's −17% and mariadb's slower start moved with the machine as far as this says: context only.
    expect(regressionsOf(comparison).map((r) => `${r.image} [${r.flavor}] ${r.figure}`)).toEqual([
      "base [scratch] size.bytes",
      "ab [scratch] loads.ab.failures",
    ]);
  });

  it("gives each delta absolute and relative, with the threshold it was held against", () => {
    const comparison = compareReports(currentReport(), [previousReport()]);
    const size = deltaOf(comparison, "base", "scratch", "size.bytes");
    expect(size).toMatchObject({ previous: 5_512_300, current: 5_900_633, threshold: 0.05, regression: true });
    expect(changeFraction(size!)).toBeCloseTo(0.0704, 4);
    const php = deltaOf(comparison, "nginx-php", "scratch", "loads.php.perSec");
    expect(php).toMatchObject({ previous: 6_210, current: 5_143, threshold: -0.1, regression: false });
  });

  it("doesn't flag changes inside the thresholds, nor improvements", () => {
    const comparison = compareReports(currentReport(), [previousReport()]);
    // +2.9% compressed, +21% p99 (threshold +50%), −14% memory idle, +8% queries/s.
    for (const [image, metric] of [
      ["base", "size.compressedBytes"],
      ["nginx-php", "loads.php.p99Ms"],
      ["nginx-php", "memory.idleBytes"],
      ["mariadb", "loads.sql.perSec"],
    ] as const) {
      const d = deltaOf(comparison, image, "scratch", metric);
      expect(d, `${image} ${metric}`).toBeDefined();
      expect(d?.regression, `${image} ${metric}`).toBe(false);
    }
  });

  it("finds no regressions against an identical run", () => {
    const comparison = compareReports(currentReport(), [currentReport()]);
    expect(regressionsOf(comparison)).toEqual([]);
    expect(comparison.deltas.length).toBeGreaterThan(0);
    expect(comparison.deltas.every((d) => d.current === d.previous)).toBe(true);
    expect(comparison.conditionChanges).toEqual([]);
  });

  it("compares like with like: a flavor measured in one run only is listed, not compared", () => {
    const comparison = compareReports(currentReport(), [previousReport()]);
    expect(comparison.deltas.some((d) => d.image === "ab" && d.flavor === "debian")).toBe(false);
    expect(comparison.deltas.some((d) => d.flavor === "alpine")).toBe(false);
    expect(comparison.onlyInCurrent).toEqual([{ image: "ab", flavor: "debian" }]);
    expect(comparison.onlyInPrevious).toEqual([{ image: "base", flavor: "alpine" }]);
  });

  it("compares a figure only when both runs have it", () => {
    const previous = previousReport();
    delete flavorOf(previous, "nginx-php", "scratch").startup;
    const comparison = compareReports(currentReport(), [previous]);
    expect(deltaOf(comparison, "nginx-php", "scratch", "startup.medianMs")).toBeUndefined();
    expect(deltaOf(comparison, "nginx-php", "scratch", "size.bytes")).toBeDefined();
  });

  it("notes a different machine or load", () => {
    const previous = previousReport();
    previous.environment.cpuCount = 4;
    previous.environment.kernel = "Linux 6.1.0-17-amd64";
    previous.settings.connections = 32;
    previous.settings.isolation = { server: "1", generator: "0" };
    previous.environment.nodeVersion = "v20.19.0";
    expect(compareReports(currentReport(), [previous]).conditionChanges).toEqual([
      { label: "CPU count", previous: "4", current: "2" },
      { label: "kernel", previous: "Linux 6.1.0-17-amd64", current: "Linux 6.1.0-18-amd64" },
      { label: "connections", previous: "32", current: "16" },
      { label: "CPUs", previous: "servers 1, generators 0", current: "shared" },
    ]);
  });

  it("flags failures only on a flavor that had none", () => {
    const previous = previousReport();
    flavorOf(previous, "ab", "scratch").loads!.ab!.failures = 3;
    const comparison = compareReports(currentReport(), [previous]);
    expect(deltaOf(comparison, "ab", "scratch", "loads.ab.failures")).toMatchObject({ previous: 3, current: 12, regression: false });
  });

  it("holds each figure against its threshold in budgets.json, signed by the direction that is worse", () => {
    const comparison = compareReports(currentReport(), [previousReport()]);
    for (const d of comparison.deltas) {
      const entry = figure(d.figure)!;
      const allowed = regressionThreshold(d.figure);
      const expected = allowed === undefined ? undefined : entry.worse === "up" ? allowed : -allowed;
      expect(d.threshold, d.figure).toBe(expected);
    }
    expect(deltaOf(comparison, "nginx-php", "scratch", "loads.php.perSec")?.threshold).toBe(-0.1);
  });

  it("names the previous run", () => {
    expect(compareReports(currentReport(), [previousReport()]).previous).toEqual({
      generatedAt: "2026-11-27T09:14:48.102Z",
      commit: "9d8c7b6a5f4e3d2c1b0a99887766554433221100",
      commitDirty: false,
    });
  });

  it("holds each figure against its median over the baseline runs, so one odd run doesn't make a regression", () => {
    const runs = [6_210, 4_000, 6_500].map((rps, i) => {
      const run = previousReport();
      run.generatedAt = `2026-11-2${5 + i}T09:00:00.000Z`;
      flavorOf(run, "nginx-php", "scratch").loads!.php!.perSec = rps;
      return run;
    });
    const comparison = compareReports(currentReport(), runs);
    // Median 6,210 (the odd 4,000 set aside) against 5,143 now: shown as context, not judged.
    expect(deltaOf(comparison, "nginx-php", "scratch", "loads.php.perSec")).toMatchObject({ previous: 6_210, regression: false });
    expect(comparison.baseline?.map((r) => r.generatedAt)).toEqual(runs.map((r) => r.generatedAt));
  });

  it("holds a size against the newest run: sizes repeat exactly, so a chosen change is flagged once, not for runs after it", () => {
    const runs = [5_900_000, 5_510_000, 5_510_000].map((bytes, i) => {
      const run = previousReport();
      run.generatedAt = `2026-11-2${7 - i}T09:00:00.000Z`;
      flavorOf(run, "base", "scratch").size.bytes = bytes;
      return run;
    });
    const comparison = compareReports(currentReport(), runs);
    expect(deltaOf(comparison, "base", "scratch", "size.bytes")).toMatchObject({ previous: 5_900_000, regression: false });
  });
});

describe("compareReports on pairs' ratios", () => {
  const twelve = [100, 103, 98, 101, 99, 102, 100, 97, 101, 100, 102, 99];
  /** A run whose PHP page cost `cpu` on the original and `cpu x ratio` on the tiny flavor, each burst beside its pair's. */
  const run = (day: number, cpu: number, ratio: number, throughput = 6_000) => {
    const r = previousReport();
    r.generatedAt = `2026-11-${String(day).padStart(2, "0")}T09:00:00.000Z`;
    const [tiny, original] = [flavorOf(r, "nginx-php", "scratch"), flavorOf(r, "nginx-php", "debian")];
    original.loads!.php!.perAnswer = { cpuUs: { median: cpu, values: twelve.map((v) => (v * cpu) / 100) } };
    tiny.loads!.php!.perAnswer = {
      cpuUs: { median: cpu * ratio, values: twelve.map((v, i) => (v * cpu * ratio * (1 + ((i % 3) - 1) / 100)) / 100) },
    };
    original.loads!.php!.values = twelve.map((v) => (v * throughput) / 100);
    tiny.loads!.php!.values = twelve.map((v) => (v * throughput) / ratio / 100);
    return r;
  };
  const ratioDelta = (current: ReturnType<typeof run>, earlier: ReturnType<typeof run>) =>
    compareReports(current, [earlier]).deltas.find((d) => d.pair && d.figure === "loads.php.cpuUs");

  it("lists no change when only the machine moved: both flavors 40% costlier, the ratio the same", () => {
    const d = ratioDelta(run(2, 210, 1.0, 3_600), run(1, 150, 1.0, 6_000));
    expect(d).toMatchObject({ image: "nginx-php", flavor: "scratch", pair: { original: "debian", changed: false }, regression: false });
    expect(d!.current).toBeCloseTo(d!.previous, 2);
    // The absolute figure moved by 40%, and is still not a regression.
    const absolute = compareReports(run(2, 210, 1.0, 3_600), [run(1, 150, 1.0)]).deltas.find(
      (x) => !x.pair && x.figure === "loads.php.cpuUs",
    );
    expect(absolute).toMatchObject({ regression: false });
  });

  it("flags a tiny image that got 10% costlier against its original, beyond both runs' intervals", () => {
    const d = ratioDelta(run(2, 150, 1.1), run(1, 150, 1.0));
    expect(d).toMatchObject({ pair: { changed: true }, regression: true, threshold: 0.05 });
    expect(d!.current / d!.previous).toBeCloseTo(1.1, 1);
  });

  it("calls a ratio that moved inside the intervals no change", () => {
    expect(ratioDelta(run(2, 150, 1.005), run(1, 150, 1.0))).toMatchObject({ pair: { changed: false }, regression: false });
  });
});

describe("baselineOf", () => {
  const runAt = (day: number, change?: (r: ReturnType<typeof previousReport>) => void) => {
    const run = previousReport();
    run.generatedAt = `2026-11-${String(day).padStart(2, "0")}T09:00:00.000Z`;
    change?.(run);
    return run;
  };

  it(`takes the newest ${baselineSize} runs made under the same conditions, newest first`, () => {
    const earlier = [1, 2, 3, 4, 5, 6, 7, 8].map((day) => runAt(day));
    const otherLoad = runAt(9, (r) => (r.settings.connections = 64));
    const days = baselineOf(currentReport(), [...earlier, otherLoad]).map((r) => r.generatedAt.slice(8, 10));
    expect(days).toEqual(["08", "07", "06", "05", "04"]);
  });

  it("falls back to the newest run alone when none was made under the same conditions", () => {
    const earlier = [runAt(1, (r) => (r.environment.cpuCount = 4)), runAt(2, (r) => (r.settings.connections = 64))];
    const baseline = baselineOf(currentReport(), earlier);
    expect(baseline.map((r) => r.generatedAt)).toEqual(["2026-11-02T09:00:00.000Z"]);
    expect(compareReports(currentReport(), baseline).conditionChanges).toEqual([{ label: "connections", previous: "64", current: "16" }]);
  });

  it("is empty with no earlier runs", () => {
    expect(baselineOf(currentReport(), [])).toEqual([]);
  });

  it("never calls an absolute runtime figure a change; a size only past a thousandth; a pair's ratio only beyond both intervals", () => {
    const cpu = figure("loads.php.cpuUs")!;
    const size = figure("size.bytes")!;
    expect(movedOf(cpu, 150, 300, false)).toBe(false);
    expect(movedOf(size, 70_000_000, 70_030_000, false)).toBe(false);
    expect(movedOf(size, 70_000_000, 70_100_000, false)).toBe(true);
    const report = currentReport();
    const delta = {
      image: "nginx-php",
      flavor: "scratch",
      figure: "loads.php.cpuUs",
      previous: 1.0,
      current: 1.1,
      regression: false,
    } as const;
    const intervals = {
      original: "debian",
      previousInterval: { min: 0.98, max: 1.02 },
      currentInterval: { min: 1.07, max: 1.13 },
    } as const;
    const stored = (changed: boolean) =>
      withMoved({
        ...(report as BenchReport),
        comparison: { ...comparisonShell, deltas: [{ ...delta, pair: { ...intervals, changed } }] as unknown as FigureDelta[] },
      }).comparison!.deltas[0]!;
    expect(stored(true)).toMatchObject({ moved: true, fraction: expect.closeTo(0.1, 6) as number });
    expect(stored(false).moved).toBe(false);
  });
});
