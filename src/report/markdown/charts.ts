// The report's charts, as mermaid xychart blocks GitHub renders: sizes with
// one bar series per role (the tiny bar drawn over its original's), and the
// trend of the main figures over the last runs. xychart has no legend on
// GitHub's mermaid, so each title names its colours.
import type { BenchReport, RunRef, TrendChart } from "../schema.js";
import { imageName } from "./words.js";
import { measuredPairs } from "../pairs.js";

/** GitHub's own blue, green, red and yellow read in light and dark alike; mermaid's default first colour nearly vanishes on white. */
const palette = ["blue", "green", "red", "yellow"] as const;
const paletteHex = "#0969da, #1a7f37, #cf222e, #9a6700";

const colourInit = `"themeVariables": {"xyChart": {"plotColorPalette": "${paletteHex}"}}`;
const lineInit = `%%{init: {${colourInit}, "xyChart": {"height": 320}}}%%`;
/** Mermaid's default 500 px height gives four bars 110 px each: a third of that reads as well. */
const barInit = `%%{init: {${colourInit}, "xyChart": {"height": 260}}}%%`;

/** Mermaid labels and titles are quoted strings: keep to characters that can't end or break one. */
export function chartLabel(text: string): string {
  return text
    .replace(/[^\w .,:/()+→-]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** A round top for the value axis, so the bars start at 0 and the scale reads well. */
export function axisTop(max: number): number {
  if (max <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(max)) / 2;
  return Math.ceil(max / step) * step;
}

/** "blue original debian, green tiny scratch". */
function colours(names: readonly string[]): string {
  return names.map((n, i) => `${palette[i % palette.length]} ${n}`).join(", ");
}

const mb = (bytes: number): number => Number((bytes / 1e6).toPrecision(3));

interface SizeBars {
  readonly labels: string[];
  readonly original: number[];
  readonly tiny: number[];
}

/** One bar per image and role; an image with several measured pairs gets a label per pair. */
function sizeBars(report: BenchReport, read: (bytes: { bytes: number; compressedBytes: number }) => number): SizeBars {
  const bars: SizeBars = { labels: [], original: [], tiny: [] };
  for (const image of report.images) {
    const pairs = measuredPairs(image).filter((p) => p.tinyFigures && p.originalFigures);
    for (const p of pairs) {
      const [original, tiny] = [mb(read(p.originalFigures!.size)), mb(read(p.tinyFigures!.size))];
      // mermaid's data labels take the smallest bar's font size for all and misplace an overlaid series': the values go in the label.
      bars.labels.push(
        chartLabel(`${pairs.length > 1 ? `${imageName(report, image)} ${p.tiny}` : imageName(report, image)} ${original} → ${tiny}`),
      );
      bars.original.push(original);
      bars.tiny.push(tiny);
    }
  }
  return bars;
}

function sizeChart(title: string, bars: SizeBars, flavors: { original: string; tiny: string }): string {
  // Horizontal: labels side by side under 700 px of chart run into each other.
  return [
    "```mermaid",
    barInit,
    "xychart-beta horizontal",
    `    title "${chartLabel(`${title}: ${colours([`original ${flavors.original}`, `tiny ${flavors.tiny}`])}`)}"`,
    `    x-axis [${bars.labels.map((l) => `"${l}"`).join(", ")}]`,
    `    y-axis "MB" 0 --> ${axisTop(Math.max(...bars.original, ...bars.tiny))}`,
    // The tiny bar is drawn second, over its original: the blue that shows is what the tiny image saved.
    `    bar [${bars.original.join(", ")}]`,
    `    bar [${bars.tiny.join(", ")}]`,
    "```",
  ].join("\n");
}

/** The flavor names each role had, "debian" or "debian, centos". */
function roleNames(report: BenchReport): { original: string; tiny: string } {
  const names = (role: "tiny" | "original"): string =>
    [...new Set(report.images.flatMap((i) => i.flavors.filter((f) => f.role === role).map((f) => f.flavor)))].join(" or ");
  return { original: names("original"), tiny: names("tiny") };
}

/** Uncompressed and compressed size, original against tiny, per image. */
export function sizeCharts(report: BenchReport): string[] {
  const flavors = roleNames(report);
  const sizes = sizeBars(report, (s) => s.bytes);
  if (sizes.labels.length === 0) return [];
  return [
    sizeChart("Size, MB", sizes, flavors),
    sizeChart(
      "Compressed, MB",
      sizeBars(report, (s) => s.compressedBytes),
      flavors,
    ),
  ];
}

export function trendChart(chart: TrendChart): string {
  const top = axisTop(Math.max(...chart.series.flatMap((s) => s.values)));
  const label = (r: RunRef): string => `"${r.generatedAt.slice(5, 16).replace("T", " ")}"`;
  return [
    "```mermaid",
    lineInit,
    "xychart-beta",
    `    title "${chartLabel(`${chart.title}: ${colours(chart.series.map((s) => s.name))}`)}"`,
    `    x-axis [${chart.runs.map(label).join(", ")}]`,
    `    y-axis "${chartLabel(chart.unit)}" 0 --> ${top}`,
    ...chart.series.map((s) => `    line [${s.values.join(", ")}]`),
    "```",
  ].join("\n");
}
