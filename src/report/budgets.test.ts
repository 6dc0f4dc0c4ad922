import { budgetWords } from "../render/budget-words.js";
import { describe, expect, it } from "vitest";
import { checkBudgets, breaches } from "../evaluate/budget-check.js";
import { BudgetsError, loadBudgets, parseBudgets, regressionThreshold, type Budgets } from "./budgets.js";
import { currentReport } from "./fixtures/index.js";
import { imageNames } from "../catalog.js";

const parse = (value: unknown): Budgets => parseBudgets(JSON.stringify(value), "budgets.json");

describe("budgets.json", () => {
  it("is valid, and holds a threshold with its reason for sizes and for each paired figure's ratio", () => {
    const budgets = loadBudgets();
    expect(regressionThreshold("size.bytes", budgets)).toBe(0.05);
    expect(regressionThreshold("loads.php.cpuUs", budgets)).toBe(0.05);
    // Unpaired runtime figures are never judged across runs: no threshold to hold them to.
    expect(regressionThreshold("loads.php.p99Ms", budgets)).toBeUndefined();
    expect(regressionThreshold("memory.peakBytes", budgets)).toBeUndefined();
    expect(Object.values(budgets.regressions).every((r) => r.why.length > 20)).toBe(true);
  });

  it("holds the tiny images to the budgets of the parity issue, nginx-php to 71 and mariadb to 75 MB for what they keep", () => {
    const { sizes } = loadBudgets();
    expect([
      sizes.base?.scratch?.maxMB,
      sizes["nginx-php"]?.scratch?.maxMB,
      sizes.mariadb?.scratch?.maxMB,
      sizes.ab?.scratch?.maxMB,
    ]).toEqual([8, 71, 75, 10]);
  });
});

describe("parseBudgets", () => {
  it("refuses a mistake in one line naming the file, the field and what would be right", () => {
    const refused = (value: unknown, message: string) => expect(() => parse(value)).toThrow(new BudgetsError(`budgets.json: ${message}`));
    refused({ sizes: { nginx: {} } }, `sizes: unknown key "nginx"; valid keys are ${imageNames.join(", ")}`);
    refused({ sizes: { base: { scratch: { maxMB: -1 } } } }, "sizes.base.scratch.maxMB: expected a number above 0");
    refused(
      { sizes: { base: { scratch: { maxmb: 8 } } } },
      'sizes.base.scratch: unknown key "maxmb"; valid keys are maxMB, maxCompressedMB, maxLayers, architectures',
    );
    refused({ ratios: { ab: { minTimesSmaller: "8" } } }, "ratios.ab.minTimesSmaller: expected a number above 0");
    refused(
      { regressions: { "size.byte": { threshold: 0.05, why: "x" } } },
      "regressions.size.byte: no figure has this key; see src/report/figures.ts",
    );
    refused({ regressions: { "size.bytes": { threshold: 0.05 } } }, "regressions.size.bytes.why: say why this threshold");
    refused(
      { regressions: { "loads.sql.failures": { threshold: 1, why: "x" } } },
      "regressions.loads.sql.failures: failures need no threshold: any failure where there were none is one",
    );
    refused({ budgets: {} }, 'the file: unknown key "budgets"; valid keys are about, sizes, ratios, regressions');
    expect(() => parseBudgets("{ nope", "budgets.json")).toThrow(/^budgets\.json: not readable JSON/);
  });
});

describe("checkBudgets", () => {
  const budgets = parse({
    sizes: { base: { scratch: { maxMB: 5, maxCompressedMB: 4, maxLayers: 1 } }, ab: { debian: { maxMB: 100 } } },
    ratios: { base: { minTimesSmaller: 20 }, "nginx-php": { minTimesSmaller: 2 } },
  });

  it("gives one result per budget that applies to what was measured, met or not", () => {
    const results = checkBudgets(currentReport(), budgets);
    expect(results.map((r) => [budgetWords(r).name, budgetWords(r).actual, r.passed])).toEqual([
      ["tiny/base:scratch size ≤ 5 MB", "5.9 MB", false],
      ["tiny/base:scratch compressed size ≤ 4 MB", "2.84 MB", true],
      ["tiny/base:scratch layers ≤ 1", "1", true],
      ["base scratch at least 20.0x smaller than debian", "14.2x smaller", false],
      ["nginx-php scratch at least 2.0x smaller than debian", "3.1x smaller", true],
      ["tiny/ab:debian size ≤ 100 MB", "86 MB", true],
    ]);
    expect(breaches(results).map((r) => budgetWords(r).limit)).toEqual(["≤ 5 MB", "≥ 20.0x"]);
  });

  it("holds an image to its architecture's limits where budgets.json gives some, and to the others' elsewhere", () => {
    const byArchitecture = parse({
      sizes: { base: { scratch: { maxMB: 5, maxLayers: 1, architectures: { aarch64: { maxMB: 7, why: "64 KiB pages" } } } } },
    });
    const arm = currentReport();
    arm.environment.architecture = "aarch64";
    expect(checkBudgets(arm, byArchitecture).map((r) => [budgetWords(r).name, r.passed])).toEqual([
      ["tiny/base:scratch size ≤ 7 MB", true],
      ["tiny/base:scratch layers ≤ 1", true],
    ]);
    expect(checkBudgets(currentReport(), byArchitecture).map((r) => budgetWords(r).name)).toEqual([
      "tiny/base:scratch size ≤ 5 MB",
      "tiny/base:scratch layers ≤ 1",
    ]);
    expect(() => parse({ sizes: { base: { scratch: { architectures: { arm64: { maxMB: 7, why: "x" } } } } } })).toThrow(
      'budgets.json: sizes.base.scratch.architectures: unknown key "arm64"; valid keys are x86_64, aarch64',
    );
    expect(() => parse({ sizes: { base: { scratch: { architectures: { aarch64: { maxMB: 7 } } } } } })).toThrow(
      "budgets.json: sizes.base.scratch.architectures.aarch64.why: say why this architecture differs",
    );
  });
});
