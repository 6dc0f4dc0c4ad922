import { describe, expect, it } from "vitest";
import { currentReport, flavorOf } from "../report/fixtures/index.js";
import { judgedPair } from "../evaluate/evaluate.js";
import type { FlavorReport } from "../report/schema.js";
import { disagreements as storedDisagreements, verdictParts as storedParts, verdictWords } from "./verdict.js";

/** A pair as the page sees it: judged first (evaluate.ts), then worded. */
const verdictParts = (tiny: FlavorReport, original: FlavorReport) =>
  storedParts(tiny, original, judgedPair(undefined, undefined, tiny, original));
const disagreements = (tiny: FlavorReport, original: FlavorReport) =>
  storedDisagreements(tiny, original, judgedPair(undefined, undefined, tiny, original));
/** The verdict as one line, what was compared. */
const verdict = (tiny: FlavorReport, original: FlavorReport): string =>
  verdictParts(tiny, original)
    .filter((p) => !p.notCompared)
    .map((p) => p.text)
    .join(", ");

const pair = (image: Parameters<typeof flavorOf>[1]) => {
  const report = currentReport();
  return { tiny: flavorOf(report, image, "scratch"), original: flavorOf(report, image, "debian") };
};

describe("verdict", () => {
  it("says size only for an image without a service", () => {
    const { tiny, original } = pair("base");
    expect(verdict(tiny, original)).toBe("14.2x smaller");
  });

  it("judges a runtime figure without pairs not at all: not compared, its values beside", () => {
    const { tiny, original } = pair("nginx-php");
    // The fixture's report predates paired values: medians and ranges only.
    expect(verdict(tiny, original)).toBe("3.1x smaller");
    const parts = verdictParts(tiny, original);
    expect(parts.map((p) => p.text)).toEqual([
      "3.1x smaller",
      "start-up: not compared",
      "memory idle: not compared",
      "requests/s: not compared",
      "requests/s of the static file: not compared",
    ]);
    expect(parts.slice(1).every((p) => p.notCompared && p.withinNoise)).toBe(true);
  });

  it("says which flavor had failed requests, as a count", () => {
    const { tiny, original } = pair("ab");
    expect(verdict(tiny, original)).toBe("9.1x smaller, scratch had 12 failed/non-2xx requests");
  });

  it("words a tiny flavor that lost: larger, slower, costlier", () => {
    const { tiny, original } = pair("nginx-php");
    tiny.size.bytes = original.size.bytes * 1.5;
    const base = [2000, 2100, 1900, 2050, 1950, 2020, 1980, 2010];
    original.startup!.values = base;
    tiny.startup!.values = base.map((v) => v * 1.5);
    original.loads!.php!.perAnswer = { cpuUs: { median: 150, values: base.map((v) => v / 10) } };
    tiny.loads!.php!.perAnswer = { cpuUs: { median: 165, values: base.map((v) => v / 9) } };
    expect(verdict(tiny, original)).toBe(
      "1.5x larger, starts 1.5x slower (95% interval +50% to +50%), 11% more CPU per request (95% interval +11% to +11%)",
    );
  });

  it("leaves out what only one flavor has", () => {
    const { tiny, original } = pair("nginx-php");
    delete tiny.startup;
    delete original.loads;
    expect(verdictParts(tiny, original).map((p) => p.subject)).toEqual(["size", "memory idle"]);
  });

  it("says about the same when the figures round to no difference", () => {
    const { tiny, original } = pair("base");
    tiny.size.bytes = original.size.bytes * 1.01;
    expect(verdict(tiny, original)).toBe("about the same size");
  });
});

