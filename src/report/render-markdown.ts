// Renders reports/latest.md, the page people read after every nightly run:
// what changed since the last run first, then the seed's size table with
// ours beside it, then every figure per image, and last how it was measured
// so a reader can judge the numbers. Every figure comes from the BenchReport.
import type { FlavorName } from "../catalog.js";
import { resolution } from "../measure/paired.js";
import { breaches } from "./budget-check.js";
import { changeFraction, deltaOf, regressionsOf } from "./compare.js";
import { severities } from "../measure/vulnerabilities.js";
import { measuredPairs, type MeasuredPair } from "./pairs.js";
import { figure as figureOf, figures, type Figure, type Unit } from "./figures.js";
import {
  bytesQuantity,
  formatBytes,
  formatCount,
  formatPercent,
  formatQuantity,
  formatRange,
  formatRate,
  formatRatio,
  formatSignedPercent,
  msQuantity,
  notApplicable,
  rateQuantity,
  type Quantity,
} from "./format.js";
import type { BenchReport, Comparison, Exclusion, FigureDelta, FlavorReport, ImageReport, RunRef, TrendChart } from "./schema.js";
import { verdict } from "./verdict.js";
import { code, line, listOf, table, type Align } from "./markdown/blocks.js";

// ---- shared wording

function shortCommit(commit: string): string {
  return /^[0-9a-f]{40}$/i.test(commit) ? commit.slice(0, 7) : commit;
}

function runName(run: { readonly generatedAt: string; readonly commit: string }): string {
  return `the run of ${run.generatedAt.slice(0, 10)} (${shortCommit(run.commit)})`;
}

/** What the figures were compared with: one run, or the median of several. */
function baselineName(comparison: Comparison): string {
  const runs = comparison.baseline ?? [comparison.previous];
  if (runs.length === 1) return runName(comparison.previous);
  const oldest = runs[runs.length - 1]!;
  const span = (r: RunRef): string => `${r.generatedAt.slice(0, 16).replace("T", " ")} (${shortCommit(r.commit)})`;
  return `the median of the last ${runs.length} runs on this machine, ${span(oldest)} to ${span(comparison.previous)}`;
}

/** The column beside each flavor's figures. */
function baselineColumn(comparison: Comparison): string {
  const count = (comparison.baseline ?? [comparison.previous]).length;
  return count === 1 ? "vs previous run" : `vs last ${count} runs`;
}

function flavorLabel(f: FlavorReport): string {
  return `${f.flavor} (${f.role})`;
}

const quantities: Record<Unit, (n: number) => Quantity> = {
  bytes: bytesQuantity,
  ms: msQuantity,
  "req/s": (n) => rateQuantity(n),
  "queries/s": (n) => rateQuantity(n, "queries/s"),
  count: (n) => ({ value: formatCount(n), unit: "" }),
};

/** A figure in its unit: "5.9 MB", "412 ms", "1,234". */
function byUnit(value: number, unit: Unit): string {
  return formatQuantity(quantities[unit](value)).trim();
}

// ---- pairs

/** The flavors of an image in reading order: each pair's original, then its tiny one. */
function orderedFlavors(image: ImageReport): FlavorReport[] {
  return measuredPairs(image).flatMap((p) => [p.originalFigures, p.tinyFigures].filter((f): f is FlavorReport => f !== undefined));
}

/** How many times smaller the seed's Alpine image was than its CentOS 7 one. */
function seedRatio(image: ImageReport): number {
  return image.seed.originalMB / image.seed.tinyMB;
}

function sizeRatio(p: MeasuredPair): number | undefined {
  return p.tinyFigures && p.originalFigures ? p.originalFigures.size.bytes / p.tinyFigures.size.bytes : undefined;
}

// ---- sections

function title(report: BenchReport): string {
  const { commit, commitDirty } = report.environment;
  return `# Benchmark: ${report.generatedAt.slice(0, 10)}, commit ${shortCommit(commit)}${commitDirty ? " (with uncommitted changes)" : ""}`;
}

function ratioSpan(ratios: readonly number[]): string {
  const low = Math.min(...ratios);
  const high = Math.max(...ratios);
  return formatRatio(low) === formatRatio(high) ? formatRatio(low) : `${formatRatio(low)} to ${formatRatio(high)}`;
}

