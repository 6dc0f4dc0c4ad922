// One section per image, built for comparing: a row per figure with its
// unit once in the label, the original and the tiny flavor side by side, and
// the judgement in the last column. The rounds' spread is folded away, and
// rows that are all zero (failures) become one line.
import { byteUnits, formatCount, formatRange, formatRatio, formatSignedPercent, notApplicable } from "../format.js";
import { figures, type Figure, type Unit } from "../figures.js";
import { measuredPairs, type MeasuredPair } from "../pairs.js";
import type { BenchReport, FlavorReport, ImageReport } from "../schema.js";
import { disagreements, verdictParts, verdictWords, type VerdictPart } from "../verdict.js";
import { details, line, table } from "./blocks.js";
import { flavorLabel, imageName, quantities } from "./words.js";
import { describeMachine, machineOf } from "../machine.js";
import { loadNotes } from "./load-notes.js";

/** How a row shows its figures: one unit for both flavors, named once in the row's label. */
interface RowUnit {
  readonly name: string;
  readonly show: (n: number) => string;
}

const threeDigits = (n: number): string => String(Number(n.toPrecision(3)));

/** The unit the larger of a row's figures reads best in. */
export function rowUnit(unit: Unit, values: readonly number[]): RowUnit {
  const max = Math.max(...values.map(Math.abs));
  if (unit === "bytes") {
    const { unit: name, scale } = [...byteUnits].reverse().find((s) => max >= s.scale) ?? byteUnits[0];
    return { name, show: (n) => threeDigits(n / scale) };
  }
  // autocannon and ab count whole milliseconds: 0 is "under 1", not "none".
  if (unit === "ms")
    return max >= 1000
      ? { name: "s", show: (n) => threeDigits(n / 1000) }
      : { name: "ms", show: (n) => (n === 0 ? "< 1" : threeDigits(n)) };
  if (unit === "count") return { name: "", show: formatCount };
  return { name: unit, show: (n) => quantities[unit](n).value };
}

function withUnit(label: string, unit: RowUnit): string {
  return unit.name === "" ? label : `${label} (${unit.name})`;
}

/** The judgement for a row: the verdict's words where the figure has one; a runtime figure without pairs is not compared; else the exact difference. */
function judgement(figure: Figure, original: number, tiny: number, unit: RowUnit, part: VerdictPart | undefined): string {
  if (part) return verdictWords(part);
  if (figure.kind === "runtime") return "not compared";
  if (figure.kind === "size" && figure.unit === "bytes" && figure.worse === "up" && tiny > 0) {
    return tiny <= original ? `${formatRatio(original / tiny)} smaller` : `${formatRatio(tiny / original)} larger`;
  }
  const change = tiny - original;
  if (figure.unit === "count" || figure.unit === "ms" || figure.kind === "size") {
    const shown = figure.unit === "ms" ? `${unit.show(Math.abs(change)).replace("< 1", "0")} ${unit.name}` : unit.show(Math.abs(change));
    return change === 0 ? "same" : `${change < 0 ? "−" : "+"}${shown.trim()}`;
  }
  return original === 0 ? notApplicable : formatSignedPercent(change / original);
}

const isZeroFailure = (figure: Figure, flavors: readonly FlavorReport[]): boolean =>
  figure.kind === "failures" && flavors.every((f) => (figure.read(f) ?? 0) === 0);

function figureRows(original: FlavorReport, tiny: FlavorReport): string[][] {
  const parts = verdictParts(tiny, original);
  return figures.flatMap((figure) => {
    const [o, t] = [figure.read(original), figure.read(tiny)];
    if (o === undefined || t === undefined || isZeroFailure(figure, [original, tiny])) return [];
    const unit = rowUnit(figure.unit, [o, t]);
    const shown = (f: FlavorReport, value: number): string => figure.show?.(f) ?? unit.show(value);
    const part = parts.find((p) => p.figure === figure.key);
    return [[withUnit(figure.label, unit), shown(original, o), shown(tiny, t), judgement(figure, o, t, unit, part)]];
  });
}

function spreadTable(original: FlavorReport, tiny: FlavorReport, rounds: number): string {
  const rows = figures.flatMap((figure) => {
    const [o, t] = [figure.range?.(original), figure.range?.(tiny)];
    if (!o || !t) return [];
    const quantity = quantities[figure.unit];
    return [[figure.label, formatRange(o, quantity), formatRange(t, quantity)]];
  });
  if (rows.length === 0) return "";
  return details(
    `Spread: the lowest and highest value over every burst or start of the ${rounds} rounds`,
    table(["figure", "original", "tiny"], rows, ["left", "right", "right"]),
  );
}

/** How to read the last column, said where the reader needs it. */
function readingNote(f: FlavorReport): string {
  // autocannon and ab report whole milliseconds; mysql2's timings are finer.
  const wholeMs = f.http || f.ab ? " Their latencies under load are whole milliseconds." : "";
  return `Runtime figures are medians over every burst (start-up: over every start). The last column follows one rule: sizes and failure counts are exact differences; a runtime figure measured in pairs (CPU per answer, throughput, start-up) is judged by its pairs ("no difference detected" is explained at the top); one without pairs (memory, latency) is "not compared", its values beside.${wholeMs}`;
}

/** The lines under a pair's table: what runs in it, failures, spread and how to read the last column. */
function pairNotes(report: BenchReport, original: FlavorReport, tiny: FlavorReport): string[] {
  const notes: string[] = [];
  const [s, o] = [tiny.software, original.software];
  if (s && o) {
    notes.push(
      s === o
        ? `Both flavors run ${s}.`
        : `They run different versions (original ${o}, tiny ${s}): the runtime figures compare those too, not only the flavors.`,
    );
  }
  const failing = figures.filter((f) => f.kind === "failures" && (f.read(original) !== undefined || f.read(tiny) !== undefined));
  if (failing.length > 0 && failing.every((f) => isZeroFailure(f, [original, tiny]))) {
    notes.push("No failed answers (errors, timeouts, non-2xx or failed queries) in any run of either flavor.");
  }
  notes.push(...disagreements(tiny, original));
  if (!report.settings.sizeOnly && original.startup) notes.push(readingNote(original));
  const spread = spreadTable(original, tiny, report.settings.rounds);
  return spread === "" ? notes : [...notes, spread];
}

function pairTable(report: BenchReport, p: MeasuredPair): string[] {
  const [original, tiny] = [p.originalFigures, p.tinyFigures];
  if (!original || !tiny) {
    const only = (original ?? tiny)!;
    return [`Only ${flavorLabel(only)} was measured: no comparison.`];
  }
  const header = ["figure (unit)", flavorLabel(original), flavorLabel(tiny), "tiny vs original"];
  return [table(header, figureRows(original, tiny), ["left", "right", "right", "left"]), ...pairNotes(report, original, tiny)];
}

export function imageSection(image: ImageReport, report: BenchReport): string {
  const pairs = measuredPairs(image);
  if (pairs.length === 0) return "";
  const body = pairs.flatMap((p) =>
    pairs.length > 1 ? [`### ${p.tiny} vs ${p.original}`, ...pairTable(report, p)] : pairTable(report, p),
  );
  // A merged report holds an image once per machine: each section says which.
  const machine = image.machine ? [`Measured on ${describeMachine(machineOf(report, image))}.`] : [];
  return [
    `## ${imageName(report, image)}`,
    `${line(image.summary)[0]!.toUpperCase()}${line(image.summary).slice(1)}.`,
    ...machine,
    ...body,
    ...loadNotes(image, report),
  ].join("\n\n");
}