describe("disagreements", () => {
  const eight = [100, 101, 99, 100, 102, 98, 100, 101];
  it("says where CPU per request and throughput can't both be right", () => {
    const { tiny, original } = pair("nginx-php");
    original.loads!.php!.perAnswer = { cpuUs: { median: 100, values: eight } };
    tiny.loads!.php!.perAnswer = { cpuUs: { median: 110, values: eight.map((v) => v * 1.1) } };
    original.loads!.php!.values = eight.map((v) => v * 60);
    tiny.loads!.php!.values = eight.map((v) => v * 66);
    expect(disagreements(tiny, original)).toEqual([
      "PHP page CPU per request (+10%) and PHP page throughput (+10%) disagree beyond their intervals: the CPU figure is the one a busy machine moves least.",
    ]);
  });

  it("is silent when the two agree, or either is unsure", () => {
    const { tiny, original } = pair("nginx-php");
    original.loads!.php!.perAnswer = { cpuUs: { median: 100, values: eight } };
    tiny.loads!.php!.perAnswer = { cpuUs: { median: 110, values: eight.map((v) => v * 1.1) } };
    original.loads!.php!.values = eight.map((v) => v * 60);
    tiny.loads!.php!.values = eight.map((v) => (v * 60) / 1.1);
    expect(disagreements(tiny, original)).toEqual([]);
    tiny.loads!.php!.values = eight.map((v, i) => v * 60 * (i % 2 ? 1.3 : 0.8));
    expect(disagreements(tiny, original)).toEqual([]);
  });
});

describe("verdict from paired runs", () => {
  it("claims a difference only when the pairs' interval lies beyond the threshold, and gives the interval", () => {
    const { tiny, original } = pair("nginx-php");
    const base = [7000, 7100, 6900, 7050, 6950, 7020, 6980, 7010];
    original.loads!.php!.values = base;
    tiny.loads!.php!.values = base.map((v, i) => v * (0.9 + (i % 2) * 0.01));
    expect(verdictParts(tiny, original).find((p) => p.subject === "requests/s")).toEqual({
      figure: "loads.php.perSec",
      subject: "requests/s",
      text: "10% fewer requests/s (95% interval −10% to −9%)",
      short: "10% fewer (−10% to −9%)",
      direction: "lower",
      withinNoise: false,
      survives: true,
      resolution: expect.closeTo(0.1, 2) as number,
    });
  });

  it("says a real difference within the threshold is the same, never a gain: 2% faster starts, held to ±10%", () => {
    const { tiny, original } = pair("mariadb");
    original.startup!.values = [2000, 2100, 1900, 2050, 1950, 2020, 1980, 2010];
    tiny.startup!.values = original.startup!.values.map((v) => v * 0.98);
    expect(verdictParts(tiny, original).find((p) => p.subject === "start-up")?.text).toBe(
      "start-up: the same within ±10% (−2%, 95% interval −2% to −2%)",
    );
  });

  it("says a difference beyond the threshold in percent, where a ratio would read 1.0x", () => {
    const { tiny, original } = pair("mariadb");
    original.startup!.values = [2000, 2100, 1900, 2050, 1950, 2020, 1980, 2010];
    tiny.startup!.values = original.startup!.values.map((v) => v * 0.88);
    expect(verdictParts(tiny, original).find((p) => p.subject === "start-up")?.text).toBe("starts 1.1x faster (95% interval −12% to −12%)");
  });

  it("says the same within ±t, or no difference detected, always with the paired estimate and its interval", () => {
    const { tiny, original } = pair("nginx-php");
    original.loads!.php!.values = [100, 100, 100, 100, 100, 100];
    tiny.loads!.php!.values = [99, 101.5, 99.5, 100.5, 101, 99];
    expect(verdictParts(tiny, original).find((p) => p.subject === "requests/s")).toEqual({
      figure: "loads.php.perSec",
      subject: "requests/s",
      text: "requests/s: the same within ±3% (0%, 95% interval −1% to +1%)",
      short: "the same within ±3% (0%, −1% to +1%)",
      brief: "the same within ±3% (−1% to +1%)",
      withinNoise: true,
      sameWithin: 0.03,
      resolution: expect.closeTo(0.015, 2) as number,
    });
    tiny.loads!.php!.values = [92, 109, 98, 103, 104, 94];
    expect(verdictParts(tiny, original).find((p) => p.subject === "requests/s")?.text).toBe(
      "requests/s: no difference detected (+0.1%, 95% interval −8% to +9%)",
    );
  });
});

describe("verdict from few pairs", () => {
  it("claims nothing from fewer pairs than a 95% interval needs, and says so", () => {
    const { tiny, original } = pair("ab");
    original.loads!.ab!.values = [4000, 4100, 3900];
    tiny.loads!.ab!.values = [4040, 4150, 3950];
    expect(verdictParts(tiny, original).find((p) => p.subject === "requests/s")?.text).toBe(
      "requests/s: no difference detected (3 pairs, too few for a 95% interval)",
    );
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
