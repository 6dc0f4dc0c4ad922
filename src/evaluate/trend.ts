// The figures worth following over the last runs, for the report's trend
// charts: taken from the history when a report is written and kept in it,
// so the page still renders from its JSON alone. Each line is an image: the
// tiny flavor's size, exact from build to build, and each pair's CPU per
// answer as a ratio, tiny ÷ original, the figure a night's machine moves
// least (an absolute figure from another night would chart the machine).
import type { FlavorName, ImageName } from "../catalog.js";
import { figuresOf } from "../report/figures.js";
import { runRef } from "./changes.js";
import { architectureOf } from "../report/machine.js";
import { measuredPairs } from "../report/pairs.js";
import type { BenchReport, FlavorReport, ImageReport, Trend, TrendChart } from "../report/schema.js";
import { evaluationOf, judgementOf } from "./evaluate.js";
import { confidence } from "./outcome.js";

/** How many runs a trend shows at most, the current one included. */
export const trendRuns = 10;

/** A night's value of a series, and for a ratio the stored interval it came with. */
interface Point {
  readonly value: number;
  readonly interval?: readonly [number, number];
  readonly excludesOne?: boolean;
}

interface ChartSpec {
  readonly title: string;
  readonly unit: string;
  /** An image's value in a run, or undefined when that run lacks it. */
  readonly read: (image: ImageReport, run: BenchReport) => Point | undefined;
}

const tinyOf = (image: ImageReport, pair: FlavorName): FlavorReport | undefined =>
  measuredPairs(image).find((p) => p.tiny === pair)?.tinyFigures;

/** The charts, for the tiny flavor `tiny` of each image. */
function specs(tiny: FlavorName): ChartSpec[] {
  return [
    {
      title: "Tiny image size",
      unit: "MB",
      read: (i) => {
        const value = round(tinyOf(i, tiny)?.size.bytes, 1e-6);
        return value === undefined ? undefined : { value };
      },
    },
    {
      title: "CPU per answer, tiny ÷ original (1 = the same)",
      unit: "ratio",
      // Each night's stored judgement (its evaluation): the estimate and interval its own page showed.
      read: (i, run) => {
        const p = measuredPairs(i).find((x) => x.tiny === tiny);
        if (!p?.tinyFigures || !p.originalFigures) return undefined;
        const cost = figuresOf([p.tinyFigures, p.originalFigures]).filter((c) => c.headline === "cost");
        const architecture = architectureOf(run, i);
        const j = cost
          .map((c) => judgementOf(evaluationOf(run), i.name, tiny, c.key, i.machine ? architecture : undefined))
          .find((x) => x !== undefined && x.coverage >= confidence);
        return (
          j && {
            value: Number(j.ratio.toFixed(3)),
            interval: [Number(j.low.toFixed(3)), Number(j.high.toFixed(3))],
            // From the unrounded ends: a low of 1.0004 excludes 1 though it shows as 1.
            excludesOne: j.low > 1 || j.high < 1,
          }
        );
      },
    },
  ];
}

function round(value: number | undefined, scale: number): number | undefined {
  return value === undefined ? undefined : Number((value * scale).toFixed(1));
}

interface Series {
  readonly image: ImageName;
  readonly architecture: string;
  /** A merged report's lines name their architecture: an image may be there once per architecture. */
  readonly suffix: string;
}

function imageIn(run: BenchReport, s: Series): ImageReport | undefined {
  return run.images.find((i) => i.name === s.image && architectureOf(run, i) === s.architecture);
}

function chartOf(spec: ChartSpec, runs: readonly BenchReport[]): TrendChart | undefined {
  const current = runs.at(-1)!;
  const series: Series[] = current.images
    .filter((i) => spec.read(i, current) !== undefined)
    .map((i) => ({ image: i.name, architecture: architectureOf(current, i), suffix: i.machine ? ` (${architectureOf(current, i)})` : "" }));
  const point = (run: BenchReport, s: Series): Point | undefined => {
    const image = imageIn(run, s);
    return image && spec.read(image, run);
  };
  const complete = runs.filter((run) => series.every((s) => point(run, s) !== undefined));
  if (series.length === 0 || complete.length < 2) return undefined;
  return {
    title: spec.title,
    unit: spec.unit,
    runs: complete.map(runRef),
    series: series.map((s) => {
      const points = complete.map((run) => point(run, s)!);
      const intervals = points.flatMap((p) => (p.interval ? [p.interval] : []));
      return {
        name: `${s.image}${s.suffix}`,
        image: s.image,
        values: points.map((p) => p.value),
        // The nights whose interval excludes 1: a difference that night, whatever the line's wobble.
        ...(intervals.length === points.length ? { intervals, excludesOne: points.map((p) => p.excludesOne === true) } : {}),
      };
    }),
  };
}

/** The tiny flavor the trend follows: the first of the current run's pairs. */
function followed(current: BenchReport): FlavorName | undefined {
  return current.images.flatMap((i) => measuredPairs(i).map((p) => p.tiny))[0];
}

/** The last runs (earlier ones in any order, the current one last) as chart data; runs missing a series' figure are left out of that chart. */
export function trendOf(current: BenchReport, earlier: readonly BenchReport[]): Trend | undefined {
  const runs = [...earlier]
    .filter((r) => Date.parse(r.generatedAt) < Date.parse(current.generatedAt))
    .sort((a, b) => Date.parse(a.generatedAt) - Date.parse(b.generatedAt))
    .slice(-(trendRuns - 1))
    .concat([current]);
  const tiny = followed(current);
  if (runs.length < 2 || !tiny) return undefined;
  const built = specs(tiny).flatMap((spec) => chartOf(spec, runs) ?? []);
  return built.length > 0 ? { charts: built } : undefined;
}