/** The smallest difference this machine can tell apart, as its newest calibration measured it. */
function resolutionSentence(report: BenchReport): string {
  const c = report.calibration;
  if (!c) {
    return "This machine's resolution is not calibrated (`npm run bench -- --calibrate`): each verdict says how large a difference its own run could not rule out.";
  }
  const s = c.settings;
  const cores = c.slowed.serverCores;
  const cut = `a CPU quota of ${c.slowed.cpuQuota.toFixed(2)} cores${cores ? ` (the server kept ${cores.full.toFixed(2)} busy without it)` : ""}`;
  const slowed = `${cut}, an expected loss of ${formatPercent(c.slowed.expectedLoss)}, was ${c.slowed.detected ? "detected" : "not detected"} (${formatSignedPercent(c.slowed.ratio - 1)})`;
  return `Differences under ${formatPercent(resolution(c.sameImage))} in the PHP page's requests/s can't be told apart here (calibrated ${c.generatedAt.slice(0, 10)}: the same image on both sides, ${c.sameImage.n} pairs of ${s.burstSeconds} s bursts; ${slowed}).`;
}

function summary(report: BenchReport): string {
  const measured = report.images.filter((i) => i.flavors.length > 0);
  const flavorNames = [...new Set(measured.flatMap((i) => i.flavors.map((f) => f.flavor)))];
  const { cpuModel, cpuCount } = report.environment;
  const sentences = [
    `${measured.length} ${measured.length === 1 ? "image" : "images"} (${listOf(measured.map((i) => i.name))}) measured in the ${listOf(flavorNames)} ${flavorNames.length === 1 ? "flavor" : "flavors"}, ${report.settings.sizeOnly ? "sizes only (no container started)" : `${report.settings.rounds} rounds each`}, on ${cpuModel} × ${cpuCount}.`,
  ];
  const sized = measured.flatMap((i) =>
    measuredPairs(i).flatMap((p) => {
      const ratio = sizeRatio(p);
      return ratio === undefined ? [] : [{ image: i, ratio }];
    }),
  );
  if (sized.length > 0) {
    const seedRatios = [...new Set(sized.map((s) => s.image))].map(seedRatio);
    sentences.push(
      `The tiny images are ${ratioSpan(sized.map((s) => s.ratio))} smaller than their originals (the 2016 post: ${ratioSpan(seedRatios)}).`,
    );
  }
  const unavailable = [...new Set(report.unavailable.map((u) => u.flavor))];
  if (unavailable.length > 0)
    sentences.push(
      `Not measured here: ${listOf(unavailable.map((f) => `${f} (${unavailableImages(report, f)})`))}; see "Unavailable flavors".`,
    );
  const saturated = report.loadGenerator.saturated.length;
  if (saturated > 0)
    sentences.push(
      `The load generator was the bottleneck in ${saturated} ${saturated === 1 ? "run" : "runs"}; see "Load generator check".`,
    );
  sentences.push(resolutionSentence(report));
  return sentences.join(" ");
}

function unavailableImages(report: BenchReport, flavor: FlavorName): string {
  const names = report.unavailable.filter((u) => u.flavor === flavor).map((u) => u.image);
  return names.length === report.settings.images.length ? "all images" : names.join(", ");
}

function deltaText(d: FigureDelta, figure: Figure): string {
  const change = d.current - d.previous;
  const fraction = changeFraction(d);
  const signedCount = `${change < 0 ? "−" : "+"}${formatCount(Math.abs(change))}`;
  const absolute = figure.unit === "count" || fraction === null;
  const text = absolute ? (change === 0 ? "±0" : signedCount) : formatSignedPercent(fraction);
  return d.regression ? `**${text}** ⚠` : text;
}

/** A regression in one line: "nginx-php [scratch] HTTP PHP requests/s: 6,210 req/s → 5,143 req/s (−17%, threshold −15%)". */
export function regressionLine(d: FigureDelta): string {
  const figure = figureOf(d.figure);
  const unit = figure?.unit ?? "count";
  const fraction = changeFraction(d);
  const figures = `${byUnit(d.previous, unit)} → ${byUnit(d.current, unit)}`;
  const why =
    figure?.kind === "failures"
      ? "none before"
      : `${fraction === null ? "" : `${formatSignedPercent(fraction)}, `}threshold ${d.threshold === undefined ? notApplicable : formatSignedPercent(d.threshold)}`;
  return `${d.image} [${d.flavor}] ${figure?.label ?? d.figure}: ${figures} (${why})`;
}

