// One section per image, built for comparing: a row per figure (or per
// figures read together) with its unit once in the label, the original and
// the tiny flavor side by side, and the judgement in the last column. What
// has no pairs to judge it by (memory, latency) and every figure's spread
// are folded under the table; failure rows that are all zero are left out.
import { byteUnits, formatCount, formatRange, formatRatio, formatSignedPercent, notApplicable } from "../format.js";
import { figuresOf, type Figure, type Unit } from "../../report/figures.js";
import { measuredPairs, type MeasuredPair } from "../../report/pairs.js";
import type { BenchReport, ExactComparison, FlavorReport, ImageReport } from "../../report/schema.js";
import { judgedBy, type JudgedBy } from "../../report/judgements.js";
import { cellWords, disagreements, verdictParts, type VerdictPart } from "../verdict.js";
import { code, details, line, listOf, table } from "./blocks.js";
import { byUnit, describeMachine, flavorLabel, imageName, quantities, sidesOf } from "./words.js";
import { machineOf } from "../../report/machine.js";
import { loadNotes } from "./load-notes.js";
import { anchors } from "./anchors.js";

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
function judgement(figure: Figure, unit: RowUnit, part: VerdictPart | undefined, exact: ExactComparison | undefined): string {
  if (part) return cellWords(part);
  if (figure.kind === "runtime" || !exact) return "not compared";
  if (figure.kind === "size" && figure.unit === "bytes" && figure.worse === "up" && exact.timesSmaller !== null && exact.ratio !== null) {
    return exact.change <= 0 ? `${formatRatio(exact.timesSmaller)} smaller` : `${formatRatio(exact.ratio)} larger`;
  }
  const change = exact.change;
  if (figure.unit === "count" || figure.unit === "ms" || figure.kind === "size") {
    const shown = figure.unit === "ms" ? `${unit.show(Math.abs(change)).replace("< 1", "0")} ${unit.name}` : unit.show(Math.abs(change));
    return change === 0 ? "same" : `${change < 0 ? "−" : "+"}${shown.trim()}`;
  }
  return exact.fraction === null ? notApplicable : formatSignedPercent(exact.fraction);
}

const isZeroFailure = (figure: Figure, flavors: readonly FlavorReport[]): boolean =>
  figure.kind === "failures" && flavors.every((f) => (figure.read(f) ?? 0) === 0);

interface Row {
  readonly label: string;
  readonly cells: readonly [string, string, string];
  /** A runtime figure without pairs: folded under the table with the spread. */
  readonly notCompared: boolean;
}

/** A row of one figure or of several that share a `row`: values "a / b" under the row's label, in the unit of the largest. */
function rowOf(
  group: readonly Figure[],
  original: FlavorReport,
  tiny: FlavorReport,
  parts: readonly VerdictPart[],
  judged: JudgedBy,
): Row | undefined {
  const live = group.filter((g) => !isZeroFailure(g, [original, tiny]));
  const [o, t] = [live.map((g) => g.read(original)), live.map((g) => g.read(tiny))];
  if (live.length === 0 || [...o, ...t].some((v) => v === undefined)) return undefined;
  const unit = rowUnit(live[0]!.unit, [...(o as number[]), ...(t as number[])]);
  const shown = (f: FlavorReport, values: (number | undefined)[]): string =>
    live.map((g, i) => g.show?.(f) ?? unit.show(values[i]!)).join(" / ");
  const said = live.map((g) =>
    judgement(
      g,
      unit,
      parts.find((p) => p.figure === g.key),
      judged.exact(g.key),
    ),
  );
  const notCompared = said.every((j) => j === "not compared");
  const label = live.length > 1 ? live[0]!.row! : live[0]!.label;
  return {
    label: withUnit(label, unit),
    cells: [shown(original, o), shown(tiny, t), notCompared ? "not compared" : said.join(" / ")],
    notCompared,
  };
}

