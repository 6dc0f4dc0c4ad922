import { describe, expect, it } from "vitest";
import { knownWorkPage, sizeWork, workLoop } from "./known-work.js";

describe("sizeWork", () => {
  it("sizes the loop from paired bursts: 5% of a 150 µs page at 0.0075 µs an iteration is 1,000 iterations", () => {
    const page = [148, 150, 152, 151, 149];
    // 100,000 iterations added 750 µs to each request.
    const probe = page.map((us) => us + 750);
    expect(sizeWork(page, probe, 100_000, 0.05)).toEqual({ pageUs: 150, usPerIteration: 0.0075, iterations: 1_000 });
  });

  it("takes medians, so one burst disturbed by the machine doesn't size the work", () => {
    const sizing = sizeWork([150, 150, 400], [900, 900, 900], 100_000, 0.05);
    expect(sizing.pageUs).toBe(150);
    expect(sizing.usPerIteration).toBeCloseTo(0.0075, 10);
  });

  it("refuses a probe that cost no more than the page, and no bursts at all", () => {
    expect(() => sizeWork([150], [140], 100_000, 0.05)).toThrow("can't be sized");
    expect(() => sizeWork([], [], 100_000, 0.05)).toThrow("at least one burst");
  });
});

describe("knownWorkPage", () => {
  it("runs the loop first and then the page unchanged, printing nothing of its own", () => {
    const page = { path: "/var/www/html/index.php", source: "<?php\necho 'page';\n" };
    const file = knownWorkPage(page, 1_000);
    expect(file).toEqual({ path: "/var/www/html/index.php", content: `${workLoop(1_000)}<?php\necho 'page';\n` });
    expect(workLoop(1_000)).toMatch(/^<\?php .*\$i < 1000; .* \?>$/);
    expect(knownWorkPage(page, 5, "/var/www/html/probe.php").path).toBe("/var/www/html/probe.php");
  });

  it("refuses a count of iterations that isn't a whole number", () => {
    expect(() => workLoop(2.5)).toThrow("whole number of iterations");
  });
});
