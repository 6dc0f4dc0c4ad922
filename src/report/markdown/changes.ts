// What moved since the earlier runs, and only what the machine doesn't move:
// sizes are exact, so any change is real; a runtime figure is judged by its
// pair's ratio, tiny ÷ original, which moved only when this run's interval
// and the earlier run's don't overlap. Absolute throughput or latency from
// another night is context (the trend charts), never a change by itself.
import { breaches } from "../budget-check.js";
import { changeFraction, regressionsOf } from "../compare.js";
import { figure as figureOf, type Figure } from "../figures.js";
import { formatSignedPercent, notApplicable } from "../format.js";
import type { BenchReport, Comparison, FigureDelta } from "../schema.js";
import { details, line } from "./blocks.js";
import { baselineName, byUnit } from "./words.js";

/** "1.02 (0.99–1.05)": a ratio with its interval. */
const ratioShown = (ratio: number, interval: { min: number; max: number }): string =>
  `${ratio.toFixed(2)} (${interval.min.toFixed(2)}–${interval.max.toFixed(2)})`;

/** A pair's ratio change: "nginx-php scratch ÷ debian PHP page CPU per request: 1.01 (0.98–1.03) → 1.12 (1.09–1.15)". */
function ratioLine(d: FigureDelta): string {
  const label = figureOf(d.figure)?.label ?? d.figure;
  const { pair } = d;
  return `${d.image} ${d.flavor} ÷ ${pair!.original}${onArchitecture(d)} ${label}: ${ratioShown(d.previous, pair!.previousInterval)} → ${ratioShown(d.current, pair!.currentInterval)}`;
}

/** A regression in one line: "nginx-php:scratch size: 70.3 MB → 75.1 MB (+7%, threshold +5%)", or a ratio's. */
export function regressionLine(d: FigureDelta): string {
  if (d.pair) {
    const fraction = changeFraction(d);
    const threshold = d.threshold === undefined ? notApplicable : formatSignedPercent(d.threshold);
    return `${ratioLine(d)} (${fraction === null ? "" : `${formatSignedPercent(fraction)}, `}threshold ${threshold})`;
  }
  const figure = figureOf(d.figure);
  const unit = figure?.unit ?? "count";
  const fraction = changeFraction(d);
  const figures = `${byUnit(d.previous, unit)} → ${byUnit(d.current, unit)}`;
  const why =
    figure?.kind === "failures"
      ? "none before"
      : `${fraction === null ? "" : `${formatSignedPercent(fraction)}, `}threshold ${d.threshold === undefined ? notApplicable : formatSignedPercent(d.threshold)}`;
  return `${d.image}:${d.flavor}${onArchitecture(d)} ${figure?.label ?? d.figure}: ${figures} (${why})`;
}

/** " on aarch64": only a merged report's deltas carry an architecture. */
const onArchitecture = (d: FigureDelta): string => (d.architecture ? ` on ${d.architecture}` : "");

/** Whether a change is more than its figure's noise: sizes and failures exactly, ratios beyond both intervals, absolute runtime figures never. */
export function beyondNoise(d: FigureDelta, figure: Figure): boolean {
  if (d.regression) return true;
  if (d.pair) return d.pair.changed;
  if (figure.kind === "runtime") return false;
  // A change the page can't show (83.8 MB → 83.8 MB) is a few bytes of a rebuild: not worth a line.
  return byUnit(d.current, figure.unit) !== byUnit(d.previous, figure.unit);
}

function changeLine(d: FigureDelta, figure: Figure): string {
  const judged = d.regression ? " ⚠ **regression**" : "";
  if (d.pair) {
    const better = figure.worse === "up" ? d.current < d.previous : d.current > d.previous;
    return `- ${ratioLine(d)}${judged || (better ? ", tiny gained on its original" : ", tiny lost against its original")}`;
  }
  const fraction = changeFraction(d);
  const amount = figure.unit === "count" || fraction === null ? "" : ` (${formatSignedPercent(fraction)})`;
  return `- ${d.image}:${d.flavor}${onArchitecture(d)} ${figure.label}: ${byUnit(d.previous, figure.unit)} → ${byUnit(d.current, figure.unit)}${amount}${judged}`;
}

function movedLines(comparison: Comparison): string[] {
  return comparison.deltas.flatMap((d) => {
    const figure = figureOf(d.figure);
    return figure && beyondNoise(d, figure) ? [changeLine(d, figure)] : [];
  });
}

/** Fold a long list: after a large change every size moves, and the sections below matter as much. */
function movedList(moved: readonly string[]): string {
  if (moved.length === 0) return "Nothing moved beyond its noise.";
  if (moved.length <= foldAfter) return moved.join("\n");
  return details(`${moved.length} figures moved beyond their noise`, moved.join("\n"));
}

const foldAfter = 12;

function conditionsCaution(comparison: Comparison): string {
  if (comparison.conditionChanges.length === 0) return "";
  const changes = comparison.conditionChanges.map((c) => `${c.label} ${c.previous} → ${c.current}`).join("; ");
  return [
    "> [!CAUTION]",
    `> The machine or the load changed since then (${line(changes)}): the pairs' ratios compare different conditions, so only sizes are listed.`,
  ].join("\n");
}

export function changesSection(report: BenchReport): string {
  const comparison = report.comparison;
  if (!comparison) return "";
  const moved = movedLines(comparison);
  const skipped = [
    ...comparison.onlyInCurrent.map((f) => `${f.image}:${f.flavor} (new in this run)`),
    ...comparison.onlyInPrevious.map((f) => `${f.image}:${f.flavor} (only in earlier runs)`),
  ];
  return [
    "## Changes since earlier runs",
    `Against ${baselineName(comparison)}. Listed only what the machine doesn't move: any change of a size (sizes repeat exactly from build to build), and a pair's ratio, tiny ÷ original (CPU per answer, throughput, start-up), whose 95% interval no longer overlaps the earlier run's. Absolute throughput from another run is context (see the trend), never a change by itself. A regression is a change past its threshold in \`budgets.json\` in the worse direction.`,
    conditionsCaution(comparison),
    movedList(moved),
    skipped.length > 0 ? `Not compared, measured in one run only: ${skipped.join(", ")}.` : "",
  ]
    .filter((s) => s !== "")
    .join("\n\n");
}

/** Broken budgets and regressions, right under the headline: what someone must act on. */
export function alerts(report: BenchReport): string {
  const results = report.budgets ?? [];
  const broken = breaches(results);
  const regressions = report.comparison ? regressionsOf(report.comparison) : [];
  const lines: string[] = [];
  if (broken.length > 0)
    lines.push(
      `> ${broken.length} of ${results.length} budgets of \`budgets.json\` broken:`,
      ...broken.map((r) => `> - ${r.name}: ${r.actual}`),
    );
  if (regressions.length > 0) {
    if (lines.length > 0) lines.push(">");
    lines.push(
      `> ${regressions.length} ${regressions.length === 1 ? "regression" : "regressions"} against ${baselineName(report.comparison!)} (see "Changes since earlier runs"):`,
      ...regressions.map((d) => `> - ${line(regressionLine(d))}`),
    );
  }
  if (lines.length > 0) return ["> [!WARNING]", ...lines].join("\n");
  const compared = report.comparison ? "no regressions" : "no earlier run to compare with";
  if (results.length === 0) return `${compared[0]!.toUpperCase()}${compared.slice(1)}.`;
  return `All ${results.length} budgets of \`budgets.json\` are met; ${compared}.`;
}
