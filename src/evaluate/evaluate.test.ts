import { describe, expect, it } from "vitest";
import { signedRankAbove } from "../measure/paired.js";
import { evaluate, holm, judgedPair, regimesOf } from "./evaluate.js";
import { calibratedThreshold, judgeCalibration } from "./calibration.js";
import { renderMarkdown as renderJudged } from "../render/render-markdown.js";
import { currentReport, flavorOf, judged as judgedForRender } from "../report/fixtures/index.js";
import type { FlavorReport } from "../report/schema.js";

/** Renders a report as the store hands it over: judged first. */
const renderMarkdown = (report: Parameters<typeof renderJudged>[0]): string => renderJudged(judgedForRender(report));

/** 30 bursts of the PHP page whose tiny ÷ original ratios scatter ±1% around `ratio`. */
function pairWith(ratio: number) {
  const report = currentReport();
  const [tiny, original] = [flavorOf(report, "nginx-php", "scratch"), flavorOf(report, "nginx-php", "debian")];
  const base = Array.from({ length: 30 }, (_, i) => 150 + (i % 7));
  const wobble = (i: number) => 1 + (((i * 37) % 21) - 10) / 1000;
  original.loads!.php!.perAnswer = { cpuUs: { median: 150, values: base } };
  tiny.loads!.php!.perAnswer = { cpuUs: { median: 150 * ratio, values: base.map((v, i) => v * ratio * wobble(i)) } };
  delete report.calibration;
  return { report, tiny: tiny as FlavorReport, original: original as FlavorReport };
}

const cpuOf = (ratio: number) => {
  const { tiny, original } = pairWith(ratio);
  return judgedPair(undefined, undefined, tiny, original)("loads.php.cpuUs")!;
};

describe("evaluate: three outcomes against a practical threshold", () => {
  it("claims a difference only when the whole interval lies beyond ±t", () => {
    expect(cpuOf(1.1)).toMatchObject({ outcome: "higher", threshold: { value: 0.03, source: "declared" } });
    expect(cpuOf(1.05).outcome).toBe("higher");
    expect(cpuOf(0.88).outcome).toBe("lower");
  });

  it("says the same when the interval lies within ±t: 1% with a ±1% interval is never a saving", () => {
    const j = cpuOf(0.99);
    expect(j.high).toBeLessThan(1);
    expect(j.outcome).toBe("same");
  });

  it("says nothing was detected when the interval straddles ±t", () => {
    expect(cpuOf(1.03).outcome).toBe("undetected");
  });

  it("takes t from this machine's calibration of that kind of figure: an offset the same image showed beyond its interval, to the next whole percent", () => {
    const { report } = pairWith(1.03);
    report.calibration = {
      calibrationVersion: 2,
      generatedAt: "2026-12-01T00:00:00Z",
      settings: { rounds: 3, durationSeconds: 5, burstSeconds: 0.5, connections: 16 },
      knownLoss: 0.05,
      sizing: { pageUs: 150, usPerIteration: 0.01, iterations: 750 },
      figures: [
        {
          figure: "loads.php.cpuUs",
          sameImage: { n: 30, ratio: 0.982, low: 0.972, high: 0.992, detected: true },
          knownWork: { n: 30, ratio: 1.05, low: 1.03, high: 1.07, detected: true },
        },
      ],
    };
    const cpu = evaluate(report).judgements.find((j) => j.image === "nginx-php" && j.figure === "loads.php.cpuUs");
    expect(cpu).toMatchObject({ threshold: { value: 0.02, source: "calibration" }, outcome: "higher" });
    expect(evaluate(report).calibration).toEqual([
      expect.objectContaining({ figure: "loads.php.cpuUs", threshold: 0.02, sameImage: "undetected", knownWork: "higher", detected: true }),
    ]);
  });

  it("claims nothing from a calibration of too few pairs for a 95% interval", () => {
    const few = { n: 4, ratio: 1.05, low: 1.04, high: 1.06, detected: false };
    const [j] = judgeCalibration({
      calibrationVersion: 2,
      generatedAt: "2026-12-07T00:00:00Z",
      settings: { rounds: 1, durationSeconds: 4, burstSeconds: 1, connections: 16 },
      knownLoss: 0.05,
      sizing: { pageUs: 150, usPerIteration: 0.01, iterations: 750 },
      figures: [{ figure: "loads.php.cpuUs", sameImage: { ...few, ratio: 1, low: 0.99, high: 1.01 }, knownWork: few }],
    });
    expect(j).toMatchObject({ sameImage: "too-few", knownWork: "too-few", detected: false });
  });

  it("keeps t at 1% while the same image's interval holds 1, whatever its estimate; an offset found sets it, exactly 2% at 2%", () => {
    expect(calibratedThreshold({ ratio: 1.034, low: 0.99, high: 1.07 })).toBe(0.01);
    expect(calibratedThreshold({ ratio: 1, low: 0.97, high: 1.03 })).toBe(0.01);
    expect(calibratedThreshold({ ratio: 1.003, low: 1.001, high: 1.005 })).toBe(0.01);
    expect(calibratedThreshold({ ratio: 0.98, low: 0.97, high: 0.99 })).toBe(0.02);
    expect(calibratedThreshold({ ratio: 1.0201, low: 1.001, high: 1.04 })).toBe(0.03);
  });
});

