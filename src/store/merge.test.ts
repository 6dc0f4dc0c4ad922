import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { budgetWords } from "../render/budget-words.js";
import { describe, expect, it } from "vitest";
import { checkBudgets } from "../evaluate/budget-check.js";
import { parseBudgets } from "../report/budgets.js";
import { compareReports, conditionChanges, deltaOf, regressionsOf } from "../evaluate/changes.js";
import { currentReport, flavorOf, previousReport, type Mutable } from "../report/fixtures/index.js";
import { renderJunit } from "../render/junit.js";
import { renderMarkdown as renderJudged } from "../render/render-markdown.js";
import { judged as judgedForRender } from "../report/fixtures/index.js";
import { architecturesOf, machineOf } from "../report/machine.js";
import { describeMachine } from "../render/markdown/words.js";
import { MergeError, mergeReports } from "./merge.js";
import { readReport } from "./read-report.js";
import type { BenchReport } from "../report/schema.js";
import { trendOf } from "../evaluate/trend.js";
import { writeReport } from "./write-report.js";

/** Renders a report as the store hands it over: judged first. */
const renderMarkdown = (report: Parameters<typeof renderJudged>[0]): string => renderJudged(judgedForRender(report));

/** A fixture run on one architecture: x86_64 as it is, aarch64 on a Neoverse-N1 runner. */
function runOn(architecture: "x86_64" | "aarch64", report: Mutable<BenchReport> = currentReport()): Mutable<BenchReport> {
  report.environment.architecture = architecture;
  if (architecture === "aarch64") {
    report.environment.cpuModel = "Neoverse-N1";
    report.environment.cpuCount = 4;
    report.environment.kernel = "Linux 6.8.0-1017-azure";
  }
  return report;
}

const inputs = (...reports: Mutable<BenchReport>[]) => reports.map((report, i) => ({ file: `job-${i + 1}.json`, report }));

function nginxPhp(report: BenchReport, architecture: string) {
  return report.images.find((i) => i.name === "nginx-php" && machineOf(report, i).architecture === architecture)!;
}

describe("mergeReports", () => {
  it("keeps an image measured on two architectures once per architecture, each with its machine", () => {
    const merged = mergeReports(inputs(runOn("x86_64"), runOn("aarch64")));
    expect(merged.images.map((i) => `${i.name} ${i.machine?.architecture}`)).toEqual([
      "base x86_64",
      "base aarch64",
      "mariadb x86_64",
      "mariadb aarch64",
      "nginx-php x86_64",
      "nginx-php aarch64",
      "ab x86_64",
      "ab aarch64",
    ]);
    expect(describeMachine(machineOf(merged, nginxPhp(merged, "aarch64")))).toBe("aarch64, 4 CPUs (Neoverse-N1), 25.3 GB");
    expect(architecturesOf(merged)).toEqual(["x86_64", "aarch64"]);
    expect(merged.unavailable.filter((u) => u.image === "base" && u.flavor === "alpine").map((u) => u.architecture)).toEqual([
      "x86_64",
      "aarch64",
    ]);
    expect(merged.loadGenerator.saturated.map((s) => s.architecture)).toEqual(["x86_64", "x86_64", "aarch64", "aarch64"]);
    expect(merged.loadGenerator.wrk?.map((w) => `${w.flavor} ${w.architecture}`)).toEqual([
      "scratch x86_64",
      "debian x86_64",
      "scratch aarch64",
      "debian aarch64",
    ]);
  });

  it("merges runs that split the images, in the catalog's order, starting when the first run started", () => {
    const [a, b] = [runOn("x86_64"), runOn("x86_64")];
    a.images = a.images.filter((i) => i.name === "ab" || i.name === "nginx-php");
    a.settings.images = ["nginx-php", "ab"];
    a.generatedAt = "2026-11-28T09:20:00.000Z";
    b.images = b.images.filter((i) => i.name === "base" || i.name === "mariadb");
    b.settings.images = ["base", "mariadb"];
    const merged = mergeReports(inputs(a, b));
    expect(merged.images.map((i) => i.name)).toEqual(["base", "mariadb", "nginx-php", "ab"]);
    expect(merged.settings.images).toEqual(["base", "mariadb", "nginx-php", "ab"]);
    expect(merged.generatedAt).toBe(b.generatedAt);
    expect(merged.loadGenerator.maxCpu).toBe(0.94);
  });

  it("refuses, naming the file, runs of other settings or another commit, or the same figures twice", () => {
    const slower = runOn("aarch64");
    slower.settings.rounds = 3;
    expect(() => mergeReports(inputs(runOn("x86_64"), slower))).toThrow(
      new MergeError("job-2.json: settings.rounds 3 where job-1.json has 5"),
    );
    const later = runOn("aarch64");
    later.environment.commit = "0000000";
    expect(() => mergeReports(inputs(runOn("x86_64"), later))).toThrow(/^job-2\.json: commit 0000000 where job-1\.json has 4f9c2e1/);
    expect(() => mergeReports(inputs(runOn("x86_64"), runOn("x86_64")))).toThrow(
      new MergeError("job-2.json: base:scratch on x86_64 is in job-1.json too"),
    );
    expect(() => mergeReports([])).toThrow(MergeError);
  });
});

