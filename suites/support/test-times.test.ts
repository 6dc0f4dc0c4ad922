import { describe, expect, it } from "vitest";
import { formatTimes, parseJunit } from "./test-times.js";

const xml = `<?xml version="1.0" encoding="UTF-8" ?>
<testsuites name="vitest tests" tests="5" failures="1" errors="0" time="40.5">
    <testsuite name="src/plan.test.ts" timestamp="2026-12-06T21:00:00.000Z" hostname="h" tests="3" failures="0" errors="0" skipped="0" time="0.5">
        <testcase classname="src/plan.test.ts" name="a" time="0.1"></testcase>
    </testsuite>
    <testsuite name="suites/mariadb.test.ts" timestamp="2026-12-06T21:00:00.000Z" hostname="h" tests="1" failures="1" errors="0" skipped="0" time="30">
    </testsuite>
    <testsuite name="suites/bench.test.ts" timestamp="2026-12-06T21:00:00.000Z" hostname="h" tests="1" failures="0" errors="0" skipped="1" time="10">
    </testsuite>
</testsuites>`;

describe("test times from JUnit results", () => {
  it("reads one entry per test file, with its tier", () => {
    expect(parseJunit(xml)).toEqual([
      { file: "src/plan.test.ts", tier: "unit", seconds: 0.5, tests: 3, failures: 0, skipped: 0 },
      { file: "suites/mariadb.test.ts", tier: "fast", seconds: 30, tests: 1, failures: 1, skipped: 0 },
      { file: "suites/bench.test.ts", tier: "slow", seconds: 10, tests: 1, failures: 0, skipped: 1 },
    ]);
  });

  it("prints the slowest first and a sum per tier", () => {
    const lines = formatTimes(parseJunit(xml)).split("\n");
    expect(lines[0]).toBe("    30.0 s  fast  suites/mariadb.test.ts  (1 tests, 1 failed, 0 skipped)");
    expect(lines[2]).toContain("unit  src/plan.test.ts");
    expect(lines.at(-1)).toMatch(/^summed per tier: unit 0\.5 s, fast 30\.0 s, slow 10\.0 s/);
  });
});
