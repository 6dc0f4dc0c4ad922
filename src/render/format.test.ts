import { describe, expect, it } from "vitest";
import {
  bytesQuantity,
  formatBytes,
  formatCount,
  formatMs,
  formatPercent,
  formatRange,
  formatRate,
  formatRatio,
  formatIntervalEnd,
  formatSignedPercent,
  msQuantity,
  rateQuantity,
} from "./format.js";

describe("formatBytes", () => {
  it("reads like docker images: decimal units, three significant digits", () => {
    expect(formatBytes(5_900_633)).toBe("5.9 MB");
    expect(formatBytes(9_408_588)).toBe("9.41 MB");
    expect(formatBytes(61_154_505)).toBe("61.2 MB");
    expect(formatBytes(186_763_752)).toBe("187 MB");
  });

  it("uses kB below a megabyte, B below a kilobyte and GB from 1e9", () => {
    expect(formatBytes(512_000)).toBe("512 kB");
    expect(formatBytes(1_234)).toBe("1.23 kB");
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1_500_000_000)).toBe("1.5 GB");
    expect(formatBytes(25_276_026_880)).toBe("25.3 GB");
  });

  it("moves to the next unit when rounding reaches 1000", () => {
    expect(formatBytes(999_600)).toBe("1 MB");
    expect(formatBytes(999_400)).toBe("999 kB");
  });
});

describe("formatMs", () => {
  it("shows milliseconds below a second and seconds above", () => {
    expect(formatMs(768)).toBe("768 ms");
    expect(formatMs(1_240)).toBe("1.24 s");
    expect(formatMs(12_345)).toBe("12.3 s");
    expect(formatMs(2.94)).toBe("2.94 ms");
    expect(formatMs(999.7)).toBe("1 s");
  });
});

describe("formatRate", () => {
  it("groups thousands without decimals from 100 up", () => {
    expect(formatRate(5_143)).toBe("5,143 req/s");
    expect(formatRate(5_143.6)).toBe("5,144 req/s");
    expect(formatRate(100)).toBe("100 req/s");
    expect(formatRate(12_345.4, "queries/s")).toBe("12,345 queries/s");
  });

  it("keeps one decimal below 100", () => {
    expect(formatRate(87.46)).toBe("87.5 req/s");
    expect(formatRate(5)).toBe("5.0 req/s");
  });
});

describe("counts, ratios and percentages", () => {
  it("groups counts", () => {
    expect(formatCount(11_873)).toBe("11,873");
  });

  it("gives ratios one decimal, none from 100x", () => {
    expect(formatRatio(5.8)).toBe("5.8x");
    expect(formatRatio(83.754085 / 5.900633)).toBe("14.2x");
    expect(formatRatio(120.4)).toBe("120x");
  });

  it("rounds percentages to whole ones, one decimal below 1%", () => {
    expect(formatPercent(0.03)).toBe("3%");
    expect(formatPercent(-0.234)).toBe("23%");
    expect(formatPercent(0.004)).toBe("0.4%");
    expect(formatPercent(0)).toBe("0%");
  });

  it("signs changes", () => {
    expect(formatSignedPercent(0.02)).toBe("+2%");
    expect(formatSignedPercent(-0.15)).toBe("−15%");
    expect(formatSignedPercent(0)).toBe("±0%");
    expect(formatSignedPercent(0.00001)).toBe("±0%");
  });

  it("never prints an interval's end as ±0%: an end that near the same shows its side", () => {
    expect(formatIntervalEnd(-0.003)).toBe("−0.3%");
    expect(formatIntervalEnd(-0.0003)).toBe("−0.03%");
    expect(formatIntervalEnd(0.00004)).toBe("+0.004%");
    expect(formatIntervalEnd(0)).toBe("0%");
    expect(formatIntervalEnd(0.08)).toBe("+8%");
  });
});

describe("formatRange", () => {
  it("names a shared unit once", () => {
    expect(formatRange({ min: 756, max: 799 }, msQuantity)).toBe("756–799 ms");
    expect(formatRange({ min: 5_012, max: 5_301 }, (n) => rateQuantity(n))).toBe("5,012–5,301 req/s");
    expect(formatRange({ min: 20_905_984, max: 22_020_096 }, bytesQuantity)).toBe("20.9–22 MB");
  });

  it("names both units when the ends differ", () => {
    expect(formatRange({ min: 768, max: 1_020 }, msQuantity)).toBe("768 ms–1.02 s");
  });

  it("shows one figure when both ends read the same", () => {
    expect(formatRange({ min: 3, max: 3.0001 }, msQuantity)).toBe("3 ms");
  });
});