describe("evaluate: the page's judgements as one family", () => {
  it("lets a claim speak for the page only when it survives Holm's step-down over every judgement", () => {
    expect(holm([0.001, 0.02, 0.3])).toEqual([true, false, false]);
    expect(holm([0.001, 0.004, 0.3])).toEqual([true, true, false]);
    expect(holm([])).toEqual([]);
  });

  it("stores every paired figure of every pair, each with n, its interval, t and the outcome", () => {
    const { report } = pairWith(1.1);
    const { judgements, familyAlpha } = evaluate(report);
    expect(familyAlpha).toBe(0.05);
    const cpu = judgements.find((j) => j.image === "nginx-php" && j.figure === "loads.php.cpuUs")!;
    expect(cpu).toMatchObject({ tiny: "scratch", original: "debian", n: 30, outcome: "higher", survives: true });
    expect(cpu.low).toBeGreaterThan(1.05);
    expect(judgements.every((j) => j.p >= 0 && j.p <= 1)).toBe(true);
  });

  it("judges nothing in a size-only run", () => {
    const { report } = pairWith(1.1);
    report.settings.sizeOnly = true;
    expect(evaluate(report).judgements).toEqual([]);
  });
});

describe("signedRankAbove", () => {
  it("is small when every pair lies above the bound, and 1 when none does", () => {
    const original = Array.from({ length: 10 }, () => 100);
    const above = original.map((v, i) => v * (1.2 + i / 100));
    expect(signedRankAbove(above, original, Math.log(1.05))).toBeCloseTo(1 / 2 ** 10, 6);
    expect(signedRankAbove(original, above, Math.log(1.05))).toBe(1);
  });
});

describe("regimes", () => {
  const two = (n: number, low: number, high: number, offset = 0) =>
    Array.from({ length: n }, (_, i) => ((i + offset) % 2 === 0 ? low : high) + (i % 3));

  it("finds two regimes in both flavors, a gap of over 25% between groups of a fifth at least, and their medians", () => {
    expect(regimesOf(two(12, 93, 135), two(12, 93, 135, 1))).toEqual([94, 136]);
  });

  it("finds none in one spread, in a lone outlier, or in a gap only one flavor crosses", () => {
    expect(regimesOf([100, 101, 103, 105, 108, 110], [99, 102, 104, 107, 109, 111])).toBeUndefined();
    expect(regimesOf([100, 101, 102, 103, 104, 200], [100, 101, 102, 103, 104, 105])).toBeUndefined();
    expect(regimesOf([90, 91, 92, 93, 94, 95], [130, 131, 132, 133, 134, 135])).toBeUndefined();
  });

  it("says so under the image's table, so +9% medians beside a paired 'the same' read as what they are", () => {
    const { report } = pairWith(1);
    flavorOf(report, "nginx-php", "debian").loads!.php!.perAnswer = { cpuUs: { median: 93, values: two(30, 93, 135) } };
    flavorOf(report, "nginx-php", "scratch").loads!.php!.perAnswer = { cpuUs: { median: 135, values: two(30, 93, 135) } };
    expect(renderMarkdown(report)).toContain(
      "PHP page CPU per request: its bursts fall into two regimes, about 94 µs and 136 µs, in both flavors.",
    );
  });
});
