import { describe, expect, it } from "vitest";
import { median, percentile, range } from "./stats.js";

describe("stats", () => {
  it("takes the middle value, or the mean of the two middle ones", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it("gives the smallest and largest", () => {
    expect(range([3, 9, 1])).toEqual({ min: 1, max: 9 });
  });
  it("takes nearest-rank percentiles", () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
  });
  it("refuses to summarise nothing", () => {
    expect(() => median([])).toThrow(/no values/);
    expect(() => percentile([], 50)).toThrow(/no samples/);
  });
});
