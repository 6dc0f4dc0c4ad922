// What changes moving from an original to a tiny flavor of another
// distribution (centos → alpine): every answer the parity probes got
// differently from the two, with both answers and, where it was known before
// the run, the reason and its source. For such a pair a difference is not a
// failure but the finding a person making that move needs; the headline
// counts them (behaviourSentence), this section lists them.
import { formatCount } from "../format.js";
import type { BehaviourComparison, BehaviourDifference, BenchReport, ImageReport } from "../../report/schema.js";
import { code, line, listOf, table } from "./blocks.js";
import { imageName } from "./words.js";

/** Longest answer shown in a cell; the JSON has the whole of it. */
const maxChars = 60;
/** Most list items shown in a cell. */
const maxItems = 8;

interface Found {
  readonly image: ImageReport;
  readonly comparison: BehaviourComparison;
}

/** The report's comparisons grouped by pair ("centos → alpine"), in the order the images come. */
function byPair(report: BenchReport): Map<string, Found[]> {
  const grouped = new Map<string, Found[]>();
  for (const image of report.images) {
    for (const comparison of image.behaviour ?? []) {
      const key = `${comparison.original} → ${comparison.tiny}`;
      grouped.set(key, [...(grouped.get(key) ?? []), { image, comparison }]);
    }
  }
  return grouped;
}

function shortJson(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
}

function items(list: readonly unknown[]): string {
  const shown = list.slice(0, maxItems).map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
  const more = list.length > maxItems ? ` and ${formatCount(list.length - maxItems)} more` : "";
  return `${shown.join(", ")}${more}`;
}

/** The two answers as cells: a list says only what one side has that the other lacks. */
export function answerCells(d: BehaviourDifference): [string, string] {
  const { original, tiny } = d;
  if (Array.isArray(original) && Array.isArray(tiny)) {
    const has = (list: readonly unknown[], v: unknown) => list.some((x) => JSON.stringify(x) === JSON.stringify(v));
    const [onlyOriginal, onlyTiny] = [original.filter((v) => !has(tiny, v)), tiny.filter((v) => !has(original, v))];
    if (onlyOriginal.length + onlyTiny.length === 0) return ["the same items", "in another order"];
    const side = (only: readonly unknown[], of: number) => (only.length === 0 ? `nothing more (${of} items)` : `only here: ${items(only)}`);
    return [side(onlyOriginal, original.length), side(onlyTiny, tiny.length)];
  }
  const cell = (v: unknown) => (v === undefined ? "(absent)" : code(shortJson(v)));
  return [cell(original), cell(tiny)];
}

/** "musl takes … ([wiki.musl-libc.org](…))", or "–" when no reason is known yet. */
export function reasonCell(d: BehaviourDifference): string {
  if (!d.reason) return "not known yet";
  const links = (d.sources ?? []).map((url) => `[${hostOf(url)}](${url})`);
  return links.length > 0 ? `${line(d.reason)} (${links.join(", ")})` : line(d.reason);
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return "source";
  }
}

const explained = (c: BehaviourComparison): number => c.differences.filter((d) => d.reason).length;

function failedLines(found: Found, report: BenchReport): string[] {
  return (found.comparison.failed ?? []).map(
    (f) => `**${f.flavor}** gave no answer to the ${found.comparison.probe} probe of ${imageName(report, found.image)}: ${line(f.error)}`,
  );
}

function imageBlock(found: Found, report: BenchReport, pair: { original: string; tiny: string }): string {
  const c = found.comparison;
  const name = imageName(report, found.image);
  if (c.failed && c.failed.length > 0) return [`### ${name}: not compared`, ...failedLines(found, report)].join("\n\n");
  const heading = `### ${name}: ${formatCount(c.differences.length)} of ${formatCount(c.compared)} answers to the ${c.probe} probe differ`;
  if (c.differences.length === 0) return `${heading}\n\nEvery answer is the same.`;
  const rows = c.differences.map((d) => [code(d.key), ...answerCells(d), reasonCell(d)]);
  const known = `${formatCount(explained(c))} with a known reason.`;
  return [heading, known, table(["key", pair.original, pair.tiny, "why"], rows)].join("\n\n");
}

export function behaviourSection(report: BenchReport): string {
  return [...byPair(report)]
    .map(([title, found]) => {
      const { original, tiny } = found[0]!.comparison;
      const probes = listOf([...new Set(found.map((f) => f.comparison.probe))]);
      const lead =
        `The parity suite's probes (${probes}: what applications rely on, such as locales, character sets, time zones, name lookups, crypto, extensions and settings) ran on both flavors of each image. ` +
        `${original} and ${tiny} are two distributions (another C library, other builds and versions), so their answers differ by construction: these are all the answers that differ, each with both values and, where it was known before the run, why and where that is documented. ` +
        `A row whose reason is "not known yet" is the one to check an application against first. Lists show only what one side has that the other lacks.`;
      return [`## What changes moving ${title}`, lead, ...found.map((f) => imageBlock(f, report, { original, tiny }))].join("\n\n");
    })
    .join("\n\n");
}

/** The headline's line: how many behaviours differ per pair of two distributions, and any probe that got no answer. */
export function behaviourSentence(report: BenchReport): string {
  return [...byPair(report)]
    .map(([title, found]) => {
      const compared = found.filter((f) => !f.comparison.failed?.length);
      const differ = compared.reduce((n, f) => n + f.comparison.differences.length, 0);
      const total = compared.reduce((n, f) => n + f.comparison.compared, 0);
      const known = compared.reduce((n, f) => n + explained(f.comparison), 0);
      const parts = compared.map((f) => `${imageName(report, f.image)} ${formatCount(f.comparison.differences.length)}`);
      const counted =
        compared.length > 0
          ? `${formatCount(differ)} of ${formatCount(total)} probed behaviours differ (${listOf(parts)}), ${formatCount(known)} of them with a known reason: see "What changes moving ${title}" below.`
          : "";
      const failures = found.flatMap((f) => failedLines(f, report));
      return [`**Behaviour, ${title}:**`, counted, ...failures.map((f) => `${f}.`)].filter((s) => s !== "").join(" ");
    })
    .join("\n\n");
}
