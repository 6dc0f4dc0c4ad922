import { describe, expect, it } from "vitest";
import { compareReports } from "./compare.js";
import { currentReport, flavorOf, previousReport } from "./fixtures/index.js";
import { figure as figureOf } from "./figures.js";
import { beyondNoise } from "./markdown/changes.js";
import { summarise } from "./markdown/hardening.js";
import { cpusIn } from "./markdown/headline.js";
import { rowUnit } from "./markdown/image-section.js";
import { splitReason } from "./markdown/unavailable.js";
import { mergeReports } from "./merge.js";
import { renderMarkdown } from "./render-markdown.js";
import type { BenchReport } from "./schema.js";

/** A report carrying its comparison with another, as writeReport makes it. */
const compared = (report: BenchReport, previous: BenchReport): BenchReport => ({
  ...report,
  comparison: compareReports(report, [previous]),
});
const withPrevious = (): string => renderMarkdown(compared(currentReport(), previousReport()));

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

describe("renderMarkdown", () => {
  it("opens with what is compared: the title, the flavors, then one row per image", () => {
    const markdown = renderMarkdown({
      ...currentReport(),
      flavorSummaries: [
        { flavor: "scratch", role: "tiny", summary: "FROM scratch, only the files each service needs" },
        { flavor: "debian", role: "original", summary: "debian:bookworm-slim" },
      ],
    });
    const lines = markdown.split("\n");
    expect(lines[0]).toBe("# Tiny vs original images: 2026-11-28, commit 4f9c2e1");
    expect(markdown).toContain(
      "- **tiny** (scratch): FROM scratch, only the files each service needs\n- **original** (debian): debian:bookworm-slim",
    );
    const [head] = tables(markdown);
    expect(cells(head![0]!)).toEqual([
      "image",
      "size",
      "compressed",
      "smaller",
      "CPU per answer, tiny vs original",
      "throughput (second opinion)",
    ]);
    expect(cells(head![2]!)).toEqual(["base", "83.8 → 5.9 MB", "29.9 → 2.84 MB", "14.2x", "no load", "no load"]);
    expect(cells(head![3]!).slice(0, 4)).toEqual(["nginx-php", "187 → 61.2 MB", "62.4 → 21.9 MB", "3.1x"]);
    expect(markdown).toContain(
      "the 2016 post's CentOS 7 → Alpine images were smaller by base 18.8x, nginx-php 5.9x, mariadb 2.3x and ab 18.6x",
    );
  });

  it("says the machine in plain terms: cores, who had which", () => {
    const report = currentReport();
    expect(renderMarkdown(report)).toContain(
      "Measured on one x86_64 machine with 2 cores (AMD EPYC 7B13) and 25.3 GB of memory, shared by the servers and the load generators.",
    );
    report.settings.isolation = { server: "1", generator: "0" };
    expect(renderMarkdown(report)).toContain("the servers had 1 core and the load generators 1 core of their own.");
    expect(cpusIn("0-1,3")).toBe(3);
  });

  it("names each image's architecture and machine in a report merged from several", () => {
    const x86 = currentReport();
    const arm = currentReport();
    arm.environment.architecture = "aarch64";
    arm.environment.cpuModel = "Neoverse-N1";
    arm.environment.cpuCount = 4;
    x86.environment.architecture = "x86_64";
    const merged = mergeReports([
      { file: "x86.json", report: x86 },
      { file: "arm.json", report: arm },
    ]);
    const markdown = renderMarkdown(merged);
    expect(markdown).toContain(
      "## nginx-php on aarch64\n\nNginx and PHP-FPM under one supervisor, serving PHP and static files on port 80.\n\nMeasured on aarch64, 4 CPUs (Neoverse-N1), 25.3 GB.",
    );
    expect(markdown).toContain("## nginx-php on x86_64");
    expect(markdown).toContain("Merged from 2 machines, each pair measured side by side on one of them");
    expect(tables(markdown)[0]!.some((row) => row.startsWith("| mariadb on aarch64 |"))).toBe(true);
  });

  it("explains what no difference detected and its ± mean, with this machine's calibrated resolution", () => {
    const report = currentReport();
    expect(renderMarkdown(report)).toContain("This machine's resolution is not calibrated (`npm run bench -- --calibrate`).");
    const paired = (ratio: number, low: number, high: number, detected: boolean) => ({ n: 30, ratio, low, high, detected });
    report.calibration = {
      calibrationVersion: 2,
      generatedAt: "2026-11-28T12:00:00.000Z",
      settings: { rounds: 3, durationSeconds: 5, burstSeconds: 0.5, connections: 16 },
      knownLoss: 0.05,
      sizing: { pageUs: 150, usPerIteration: 0.0075, iterations: 1000 },
      figures: [
        { figure: "http.php.cpuUs", sameImage: paired(1.0, 0.98, 1.03, false), knownWork: paired(1.05, 1.03, 1.07, true) },
        { figure: "http.php.requestsPerSec", sameImage: paired(1.01, 0.93, 1.09, false), knownWork: paired(0.97, 0.9, 1.04, false) },
      ],
    };
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('**"No difference detected (±x%)"**: the 95% interval of the ratio includes "the same"');
    expect(markdown).toContain(
      "Calibrated on this machine 2026-11-28 with 30 pairs: PHP page CPU per request: the same image against itself ±3%, 5% more work per request detected (+5%); PHP page throughput: the same image against itself ±9%, 5% more work per request not detected (−3%).",
    );
  });

  it("flags broken budgets and regressions right under the headline, before any figure", () => {
    const markdown = withPrevious();
    const warning = markdown.indexOf("> [!WARNING]");
    expect(warning).toBeGreaterThan(markdown.indexOf("| ab |"));
    expect(warning).toBeLessThan(markdown.indexOf("## base"));
    expect(markdown).toContain('> 2 regressions against the run of 2026-11-27 (9d8c7b6) (see "Changes since earlier runs"):');
    expect(markdown).toContain("> - base:scratch size: 5.51 MB → 5.9 MB (+7%, threshold +5%)");
    expect(markdown).toContain("> - ab:scratch ab failed / non-2xx: 0 → 12 (none before)");
    // Absolute throughput and start-up moved with the machine: context, never a regression.
    expect(markdown).not.toContain("> - nginx-php:scratch PHP page throughput");
  });

  it("lists only what moved beyond its noise since earlier runs", () => {
    const changes = section(withPrevious(), "Changes since earlier runs");
    const moved = changes.filter((l) => l.startsWith("- "));
    expect(moved).toContain("- base:scratch size: 5.51 MB → 5.9 MB (+7%) ⚠ **regression**");
    // Throughput −17% and idle memory −14% moved on one flavor, without pairs to judge them by: not listed.
    expect(moved.some((l) => l.includes("memory idle") || l.includes("throughput"))).toBe(false);
    expect(changes.join("\n")).toContain("ab:debian (new in this run), base:alpine (only in earlier runs)");
    const same = renderMarkdown(compared(currentReport(), currentReport()));
    expect(section(same, "Changes since earlier runs")).toContain("Nothing moved beyond its noise.");
    expect(same).toContain("\n\nNo regressions.\n\n");
    expect(renderMarkdown(currentReport())).toContain("\n\nNo earlier run to compare with.\n\n");
    expect(renderMarkdown(currentReport())).not.toContain("## Changes since earlier runs");
  });

  it("never calls an absolute runtime figure a change, only a pair's ratio beyond both intervals", () => {
    const delta = {
      image: "nginx-php",
      flavor: "scratch",
      figure: "http.php.cpuUs",
      previous: 150,
      current: 300,
      threshold: 0.05,
      regression: false,
    } as const;
    const cpu = figureOf("http.php.cpuUs")!;
    expect(beyondNoise(delta, cpu)).toBe(false);
    const ratio = { previous: 1.0, current: 1.1, pair: { original: "debian", changed: true } } as const;
    const intervals = { previousInterval: { min: 0.98, max: 1.02 }, currentInterval: { min: 1.07, max: 1.13 } };
    expect(beyondNoise({ ...delta, ...ratio, pair: { ...ratio.pair, ...intervals } }, cpu)).toBe(true);
    expect(beyondNoise({ ...delta, ...ratio, pair: { ...ratio.pair, ...intervals, changed: false } }, cpu)).toBe(false);
  });

  it("names a baseline of several runs", () => {
    const runs = ["2026-11-27T09:14:48.102Z", "2026-11-26T21:00:00.000Z", "2026-11-26T09:30:00.000Z"].map((at) => {
      const run = previousReport();
      run.generatedAt = at;
      return run;
    });
    const markdown = renderMarkdown({ ...currentReport(), comparison: compareReports(currentReport(), runs) });
    expect(markdown).toContain(
      "> 2 regressions against the median of the last 3 runs on this machine, 2026-11-26 09:30 (9d8c7b6) to 2026-11-27 09:14 (9d8c7b6)",
    );
  });

  it("warns when the machine or the load changed, and then lists sizes only", () => {
    const previous = previousReport();
    previous.environment.cpuCount = 4;
    const changes = section(renderMarkdown(compared(currentReport(), previous)), "Changes since earlier runs");
    expect(changes.join("\n")).toContain("> [!CAUTION]\n> The machine or the load changed since then (CPU count 4 → 2)");
    expect(changes.some((l) => l.includes("throughput") && !l.includes("regression"))).toBe(false);
  });

  it("shows a half-measured pair with dashes and no verdict", () => {
    const markdown = renderMarkdown(previousReport());
    expect(tables(markdown)[0]).toContain("| base (alpine vs centos) | – | – | – | centos not measured | – |");
    expect(section(markdown, "base")).toContain("Only tiny (alpine) was measured: no comparison.");
  });

  it("draws sizes and compressed sizes as bar charts, one series per role, colours named in the title", () => {
    const blocks = [...renderMarkdown(currentReport()).matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) =>
      m[1]!.split("\n").map((l) => l.trim()),
    );
    expect(blocks).toHaveLength(2);
    const [init, kind, title, xAxis, yAxis, original, tiny, ...rest] = blocks[0]!;
    expect(init).toContain('"plotColorPalette": "#0969da');
    expect(kind).toBe("xychart-beta horizontal");
    expect(title).toBe('title "Size, MB: blue original debian, green tiny scratch"');
    expect(rest).toEqual([]);
    expect(xAxis).toBe('x-axis ["base 83.8 → 5.9", "nginx-php 187 → 61.2", "mariadb 330 → 53.6", "ab 86 → 9.41"]');
    expect(original).toBe("bar [83.8, 187, 330, 86]");
    expect(tiny).toBe("bar [5.9, 61.2, 53.6, 9.41]");
    expect(Number(/^y-axis "MB" 0 --> (\d+)$/.exec(yAxis!)?.[1])).toBeGreaterThanOrEqual(330);
    expect(blocks[1]![2]).toBe('title "Compressed, MB: blue original debian, green tiny scratch"');
  });

  it("compares an image's figures side by side: figure (unit) | original | tiny | tiny vs original", () => {
    const lines = section(renderMarkdown(currentReport()), "nginx-php");
    expect(lines[1]).toBe("Nginx and PHP-FPM under one supervisor, serving PHP and static files on port 80.");
    expect(cells(lines.find((l) => l.startsWith("|"))!)).toEqual([
      "figure (unit)",
      "original (debian)",
      "tiny (scratch)",
      "tiny vs original",
    ]);
    expect(rowOf(lines, "size (MB)")).toEqual(["size (MB)", "187", "61.2", "3.1x smaller"]);
    expect(rowOf(lines, "compressed size (MB)")).toEqual(["compressed size (MB)", "62.4", "21.9", "2.9x smaller"]);
    // The fixture predates paired values: every runtime row is "not compared", its values beside.
    expect(rowOf(lines, "start-up (ms)")).toEqual(["start-up (ms)", "586", "412", "not compared"]);
    expect(rowOf(lines, "memory idle (MB)")).toEqual(["memory idle (MB)", "27.9", "21.4", "not compared"]);
    expect(rowOf(lines, "PHP page throughput (req/s)")).toEqual(["PHP page throughput (req/s)", "5,302", "5,143", "not compared"]);
    expect(lines.some((l) => l.startsWith("| SQL") || l.startsWith("| ab"))).toBe(false);
    expect(lines).toContain(
      "Load: autocannon on the PHP page `/index.php` and the static file `/static/gradient.png`, 16 connections, 10 s per run.",
    );
    expect(lines.join("\n")).toContain("Their latencies under load are whole milliseconds.");
  });

  it("folds the rounds' spread, and all-zero failure rows into one line", () => {
    const lines = section(renderMarkdown(currentReport()), "nginx-php");
    expect(lines.some((l) => l.includes("errors / timeouts"))).toBe(false);
    expect(lines).toContain("No failed answers (errors, timeouts, non-2xx or failed queries) in any run of either flavor.");
    expect(lines).toContain("<details><summary>Spread: the lowest and highest value over every burst or start of the 5 rounds</summary>");
    expect(lines).toContain("| start-up | 561–612 ms | 398–441 ms |");
    const ab = section(withPrevious(), "ab");
    expect(rowOf(ab, "ab failed / non-2xx")).toEqual(
      ["ab failed / non-2xx", "0 / 0", "12 / 0", "scratch had 12 failed/non-2xx requests"]
        .slice(0, 3)
        .concat(rowOf(ab, "ab failed / non-2xx").slice(3)),
    );
  });

  it("shows latencies under 1 ms as such, not as 0", () => {
    expect(rowUnit("ms", [0, 4]).show(0)).toBe("< 1");
    expect(rowUnit("bytes", [5_900_000, 83_800_000]).name).toBe("MB");
  });

  it("writes hardening as property rows and flavor columns, setuid files counted with one footnote", () => {
    const hardening = section(renderMarkdown(currentReport()), "Hardening");
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
    expect(lines).toContain("**alpine** (all images): alpine:3.24 can't be pulled: no registry is reachable.");
    expect(lines).toContain("```text");
    expect(lines).toContain("lookup registry-1.docker.io: no such host");
    expect(splitReason("no Dockerfile for it")).toEqual({ plain: "no Dockerfile for it" });
    const report = currentReport();
    report.unavailable = [];
    expect(renderMarkdown(report)).not.toContain("## Not measured here");
  });

  it("says plainly whether the load generator was the bottleneck, and which figures to trust", () => {
    const saturated = section(renderMarkdown(currentReport()), "Load generator check");
    expect(saturated[1]).toMatch(/^In 2 load runs the generator used more than 90% of its core, so their throughput is a lower bound/);
    expect(saturated).toContain("| nginx-php | http static, round 2 | 1 | 94% of a core |");
    expect(saturated).toContain("| scratch | 5,388 req/s | 5,143 req/s | −5% |");
    expect(saturated.join("\n")).toContain("The verdicts use autocannon");
    const fine = section(renderMarkdown(previousReport()), "Load generator check");
    expect(fine).toContain("The load generator was never the bottleneck: it used at most 81% of a core (the limit is 90%).");
    expect(fine).toContain("No wrk comparison: wrk is not installed.");
  });

  it("says how busy each server was under load", () => {
    const report = currentReport();
    flavorOf(report, "nginx-php", "scratch").serverCores = 0.974;
    flavorOf(report, "mariadb", "debian").serverCores = 0.61;
    expect(section(renderMarkdown(report), "Load generator check").join("\n")).toContain(
      "Cores each server kept busy under load, the median over its bursts: nginx-php tiny (scratch) 0.97, mariadb original (debian) 0.61.",
    );
    expect(renderMarkdown(currentReport())).not.toContain("Cores each server kept busy");
  });

  it("says a size-only run started no container, and leaves out what it didn't measure", () => {
    const report = currentReport();
    report.settings.sizeOnly = true;
    for (const image of report.images) {
      for (const flavor of image.flavors) {
        for (const key of ["startup", "memory", "http", "sql", "ab", "software"] as const) delete flavor[key];
      }
    }
    const markdown = renderMarkdown(report);
    expect(markdown).toContain("no container was started.");
    expect(tables(markdown)[0]).toContain(
      "| nginx-php | 187 → 61.2 MB | 62.4 → 21.9 MB | 3.1x | not measured: sizes only | not measured: sizes only |",
    );
    expect(markdown).toContain("- CPUs used: none: sizes only, no container was started");
    expect(markdown).not.toContain("## Load generator check");
    expect(markdown).not.toContain("No difference detected");
  });

  it("counts known vulnerabilities by severity where a scanner ran, and says why where none did", () => {
    const report = currentReport();
    report.vulnerabilityScan = { skipped: "Trivy is not installed (the nightly installs it)" };
    expect(section(renderMarkdown(report), "Known vulnerabilities").join("\n")).toContain(
      "Not scanned: Trivy is not installed (the nightly installs it).",
    );
    report.vulnerabilityScan = { scanner: "Trivy 0.58.1" };
    flavorOf(report, "base", "debian").vulnerabilities = { critical: 1, high: 3, medium: 20, low: 60, unknown: 2 };
    flavorOf(report, "base", "scratch").vulnerabilities = { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
    const rows = section(renderMarkdown(report), "Known vulnerabilities").filter((l) => l.startsWith("| base"));
    expect(rows).toEqual(["| base | original (debian) | 92 | 1 | 3 | 20 | 60 | 2 |", "| base | tiny (scratch) | 0 | 0 | 0 | 0 | 0 | 0 |"]);
  });

  it("describes the environment and how it measured", () => {
    const report = currentReport();
    report.settings.isolation = { server: "1", generator: "0" };
    const markdown = renderMarkdown(report);
    expect(section(markdown, "Environment").filter((l) => l.startsWith("- "))).toEqual([
      "- date: 2026-11-28 09:15:02 UTC",
      "- commit: `4f9c2e1d7a3b5c6d8e0f1a2b3c4d5e6f7a8b9c0d`, clean working tree",
      "- CPUs: 2 × AMD EPYC 7B13",
      "- CPUs used: servers under test on CPU 1, load generators on CPU 0",
      "- memory: 25.3 GB",
      "- kernel: Linux 6.1.0-18-amd64",
      "- Docker: 20.10.24+dfsg1, API 1.41, storage driver overlay2",
      "- Node.js: v20.20.2",
    ]);
    const how = section(markdown, "How measured").join("\n");
    expect(how).toContain("interleaved over 5 rounds, alternating which goes first (A B, B A, A B …)");
    expect(how).toContain("Every load run lasts 10 s with 16 connections");
  });

  it("marks a dirty working tree in the title", () => {
    const report = currentReport();
    report.environment.commitDirty = true;
    expect(renderMarkdown(report).split("\n")[0]).toBe("# Tiny vs original images: 2026-11-28, commit 4f9c2e1 with uncommitted changes");
  });

  it("puts the sections in order", () => {
    const headings = withPrevious()
      .split("\n")
      .filter((l) => l.startsWith("## "));
    expect(headings).toEqual([
      "## base",
      "## nginx-php",
      "## mariadb",
      "## ab",
      "## Changes since earlier runs",
      "## Hardening",
      "## Not measured here",
      "## Load generator check",
      "## Environment",
      "## How measured",
    ]);
  });

  it("writes tables GitHub can read: a separator row, and as many cells in every row as in the header", () => {
    const report = currentReport();
    report.loadGenerator.saturated[0]!.run = "http | static";
    for (const markdown of [withPrevious(), renderMarkdown(report)]) {
      for (const table of tables(markdown)) {
        const width = cells(table[0]!).length;
        expect(table[1]).toMatch(/^\|(?: (?::--|--:) \|)+$/);
        for (const row of table) expect(cells(row), row).toHaveLength(width);
      }
    }
    expect(renderMarkdown(report)).toContain("| http \\| static |");
  });

  it("ends with one newline and has no trailing spaces", () => {
    const markdown = withPrevious();
    expect(markdown.endsWith("\n")).toBe(true);
    expect(markdown.endsWith("\n\n")).toBe(false);
    expect(markdown.split("\n").filter((l) => / $/.test(l))).toEqual([]);
  });

  it("names the software once when both flavors run the same, and warns when they don't", () => {
    const report = currentReport();
    flavorOf(report, "mariadb", "scratch").software = "MariaDB 10.11.19";
    flavorOf(report, "mariadb", "debian").software = "MariaDB 10.11.6";
    flavorOf(report, "nginx-php", "scratch").software = "PHP 8.2.29";
    flavorOf(report, "nginx-php", "debian").software = "PHP 8.2.29";
    const markdown = renderMarkdown(report);
    expect(section(markdown, "mariadb").join("\n")).toContain(
      "They run different versions (original MariaDB 10.11.6, tiny MariaDB 10.11.19)",
    );
    expect(section(markdown, "nginx-php")).toContain("Both flavors run PHP 8.2.29.");
    expect(section(markdown, "base").some((l) => l.includes("run"))).toBe(false);
  });
});

