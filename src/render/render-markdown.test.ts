import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../catalog.js";
import { readReport } from "../store/read-report.js";
import { compareReports } from "../evaluate/changes.js";
import { evaluate } from "../evaluate/evaluate.js";
import { currentReport, flavorOf, previousReport, type Mutable } from "../report/fixtures/index.js";
import { summarise } from "./markdown/hardening.js";
import { rowUnit } from "./markdown/image-section.js";
import { splitReason } from "./markdown/unavailable.js";
import { colourOfEmoji } from "./markdown/colours.js";
import { slug } from "./markdown/anchors.js";
import { trendOf } from "../evaluate/trend.js";
import { mergeReports } from "../store/merge.js";
import { renderMarkdown as renderJudged } from "./render-markdown.js";
import { judged as judgedForRender } from "../report/fixtures/index.js";
import type { BenchReport } from "../report/schema.js";

/** Renders a report as the store hands it over: judged first. */
const renderMarkdown = (report: Parameters<typeof renderJudged>[0]): string => renderJudged(judgedForRender(report));

/** A report carrying its comparison with another, as writeReport makes it. */
const compared = (report: BenchReport, previous: BenchReport): BenchReport => ({
  ...report,
  comparison: compareReports(report, [previous]),
});

/** The lines of the section under a "## " heading, up to the next one. */
function section(markdown: string, heading: string): string[] {
  const lines = markdown.split("\n");
  const start = lines.indexOf(`## ${heading}`);
  if (start < 0) throw new Error(`no section ${heading}`);
  const end = lines.findIndex((l, i) => i > start && l.startsWith("## "));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** Cells of a table row, honouring escaped pipes. */
function cells(row: string): string[] {
  return row
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

/** Every table in the markdown, as runs of lines that start with a pipe. */
function tables(markdown: string): string[][] {
  const found: string[][] = [];
  let current: string[] = [];
  for (const line of [...markdown.split("\n"), ""]) {
    if (line.startsWith("|")) current.push(line);
    else if (current.length > 0) {
      found.push(current);
      current = [];
    }
  }
  return found;
}

function rowOf(lines: readonly string[], first: string): string[] {
  const row = lines.find((l) => l.startsWith("|") && cells(l)[0] === first);
  if (!row) throw new Error(`no row ${first}`);
  return cells(row);
}

/** The paired values of a report whose runtime figures were measured in bursts: tiny a little cheaper on the PHP page. */
function withPairs(report = currentReport()): Mutable<BenchReport> {
  const tiny = flavorOf(report, "nginx-php", "scratch");
  const original = flavorOf(report, "nginx-php", "debian");
  const values = (base: number, step: number) => Array.from({ length: 30 }, (_, i) => base + ((i * 7) % 11) * step);
  tiny.loads!.php!.perAnswer = { cpuUs: { median: 170, values: values(165, 1) } };
  original.loads!.php!.perAnswer = { cpuUs: { median: 181, values: values(180, 1).reverse() } };
  tiny.loads!.php!.values = values(5_000, 40);
  original.loads!.php!.values = values(5_010, 40).reverse();
  return report;
}

describe("renderMarkdown: the first screen", () => {
  it("opens with the title, the status block, then one row per image", () => {
    const markdown = renderMarkdown(currentReport());
    const lines = markdown.split("\n");
    expect(lines[0]).toBe("# Tiny vs original images, 2026-11-28 (4f9c2e1)");
    expect(lines[2]).toMatch(/^> \[!(NOTE|WARNING)\]$/);
    expect(lines[3]).toBe(
      "> **The tiny images are 3.1x to 14.2x smaller than their originals; no CPU per answer was compared (no load measured it in pairs).**",
    );
    const [head] = tables(markdown);
    expect(cells(head![0]!)).toEqual([
      "image",
      "size",
      "smaller",
      "[CPU per answer (95% interval)](#how-measured)",
      "[throughput (2nd opinion)](#how-measured)",
    ]);
    expect(cells(head![2]!)).toEqual(["base", "83.8 → 5.9\u00a0MB", "14.2x", "no load", "no load"]);
    expect(cells(head![3]!).slice(0, 3)).toEqual(["nginx-php", "187 → 61.2\u00a0MB", "3.1x"]);
    expect(markdown).toContain(
      "the 2016 post's CentOS 7 → Alpine images were smaller by base 18.8x, nginx-php 5.9x, mariadb 2.3x and ab 18.6x",
    );
  });

  it("says the result in one sentence: how much smaller, what it cost, with the resolution", () => {
    const markdown = renderMarkdown(withPairs());
    expect(markdown.split("\n")[3]).toMatch(
      /^> \*\*The tiny images are 3\.1x to 14\.2x smaller than their originals; going tiny saved CPU: nginx-php \d+% less CPU per request \(95% interval −\d+% to −\d+%\)\.\*\*$/,
    );
    expect(tables(markdown)[0]!.find((r) => r.startsWith("| nginx-php"))).toMatch(
      /\| \d+% less \(−\d+% to −\d+%\) \| the same within ±3% \(−1% to \+0\.9%\) \|$/,
    );
  });

  it("names an A/A run in its title, so its claims read as the false ones they are", () => {
    const report = withPairs();
    report.settings.sameImage = true;
    expect(renderMarkdown(report).split("\n")[0]).toBe(
      "# A/A: each original against itself (sizes: tiny vs original), 2026-11-28 (4f9c2e1)",
    );
    expect(renderMarkdown(report).split("\n")[3]).toContain("the same image saved CPU: nginx-php");
  });

  it("counts the page's paired judgements in the status block, and lets only a claim that survives their number speak for the page", () => {
    const report = withPairs();
    const markdown = renderMarkdown(report);
    expect(markdown).toMatch(
      /^> - Judgements: \d+ paired figures on this page; 1 claims a difference beyond its threshold, 1 of them survives Holm's correction for their number/m,
    );
    // The same 8% saving, stored as a claim the page's number of judgements doesn't carry.
    const stored = evaluate(report);
    const weak = renderMarkdown({
      ...report,
      evaluation: { ...stored, judgements: stored.judgements.map((j) => ({ ...j, survives: false })) },
    });
    expect(weak.split("\n")[3]).toContain("going tiny cost no CPU that this run could see: no difference the page can claim in nginx-php");
    expect(tables(weak)[0]!.find((r) => r.startsWith("| nginx-php"))).toMatch(
      /\| no difference the page can claim \(\d+% less, −\d+% to −\d+%\) \|/,
    );
  });

  it("gives one status line each to budgets, regressions, what was not measured and what to trust less, each linking to its section", () => {
    const report = {
      ...compared(currentReport(), previousReport()),
      vulnerabilityScan: { skipped: "Trivy is not installed (the nightly installs it)" },
    };
    const status = renderMarkdown(report)
      .split("\n")
      .filter((l) => l.startsWith("> - "));
    expect(status).toEqual([
      "> - Regressions: **2** against the run of 2026-11-27 (9d8c7b6) ([changes](#changes-and-budgets)).",
      "> - Not measured: alpine and centos, which could not be built here ([why](#not-measured-here)).",
      "> - Not scanned for known vulnerabilities ([why](#hardening-and-known-vulnerabilities)).",
      "> - Trust: the load generator was at its limit in 2 bursts, whose throughput is a lower bound ([check](#how-measured)).",
      "> - Resolution: not calibrated on this machine; each ± is this run's own ([how measured](#how-measured)).",
    ]);
    expect(renderMarkdown(report)).toContain("> [!WARNING]");
    for (const line of status) expect(line, line).toMatch(/\]\(#[a-z-]+\)\)?\.$|no earlier run to compare with\.$/);
  });

  it("is a NOTE when nothing needs a person, a WARNING when a budget broke", () => {
    const report = previousReport();
    report.unavailable = [];
    const budget = {
      name: "tiny/base:scratch size ≤ 7 MB",
      image: "base",
      flavor: "scratch",
      actual: "5.51 MB",
      limit: "≤ 7 MB",
      passed: true,
    } as const;
    report.budgets = [budget];
    expect(renderMarkdown(report)).toContain("> [!NOTE]\n");
    expect(renderMarkdown(report)).toContain("> - Budgets: all 1 of `budgets.json` met ([budgets](#changes-and-budgets)).");
    report.budgets = [{ ...budget, name: "tiny/base:scratch size ≤ 5 MB", limit: "≤ 5 MB", passed: false }];
    expect(renderMarkdown(report)).toContain("> [!WARNING]\n");
    expect(renderMarkdown(report)).toContain(
      "> - Budgets: **1 of 1 broken**: tiny/base:scratch size ≤ 5 MB ([budgets](#changes-and-budgets)).",
    );
  });

  it("says the machine in plain terms: cores, who had which", () => {
    const report = currentReport();
    expect(renderMarkdown(report)).toContain(
      "Measured on one x86_64 machine with 2 cores (AMD EPYC 7B13) and 25.3 GB of memory, shared by the servers and the load generators.",
    );
    report.settings.isolation = { server: "1", generator: "0" };
    expect(renderMarkdown(report)).toContain("the servers had 1 core and the load generators 1 core of their own.");
    report.settings.isolation = { server: "0,2-3", generator: "1" };
    expect(renderMarkdown(report)).toContain("the servers had 3 cores and the load generators 1 core of their own.");
  });

  it("names each image's architecture and machine in a report merged from several", () => {
    const x86 = withPairs();
    const arm = withPairs();
    // On aarch64 the tiny flavor costs 20% more per request; on x86_64 the fixture's 8% less.
    const armTiny = flavorOf(arm, "nginx-php", "scratch").loads!.php!.perAnswer!.cpuUs!;
    armTiny.values = flavorOf(arm, "nginx-php", "debian").loads!.php!.perAnswer!.cpuUs!.values.map((v) => v * 1.2);
    arm.environment.architecture = "aarch64";
    arm.environment.cpuModel = "Neoverse-N1";
    arm.environment.cpuCount = 4;
    x86.environment.architecture = "x86_64";
    const merged = mergeReports([
      { file: "x86.json", report: x86 },
      { file: "arm.json", report: arm },
    ]);
    const markdown = renderMarkdown(merged);
    expect(markdown).toContain("## nginx-php on aarch64\n\nNginx and PHP-FPM under one supervisor");
    expect(markdown).toContain("\n\nMeasured on aarch64, 4 CPUs (Neoverse-N1), 25.3 GB.\n\n");
    expect(markdown).toContain("## nginx-php on x86_64");
    expect(markdown).toContain("Merged from 2 machines, each pair measured side by side on one of them");
    expect(tables(markdown)[0]!.some((row) => row.startsWith("| mariadb on aarch64 |"))).toBe(true);
    // Each architecture's section words its own stored judgement: none missed, none taken from the other machine.
    const cpuRow = (heading: string) => rowOf(section(markdown, heading), "PHP page CPU per request (µs)")[3];
    expect(cpuRow("nginx-php on aarch64")).toMatch(/^20% more \(\+20% to \+20%\)$/);
    expect(cpuRow("nginx-php on x86_64")).toMatch(/^\d+% less \(−\d+% to −\d+%\)$/);
  });

  it("explains what no difference detected and its ± mean, with this machine's calibrated resolution", () => {
    const report = currentReport();
    const paired = (ratio: number, low: number, high: number, detected: boolean) => ({ n: 30, ratio, low, high, detected });
    report.calibration = {
      calibrationVersion: 2,
      generatedAt: "2026-11-28T12:00:00.000Z",
      settings: { rounds: 3, durationSeconds: 5, burstSeconds: 0.5, connections: 16 },
      knownLoss: 0.05,
      sizing: { pageUs: 150, usPerIteration: 0.0075, iterations: 1000 },
      figures: [
        { figure: "loads.php.cpuUs", sameImage: paired(1.0, 0.98, 1.03, false), knownWork: paired(1.05, 1.03, 1.07, true) },
        { figure: "loads.php.perSec", sameImage: paired(1.01, 0.93, 1.09, false), knownWork: paired(0.97, 0.9, 1.04, false) },
      ],
    };
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('**"no difference detected"** otherwise. Every cell gives the paired estimate and its interval');
    expect(markdown).toContain("survives Holm's step-down over all of them at 5% family-wise");
    expect(markdown).toContain(
      "Calibrated on this machine 2026-11-28 with 30 pairs: PHP page CPU per request: the same image against itself 0% (its interval reaching ±3%), t = ±1%; 5% more work per request claimed (+5%); PHP page throughput: the same image against itself +1% (its interval reaching ±9%), t = ±1%; 5% more work per request not claimed (−3%).",
    );
    expect(markdown).not.toContain("Resolution: not calibrated");
  });

  it("draws one chart of the compressed sizes (the table has the others), a bar per role and image, its legend under it in the same colours", () => {
    const markdown = renderMarkdown(currentReport());
    const blocks = [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```\n\n(.*)/g)];
    expect(blocks).toHaveLength(1);
    const [init, kind, xAxis, yAxis, original, tiny, ...rest] = blocks[0]![1]!.split("\n").map((l) => l.trim());
    expect(init).toContain('"plotColorPalette":"#e8772e, #2f81f7"');
    expect(kind).toBe("xychart-beta horizontal");
    expect(rest).toEqual([]);
    // The numbers are the table's: the chart's labels don't say them again.
    expect(xAxis).toBe('x-axis ["base", "nginx-php", "mariadb", "ab"]');
    expect(original).toBe("bar [29.9, 62.4, 87.1, 31]");
    expect(tiny).toBe("bar [2.84, 21.9, 17.2, 3.91]");
    expect(Number(/^y-axis "compressed size \(what a pull transfers\), MB" 0 --> (\d+)$/.exec(yAxis!)?.[1])).toBeGreaterThanOrEqual(87.1);
    expect(blocks[0]![2]).toBe("🟧 **original** (debian) · 🟦 **tiny** (scratch)");
  });

  it("shows a half-measured pair with dashes and no verdict", () => {
    const markdown = renderMarkdown(previousReport());
    expect(tables(markdown)[0]).toContain("| base (alpine vs centos) | – | – | centos not measured | – |");
    expect(section(markdown, "base")).toContain("Only tiny (alpine) was measured: no comparison.");
  });

  it("marks a dirty working tree in the title and among what to trust less", () => {
    const report = currentReport();
    report.environment.commitDirty = true;
    const markdown = renderMarkdown(report);
    expect(markdown.split("\n")[0]).toBe("# Tiny vs original images, 2026-11-28 (4f9c2e1 with uncommitted changes)");
    expect(markdown).toContain("> - Trust: measured with uncommitted changes in the working tree.");
  });
});

describe("renderMarkdown: one section per image", () => {
  it("says whether a rebuild from nothing gave the tiny image's ID again, and where it first differed when not", () => {
    const report = currentReport();
    const tiny = flavorOf(report, "base", "scratch");
    tiny.imageId = "sha256:458c428ef475aa00112233445566778899aabbccddeeff00112233445566778899";
    const about = () => section(renderMarkdown(report), "base")[1]!;
    expect(about()).not.toContain("built again");
    tiny.reproduction = { rebuiltId: tiny.imageId, reproduced: true };
    expect(about()).toContain("Its tiny image, `sha256:458c428ef475`, came out the same when built again from nothing");
    tiny.reproduction = { rebuiltId: "sha256:0123456789abcdef", reproduced: false, difference: "/etc/os-release: its bytes" };
    expect(about()).toContain(
      "did not reproduce: built again from nothing it was `sha256:0123456789ab`, first differing in /etc/os-release: its bytes.",
    );
  });

  it("compares an image's figures side by side: figure (unit) | original | tiny | tiny vs original", () => {
    const lines = section(renderMarkdown(withPairs()), "nginx-php");
    expect(lines[1]).toBe(
      "Nginx and PHP-FPM under one supervisor, serving PHP and static files on port 80. Loads: PHP page: autocannon on `/index.php`; static file: autocannon on `/static/gradient.png`; 16 connections.",
    );
    expect(cells(lines.find((l) => l.startsWith("|"))!)).toEqual([
      "figure (unit)",
      "original (debian)",
      "tiny (scratch)",
      "[tiny vs original (95% interval)](#how-measured)",
    ]);
    expect(rowOf(lines, "size / compressed (MB)")).toEqual([
      "size / compressed (MB)",
      "187 / 62.4",
      "61.2 / 21.9",
      "3.1x smaller / 2.9x smaller",
    ]);
    expect(rowOf(lines, "layers / files / packages")).toEqual([
      "layers / files / packages",
      "11 / 9,873 / 148",
      "7 / 2,187 / 0",
      "−4 / −7,686 / −148",
    ]);
    expect(rowOf(lines, "PHP page CPU per request (µs)").slice(0, 3)).toEqual(["PHP page CPU per request (µs)", "181", "170"]);
    // The paired estimate is the comparison, the medians beside it context.
    expect(rowOf(lines, "PHP page throughput (req/s)")[3]).toBe("the same within ±3% (−0.2%, −1% to +0.9%)");
    expect(lines.some((l) => l.startsWith("| SQL") || l.startsWith("| ab") || l.startsWith("| shared with base"))).toBe(false);
  });

  it("folds what is not compared (no pairs) and every figure's spread under the table", () => {
    const lines = section(renderMarkdown(currentReport()), "nginx-php");
    expect(lines.some((l) => l.includes("errors / timeouts"))).toBe(false);
    expect(lines).toContain(
      "<details><summary>Start-up, memory, throughput and latency (not compared), and the spread of every figure</summary>",
    );
    expect(rowOf(lines, "memory idle / peak under load (MB)")).toEqual([
      "memory idle / peak under load (MB)",
      "27.9 / 66.2",
      "21.4 / 58.7",
    ]);
    expect(rowOf(lines, "PHP page latency, median / 99th percentile (ms)")).toEqual([
      "PHP page latency, median / 99th percentile (ms)",
      "2.8 / 8.4",
      "2.9 / 8.7",
    ]);
    expect(lines).toContain("| start-up | 561–612\u00a0ms | 398–441\u00a0ms |");
    const ab = section(renderMarkdown(compared(currentReport(), previousReport())), "ab");
    expect(rowOf(ab, "ab failed / non-2xx")).toEqual(["ab failed / non-2xx", "0 / 0", "12 / 0", "+12"]);
  });

  it("shows latencies under 1 ms as such, not as 0", () => {
    expect(rowUnit("ms", [0, 4]).show(0)).toBe("< 1");
    expect(rowUnit("bytes", [5_900_000, 83_800_000]).name).toBe("MB");
  });

  it("names the software once when both flavors run the same, and warns when they don't", () => {
    const report = currentReport();
    flavorOf(report, "mariadb", "scratch").software = "MariaDB 10.11.19";
    flavorOf(report, "mariadb", "debian").software = "MariaDB 10.11.6";
    flavorOf(report, "nginx-php", "scratch").software = "PHP 8.2.29";
    flavorOf(report, "nginx-php", "debian").software = "PHP 8.2.29";
    const markdown = renderMarkdown(report);
    expect(section(markdown, "mariadb").join("\n")).toContain("Different versions (original MariaDB 10.11.6, tiny MariaDB 10.11.19)");
    expect(section(markdown, "nginx-php").join("\n")).toContain("port 80. PHP 8.2.29 in both. Loads:");
    expect(section(markdown, "base").some((l) => l.includes("in both"))).toBe(false);
  });
});

describe("renderMarkdown: the appendices", () => {
  it("lists under budgets and changes only what moved beyond its noise, folded with the trend", () => {
    const changes = section(renderMarkdown(compared(currentReport(), previousReport())), "Changes and budgets");
    expect(changes).toContain(
      "Against the run of 2026-11-27 (9d8c7b6), 7 figures moved beyond their noise. Not compared, measured in one run only: ab:debian (new in this run), base:alpine (only in earlier runs).",
    );
    const moved = changes.filter((l) => l.startsWith("- "));
    expect(moved).toContain("- base tiny (scratch) size: 5.51 MB → 5.9 MB (+388 kB) ⚠ **regression**");
    // Throughput −17% and idle memory −14% moved on one flavor, without pairs to judge them by: not listed.
    expect(moved.some((l) => l.includes("memory idle") || l.includes("throughput"))).toBe(false);
    const same = renderMarkdown(compared(currentReport(), currentReport()));
    expect(section(same, "Changes and budgets")).toContain("Against the run of 2026-11-28 (4f9c2e1), nothing moved beyond its noise.");
    expect(same).toContain("> - Regressions: none against the run of 2026-11-28 (4f9c2e1) ([changes](#changes-and-budgets)).");
    expect(renderMarkdown(currentReport())).toContain("> - Regressions: no earlier run to compare with.");
    expect(renderMarkdown(currentReport())).not.toContain("## Changes and budgets");
  });

  it("names a baseline of several runs", () => {
    const runs = ["2026-11-27T09:14:48.102Z", "2026-11-26T21:00:00.000Z", "2026-11-26T09:30:00.000Z"].map((at) => {
      const run = previousReport();
      run.generatedAt = at;
      return run;
    });
    const markdown = renderMarkdown({ ...currentReport(), comparison: compareReports(currentReport(), runs) });
    expect(markdown).toContain("> - Regressions: **2** against the last 3 comparable runs ([changes](#changes-and-budgets)).");
    expect(section(markdown, "Changes and budgets").join("\n")).toContain(
      "Against the median of the last 3 runs on this machine, 2026-11-26 09:30 (9d8c7b6) to 2026-11-27 09:14 (9d8c7b6)",
    );
  });

  it("says when the machine or the load changed, and then lists sizes only", () => {
    const previous = previousReport();
    previous.environment.cpuCount = 4;
    const changes = section(renderMarkdown(compared(currentReport(), previous)), "Changes and budgets");
    expect(changes.join("\n")).toContain(
      "The machine or the load changed since then (CPU count 4 → 2), so the pairs' ratios were not compared",
    );
    expect(changes.some((l) => l.includes("throughput") && !l.includes("regression"))).toBe(false);
  });

  it("writes hardening as property rows and flavor columns, setuid files counted with one footnote", () => {
    const hardening = section(renderMarkdown(currentReport()), "Hardening and known vulnerabilities");
    expect(cells(hardening.find((l) => l.startsWith("|"))!)).toEqual(["property", "original (debian)", "tiny (scratch)"]);
    expect(rowOf(hardening, "user")).toEqual(["user", "app (mariadb: mysql)", "app (mariadb: mysql)"]);
    expect(rowOf(hardening, "setuid/setgid files¹")).toEqual(["setuid/setgid files¹", "11", "none"]);
    expect(rowOf(hardening, "shell")[2]).toBe("`/bin/sh -> busybox` (ab: none)");
    expect(hardening.join("\n")).toContain(
      "¹ Setuid/setgid files, original (debian): chage, chfn, chsh, expiry, gpasswd, mount, newgrp, passwd, su, umount, unix_chkpwd.",
    );
    expect(
      summarise([
        { image: "a", value: "x" },
        { image: "b", value: "y" },
        { image: "c", value: "x" },
      ]),
    ).toBe("x (b: y)");
  });

  it("gives an unavailable flavor one plain line, its raw error folded in a code block", () => {
    const lines = section(renderMarkdown(currentReport()), "Not measured here");
    expect(lines).toContain("- **alpine** (all images): alpine:3.24 can't be pulled: no registry is reachable.");
    expect(lines).toContain("```text");
    expect(lines).toContain("lookup registry-1.docker.io: no such host");
    expect(splitReason("no Dockerfile for it")).toEqual({ plain: "no Dockerfile for it" });
    const report = currentReport();
    report.unavailable = [];
    expect(renderMarkdown(report)).not.toContain("## Not measured here");
  });

  it("says plainly whether the load generator was the bottleneck, and which figures to trust", () => {
    const saturated = section(renderMarkdown(currentReport()), "How measured");
    expect(saturated[1]).toMatch(/^In 2 bursts the generator used more than 90% of its core, so their throughput is a lower bound/);
    expect(saturated).toContain("| nginx-php | http static, round 2 | 1 | 94% of a core |");
    expect(saturated).toContain("| tiny (scratch) | 5,388\u00a0req/s | 5,143\u00a0req/s | −5% |");
    expect(saturated.join("\n")).toContain("The verdicts use autocannon");
    const fine = section(renderMarkdown(previousReport()), "How measured");
    expect(fine).toContain(
      "The load generator was never the bottleneck: it used at most 81% of a core (the limit is 90%). No answer failed in any burst.",
    );
    // A failure is a row of its image's table, and then the page doesn't say none failed.
    expect(renderMarkdown(compared(currentReport(), previousReport()))).not.toContain("No answer failed");
    expect(fine).toContain("No wrk comparison: wrk is not installed.");
  });

  it("says how busy each server was under load", () => {
    const report = currentReport();
    flavorOf(report, "nginx-php", "scratch").serverCores = 0.974;
    flavorOf(report, "mariadb", "debian").serverCores = 0.61;
    expect(section(renderMarkdown(report), "How measured").join("\n")).toContain(
      "Cores each server kept busy under load, the median over its bursts: nginx-php tiny (scratch) 0.97, mariadb original (debian) 0.61.",
    );
    expect(renderMarkdown(currentReport())).not.toContain("Cores each server kept busy");
  });

  it("says a size-only run started no container, and leaves out what it didn't measure", () => {
    const report = currentReport();
    report.settings.sizeOnly = true;
    for (const image of report.images) {
      for (const flavor of image.flavors) {
        for (const key of ["startup", "memory", "loads", "software"] as const) delete flavor[key];
      }
    }
    const markdown = renderMarkdown(report);
    expect(markdown).toContain("no container was started.");
    expect(markdown).toContain("its CPU per answer was not measured (sizes only)");
    expect(tables(markdown)[0]).toContain(
      "| nginx-php | 187 → 61.2\u00a0MB | 3.1x | not measured: sizes only | not measured: sizes only |",
    );
    expect(markdown).toContain("used: none: sizes only, no container was started");
    expect(markdown).not.toContain("load generator");
    expect(markdown).not.toContain("No difference detected");
  });

  it("counts known vulnerabilities by severity where a scanner ran, and says why where none did", () => {
    const report = currentReport();
    report.vulnerabilityScan = { skipped: "Trivy is not installed (the nightly installs it)" };
    expect(renderMarkdown(report)).toContain("> - Not scanned for known vulnerabilities ([why](#hardening-and-known-vulnerabilities)).");
    expect(section(renderMarkdown(report), "Hardening and known vulnerabilities")).toContain(
      "Known vulnerabilities: none counted, as no image was scanned: Trivy is not installed (the nightly installs it).",
    );
    report.vulnerabilityScan = { scanner: "Trivy 0.58.1" };
    flavorOf(report, "base", "debian").vulnerabilities = { critical: 1, high: 3, medium: 20, low: 60, unknown: 2 };
    flavorOf(report, "base", "scratch").vulnerabilities = { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
    const rows = section(renderMarkdown(report), "Hardening and known vulnerabilities").filter((l) => l.startsWith("| base"));
    expect(rows).toEqual(["| base | original (debian) | 92 | 1 | 3 | 20 | 60 | 2 |", "| base | tiny (scratch) | 0 | 0 | 0 | 0 | 0 | 0 |"]);
  });

  it("describes the environment and how it measured", () => {
    const report = currentReport();
    report.settings.isolation = { server: "1", generator: "0" };
    const how = section(renderMarkdown(report), "How measured");
    expect(how.filter((l) => /^- (date|commit|CPUs|memory|kernel|Docker|Node)/.test(l))).toEqual([
      "- date: 2026-11-28 09:15:02 UTC",
      "- commit: `4f9c2e1d7a3b5c6d8e0f1a2b3c4d5e6f7a8b9c0d`, clean working tree",
      "- CPUs used: servers under test on CPU 1, load generators on CPU 0",
      "- kernel: Linux 6.1.0-18-amd64",
      "- Docker: 20.10.24+dfsg1, API 1.41, storage driver overlay2",
      "- Node.js: v20.20.2",
    ]);
    expect(how.join("\n")).toContain("measured over 5 rounds, alternating which goes first");
    expect(how.join("\n")).toContain("Hodges–Lehmann estimate of the pairs' log ratios, its 95% interval the Wilcoxon signed-rank one");
    expect(how.join("\n")).toContain("Every load runs 10 s per round with 16 connections");
  });

  it("puts the sections in order", () => {
    const headings = renderMarkdown(compared(currentReport(), previousReport()))
      .split("\n")
      .filter((l) => l.startsWith("## "));
    expect(headings).toEqual([
      "## base",
      "## nginx-php",
      "## mariadb",
      "## ab",
      "## Changes and budgets",
      "## Hardening and known vulnerabilities",
      "## Not measured here",
      "## How measured",
    ]);
  });
});

describe("renderMarkdown: what a reader relies on", () => {
  const pages = (): string[] => {
    const calibrated = withPairs();
    const trended = { ...calibrated, trend: trendOf(calibrated, [withPairs(previousReport())]) };
    return [renderMarkdown(compared(currentReport(), previousReport())), renderMarkdown(trended), renderMarkdown(previousReport())];
  };

  it("writes tables GitHub can read: a separator row, and as many cells in every row as in the header", () => {
    const report = currentReport();
    report.loadGenerator.saturated[0]!.run = "http | static";
    for (const markdown of [...pages(), renderMarkdown(report)]) {
      for (const table of tables(markdown)) {
        const width = cells(table[0]!).length;
        expect(table[1]).toMatch(/^\|(?: (?::--|--:) \|)+$/);
        for (const row of table) expect(cells(row), row).toHaveLength(width);
      }
    }
    expect(renderMarkdown(report)).toContain("| http \\| static |");
  });

  it("keeps a number with its unit in a table cell, so a narrow column can't wrap between them", () => {
    const row = tables(renderMarkdown(currentReport()))[0]!.find((r) => r.startsWith("| base"))!;
    expect(row).toContain("83.8 → 5.9\u00a0MB");
  });

  /** The prose of a page, sentence by sentence: tables, headings, folds' tags and charts left out. */
  const sentences = (markdown: string): string[] =>
    markdown
      .split(/\n\n+/)
      .map((p) => p.trim())
      .filter((p) => !p.startsWith("|") && !p.startsWith("#") && !p.startsWith("<") && !p.startsWith("```"))
      .flatMap((p) => p.split(/(?<=[.:])\s+(?=[A-Z*])/))
      .map((s) => s.replace(/^> (- )?|^- /, "").trim())
      // A table's caption ("**tiny (scratch)**: 1 layer, nothing hidden") names what follows; it may read alike for two images.
      .filter((s) => s.length > 30 && !/^\*\*(tiny|original) /.test(s));

  it("says no paragraph or sentence twice, on the fixtures and on the committed report", async () => {
    const committed = renderMarkdown(await readReport(path.join(repoRoot, "reports", "latest.json")));
    for (const markdown of [...pages(), committed]) {
      const seen = new Set<string>();
      const twice = sentences(markdown).filter((s) => seen.size === seen.add(s).size);
      expect(twice).toEqual([]);
    }
  });

  it("draws every chart in the colours its legend names: one per role, one per image, the same in every chart", () => {
    const byName = new Map<string, string>();
    let charts = 0;
    for (const markdown of pages()) {
      for (const [, block, legend] of markdown.matchAll(/```mermaid\n([\s\S]*?)\n```\n\n(.*)/g)) {
        charts += 1;
        const palette = /"plotColorPalette":"([^"]+)"/.exec(block!)![1]!.split(", ");
        const entries = legend!.split(" · ").map((e) => /^(\S+) (.*)$/u.exec(e)!);
        const series = block!.split("\n").filter((l) => /^\s+(bar|line) \[/.test(l)).length;
        expect(entries).toHaveLength(series);
        expect(entries.map((e) => colourOfEmoji.get(e[1]!))).toEqual(palette);
        for (const [, emoji, name] of entries) {
          // A role is one colour whatever its flavor: "original (debian)" and "original (centos)" alike.
          const who = name!
            .replace(/\*\*/g, "")
            .replace(/:.*$/, "")
            .replace(/^(original|tiny) .*/, "$1");
          expect(byName.get(who) ?? emoji, who).toBe(emoji);
          byName.set(who, emoji!);
        }
      }
    }
    expect(charts).toBeGreaterThanOrEqual(4);
    expect(new Set(byName.values()).size).toBe(byName.size);
  });

  it("links only to headings the page has", () => {
    for (const markdown of pages()) {
      const anchors = new Set(
        markdown
          .split("\n")
          .filter((l) => /^#{1,4} /.test(l))
          .map((l) => slug(l.replace(/^#+ /, ""))),
      );
      const links = [...markdown.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
      expect(links.length).toBeGreaterThan(0);
      expect(links.filter((l) => !anchors.has(l))).toEqual([]);
    }
  });

  it("ends with one newline and has no trailing spaces", () => {
    for (const markdown of pages()) {
      expect(markdown.endsWith("\n")).toBe(true);
      expect(markdown.endsWith("\n\n")).toBe(false);
      expect(markdown.split("\n").filter((l) => / $/.test(l))).toEqual([]);
    }
  });
});

describe("what the tiny images left out", () => {
  const tool = (i: number, reason = "a tool | nobody runs") => ({
    kind: "path" as const,
    pattern: `/usr/bin/tool${i}`,
    files: 1,
    bytes: 1_000_000 - i,
    rule: "mariadb",
    reason,
  });
  const withLeftOut = (tools = Array.from({ length: 13 }, (_, i) => tool(i))): Mutable<BenchReport> => {
    const report = currentReport();
    flavorOf(report, "mariadb", "scratch").size.leftOut = [
      {
        kind: "package",
        pattern: "perl",
        files: 2236,
        bytes: 58_422_097,
        rule: "base",
        reason: "no Perl program runs here",
        alsoPackages: ["perl-base"],
      },
      ...tools,
    ];
    return report;
  };
  const rows = (report: BenchReport): string[][] =>
    tables(section(renderMarkdown(report), "What the tiny images left out").join("\n"))[0]!
      .slice(2)
      .map(cells);

  it("has no section when no image has a manifest (reports before it existed)", () => {
    expect(renderMarkdown(currentReport())).not.toContain("## What the tiny images left out");
  });

  it("gives each reason one row, largest first, with bytes, files and why, naming an inherited rule's list", () => {
    const lines = section(renderMarkdown(withLeftOut()), "What the tiny images left out");
    expect(lines).toContain("<details><summary>Left out: mariadb 71.4 MB (14 rules)</summary>");
    expect(lines).toContain("**mariadb**: 71.4 MB left out by 14 rules");
    expect(rows(withLeftOut())).toEqual([
      ["package `perl` (and `perl-base`)", "58.4\u00a0MB", "2,236", "no Perl program runs here (base's list)"],
      ["`/usr/bin/tool0`, `/usr/bin/tool1`, `/usr/bin/tool2` and 10 more", "13\u00a0MB", "13", "a tool \\| nobody runs"],
    ]);
  });

  it("sums the smallest reasons on one line", () => {
    const many = withLeftOut(Array.from({ length: 13 }, (_, i) => tool(i, `reason ${i}`)));
    expect(rows(many)).toHaveLength(13);
    expect(rows(many)[12]!.slice(0, 3)).toEqual(["2 more rules", "2\u00a0MB", "2"]);
  });

  it("reads a reason that points above as the reason it points at, so no row points at another", () => {
    const pointing = withLeftOut([
      tool(0, "debugging aids (gdb's thread_db, memusage): no debugger here"),
      tool(1, "debugging aids (above)"),
      tool(2, "Hesiod (above)"),
    ]);
    expect(rows(pointing).map((r) => r[3])).toEqual([
      "no Perl program runs here (base's list)",
      "debugging aids (gdb's thread_db, memusage): no debugger here",
      "Hesiod",
    ]);
    expect(renderMarkdown(pointing)).not.toContain("(above)");
  });

  it("sets left out + kept against what the original added over base, or its whole size for a tiny image not on base", () => {
    const report = withLeftOut();
    const line = section(renderMarkdown(report), "What the tiny images left out").find((l) => l.includes(" kept = "));
    expect(line).toMatch(
      /^71\.4 MB left out \+ 47\.7 MB kept = 119 MB, against 247 MB added over base by the original \(debian\) image\.$/,
    );
    flavorOf(report, "mariadb", "scratch").size.sharedWithBaseBytes = 0;
    const whole = section(renderMarkdown(report), "What the tiny images left out").find((l) => l.includes(" kept = "));
    expect(whole).toMatch(/^71\.4 MB left out \+ 53\.6 MB kept = 125 MB, against 330 MB in the whole original \(debian\) image\.$/);
  });
});
