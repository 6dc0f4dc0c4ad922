import { describe, expect, it } from "vitest";
import { expectedLoss } from "./calibrate.js";

describe("expectedLoss", () => {
  it("is what a quota takes from a server that kept more cores busy than it allows", () => {
    expect(expectedLoss(0.95, 1)).toBeCloseTo(0.05, 10);
    expect(expectedLoss(0.95, 0.97)).toBeCloseTo(0.0206, 4);
  });

  it("is nothing when the server used no more than the quota: it was waiting on its load generator", () => {
    expect(expectedLoss(0.95, 0.9)).toBe(0);
    expect(expectedLoss(0.95, 0.95)).toBe(0);
  });
});