/** The rows in the registry's order: figures sharing a `row` together, unless one of them has a verdict of its own. */
function figureRows(original: FlavorReport, tiny: FlavorReport, judged: JudgedBy): Row[] {
  const parts = verdictParts(tiny, original, judged);
  const paired = (f: Figure): boolean => parts.some((p) => p.figure === f.key && !p.notCompared && f.kind === "runtime");
  const shown = figuresOf([original, tiny]).filter((f) => !f.elsewhere);
  const rows: Row[] = [];
  const done = new Set<string>();
  for (const figure of shown) {
    if (done.has(figure.key)) continue;
    const group = figure.row && !paired(figure) ? shown.filter((f) => f.row === figure.row && !paired(f)) : [figure];
    group.forEach((f) => done.add(f.key));
    const row = rowOf(group, original, tiny, parts, judged);
    if (row) rows.push(row);
  }
  return rows;
}

/** How many values a spread is over: "30 bursts, 6 starts". */
function spreadOver(f: FlavorReport): string {
  const bursts =
    figuresOf([f])
      .find((g) => g.load && g.values?.(f)?.length)
      ?.values?.(f)?.length ?? 0;
  const starts = f.startup?.values?.length ?? 0;
  const said = [bursts > 0 ? `${bursts} bursts` : "", starts > 0 ? `${starts} starts` : ""];
  return said.filter(Boolean).join(", ");
}

function spreadRows(original: FlavorReport, tiny: FlavorReport): string[][] {
  return figuresOf([original, tiny]).flatMap((figure) => {
    const [o, t] = [figure.range?.(original), figure.range?.(tiny)];
    if (!o || !t) return [];
    const quantity = quantities[figure.unit];
    return [[figure.label, formatRange(o, quantity), formatRange(t, quantity)]];
  });
}

/** Folded under the table: the figures not compared (no pairs), and every figure's lowest and highest value. */
function foldedTables(original: FlavorReport, tiny: FlavorReport, uncompared: readonly Row[]): string {
  const spread = spreadRows(original, tiny);
  if (spread.length === 0 && uncompared.length === 0) return "";
  const over = spreadOver(tiny);
  const tables = [
    uncompared.length > 0
      ? table(
          ["not compared (unit)", "original", "tiny"],
          uncompared.map((r) => [r.label, ...r.cells.slice(0, 2)]),
          ["left", "right", "right"],
        )
      : "",
    spread.length > 0 ? table(["lowest–highest", "original", "tiny"], spread, ["left", "right", "right"]) : "",
  ];
  const kinds = ["start-up", "memory", "CPU", "throughput", "latency"].filter((k) => uncompared.some((r) => r.label.includes(k)));
  const named = listOf(kinds) || "figures";
  const what = [
    uncompared.length > 0 ? `${named[0]!.toUpperCase()}${named.slice(1)} (not compared)` : "",
    spread.length > 0 ? "the spread of every figure" : "",
  ];
  return details(`${what.filter(Boolean).join(", and ")}${over ? ` (${over})` : ""}`, tables.filter(Boolean).join("\n\n"));
}

/** One paragraph under the heading: what the image is, what runs in it, and the load. */
function about(image: ImageReport, report: BenchReport, original: FlavorReport | undefined, tiny: FlavorReport | undefined): string {
  const summary = `${line(image.summary)[0]!.toUpperCase()}${line(image.summary).slice(1)}.`;
  const said = [summary];
  const [s, o] = [tiny?.software, original?.software];
  if (s && o) {
    said.push(s === o ? `${s} in both.` : `Different versions (original ${o}, tiny ${s}): the runtime figures compare those too.`);
  }
  said.push(...loadNotes(image, report));
  const rebuilt = tiny && reproductionNote(tiny);
  if (rebuilt) said.push(rebuilt);
  return said.join(" ");
}