describe("what the tiny images left out", () => {
  const withLeftOut = (): BenchReport => {
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
      ...Array.from({ length: 13 }, (_, i) => ({
        kind: "path" as const,
        pattern: `/usr/bin/tool${i}`,
        files: 1,
        bytes: 1_000_000 - i,
        rule: "mariadb",
        reason: "a tool | nobody runs",
      })),
    ];
    return report;
  };

  it("has no section when no image has a manifest (reports before it existed)", () => {
    expect(renderMarkdown(currentReport())).not.toContain("## What the tiny images left out");
  });

  it("lists each rule largest first with bytes, files and why, naming an inherited rule's list", () => {
    const lines = section(renderMarkdown(withLeftOut()), "What the tiny images left out");
    expect(lines).toContain("<details><summary>mariadb, tiny (scratch): 71.4 MB left out by 14 rules</summary>");
    const rows = tables(lines.join("\n"))[0]!.slice(2).map(cells);
    expect(rows[0]).toEqual(["package `perl` (and `perl-base`)", "58.4 MB", "2,236", "no Perl program runs here (base's list)"]);
    expect(rows[1]).toEqual(["`/usr/bin/tool0`", "1 MB", "1", "a tool \\| nobody runs"]);
    expect(rows).toHaveLength(13);
    expect(rows[12]!.slice(0, 3)).toEqual(["2 more rules", "2 MB", "2"]);
  });
});
