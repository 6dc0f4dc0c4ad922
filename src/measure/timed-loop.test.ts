import { describe, expect, it } from "vitest";
import { timedLoop } from "./timed-loop.js";

describe("timedLoop", () => {
  it("times every answer of every worker until the time is up", async () => {
    const run = await timedLoop(2, 0.1, "request", () => new Promise((resolve) => setTimeout(resolve, 5)));
    expect(run.answers).toBeGreaterThan(10);
    expect(run.errors).toBe(0);
    expect(run.p50Ms).toBeGreaterThanOrEqual(4);
  });

  it("counts a request that never answers as an error after its time limit, so the loop still ends", async () => {
    const started = performance.now();
    const hang = (): Promise<void> => new Promise(() => undefined);
    await expect(timedLoop(2, 0.05, "query", hang, 30)).rejects.toThrow(/^no query succeeded in 0.05 s \([1-9]\d* errors\)$/);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