function budgetsSection(report: BenchReport): string {
  const results = report.budgets;
  if (!results || results.length === 0) return "";
  const broken = breaches(results);
  if (broken.length === 0)
    return `All ${results.length} budgets of \`budgets.json\` are met (sizes, compressed sizes, layers, tiny vs original).`;
  return [
    "## Budgets",
    [
      "> [!WARNING]",
      `> ${broken.length} of ${results.length} budgets of \`budgets.json\` broken:`,
      ">",
      ...broken.map((r) => `> - ${r.name}: ${r.actual}`),
    ].join("\n"),
  ].join("\n\n");
}

function againstPrevious(comparison: Comparison | undefined): string {
  if (!comparison) return "No previous run to compare with.";
  const parts: string[] = [];
  const regressions = regressionsOf(comparison);
  if (regressions.length === 0) {
    parts.push(`No regressions against ${baselineName(comparison)}.`);
  } else {
    parts.push(
      "## Regressions",
      [
        "> [!WARNING]",
        `> ${regressions.length} ${regressions.length === 1 ? "regression" : "regressions"} against ${baselineName(comparison)}:`,
        ">",
        ...regressions.map((d) => `> - ${line(regressionLine(d))}`),
      ].join("\n"),
    );
  }
  if (comparison.conditionChanges.length > 0) {
    const changes = comparison.conditionChanges.map((c) => `${c.label} ${c.previous} → ${c.current}`).join("; ");
    parts.push(
      [
        "> [!CAUTION]",
        `> The machine or the load changed since that run (${line(changes)}): start-up, memory and throughput deltas compare different conditions and mean little. Size deltas still hold.`,
      ].join("\n"),
    );
  }
  const skipped = [
    ...comparison.onlyInCurrent.map((f) => `${f.image} [${f.flavor}] (new in this run)`),
    ...comparison.onlyInPrevious.map((f) => `${f.image} [${f.flavor}] (only in the previous run)`),
  ];
  if (skipped.length > 0) parts.push(`Not compared, measured in one run only: ${skipped.join(", ")}.`);
  return parts.join("\n\n");
}

function headline(report: BenchReport): string {
  const rows = report.images.flatMap((i) => {
    const { seed } = i;
    return measuredPairs(i).map((p) => {
      const ratio = sizeRatio(p);
      return [
        i.name,
        `${p.tiny} vs ${p.original}`,
        p.originalFigures ? formatBytes(p.originalFigures.size.bytes) : notApplicable,
        p.tinyFigures ? formatBytes(p.tinyFigures.size.bytes) : notApplicable,
        ratio === undefined ? notApplicable : formatRatio(ratio),
        `${seed.originalMB} MB`,
        `${seed.tinyMB} MB`,
        formatRatio(seedRatio(i)),
      ];
    });
  });
  if (rows.length === 0) return "";
  return [
    "## Sizes: tiny vs original",
    table(
      [
        "image",
        "flavors",
        "original",
        "tiny",
        "times smaller",
        "2016 reference: CentOS 7",
        "2016 reference: Alpine",
        "2016 reference: times smaller",
      ],
      rows,
      ["left", "left", "right", "right", "right", "right", "right", "right"],
    ),
    "Uncompressed sizes, as `docker images` shows them (1 MB = 1,000,000 bytes). The 2016 reference columns are the seed blog post's CentOS 7 → Alpine figures, not measured here; its Alpine nginx-php also lacked mysqli, pdo_mysql, opcache and mbstring, which every flavor here has.",
  ].join("\n\n");
}

