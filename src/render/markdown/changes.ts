// What moved since the earlier runs, and only what the machine doesn't move,
// as evaluate/changes.ts decided it (each delta's `moved`): a size past a
// thousandth; a runtime figure judged by its pair's ratio, tiny ÷ original,
// which moved only when this run's stored interval and the earlier run's
// don't overlap. Absolute throughput or latency from
// another night is context (the trend charts), never a change by itself.
import { figure as figureOf, type Figure } from "../../report/figures.js";
import type { FlavorReport } from "../../report/schema.js";
import { formatBytes, formatSignedPercent, notApplicable } from "../format.js";
import { flavor } from "../../catalog.js";
import type { BenchReport, Comparison, FigureDelta } from "../../report/schema.js";
import { budgetWords } from "../budget-words.js";
import { details, line, table } from "./blocks.js";
import { baselineName, byUnit, flavorLabel } from "./words.js";
import { headings } from "./anchors.js";
import { trendChart } from "./charts.js";

/** "1.02 (0.99–1.05)": a ratio with its interval. */
const ratioShown = (ratio: number, interval: { min: number; max: number }): string =>
  `${ratio.toFixed(2)} (${interval.min.toFixed(2)}–${interval.max.toFixed(2)})`;

/** "nginx-php tiny (scratch)": the page's words for a delta's image and flavor. */
const whose = (d: FigureDelta): string =>
  `${d.image} ${flavorLabel({ flavor: d.flavor, role: flavor(d.flavor).role })}${onArchitecture(d)}`;

/** A pair's ratio change: "nginx-php tiny (scratch) ÷ original (debian) PHP page CPU per request: 1.01 (0.98–1.03) → 1.12 (1.09–1.15)". */
function ratioLine(d: FigureDelta, flavors: readonly FlavorReport[]): string {
  const label = figureOf(d.figure, flavors)?.label ?? d.figure;
  const { pair } = d;
  return `${whose(d)} ÷ ${flavorLabel({ flavor: pair!.original, role: "original" })} ${label}: ${ratioShown(d.previous, pair!.previousInterval)} → ${ratioShown(d.current, pair!.currentInterval)}`;
}

/** A regression in one line: "nginx-php:scratch size: 70.3 MB → 75.1 MB (+7%, threshold +5%)", or a ratio's. */
export function regressionLine(d: FigureDelta, flavors: readonly FlavorReport[] = []): string {
  if (d.pair) {
    const fraction = d.fraction;
    const threshold = d.threshold === undefined ? notApplicable : formatSignedPercent(d.threshold);
    return `${ratioLine(d, flavors)} (${fraction === null ? "" : `${formatSignedPercent(fraction)}, `}threshold ${threshold})`;
  }
  const figure = figureOf(d.figure, flavors);
  const unit = figure?.unit ?? "count";
  const fraction = d.fraction;
  const figures = `${byUnit(d.previous, unit)} → ${byUnit(d.current, unit)}`;
  const why =
    figure?.kind === "failures"
      ? "none before"
      : `${fraction === null ? "" : `${formatSignedPercent(fraction)}, `}threshold ${d.threshold === undefined ? notApplicable : formatSignedPercent(d.threshold)}`;
  return `${d.image}:${d.flavor}${onArchitecture(d)} ${figure?.label ?? d.figure}: ${figures} (${why})`;
}

/** " on aarch64": only a merged report's deltas carry an architecture. */
const onArchitecture = (d: FigureDelta): string => (d.architecture ? ` on ${d.architecture}` : "");

function changeLine(d: FigureDelta, figure: Figure, flavors: readonly FlavorReport[]): string {
  const judged = d.regression ? " ⚠ **regression**" : "";
  if (d.pair) {
    const better = figure.worse === "up" ? d.current < d.previous : d.current > d.previous;
    return `- ${ratioLine(d, flavors)}${judged || (better ? ", tiny gained on its original" : ", tiny lost against its original")}`;
  }
  const fraction = d.fraction;
  // Bytes say how many: a 3 kB change of a 26 MB image is "+3 kB", where a percentage would read ±0%.
  const change = d.current - d.previous;
  const amount =
    figure.unit === "bytes"
      ? ` (${change < 0 ? "−" : "+"}${formatBytes(Math.abs(change))})`
      : figure.unit === "count" || fraction === null
        ? ""
        : ` (${formatSignedPercent(fraction)})`;
  return `- ${whose(d)} ${figure.label}: ${byUnit(d.previous, figure.unit)} → ${byUnit(d.current, figure.unit)}${amount}${judged}`;
}

