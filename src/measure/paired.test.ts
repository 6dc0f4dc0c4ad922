import { describe, expect, it } from "vitest";
import { pairedDifference } from "./paired.js";

describe("pairedDifference", () => {
  it("by default gives the Hodges–Lehmann ratio with the signed-rank interval: Walsh averages 9 and 47 of 55 for 10 pairs", () => {
    const logs = [-0.05, -0.03, -0.02, -0.01, 0, 0.01, 0.02, 0.04, 0.06, 0.08];
    const d = pairedDifference(
      logs.map((l) => Math.exp(l)),
      logs.map(() => 1),
    )!;
    const walsh = logs.flatMap((a, i) => logs.slice(i).map((b) => (a + b) / 2)).sort((a, b) => a - b);
    expect(walsh).toHaveLength(55);
    // P(T <= 8) = 25/1024 for 10 pairs: ranks 9 and 47 cover 1 - 2 x 25/1024.
    expect(d.confidence).toBeCloseTo(1 - 50 / 1024, 10);
    expect(Math.log(d.low)).toBeCloseTo(walsh[8]!, 10);
    expect(Math.log(d.high)).toBeCloseTo(walsh[46]!, 10);
    expect(Math.log(d.ratio)).toBeCloseTo((walsh[27]! + walsh[27]!) / 2, 10);
    expect(d.detected).toBe(false);
  });

  it("is narrower than the sign test on the same symmetric pairs", () => {
    const ratios = Array.from({ length: 30 }, (_, i) => 1 + ((i * 7) % 13) / 100 - 0.06);
    const ones = ratios.map(() => 1);
    const rank = pairedDifference(ratios, ones)!;
    const sign = pairedDifference(ratios, ones, { method: "sign" })!;
    expect(rank.high - rank.low).toBeLessThan(sign.high - sign.low);
  });

  it("gives the median ratio with the sign-test interval: ranks 4 and 12 of 15 cover 96%", () => {
    const original = Array.from({ length: 15 }, () => 100);
    const tiny = [90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100, 101, 102, 103, 104];
    const d = pairedDifference(tiny, original, { method: "sign" })!;
    expect(d.n).toBe(15);
    expect(d.ratio).toBeCloseTo(0.97, 10);
    expect(d.low).toBeCloseTo(0.93, 10);
    expect(d.high).toBeCloseTo(1.01, 10);
    expect(d.confidence).toBeCloseTo(0.9648, 4);
    expect(d.detected).toBe(false);
    expect(d.resolution).toBeCloseTo(0.07, 10);
  });

  it("calls a difference only when the interval excludes 1", () => {
    const original = [100, 102, 98, 101, 99, 100, 103, 97];
    const slower = original.map((v, i) => v * (0.9 + (i % 3) * 0.01));
    expect(pairedDifference(slower, original)).toMatchObject({ detected: true });
    expect(pairedDifference(slower, original)!.high).toBeLessThan(1);
    expect(pairedDifference(original, original)).toMatchObject({ ratio: 1, low: 1, high: 1, detected: false, resolution: 0 });
  });

  it("pairs by position, so a drift both sides share cancels", () => {
    const original = [100, 200, 300, 400, 500, 600];
    const tiny = original.map((v) => v * 1.05);
    expect(pairedDifference(tiny, original)).toMatchObject({ low: 1.05, high: 1.05, detected: true });
  });

  it("says how little it can promise from few pairs: min–max, below 95%", () => {
    const d = pairedDifference([1, 2, 3], [1, 1, 1])!;
    expect(d.low).toBeCloseTo(1, 10);
    expect(d.high).toBeCloseTo(3, 10);
    expect(d.confidence).toBeCloseTo(0.75, 10);
    // Every ratio above 1, but three pairs can't support a 95% claim.
    expect(pairedDifference([1.1, 1.2, 1.3], [1, 1, 1])).toMatchObject({ detected: false });
    expect(pairedDifference([1.1, 1.2, 1.3, 1.1, 1.2, 1.3], [1, 1, 1, 1, 1, 1])).toMatchObject({ detected: true });
    expect(pairedDifference([1], [1])).toBeUndefined();
  });
});