describe("a merged report downstream", () => {
  const previous = () => mergeReports(inputs(runOn("x86_64", previousReport()), runOn("aarch64", previousReport())));

  it("compares each architecture with its own: a regression on aarch64 is not one on x86_64", () => {
    const arm = runOn("aarch64", previousReport());
    flavorOf(arm, "nginx-php", "scratch").size.bytes *= 1.5;
    const current = mergeReports(inputs(runOn("x86_64", previousReport()), arm));
    const comparison = compareReports(current, [previous()]);
    expect(regressionsOf(comparison).map((d) => `${d.image} [${d.flavor}] ${d.figure} ${d.architecture}`)).toEqual([
      "nginx-php [scratch] size.bytes aarch64",
    ]);
    expect(deltaOf(comparison, "nginx-php", "scratch", "size.bytes", "x86_64")?.regression).toBe(false);
    expect(deltaOf(comparison, "nginx-php", "scratch", "size.bytes", "aarch64")?.regression).toBe(true);
    expect(renderJunit({ ...current, comparison })).toContain('name="nginx-php:scratch (aarch64) size"');
  });

  it("says which architecture's machine changed", () => {
    const arm = runOn("aarch64", previousReport());
    arm.environment.cpuModel = "Neoverse-V2";
    const current = mergeReports(inputs(runOn("x86_64", previousReport()), arm));
    expect(conditionChanges(current, previous())).toEqual([
      { label: "aarch64 CPU model", previous: "Neoverse-N1", current: "Neoverse-V2" },
    ]);
    expect(conditionChanges(runOn("aarch64"), runOn("x86_64"))).toEqual([
      { label: "architecture", previous: "x86_64", current: "aarch64" },
    ]);
  });

  it("names the architecture in budgets and trend lines", () => {
    const merged = mergeReports(inputs(runOn("x86_64"), runOn("aarch64")));
    const budgets = parseBudgets(JSON.stringify({ sizes: { base: { scratch: { maxMB: 8 } } } }), "budgets.json");
    expect(checkBudgets(merged, budgets).map((b) => `${budgetWords(b).name} ${b.architecture}`)).toEqual([
      "tiny/base:scratch (x86_64) size ≤ 8 MB x86_64",
      "tiny/base:scratch (aarch64) size ≤ 8 MB aarch64",
    ]);
    const later = { ...merged, generatedAt: "2026-11-29T09:15:02.417Z" };
    const sizes = trendOf(later, [merged])!.charts[0]!;
    expect(sizes.series.map((s) => s.name).slice(0, 2)).toEqual(["base (x86_64)", "base (aarch64)"]);
  });

  it("is written and read back like any report", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "merge-"));
    try {
      const merged = mergeReports(inputs(runOn("x86_64"), runOn("aarch64")));
      const written = await writeReport(merged, dir);
      expect(await readReport(written.jsonPath)).toMatchObject({ images: merged.images });
      expect(await readFile(written.markdownPath, "utf8")).toContain("nginx-php");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("a pair whose job failed", () => {
  const sizesOnly = (report: Mutable<BenchReport>): Mutable<BenchReport> => {
    report.settings.sizeOnly = true;
    report.settings.rounds = 1;
    for (const image of report.images) {
      for (const f of image.flavors) {
        delete f.startup;
        delete f.memory;
        delete f.loads;
      }
    }
    return report;
  };
  const failedJob = {
    flavors: ["scratch", "debian"],
    architecture: "aarch64",
    steps: { tests: "failure", benchmark: "failure", sizes: "success" },
    failedTestCount: 12,
    failedTests: Array.from({ length: 12 }, (_, i) => `suites/parity.test.ts > mariadb [scratch] > check ${i}`),
  } as const;
  const goodJob = {
    flavors: ["scratch", "debian"],
    architecture: "x86_64",
    steps: { tests: "success", benchmark: "success", sizes: "skipped" },
  } as const;

  it("merges its size-only run with the full runs: its images are sizes only, the settings are the full runs'", () => {
    const merged = mergeReports(inputs(sizesOnly(runOn("aarch64")), runOn("x86_64")), [failedJob, goodJob]);
    expect(merged.settings.sizeOnly).toBeUndefined();
    expect(merged.settings.rounds).toBe(5);
    expect(merged.images.filter((i) => i.sizesOnly).map((i) => `${i.name} ${i.machine?.architecture}`)).toEqual([
      "base aarch64",
      "mariadb aarch64",
      "nginx-php aarch64",
      "ab aarch64",
    ]);
    expect(merged.jobs).toEqual([failedJob, goodJob]);
    // Two size-only runs, or two full ones, are still held to the same settings.
    const other = sizesOnly(runOn("x86_64"));
    other.settings.burstSeconds = 2;
    expect(() => mergeReports(inputs(sizesOnly(runOn("aarch64")), other))).toThrow("settings.burstSeconds");
  });

  it("shows the pair in the headline with why it has no verdict, and the job with its steps and failed tests", () => {
    const page = renderMarkdown(mergeReports(inputs(sizesOnly(runOn("aarch64")), runOn("x86_64")), [failedJob, goodJob]));
    expect(page).toMatch(
      /\| nginx-php on aarch64 \| [^|]+ \| [^|]+ \| [^|]+ \| not measured: its job's benchmark failed \(sizes only\) \|/,
    );
    expect(page).toContain("## Jobs that failed");
    expect(page).toContain("| scratch vs debian | aarch64 | **failed** | **failed** | passed | sizes only |");
    expect(page).not.toContain("| scratch vs debian | x86_64 |");
    expect(page).toContain("- `suites/parity.test.ts > mariadb [scratch] > check 0`");
    expect(page).toContain("- and 2 more (the job's test results)");
  });

  it("names a job that brought no figures at all", () => {
    const lost = {
      flavors: ["alpine", "centos"],
      architecture: "x86_64",
      steps: { tests: "failure", benchmark: "failure", sizes: "failure" },
    } as const;
    const page = renderMarkdown(mergeReports(inputs(runOn("x86_64")), [lost]));
    expect(page).toContain("| alpine vs centos | x86_64 | **failed** | **failed** | **failed** | nothing: no figures reached the merge |");
  });
});
