// The main figures over the last runs, for the report's trend charts: taken
// from the history when a report is written and kept in it, so the page
// still renders from its JSON alone.
import type { FlavorName, ImageName } from "../catalog.js";
import { figure as figureOf } from "./figures.js";
import { runRef } from "./compare.js";
import { architectureOf } from "./machine.js";
import type { BenchReport, Trend, TrendChart } from "./schema.js";

/** How many runs a trend shows at most, the current one included. */
export const trendRuns = 10;

/** What the charts show: the tiny images' sizes together, then each throughput with a line per flavor. */
const charts: readonly {
  readonly title: string;
  readonly figure: string;
  readonly scale: number;
  readonly unit: string;
  readonly by: "image" | "flavor";
}[] = [
  { title: "Tiny image size in MB", figure: "size.bytes", scale: 1e-6, unit: "MB", by: "image" },
  { title: "nginx-php PHP page throughput, req/s", figure: "http.php.requestsPerSec", scale: 1, unit: "req/s", by: "flavor" },
  { title: "mariadb SQL throughput, queries/s", figure: "sql.queriesPerSec", scale: 1, unit: "queries/s", by: "flavor" },
];

interface Series {
  readonly image: ImageName;
  readonly flavor: FlavorName;
  readonly architecture: string;
  /** A merged report's lines name their architecture: an image may be there once per architecture. */
  readonly suffix: string;
}

/** The series a chart draws, as (image, flavor, architecture), from the current run's images. */
function seriesOf(current: BenchReport, chart: (typeof charts)[number]): Series[] {
  const figure = figureOf(chart.figure)!;
  return current.images.flatMap((i) => {
    const architecture = architectureOf(current, i);
    const suffix = i.machine ? ` (${architecture})` : "";
    return i.flavors
      .filter((f) => figure.read(f) !== undefined && (chart.by === "flavor" || f.role === "tiny"))
      .map((f) => ({ image: i.name, flavor: f.flavor, architecture, suffix }));
  });
}

function valueIn(run: BenchReport, key: string, s: Series): number | undefined {
  const image = run.images.find((i) => i.name === s.image && architectureOf(run, i) === s.architecture);
  const f = image?.flavors.find((x) => x.flavor === s.flavor);
  return f && figureOf(key)?.read(f);
}

/** The last runs (earlier ones in any order, the current one last) as chart data; runs missing a series' figure are left out of that chart. */
export function trendOf(current: BenchReport, earlier: readonly BenchReport[]): Trend | undefined {
  const runs = [...earlier]
    .filter((r) => Date.parse(r.generatedAt) < Date.parse(current.generatedAt))
    .sort((a, b) => Date.parse(a.generatedAt) - Date.parse(b.generatedAt))
    .slice(-(trendRuns - 1))
    .concat([current]);
  if (runs.length < 2) return undefined;
  const built: TrendChart[] = charts.flatMap((chart) => {
    const series = seriesOf(current, chart);
    const complete = runs.filter((run) => series.every((s) => valueIn(run, chart.figure, s) !== undefined));
    if (series.length === 0 || complete.length < 2) return [];
    return [
      {
        title: chart.title,
        unit: chart.unit,
        runs: complete.map(runRef),
        series: series.map((s) => ({
          name: `${chart.by === "image" ? s.image : s.flavor}${s.suffix}`,
          values: complete.map((run) => Number((valueIn(run, chart.figure, s)! * chart.scale).toFixed(1))),
        })),
      },
    ];
  });
  return built.length > 0 ? { charts: built } : undefined;
}
