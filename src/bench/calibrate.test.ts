import { describe, expect, it } from "vitest";
import { images } from "../catalog.js";
import { calibratedImage, importKnownWork, knownWorkPage, probePathBeside, sizeWork, type KnownWork } from "./known-work.js";

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
  // A stand-in for an image's work (nginx-php's, PHP, is held in images/nginx-php/known-work.test.ts).
  const work: KnownWork = { before: (iterations) => `<work ${iterations}>` };

  it("runs the image's work first and then the page unchanged, printing nothing of its own", () => {
    const page = { path: "/srv/index.php", source: "<?php\necho 'page';\n" };
    const file = knownWorkPage(work, page, 1_000);
    expect(file).toEqual({ path: "/srv/index.php", content: `<work 1000><?php\necho 'page';\n` });
    expect(knownWorkPage(work, page, 5, "/srv/probe.php").path).toBe("/srv/probe.php");
  });

  it("refuses a count of iterations that isn't a whole number", () => {
    const page = { path: "/srv/index.php", source: "" };
    expect(() => knownWorkPage(work, page, 2.5)).toThrow("whole number of iterations");
    expect(() => knownWorkPage(work, page, -1)).toThrow("whole number of iterations");
  });

  it("serves the sizing probe's copy beside the page, the same way (its extension)", () => {
    expect(probePathBeside("/index.php")).toBe("/known-work-probe.php");
    expect(probePathBeside("/app/page.cgi")).toBe("/app/known-work-probe.cgi");
  });
});

describe("the calibrated image", () => {
  it("is the first that declares a calibration, and its known work loads", async () => {
    const { name, calibration } = calibratedImage();
    expect(images.find((i) => i.calibration)?.name).toBe(name);
    const work = await importKnownWork(name, calibration.module);
    expect(work.before(3)).toContain("3");
  });
});