function movedLines(comparison: Comparison, flavors: readonly FlavorReport[]): string[] {
  return comparison.deltas.flatMap((d) => {
    const figure = figureOf(d.figure, flavors);
    return figure && d.moved ? [changeLine(d, figure, flavors)] : [];
  });
}

/** Why the ratios were not compared, in one line: the conditions that changed. */
function conditionsLine(comparison: Comparison): string {
  if (comparison.conditionChanges.length === 0) return "";
  const changes = comparison.conditionChanges.map((c) => `${c.label} ${c.previous} → ${c.current}`).join("; ");
  return `The machine or the load changed since then (${line(changes)}), so the pairs' ratios were not compared; only sizes were.`;
}

/** Broken budgets in view (folded past a few), every budget with its figure folded: the status block says whether all were met. */
function budgetsLines(report: BenchReport): string[] {
  const results = report.budgets ?? [];
  if (results.length === 0) return [];
  const broken = results.filter((b) => !b.passed).map((r) => `- ${line(budgetWords(r).name)}: ${line(budgetWords(r).actual)}`);
  const all = details(
    `The ${results.length} budgets of budgets.json, each with its figure`,
    table(
      ["budget", "figure", "met"],
      results.map((r) => [budgetWords(r).name, budgetWords(r).actual, r.passed ? "yes" : "**no**"]),
    ),
  );
  if (broken.length === 0) return [all];
  const list = broken.length > foldBrokenAfter ? details(`${broken.length} budgets broken`, broken.join("\n")) : broken.join("\n");
  return [`${broken.length} of ${results.length} budgets of \`budgets.json\` are broken:`, list, all];
}

/** More broken budgets than this fold: a bad night must still fit the page's four screens. */
const foldBrokenAfter = 5;

function comparisonLines(comparison: Comparison, flavors: readonly FlavorReport[]): string[] {
  const moved = movedLines(comparison, flavors);
  const skipped = [
    ...comparison.onlyInCurrent.map((f) => `${f.image}:${f.flavor} (new in this run)`),
    ...comparison.onlyInPrevious.map((f) => `${f.image}:${f.flavor} (only in earlier runs)`),
  ];
  const n = moved.length;
  const what =
    n === 0 ? "nothing moved beyond its noise" : `${n} ${n === 1 ? "figure moved beyond its" : "figures moved beyond their"} noise`;
  const against = `Against ${baselineName(comparison)}, ${what}.`;
  return [
    [against, conditionsLine(comparison), skipped.length > 0 ? `Not compared, measured in one run only: ${skipped.join(", ")}.` : ""]
      .filter(Boolean)
      .join(" "),
  ];
}

/** What moved and the trend under one fold: "2 figures moved beyond their noise; the trend over 7 runs". */
function folded(moved: readonly string[], report: BenchReport): string {
  const charts = report.trend?.charts ?? [];
  const runs = charts.length > 0 ? Math.max(...charts.map((c) => c.runs.length)) : 0;
  const said = [moved.length > 0 ? `what moved` : "", runs > 0 ? `the trend over the last ${runs} runs, this one last (UTC)` : ""].filter(
    Boolean,
  );
  if (said.length === 0) return "";
  const body = [moved.join("\n"), ...charts.map((c) => trendChart(c, report))].filter(Boolean).join("\n\n");
  return details(`${said[0]![0]!.toUpperCase()}${said.join("; ").slice(1)}`, body);
}

/** Budgets, what moved since the earlier runs, and the trend: the appendix the status block's budget and regression lines point to. */
export function changesSection(report: BenchReport): string {
  const flavors = report.images.flatMap((i) => i.flavors);
  const moved = report.comparison ? movedLines(report.comparison, flavors) : [];
  const parts = [...budgetsLines(report), ...(report.comparison ? comparisonLines(report.comparison, flavors) : []), folded(moved, report)];
  if (parts.every((p) => p === "")) return "";
  return [`## ${headings.changes}`, ...parts].filter((s) => s !== "").join("\n\n");
}
