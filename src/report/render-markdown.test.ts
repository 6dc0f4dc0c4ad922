import { describe, expect, it } from "vitest";
import { compareReports } from "./compare.js";
import { currentReport, flavorOf, previousReport } from "./fixtures/index.js";
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
  it("opens with the date and short commit, then a summary", () => {
    const lines = renderMarkdown(currentReport()).split("\n");
    expect(lines[0]).toBe("# Benchmark: 2026-11-28, commit 4f9c2e1");
    expect(lines[2]).toContain("4 images (base, nginx-php, mariadb and ab) measured in the scratch and debian flavors, 5 rounds each");
    expect(lines[2]).toContain("The tiny images are 3.1x to 14.2x smaller than their originals (the 2016 post: 2.3x to 18.8x).");
    expect(lines[2]).toContain("Not measured here: alpine (all images) and centos (all images)");
  });

  it("flags regressions at the top, before any figure", () => {
    const markdown = withPrevious();
    expect(markdown.indexOf("## Regressions")).toBeLessThan(markdown.indexOf("## Sizes"));
    const regressions = section(markdown, "Regressions");
    expect(regressions).toContain("> 4 regressions against the run of 2026-11-27 (9d8c7b6):");
    expect(regressions).toContain("> - base [scratch] size: 5.51 MB → 5.9 MB (+7%, threshold +5%)");
    expect(regressions).toContain("> - nginx-php [scratch] HTTP PHP requests/s: 6,210 req/s → 5,143 req/s (−17%, threshold −15%)");
    expect(regressions).toContain("> - mariadb [debian] start-up: 2.01 s → 2.78 s (+38%, threshold +25%)");
    expect(regressions).toContain("> - ab [scratch] ab failed / non-2xx: 0 → 12 (none before)");
    expect(regressions).toContain(
      "Not compared, measured in one run only: ab [debian] (new in this run), base [alpine] (only in the previous run).",
    );
  });

  it("says when there was nothing to compare with, or nothing regressed", () => {
    expect(renderMarkdown(currentReport())).toContain("\n\nNo previous run to compare with.\n\n");
    const same = renderMarkdown(compared(currentReport(), currentReport()));
    expect(same).toContain("\n\nNo regressions against the run of 2026-11-28 (4f9c2e1).\n\n");
    expect(same).not.toContain("## Regressions");
  });

  it("names a baseline of several runs, in the sentence and the tables' column", () => {
    const runs = ["2026-11-27T09:14:48.102Z", "2026-11-26T21:00:00.000Z", "2026-11-26T09:30:00.000Z"].map((at) => {
      const run = previousReport();
      run.generatedAt = at;
      return run;
    });
    const markdown = renderMarkdown({ ...currentReport(), comparison: compareReports(currentReport(), runs) });
    expect(markdown).toContain(
      "> 4 regressions against the median of the last 3 runs on this machine, 2026-11-26 09:30 (9d8c7b6) to 2026-11-27 09:14 (9d8c7b6):",
    );
    expect(markdown).toContain("| vs last 3 runs |");
  });

  it("warns when the machine or the load changed since the previous run", () => {
    const previous = previousReport();
    previous.environment.cpuCount = 4;
    const markdown = renderMarkdown(compared(currentReport(), previous));
    expect(markdown).toContain("> [!CAUTION]\n> The machine or the load changed since that run (CPU count 4 → 2)");
  });

  it("puts the seed's 2016 figures beside ours in the headline table", () => {
    const headline = section(renderMarkdown(currentReport()), "Sizes: tiny vs original");
    expect(cells(headline.find((l) => l.startsWith("|"))!)).toEqual([
      "image",
      "flavors",
      "original",
      "tiny",
      "times smaller",
      "2016 reference: CentOS 7",
      "2016 reference: Alpine",
      "2016 reference: times smaller",
    ]);
    expect(rowOf(headline, "base")).toEqual(["base", "scratch vs debian", "83.8 MB", "5.9 MB", "14.2x", "244 MB", "13 MB", "18.8x"]);
    expect(rowOf(headline, "nginx-php")).toEqual([
      "nginx-php",
      "scratch vs debian",
      "187 MB",
      "61.2 MB",
      "3.1x",
      "446 MB",
      "76 MB",
      "5.9x",
    ]);
    expect(rowOf(headline, "mariadb")).toEqual(["mariadb", "scratch vs debian", "330 MB", "53.6 MB", "6.2x", "432 MB", "189 MB", "2.3x"]);
    expect(rowOf(headline, "ab")).toEqual(["ab", "scratch vs debian", "86 MB", "9.41 MB", "9.1x", "261 MB", "14 MB", "18.6x"]);
  });

  it("shows a half-measured pair with dashes and no verdict", () => {
    const report = previousReport();
    const markdown = renderMarkdown(report);
    const headline = section(markdown, "Sizes: tiny vs original");
    expect(headline).toContain("| base | alpine vs centos | – | 7.81 MB | – | 244 MB | 13 MB | 18.8x |");
    expect(section(markdown, "base")).toContain("**alpine vs centos:** centos not measured, no verdict.");
  });

  it("draws sizes as a horizontal mermaid xychart-beta bar chart in colours that read in light and dark", () => {
    const markdown = renderMarkdown(currentReport());
    const block = /```mermaid\n([\s\S]*?)\n```/.exec(markdown)?.[1]?.split("\n");
    expect(block).toBeDefined();
    const [init, kind, title, xAxis, yAxis, bar, ...rest] = block!.map((l) => l.trim());
    expect(init).toContain('"plotColorPalette": "#0969da');
    expect(kind).toBe("xychart-beta horizontal");
    expect(title).toMatch(/^title "[\w .-]+"$/);
    expect(rest).toEqual([]);
    const labels = /^x-axis \[(.*)\]$/.exec(xAxis!)?.[1]?.split(", ");
    expect(labels).toEqual(
      [
        "base debian",
        "base scratch",
        "nginx-php debian",
        "nginx-php scratch",
        "mariadb debian",
        "mariadb scratch",
        "ab debian",
        "ab scratch",
      ].map((l) => `"${l}"`),
    );
    const values = /^bar \[(.*)\]$/.exec(bar!)?.[1]?.split(", ").map(Number);
    expect(values).toEqual([83.8, 5.9, 186.8, 61.2, 330.3, 53.6, 86, 9.4]);
    const top = Number(/^y-axis "MB" 0 --> (\d+(?:\.\d+)?)$/.exec(yAxis!)?.[1]);
    expect(top).toBeGreaterThanOrEqual(Math.max(...values!));
  });

  it("lists every figure of an image per flavor, with the verdict", () => {
    const lines = section(renderMarkdown(currentReport()), "nginx-php");
    expect(lines[1]).toBe("What it is: nginx and PHP-FPM under one supervisor, serving PHP and static files on port 80.");
    expect(cells(lines.find((l) => l.startsWith("|"))!)).toEqual(["figure", "debian (original)", "scratch (tiny)"]);
    expect(rowOf(lines, "size")).toEqual(["size", "187 MB", "61.2 MB"]);
    expect(rowOf(lines, "compressed size (gzipped docker save)")).toEqual(["compressed size (gzipped docker save)", "62.4 MB", "21.9 MB"]);
    expect(rowOf(lines, "start-up, median (range)")).toEqual(["start-up, median (range)", "586 ms (561–612 ms)", "412 ms (398–441 ms)"]);
    expect(rowOf(lines, "memory idle, median (range)")).toEqual([
      "memory idle, median (range)",
      "27.9 MB (27.1–28.8 MB)",
      "21.4 MB (20.9–22 MB)",
    ]);
    expect(rowOf(lines, "HTTP PHP requests/s, median (range)")).toEqual([
      "HTTP PHP requests/s, median (range)",
      "5,302 req/s (5,180–5,388 req/s)",
      "5,143 req/s (4,980–5,160 req/s)",
    ]);
    expect(rowOf(lines, "HTTP static errors / timeouts / non-2xx")).toEqual([
      "HTTP static errors / timeouts / non-2xx",
      "0 / 0 / 0",
      "0 / 0 / 0",
    ]);
    expect(lines.some((l) => l.startsWith("| SQL") || l.startsWith("| ab"))).toBe(false);
    expect(lines).toContain("**scratch vs debian:** 3.1x smaller, starts 1.4x faster, uses 23% less memory idle, 3% fewer requests/s.");
    expect(lines).toContain(
      "HTTP: autocannon on the PHP page `/index.php` and the static file `/static/gradient.png`, 16 connections, 10 s per run.",
    );
  });

  it("shows a dash for a figure one flavor lacks", () => {
    const report = currentReport();
    delete flavorOf(report, "nginx-php", "debian").startup;
    expect(rowOf(section(renderMarkdown(report), "nginx-php"), "start-up, median (range)")).toEqual([
      "start-up, median (range)",
      "–",
      "412 ms (398–441 ms)",
    ]);
  });

  it("shows deltas against the previous run beside each figure, regressions in bold", () => {
    const lines = section(withPrevious(), "nginx-php");
    expect(cells(lines.find((l) => l.startsWith("|"))!)).toEqual([
      "figure",
      "debian (original)",
      "vs previous run",
      "scratch (tiny)",
      "vs previous run",
    ]);
    expect(rowOf(lines, "HTTP PHP requests/s, median (range)")[4]).toBe("**−17%** ⚠");
    expect(rowOf(lines, "memory idle, median (range)")[4]).toBe("−14%");
    expect(rowOf(lines, "size")[2]).toBe("±0%");
    const ab = section(withPrevious(), "ab");
    // ab debian wasn't measured in the previous run.
    expect(rowOf(ab, "size")[2]).toBe("–");
    expect(rowOf(ab, "ab failed / non-2xx")).toEqual(["ab failed / non-2xx", "0 / 0", "–", "12 / 0", "**+12** ⚠"]);
  });

  it("renders the hardening table", () => {
    const hardening = section(renderMarkdown(currentReport()), "Hardening");
    expect(cells(hardening.find((l) => l.startsWith("|"))!)).toEqual([
      "image",
      "flavor",
      "user",
      "non-root",
      "HEALTHCHECK",
      "setuid/setgid files",
      "shell",
      "package manager",
    ]);
    expect(hardening).toContain("| ab | scratch | app | yes | no | none | none | none |");
    expect(hardening).toContain("| nginx-php | scratch | app | yes | yes | none | `/bin/sh -> busybox` | none |");
    expect(hardening).toContain(
      "| mariadb | debian | mysql | yes | yes | 11 (chage, chfn, chsh, expiry, gpasswd, mount, newgrp, passwd, su, umount, unix_chkpwd) | `/bin/sh -> dash` | `apt-get` |",
    );
  });

  it("gives a line per unavailable flavor with its reason", () => {
    expect(section(renderMarkdown(currentReport()), "Unavailable flavors").filter((l) => l.startsWith("- "))).toEqual([
      "- **alpine** (base, nginx-php, mariadb, ab): alpine:3.24 can't be pulled: no registry is reachable (lookup registry-1.docker.io: no such host)",
      "- **centos** (base, nginx-php, mariadb, ab): centos:7 can't be pulled: no registry is reachable (lookup registry-1.docker.io: no such host)",
    ]);
    const report = currentReport();
    report.unavailable = [];
    expect(renderMarkdown(report)).not.toContain("## Unavailable flavors");
  });

  it("says plainly whether the load generator was the bottleneck", () => {
    const saturated = section(renderMarkdown(currentReport()), "Load generator check");
    expect(saturated[1]).toMatch(/^The load generator was the bottleneck in 2 runs: it used more than 90% of a core/);
    expect(saturated).toContain("| nginx-php | scratch | http static, round 2 | 94% of a core |");
    expect(saturated).toContain("| scratch | 5,388 req/s | 5,143 req/s | −5% |");

    const fine = section(renderMarkdown(previousReport()), "Load generator check");
    expect(fine).toContain("The load generator was never the bottleneck: it used at most 81% of a core (the limit is 90%).");
    expect(fine).toContain("No wrk comparison: wrk is not installed.");
  });

  it("says which CPUs each side had, and this machine's calibrated resolution", () => {
    const report = currentReport();
    report.settings.isolation = { server: "1", generator: "0" };
    const uncalibrated = renderMarkdown(report);
    expect(uncalibrated).toContain("- CPUs used: servers under test on 1, load generators on 0");
    expect(uncalibrated.split("\n")[2]).toContain("This machine's resolution is not calibrated (`npm run bench -- --calibrate`)");
    report.calibration = {
      generatedAt: "2026-11-28T12:00:00.000Z",
      settings: { rounds: 3, durationSeconds: 5, burstSeconds: 1, connections: 16 },
      figure: "http.php.requestsPerSec",
      sameImage: { n: 15, ratio: 1.01, low: 0.96, high: 1.07, detected: false },
      slowed: { n: 15, ratio: 0.94, low: 0.9, high: 0.98, detected: true, cpuQuota: 0.95, expectedLoss: 0.05 },
    };
    expect(renderMarkdown(report).split("\n")[2]).toContain(
      "Differences under 7% in the PHP page's requests/s can't be told apart here (calibrated 2026-11-28: the same image on both sides, 15 pairs of 1 s bursts; a CPU quota of 0.95 cores, an expected loss of 5%, was detected (−6%)).",
    );
    report.calibration.slowed = { ...report.calibration.slowed, expectedLoss: 0.021, serverCores: { full: 0.97, slowed: 0.95 } };
    expect(renderMarkdown(report).split("\n")[2]).toContain(
      "a CPU quota of 0.95 cores (the server kept 0.97 busy without it), an expected loss of 2%, was detected (−6%)",
    );
  });

  it("says how busy each server was under load, where it was measured", () => {
    const report = currentReport();
    flavorOf(report, "nginx-php", "scratch").serverCores = 0.974;
    flavorOf(report, "mariadb", "debian").serverCores = 0.61;
    expect(section(renderMarkdown(report), "Load generator check").join("\n")).toContain(
      'Cores each server kept busy under load (median over its bursts; near the count of CPUs it had, see "CPUs used", the load measured the server): nginx-php [scratch] 0.97, mariadb [debian] 0.61.',
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
    expect(markdown).toContain("sizes only (no container started)");
    expect(markdown).toContain("- CPUs used: none: sizes only, no container was started");
    expect(section(markdown, "How measured").find((l) => l.startsWith("- "))).toBe(
      "- Sizes only (`--only size`): the images were built where missing and read; no container was started and no load was run.",
    );
    expect(markdown).not.toContain("## Load generator check");
    expect(markdown).not.toContain("requests/s");
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
    expect(rows).toEqual(["| base | debian | 92 | 1 | 3 | 20 | 60 | 2 |", "| base | scratch | 0 | 0 | 0 | 0 | 0 | 0 |"]);
  });

  it("describes the environment and how it measured", () => {
    const markdown = renderMarkdown(currentReport());
    expect(section(markdown, "Environment").filter((l) => l.startsWith("- "))).toEqual([
      "- date: 2026-11-28 09:15:02 UTC",
      "- commit: `4f9c2e1d7a3b5c6d8e0f1a2b3c4d5e6f7a8b9c0d`, clean working tree",
      "- CPU: AMD EPYC 7B13 × 2",
      "- CPUs used: servers and load generators shared every CPU",
      "- memory: 25.3 GB",
      "- kernel: Linux 6.1.0-18-amd64",
      "- Docker: 20.10.24+dfsg1, API 1.41, storage driver overlay2",
      "- Node.js: v20.20.2",
    ]);
    const how = section(markdown, "How measured").join("\n");
    expect(how).toContain("interleaved over 5 rounds, alternating which goes first (A B, B A, A B …)");
    expect(how).toContain("Every load run lasts 10 s with 16 connections");
    expect(how).toContain("same 2-core host");
  });

  it("marks a dirty working tree in the title", () => {
    const report = currentReport();
    report.environment.commitDirty = true;
    expect(renderMarkdown(report).split("\n")[0]).toBe("# Benchmark: 2026-11-28, commit 4f9c2e1 (with uncommitted changes)");
  });

  it("puts the sections in order", () => {
    const headings = withPrevious()
      .split("\n")
      .filter((l) => l.startsWith("## "));
    expect(headings).toEqual([
      "## Regressions",
      "## Sizes: tiny vs original",
      "## base",
      "## nginx-php",
      "## mariadb",
      "## ab",
      "## Hardening",
      "## Unavailable flavors",
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

  it("shows each flavor's software, and says so when a pair runs different versions", () => {
    const report = currentReport();
    flavorOf(report, "mariadb", "scratch").software = "MariaDB 10.11.19";
    flavorOf(report, "mariadb", "debian").software = "MariaDB 10.11.6";
    flavorOf(report, "nginx-php", "scratch").software = "PHP 8.2.29";
    flavorOf(report, "nginx-php", "debian").software = "PHP 8.2.29";
    const markdown = renderMarkdown(report);
    expect(rowOf(section(markdown, "mariadb"), "software")).toEqual(["software", "MariaDB 10.11.6", "MariaDB 10.11.19"]);
    expect(section(markdown, "mariadb").join("\n")).toContain("They run different versions (MariaDB 10.11.19 vs MariaDB 10.11.6)");
    expect(section(markdown, "nginx-php").join("\n")).not.toContain("different versions");
    expect(section(markdown, "base").some((l) => l.startsWith("| software"))).toBe(false);
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
    expect(lines).toContain("### mariadb, scratch (tiny): 71.4 MB left out by 14 rules");
    const rows = tables(lines.join("\n"))[0]!.slice(2).map(cells);
    expect(rows[0]).toEqual(["package `perl` (and `perl-base`)", "58.4 MB", "2,236", "no Perl program runs here (base's list)"]);
    expect(rows[1]).toEqual(["`/usr/bin/tool0`", "1 MB", "1", "a tool \\| nobody runs"]);
    expect(rows).toHaveLength(13);
    expect(rows[12]!.slice(0, 3)).toEqual(["2 more rules", "2 MB", "2"]);
  });
});