/** A paired figure whose bursts fall into two regimes, said once under the table: its medians may differ where its pairs don't. */
function regimeNotes(original: FlavorReport, tiny: FlavorReport, judged: JudgedBy): string[] {
  return figuresOf([original, tiny]).flatMap((figure) => {
    const regimes = judged(figure.key)?.regimes;
    if (!regimes) return [];
    const [low, high] = regimes.map((v) => byUnit(v, figure.unit));
    return [
      `${figure.label}: its bursts fall into two regimes, about ${low} and ${high}, in both flavors. Each pair of bursts sits in one, so the paired ratio compares like with like; the two medians may land in different regimes.`,
    ];
  });
}

/** "sha256:458c428ef475", the 12 hex digits `docker images` shows. */
const shortId = (id: string): string => code(id.replace(/^(sha256:)?([0-9a-f]{12}).*$/, "sha256:$2"));

/** Whether a rebuild from nothing gave the tiny image's ID again (npm run bench -- --reproduce); nothing when none was made. */
export function reproductionNote(tiny: FlavorReport): string {
  const r = tiny.reproduction;
  if (!r || !tiny.imageId) return "";
  const id = `Its tiny image, ${shortId(tiny.imageId)}`;
  if (r.reproduced) return `${id}, came out the same when built again from nothing, without the build cache.`;
  return `${id}, did not reproduce: built again from nothing it was ${shortId(r.rebuiltId)}, first differing in ${line(r.difference ?? "an unknown place")}.`;
}

/** Rows whose figures an appendix takes apart link to it: sizes to where the bytes are, contents to what was left out. */
const rowAppendix: Readonly<Record<string, { anchor: string; has: (f: FlavorReport) => boolean }>> = {
  "size / compressed": { anchor: anchors.bytes, has: (f) => f.bytes !== undefined },
  "layers / files / packages": { anchor: anchors.leftOut, has: (f) => (f.size.leftOut?.length ?? 0) > 0 },
};

function linked(label: string, report: BenchReport): string {
  const [name, unit] = [label.replace(/ \(.*\)$/, ""), /( \(.*\))$/.exec(label)?.[1] ?? ""];
  const target = rowAppendix[name];
  const present = target && report.images.some((i) => i.flavors.some(target.has));
  return present ? `[${name}](#${target.anchor})${unit}` : label;
}

function pairTable(report: BenchReport, image: ImageReport, p: MeasuredPair): string[] {
  const [original, tiny] = [p.originalFigures, p.tinyFigures];
  if (!original || !tiny) {
    const only = (original ?? tiny)!;
    return [`Only ${flavorLabel(only)} was measured: no comparison.`];
  }
  const { versus } = sidesOf(report);
  const judgedHeader = report.settings.sizeOnly ? versus : `[${versus} (95% interval)](#${anchors.howMeasured})`;
  const header = ["figure (unit)", flavorLabel(original), flavorLabel(tiny), judgedHeader];
  const judged = judgedBy(report, image, tiny.flavor);
  const rows = figureRows(original, tiny, judged);
  const open = rows.filter((r) => !r.notCompared).map((r) => [linked(r.label, report), ...r.cells]);
  return [
    table(header, open, ["left", "right", "right", "left"]),
    ...disagreements(tiny, original, judged),
    ...regimeNotes(original, tiny, judged),
    foldedTables(
      original,
      tiny,
      rows.filter((r) => r.notCompared),
    ),
  ].filter((s) => s !== "");
}

export function imageSection(image: ImageReport, report: BenchReport): string {
  const pairs = measuredPairs(image);
  if (pairs.length === 0) return "";
  const body = pairs.flatMap((p) =>
    pairs.length > 1 ? [`### ${p.tiny} vs ${p.original}`, ...pairTable(report, image, p)] : pairTable(report, image, p),
  );
  // A merged report holds an image once per machine: each section says which.
  const machine = image.machine ? [`Measured on ${describeMachine(machineOf(report, image))}.`] : [];
  const first = pairs[0]!;
  return [`## ${imageName(report, image)}`, about(image, report, first.originalFigures, first.tinyFigures), ...machine, ...body].join(
    "\n\n",
  );
}
