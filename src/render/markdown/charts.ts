// The report's charts, as mermaid xychart blocks GitHub renders: the
// compressed sizes, original against tiny (the tiny bar drawn over its
// original's; the table beside it has the uncompressed sizes), and the
// trends, a line per image. Every chart is followed by its legend in the
// same colours (colours.ts).
import type { BenchReport, RunRef, TrendChart } from "../../report/schema.js";
import { chartInit, imageColour, legend, roleColours, type Colour } from "./colours.js";
import { imageName } from "./words.js";
import { comparedPairs } from "../../report/pairs.js";

/** Mermaid labels and titles are quoted strings: keep to characters that can't end or break one. */
function chartLabel(text: string): string {
  return text
    .replace(/[^\w .,:/()+→÷=-]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** A round top for the value axis, so the bars start at 0 and the scale reads well. */
function axisTop(max: number): number {
  if (max <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(max)) / 2;
  return Math.ceil(max / step) * step;
}

const mb = (bytes: number): number => Number((bytes / 1e6).toPrecision(3));

interface SizeBars {
  readonly labels: string[];
  readonly original: number[];
  readonly tiny: number[];
}

/** One bar per image and role, the compressed size (the headline table has the uncompressed one); an image with several measured pairs gets a label per pair. */
function sizeBars(report: BenchReport): SizeBars {
  const bars: SizeBars = { labels: [], original: [], tiny: [] };
  for (const image of report.images) {
    const pairs = comparedPairs(image);
    for (const p of pairs) {
      bars.labels.push(chartLabel(pairs.length > 1 ? `${imageName(report, image)} ${p.tiny}` : imageName(report, image)));
      bars.original.push(mb(p.originalFigures.size.compressedBytes));
      bars.tiny.push(mb(p.tinyFigures.size.compressedBytes));
    }
  }
  return bars;
}

/** ": debian:bookworm-slim with packages installed the ordinary way", when the role is one flavor with a summary. */
function summaryOf(report: BenchReport, role: "tiny" | "original"): string {
  const summaries = (report.flavorSummaries ?? []).filter((s) => s.role === role);
  return summaries.length === 1 ? `: ${summaries[0]!.summary.replace(/\s*\n\s*/g, " ")}` : "";
}

/** The flavor names each role had, "debian" or "debian or centos". */
function roleNames(report: BenchReport): { original: string; tiny: string } {
  const names = (role: "tiny" | "original"): string =>
    [...new Set(report.images.flatMap((i) => i.flavors.filter((f) => f.role === role).map((f) => f.flavor)))].join(" or ");
  return { original: names("original"), tiny: names("tiny") };
}

function mermaid(lines: readonly string[]): string {
  return ["```mermaid", ...lines, "```"].join("\n");
}

/** Compressed size, original against tiny, per image: the blue (tiny) bar over the orange (original), so the orange that shows is what was saved. */
export function sizeChart(report: BenchReport): string {
  const bars = sizeBars(report);
  if (bars.labels.length === 0) return "";
  const names = roleNames(report);
  const colours: Colour[] = [roleColours.original, roleColours.tiny];
  return [
    mermaid([
      // Mermaid's default 500 px gives four bars 110 px each: a quarter of that reads as well.
      chartInit(colours, 60 + 28 * bars.labels.length),
      // Horizontal: labels side by side under 700 px of chart run into each other.
      "xychart-beta horizontal",
      `    x-axis [${bars.labels.map((l) => `"${l}"`).join(", ")}]`,
      `    y-axis "compressed size (what a pull transfers), MB" 0 --> ${axisTop(Math.max(...bars.original, ...bars.tiny))}`,
      `    bar [${bars.original.join(", ")}]`,
      `    bar [${bars.tiny.join(", ")}]`,
    ]),
    legend([
      { colour: roleColours.original, name: `**original** (${names.original})${summaryOf(report, "original")}` },
      { colour: roleColours.tiny, name: `**tiny** (${names.tiny})${summaryOf(report, "tiny")}` },
    ]),
  ].join("\n\n");
}

/** "11-28 09:20" for a day's first run, then only the time: the date is said once per day. */
export function runLabels(runs: readonly RunRef[]): string[] {
  return runs.map((r, i) => {
    const [day, time] = [r.generatedAt.slice(5, 10), r.generatedAt.slice(11, 16)];
    return i > 0 && runs[i - 1]!.generatedAt.slice(5, 10) === day ? time : `${day} ${time}`;
  });
}

/** The value axis: from 0 for sizes, around the values for a ratio near 1. */
function valueAxis(chart: TrendChart): string {
  const values = chart.series.flatMap((s) => s.values);
  if (chart.unit !== "ratio") return `0 --> ${axisTop(Math.max(...values))}`;
  const spread = Math.max(0.05, ...values.map((v) => Math.abs(v - 1)));
  const step = Math.ceil(spread * 20) / 20;
  return `${(1 - step).toFixed(2)} --> ${(1 + step).toFixed(2)}`;
}

/** Under a ratio trend: it is the verdict's estimate, which can fall on the other side of 1 from the ratio of two medians. */
const ratioNote = "Each night's ratio is the estimate from its paired bursts, as in the verdicts, not a ratio of the two medians.";

/** Under a ratio trend: the nights whose stored interval excluded 1, each with its interval, so a wobble of the line is not read as a change. */
function excludingOne(chart: TrendChart): string {
  const labels = runLabels(chart.runs);
  const nights = chart.series.flatMap((s) =>
    (s.excludesOne ?? []).flatMap((excludes, i) => {
      const interval = s.intervals?.[i];
      return excludes && interval ? [`${s.name} on ${labels[i]} (${s.values[i]}, ${interval[0]}–${interval[1]})`] : [];
    }),
  );
  if (chart.series.every((s) => s.excludesOne === undefined)) return "";
  return nights.length === 0
    ? "No night's 95% interval excluded 1."
    : `Nights whose 95% interval excluded 1: ${nights.join("; ")}; the others' intervals held 1.`;
}

/** One trend chart, a line per image in the image's colour, its legend under it. */
export function trendChart(chart: TrendChart, report: BenchReport): string {
  const colourOf = (s: TrendChart["series"][number]): Colour => {
    const at = report.images.findIndex((i) => i.name === (s.image ?? s.name));
    // A line of an image this report doesn't have (an older report's flavor lines) takes the colours after the images'.
    return imageColour(at < 0 ? report.images.length + chart.series.indexOf(s) : at);
  };
  return [
    mermaid([
      chartInit(chart.series.map(colourOf), 260),
      "xychart-beta",
      `    title "${chartLabel(chart.title)}"`,
      `    x-axis [${runLabels(chart.runs)
        .map((l) => `"${l}"`)
        .join(", ")}]`,
      `    y-axis "${chartLabel(chart.unit)}" ${valueAxis(chart)}`,
      ...chart.series.map((s) => `    line [${s.values.join(", ")}]`),
    ]),
    legend(chart.series.map((s) => ({ colour: colourOf(s), name: s.name }))),
    chart.unit === "ratio" ? `${ratioNote} ${excludingOne(chart)}`.trim() : "",
  ]
    .filter(Boolean)
    .join("\n\n");
}
