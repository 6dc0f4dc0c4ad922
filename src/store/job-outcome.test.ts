import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { asJobOutcome, failedTests, jobSucceeded, parseSteps, writeJobOutcome } from "./job-outcome.js";

const junit = `<?xml version="1.0" encoding="UTF-8" ?>
<testsuites name="vitest tests" tests="3" failures="1" errors="0">
  <testsuite name="suites/nginx-php.test.ts" tests="3" failures="1">
    <testcase classname="suites/nginx-php.test.ts" name="nginx-php [alpine] &gt; serves PHP" time="0.2">
      <failure message="expected 502 to be 200" type="AssertionError">AssertionError: expected 502 to be 200</failure>
    </testcase>
    <testcase classname="suites/nginx-php.test.ts" name="nginx-php [centos] &gt; serves PHP" time="0.1">
    </testcase>
    <testcase classname="suites/nginx-php.test.ts" name="nginx-php [scratch] &gt; not requested" time="0">
      <skipped/>
    </testcase>
  </testsuite>
</testsuites>`;

describe("a CI job's outcome", () => {
  it("reads each step's outcome as GitHub gives it, an empty one as a step that never ran", () => {
    expect(parseSteps("tests=failure,benchmark=success,sizes=")).toEqual({ tests: "failure", benchmark: "success", sizes: "skipped" });
    expect(() => parseSteps("tests=red")).toThrow("--steps: tests=red is not <step>=<outcome>");
    expect(() => parseSteps("")).toThrow("--steps: give each step's outcome");
  });

  it("names the failed tests of JUnit results, file then test, entities decoded", () => {
    expect(failedTests(junit)).toEqual(["suites/nginx-php.test.ts > nginx-php [alpine] > serves PHP"]);
    expect(failedTests("<testsuites/>")).toEqual([]);
  });

  it("is written with a marker the merge tells from a report, and read back", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "job-"));
    try {
      await writeFile(path.join(dir, "results.xml"), junit);
      const out = path.join(dir, "job.json");
      const written = await writeJobOutcome({
        out,
        flavors: "alpine,centos",
        steps: "tests=failure,benchmark=success",
        junit: path.join(dir, "results.xml"),
      });
      expect(written).toEqual({
        flavors: ["alpine", "centos"],
        architecture: os.machine(),
        steps: { tests: "failure", benchmark: "success" },
        failedTestCount: 1,
        failedTests: ["suites/nginx-php.test.ts > nginx-php [alpine] > serves PHP"],
      });
      expect(asJobOutcome(out, JSON.parse(await readFile(out, "utf8")))).toEqual(written);
      expect(jobSucceeded(written)).toBe(false);
      expect(jobSucceeded({ ...written, steps: { tests: "success", benchmark: "success", sizes: "skipped" } })).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("has no test names when the job wrote no results, and refuses a malformed outcome", async () => {
    expect(
      await writeJobOutcome({
        out: path.join(os.tmpdir(), `job-${process.pid}.json`),
        flavors: "alpine",
        steps: "tests=failure",
        junit: "/nonexistent.xml",
      }),
    ).not.toHaveProperty("failedTests");
    await rm(path.join(os.tmpdir(), `job-${process.pid}.json`), { force: true });
    expect(asJobOutcome("r.json", { schemaVersion: 3 })).toBeUndefined();
    expect(() => asJobOutcome("j.json", { "tiny-docker-images job outcome": 1, flavors: ["alpine"] })).toThrow(
      "j.json: a job outcome without its flavors, architecture or steps",
    );
  });
});
