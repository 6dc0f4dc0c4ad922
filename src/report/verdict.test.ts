import { describe, expect, it } from "vitest";
import { currentReport, flavorOf } from "./fixtures/index.js";
import { rangesOverlap, verdict, verdictParts, verdictWords } from "./verdict.js";

const pair = (image: Parameters<typeof flavorOf>[1]) => {
  const report = currentReport();
  return { tiny: flavorOf(report, image, "scratch"), original: flavorOf(report, image, "debian") };
};

describe("verdict", () => {
  it("says size only for an image without a service", () => {
    const { tiny, original } = pair("base");
    expect(verdict(tiny, original)).toBe("14.2x smaller");
  });

  it("names every figure both flavors have, size first", () => {
    const { tiny, original } = pair("nginx-php");
    expect(verdict(tiny, original)).toBe("3.1x smaller, starts 1.4x faster, uses 23% less memory idle, 3% fewer requests/s");
  });

  it("claims no winner when the ranges overlap, and gives the spread", () => {
    const { tiny, original } = pair("mariadb");
    // scratch 8,421 (8,190–8,602) against debian 8,288 (8,011–8,540): the widest stray is 277/8,288.
    expect(verdict(tiny, original)).toBe("6.2x smaller, starts 1.2x faster, uses 6% less memory idle, queries/s within noise (±3%)");
    expect(verdictParts(tiny, original).find((p) => p.subject === "queries/s")?.withinNoise).toBe(true);
  });

  it("says which flavor had failed requests beside its throughput", () => {
    const { tiny, original } = pair("ab");
    expect(verdict(tiny, original)).toBe("9.1x smaller, requests/s within noise (±3%), scratch had 12 failed/non-2xx requests");
  });

  it("words a tiny flavor that lost: larger, slower, more memory", () => {
    const { tiny, original } = pair("nginx-php");
    tiny.size.bytes = original.size.bytes * 1.5;
    tiny.startup = { medianMs: 900, range: { min: 880, max: 950 }, samples: 5 };
    tiny.memory!.idleBytes = 40_000_000;
    tiny.memory!.idleRange = { min: 39_000_000, max: 41_000_000 };
    tiny.http!.php.requestsPerSec = 6_000;
    tiny.http!.php.range.requestsPerSec = { min: 5_900, max: 6_100 };
    expect(verdict(tiny, original)).toBe("1.5x larger, starts 1.5x slower, uses 43% more memory idle, 13% more requests/s");
  });

  it("says start-up is within noise when its ranges overlap", () => {
    const { tiny, original } = pair("nginx-php");
    tiny.startup = { medianMs: 575, range: { min: 540, max: 640 }, samples: 5 };
    expect(verdictParts(tiny, original).find((p) => p.subject === "start-up")).toEqual({
      figure: "startup.medianMs",
      subject: "start-up",
      text: "start-up within noise (±11%)",
      withinNoise: true,
    });
  });

  it("leaves out what only one flavor has", () => {
    const { tiny, original } = pair("nginx-php");
    delete tiny.startup;
    delete original.http;
    expect(verdictParts(tiny, original).map((p) => p.subject)).toEqual(["size", "memory idle"]);
  });

  it("says about the same when the figures round to no difference", () => {
    const { tiny, original } = pair("base");
    tiny.size.bytes = original.size.bytes * 1.01;
    expect(verdict(tiny, original)).toBe("about the same size");
  });
});

describe("verdict from paired runs", () => {
  it("claims a difference only when the pairs' interval excludes none, and gives the interval", () => {
    const { tiny, original } = pair("nginx-php");
    const base = [7000, 7100, 6900, 7050, 6950, 7020, 6980, 7010];
    original.http!.php.values = base;
    tiny.http!.php.values = base.map((v, i) => v * (0.9 + (i % 2) * 0.01));
    expect(verdictParts(tiny, original).find((p) => p.subject === "requests/s")).toEqual({
      figure: "http.php.requestsPerSec",
      subject: "requests/s",
      text: "9% fewer requests/s (95% CI −10% to −9%)",
      withinNoise: false,
    });
  });

  it("says a small but real difference in start-up in percent, where a ratio would read 1.0x", () => {
    const { tiny, original } = pair("mariadb");
    original.startup!.values = [2000, 2100, 1900, 2050, 1950, 2020, 1980, 2010];
    tiny.startup!.values = original.startup!.values.map((v) => v * 0.98);
    expect(verdictParts(tiny, original).find((p) => p.subject === "start-up")?.text).toBe("starts 2% faster (95% CI −2% to −2%)");
  });

  it("says no difference was detected, and how large a one the run could not rule out", () => {
    const { tiny, original } = pair("nginx-php");
    original.http!.php.values = [100, 100, 100, 100, 100, 100];
    tiny.http!.php.values = [97, 104, 99, 101, 102, 98];
    expect(verdictParts(tiny, original).find((p) => p.subject === "requests/s")).toEqual({
      figure: "http.php.requestsPerSec",
      subject: "requests/s",
      text: "requests/s: no difference detected (±4%)",
      withinNoise: true,
    });
  });
});

describe("verdict from few pairs", () => {
  it("claims nothing from fewer pairs than a 95% interval needs, and says so", () => {
    const { tiny, original } = pair("ab");
    original.ab!.values = [4000, 4100, 3900];
    tiny.ab!.values = [4040, 4150, 3950];
    expect(verdictParts(tiny, original).find((p) => p.subject === "requests/s")?.text).toBe(
      "requests/s: no difference detected (±1%; 3 pairs, too few for a 95% interval)",
    );
  });
});

describe("rangesOverlap", () => {
  it("counts touching ends as overlapping", () => {
    expect(rangesOverlap({ min: 1, max: 2 }, { min: 2, max: 3 })).toBe(true);
    expect(rangesOverlap({ min: 1, max: 2 }, { min: 2.1, max: 3 })).toBe(false);
  });
});

describe("verdictWords", () => {
  it("drops the subject a table row or column already names, and keeps words that need it", () => {
    expect(verdictWords({ subject: "requests/s", text: "requests/s: no difference detected (±4%)", withinNoise: true })).toBe(
      "no difference detected (±4%)",
    );
    expect(verdictWords({ subject: "memory idle", text: "memory idle within noise (±3%)", withinNoise: true })).toBe("within noise (±3%)");
    expect(verdictWords({ subject: "memory idle", text: "uses 1% less memory idle", withinNoise: false })).toBe("uses 1% less memory idle");
  });
});
