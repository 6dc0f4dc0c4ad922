// What moved since the earlier runs, and only what moved beyond its noise:
// sizes are exact, so any change is real; a runtime figure counts once it
// passes its threshold in budgets.json (which says why that is beyond the
// run-to-run wander), and a latency only when it moved by more than the
// 1 ms its whole-millisecond readings can resolve. Regressions lead.
import { breaches } from "../budget-check.js";
import { changeFraction, regressionsOf } from "../compare.js";
import { figure as figureOf, type Figure } from "../figures.js";
import { formatSignedPercent, notApplicable } from "../format.js";
import type { BenchReport, Comparison, FigureDelta } from "../schema.js";
import { details, line } from "./blocks.js";
import { baselineName, byUnit } from "./words.js";

/** A regression in one line: "nginx-php:scratch PHP page throughput: 6,210 req/s → 5,143 req/s (−17%, threshold −15%)". */
export function regressionLine(d: FigureDelta): string {
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

/** Whether a change is more than its figure's noise. */
export function beyondNoise(d: FigureDelta, figure: Figure, conditionsChanged: boolean): boolean {
  if (d.regression) return true;
  // A change the page can't show (83.8 MB → 83.8 MB) is a few bytes of a rebuild: not worth a line.
  if (byUnit(d.current, figure.unit) === byUnit(d.previous, figure.unit)) return false;
  if (figure.kind === "size" || figure.kind === "failures") return true;
  if (conditionsChanged || d.threshold === undefined) return false;
  if (figure.unit === "ms" && Math.abs(d.current - d.previous) <= 1) return false;
  const fraction = changeFraction(d);
  return fraction !== null && Math.abs(fraction) > Math.abs(d.threshold);
}

function changeLine(d: FigureDelta, figure: Figure): string {
  const fraction = changeFraction(d);
  const amount = figure.unit === "count" || fraction === null ? "" : ` (${formatSignedPercent(fraction)})`;
  const better = figure.worse === "up" ? d.current < d.previous : d.current > d.previous;
  const judged = d.regression ? " ⚠ **regression**" : figure.kind === "runtime" ? (better ? ", better" : ", worse") : "";
  return `- ${d.image}:${d.flavor}${onArchitecture(d)} ${figure.label}: ${byUnit(d.previous, figure.unit)} → ${byUnit(d.current, figure.unit)}${amount}${judged}`;
}

function movedLines(comparison: Comparison): string[] {
  const changed = comparison.conditionChanges.length > 0;
  return comparison.deltas.flatMap((d) => {
    const figure = figureOf(d.figure);
    return figure && beyondNoise(d, figure, changed) ? [changeLine(d, figure)] : [];
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
    `> The machine or the load changed since then (${line(changes)}): runtime figures compare different conditions, so only sizes are listed.`,
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
    `Against ${baselineName(comparison)}. Listed only when beyond noise: any change of a size (sizes repeat exactly from build to build), a runtime figure past its threshold in \`budgets.json\` (each says why that is beyond the run-to-run wander), a latency by more than 1 ms. A regression is a change past its threshold in the worse direction.`,
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