/** Mermaid labels and titles are quoted strings: keep to characters that can't end or break one. */
function chartLabel(text: string): string {
  return text
    .replace(/[^\w .,/()-]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** A round top for the y-axis, so the bars start at 0 and the scale reads well. */
function axisTop(max: number): number {
  if (max <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(max)) / 2;
  return Math.ceil(max / step) * step;
}

/**
 * Mermaid's default light palette starts with a pale lavender that nearly
 * vanishes on white; GitHub's own blue, green, red and yellow read in light
 * and dark alike.
 */
const chartPalette = '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#0969da, #1a7f37, #cf222e, #9a6700"}}}}%%';

function chart(report: BenchReport): string {
  const bars = report.images.flatMap((i) =>
    orderedFlavors(i).map((f) => ({ label: chartLabel(`${i.name} ${f.flavor}`), mb: Number((f.size.bytes / 1e6).toFixed(1)) })),
  );
  if (bars.length === 0) return "";
  // Horizontal: eight labels side by side under 700 px of chart run into each other.
  return [
    "```mermaid",
    chartPalette,
    "xychart-beta horizontal",
    '    title "Uncompressed image size in MB"',
    `    x-axis [${bars.map((b) => `"${b.label}"`).join(", ")}]`,
    `    y-axis "MB" 0 --> ${axisTop(Math.max(...bars.map((b) => b.mb)))}`,
    `    bar [${bars.map((b) => String(b.mb)).join(", ")}]`,
    "```",
  ].join("\n");
}

function trendChart(chart: TrendChart): string {
  const top = axisTop(Math.max(...chart.series.flatMap((s) => s.values)));
  const label = (r: RunRef): string => `"${r.generatedAt.slice(5, 16).replace("T", " ")}"`;
  return [
    "```mermaid",
    chartPalette,
    "xychart-beta",
    `    title "${chartLabel(chart.title)} (lines in order: ${chart.series.map((s) => chartLabel(s.name)).join(", ")})"`,
    `    x-axis [${chart.runs.map(label).join(", ")}]`,
    `    y-axis "${chartLabel(chart.unit)}" 0 --> ${top}`,
    ...chart.series.map((s) => `    line [${s.values.join(", ")}]`),
    "```",
  ].join("\n");
}

function trendSection(report: BenchReport): string {
  const charts = report.trend?.charts ?? [];
  if (charts.length === 0) return "";
  return [
    "## Trend",
    `The last ${Math.max(...charts.map((c) => c.runs.length))} runs in the history, this one last (x-axis: month-day time, UTC).`,
    ...charts.map(trendChart),
  ].join("\n\n");
}

/** A row of an image's table: its label, the cell per flavor, and the figure whose change since the previous run goes beside it. */
interface Row {
  readonly label: string;
  readonly show: (f: FlavorReport) => string | undefined;
  readonly figure?: Figure;
}

/** "412 ms (398–441 ms)": a median with the spread of its rounds, or the figure alone. */
function figureCell(figure: Figure, f: FlavorReport): string | undefined {
  const shown = figure.show?.(f);
  if (shown !== undefined) return shown;
  const value = figure.read(f);
  if (value === undefined) return undefined;
  const range = figure.range?.(f);
  const quantity = quantities[figure.unit];
  return range ? `${formatQuantity(quantity(value))} (${formatRange(range, quantity)})` : byUnit(value, figure.unit);
}

const rows: readonly Row[] = [
  { label: "software", show: (f) => f.software },
  ...figures.map((figure) => ({
    label: figure.range ? `${figure.label}, median (range)` : figure.label,
    show: (f: FlavorReport) => figureCell(figure, f),
    figure,
  })),
];

/** What the load runs of an image ran against, said once under its table. */
function loadNotes(image: ImageReport, report: BenchReport): string[] {
  const first = <T>(get: (f: FlavorReport) => T | undefined): T | undefined => image.flavors.map(get).find((v) => v !== undefined);
  const each = `${report.settings.connections} connections, ${report.settings.durationSeconds} s per run`;
  const notes: string[] = [];
  const http = first((f) => f.http);
  if (http) notes.push(`HTTP: autocannon on the PHP page ${code(http.php.path)} and the static file ${code(http.static.path)}, ${each}.`);
  const sql = first((f) => f.sql);
  if (sql) notes.push(`SQL: mysql2, each worker doing ${sql.mix}, ${each}.`);
  const ab = first((f) => f.ab);
  if (ab) notes.push(`ab: each ab flavor against ${ab.target}, ${each}.`);
  return notes;
}

function imageSection(image: ImageReport, report: BenchReport): string {
  const { comparison } = report;
  const shown = orderedFlavors(image);
  if (shown.length === 0) return "";
  const header = ["figure", ...shown.flatMap((f) => (comparison ? [flavorLabel(f), baselineColumn(comparison)] : [flavorLabel(f)]))];
  const align: Align[] = ["left", ...header.slice(1).map((): Align => "right")];
  const body = rows
    .filter((r) => shown.some((f) => r.show(f) !== undefined))
    .map((r) => [
      r.label,
      ...shown.flatMap((f) => {
        const figure = r.show(f) ?? notApplicable;
        if (!comparison) return [figure];
        const d = r.figure && deltaOf(comparison, image.name, f.flavor, r.figure.key);
        return [figure, d && r.figure ? deltaText(d, r.figure) : notApplicable];
      }),
    ]);
  const verdicts = measuredPairs(image).map((p) => {
    const text =
      p.tinyFigures && p.originalFigures
        ? verdict(p.tinyFigures, p.originalFigures)
        : `${p.tinyFigures ? p.original : p.tiny} not measured, no verdict`;
    const [tiny, original] = [p.tinyFigures?.software, p.originalFigures?.software];
    const skew =
      tiny && original && tiny !== original
        ? ` They run different versions (${tiny} vs ${original}): the runtime figures compare those too, not only the flavors.`
        : "";
    return `**${p.tiny} vs ${p.original}:** ${line(text)}.${skew}`;
  });
  return [`## ${image.name}`, `What it is: ${image.summary}.`, table(header, body, align), ...loadNotes(image, report), ...verdicts].join(
    "\n\n",
  );
}

function vulnerabilitiesSection(report: BenchReport): string {
  const scan = report.vulnerabilityScan;
  if (!scan) return "";
  const scanned = report.images.flatMap((i) => orderedFlavors(i).flatMap((f) => (f.vulnerabilities ? [{ image: i.name, f }] : [])));
  const parts = ["## Known vulnerabilities"];
  if (scan.skipped) parts.push(`${scanned.length === 0 ? "Not scanned" : "Not every image was scanned"}: ${line(scan.skipped)}.`);
  if (scanned.length > 0) {
    parts.push(
      `${scan.scanner ?? "The scanner"}, by severity, against the packages each image's dpkg records name (the packages row above). An image whose packages the scanner can't see shows 0, which means unseen, not safe.`,
      table(
        ["image", "flavor", "packages", ...severities],
        scanned.map(({ image, f }) => [
          image,
          f.flavor,
          formatCount(f.size.packages),
          ...severities.map((s) => formatCount(f.vulnerabilities![s])),
        ]),
        ["left", "left", ...severities.map((): Align => "right"), "right"],
      ),
    );
  }
  return parts.join("\n\n");
}

function hardening(report: BenchReport): string {
  const yesNo = (b: boolean): string => (b ? "yes" : "no");
  const setuid = (paths: readonly string[]): string =>
    paths.length === 0 ? "none" : `${paths.length} (${paths.map((p) => p.split("/").at(-1)).join(", ")})`;
  const body = report.images.flatMap((i) =>
    orderedFlavors(i).map((f) => {
      const h = f.hardening;
      return [
        i.name,
        f.flavor,
        h.user,
        yesNo(!h.runsAsRoot),
        yesNo(h.healthcheck),
        setuid(h.setuidFiles),
        h.shell ? code(h.shell) : "none",
        h.packageManager ? code(h.packageManager) : "none",
      ];
    }),
  );
  if (body.length === 0) return "";
  return [
    "## Hardening",
    table(["image", "flavor", "user", "non-root", "HEALTHCHECK", "setuid/setgid files", "shell", "package manager"], body),
  ].join("\n\n");
}

/** Rules shown per image; the rest are summed on one line. */
const leftOutRows = 12;

function exclusionRule(e: Exclusion): string {
  if (e.kind === "path") return code(e.pattern);
  const also = e.alsoPackages?.length ? ` (and ${e.alsoPackages.map(code).join(", ")})` : "";
  return `package ${code(e.pattern)}${also}`;
}

function leftOutTable(image: ImageReport, f: FlavorReport, rules: readonly Exclusion[]): string {
  const total = rules.reduce((sum, e) => sum + e.bytes, 0);
  const shown = rules.slice(0, leftOutRows);
  const rest = rules.slice(leftOutRows);
  const body = shown.map((e) => [
    exclusionRule(e),
    formatBytes(e.bytes),
    formatCount(e.files),
    e.rule === image.name ? e.reason : `${e.reason} (${e.rule}'s list)`,
  ]);
  if (rest.length > 0) {
    const restBytes = rest.reduce((sum, e) => sum + e.bytes, 0);
    const restFiles = rest.reduce((sum, e) => sum + e.files, 0);
    body.push([
      `${rest.length} more rules`,
      formatBytes(restBytes),
      formatCount(restFiles),
      "smaller ones, listed in the image's manifest",
    ]);
  }
  return [
    `### ${image.name}, ${flavorLabel(f)}: ${formatBytes(total)} left out by ${rules.length} rules`,
    table(["rule", "saved", "files", "why"], body, ["left", "right", "right", "left"]),
  ].join("\n\n");
}

/** Per tiny image built from whole packages: what its exclusion lists left out, largest first. */
function leftOut(report: BenchReport): string {
  const tables = report.images.flatMap((i) =>
    orderedFlavors(i)
      .filter((f) => f.size.leftOut && f.size.leftOut.length > 0)
      .map((f) => leftOutTable(i, f, f.size.leftOut!)),
  );
  if (tables.length === 0) return "";
  return [
    "## What the tiny images left out",
    "A scratch image is its Debian packages whole, minus the rules of its exclusion list " +
      `(${code("images/<image>/exclusions.txt")}, the base's rules applying after the image's own), ` +
      `each with its reason; the build measures what each rule left out of the image's own layer into ` +
      `${code("/usr/share/tiny-docker-images/exclusions/<image>.tsv")}. A service image's base layer is base's table.`,
    ...tables,
  ].join("\n\n");
}

function unavailable(report: BenchReport): string {
  if (report.unavailable.length === 0) return "";
  // One line per flavor and reason: the same reason for every image reads once.
  const grouped = new Map<string, { flavor: FlavorName; reason: string; images: string[] }>();
  for (const u of report.unavailable) {
    const key = `${u.flavor}\n${u.reason}`;
    const entry = grouped.get(key) ?? { flavor: u.flavor, reason: u.reason, images: [] };
    entry.images.push(u.image);
    grouped.set(key, entry);
  }
  return [
    "## Unavailable flavors",
    [...grouped.values()].map((g) => `- **${g.flavor}** (${g.images.join(", ")}): ${line(g.reason)}`).join("\n"),
  ].join("\n\n");
}

function loadGenerator(report: BenchReport): string {
  const check = report.loadGenerator;
  const limit = formatPercent(check.threshold);
  const parts = ["## Load generator check"];
  if (check.saturated.length === 0) {
    parts.push(
      `The load generator was never the bottleneck: it used at most ${formatPercent(check.maxCpu)} of a core (the limit is ${limit}).`,
    );
  } else {
    parts.push(
      `The load generator was the bottleneck in ${check.saturated.length} ${check.saturated.length === 1 ? "run" : "runs"}: it used more than ${limit} of a core, so those runs measured the generator as much as the server, and their figures are a lower bound.`,
      table(
        ["image", "flavor", "run", "generator CPU"],
        check.saturated.map((s) => [s.image, s.flavor, s.run, `${formatPercent(s.cpu)} of a core`]),
        ["left", "left", "left", "right"],
      ),
    );
  }
  const servers = report.images.flatMap((i) =>
    i.flavors.flatMap((f) => (f.serverCores === undefined ? [] : [`${i.name} [${f.flavor}] ${f.serverCores.toFixed(2)}`])),
  );
  if (servers.length > 0) {
    parts.push(
      `Cores each server kept busy under load (median over its bursts; near the count of CPUs it had, see "CPUs used", the load measured the server): ${servers.join(", ")}.`,
    );
  }
  if (check.wrk && check.wrk.length > 0) {
    parts.push(
      "wrk, a multi-threaded load generator, against the same PHP page as a second opinion on autocannon:",
      table(
        ["flavor", "wrk", "autocannon", "autocannon vs wrk"],
        check.wrk.map((w) => [
          w.flavor,
          formatRate(w.requestsPerSec),
          formatRate(w.autocannonRequestsPerSec),
          formatSignedPercent((w.autocannonRequestsPerSec - w.requestsPerSec) / w.requestsPerSec),
        ]),
        ["left", "right", "right", "right"],
      ),
    );
  } else {
    parts.push(`No wrk comparison: ${line(check.wrkSkipped ?? "none was made").replace(/\.$/, "")}.`);
  }
  return parts.join("\n\n");
}

function environment(report: BenchReport): string {
  const e = report.environment;
  const date = e.date.replace("T", " ").replace(/(\.\d+)?Z$/, " UTC");
  return [
    "## Environment",
    [
      `- date: ${date}`,
      `- commit: ${code(e.commit)}, ${e.commitDirty ? "with uncommitted changes" : "clean working tree"}`,
      `- CPU: ${e.cpuModel} × ${e.cpuCount}`,
      `- CPUs used: ${cpusUsed(report)}`,
      `- memory: ${formatBytes(e.memoryBytes)}`,
      `- kernel: ${e.kernel}`,
      `- Docker: ${e.dockerVersion}, API ${e.dockerApiVersion}, storage driver ${e.dockerStorageDriver}`,
      `- Node.js: ${e.nodeVersion}`,
    ].join("\n"),
  ].join("\n\n");
}

function cpusUsed(report: BenchReport): string {
  const { isolation, sizeOnly } = report.settings;
  if (sizeOnly) return "none: sizes only, no container was started";
  const remote = report.environment.serverEngine;
  if (remote) {
    return `servers under test on the engine at ${code(remote.host)} (${remote.cpuCount} CPUs, ${formatBytes(remote.memoryBytes)}, ${remote.os}, ${remote.kernel}), load generators on this machine (below)`;
  }
  if (isolation) return `servers under test on ${isolation.server}, load generators on ${isolation.generator}`;
  return "servers and load generators shared every CPU";
}

const compressedSize = "- Compressed size: the gzipped `docker save` of the image, about what a pull transfers.";

function howMeasured(report: BenchReport): string {
  const s = report.settings;
  if (s.sizeOnly) {
    return [
      "## How measured",
      [
        "- Sizes only (`--only size`): the images were built where missing and read; no container was started and no load was run.",
        compressedSize,
      ].join("\n"),
    ].join("\n\n");
  }
  return [
    "## How measured",
    [
      `- The two flavors of a pair are measured interleaved over ${s.rounds} rounds, alternating which goes first (A B, B A, A B …), so a slow moment of the machine and the order itself weigh on both alike; a figure is the median of its runs, with their min–max spread in brackets.`,
      `- In each round both containers of a pair run at once, and each load is cut into ${s.burstSeconds ?? s.durationSeconds} s bursts that alternate between them (A B, B A …): every burst of the tiny flavor has one of the original right beside it. A verdict compares those pairs: the median of tiny/original with a 95% interval from the pairs' order statistics (a sign test, exact and distribution-free). A difference is claimed only when the interval excludes none; otherwise it says "no difference detected (±x%)", x being the largest difference the interval could not rule out.`,
      `- Every load run lasts ${s.durationSeconds} s with ${s.connections} connections: autocannon for HTTP, mysql2 through a pool for SQL, ab for the ab image.`,
      "- Start-up: from `docker start` to the first good answer, the readiness check the suites wait for too (`/health.php` through nginx and PHP-FPM answering `ok`, `SELECT 1` as the application user).",
      "- Memory: from the Docker stats API, the container's usage minus its page cache; idle after start-up, peak while under load.",
      compressedSize,
      `- The load generators run on the same ${report.environment.cpuCount}-core host as the containers${s.isolation ? ", on CPUs of their own" : ""}: the figures compare the flavors with each other, not with other machines.`,
    ].join("\n"),
  ].join("\n\n");
}

/** The markdown report of a run, compared with the previous run when there is one. */
export function renderMarkdown(report: BenchReport): string {
  const sections = [
    title(report),
    summary(report),
    againstPrevious(report.comparison),
    budgetsSection(report),
    headline(report),
    chart(report),
    ...report.images.map((i) => imageSection(i, report)),
    leftOut(report),
    trendSection(report),
    hardening(report),
    vulnerabilitiesSection(report),
    unavailable(report),
    report.settings.sizeOnly ? "" : loadGenerator(report),
    environment(report),
    howMeasured(report),
  ];
  return `${sections.filter((s) => s !== "").join("\n\n")}\n`;
}
