// Every figure the report shows, in one registry: how it is read from a
// flavor's results, its unit, which direction is worse, its label and,
// where the pair verdict mentions it, how. The comparison (compare.ts), the
// per-image rows (render-markdown.ts) and the verdicts (verdict.ts) are all
// derived from it: a new figure is one entry here. How far a figure may move
// before it is a regression is a budget, in budgets.json (budgets.ts).
import { range } from "../measure/stats.js";
import type { CpuPerAnswer, FlavorReport, HttpFigures, Range } from "./schema.js";

export type Unit = "bytes" | "ms" | "µs" | "req/s" | "queries/s" | "count";

/** Sizes are exact; runtime figures (time, memory, throughput) depend on the machine; failures count bad answers. */
export type FigureKind = "size" | "runtime" | "failures";

/** How the pair verdict words the tiny flavor's figure against the original's. */
export type VerdictWording =
  | {
      /** "3.1x smaller" (sizes, times) or "3% fewer requests/s" (memory, throughput). */
      readonly by: "times" | "percent";
      readonly subject: string;
      /** For a tiny flavor below the original, and above it. */
      readonly lower: (amount: string) => string;
      readonly higher: (amount: string) => string;
      readonly same: string;
      /** The direction alone, for a cell whose row or column names the figure: "less", "fewer", "faster". */
      readonly short: { readonly lower: string; readonly higher: string };
    }
  /** "scratch had 12 failed/non-2xx requests": figures with the same `what` are added up. */
  | { readonly by: "failures"; readonly what: string };

export interface Figure {
  readonly key: string;
  readonly label: string;
  readonly kind: FigureKind;
  readonly unit: Unit;
  /** The direction that is worse: up for sizes, times and failures, down for throughput. */
  readonly worse: "up" | "down";
  readonly read: (f: FlavorReport) => number | undefined;
  /** The spread of the rounds, shown beside the median; the verdict calls overlapping spreads noise. */
  readonly range?: (f: FlavorReport) => Range | undefined;
  /** Every run's own value in pair order: the verdict compares a pair through them (measure/paired.ts). */
  readonly values?: (f: FlavorReport) => readonly number[] | undefined;
  /** A table cell other than the figure in its unit. */
  readonly show?: (f: FlavorReport) => string | undefined;
  readonly verdict?: VerdictWording;
  /**
   * The headline's columns: each image's main load has one "cost" figure (the
   * CPU it spends per answer, the one a noisy machine moves least) and one
   * "throughput" figure, its second opinion.
   */
  readonly headline?: "cost" | "throughput";
  /** The load the figure belongs to ("http.php", "sql", "ab", "load"): its CPU and throughput figures are read side by side. */
  readonly load?: string;
  /**
   * A row it shares with the figures next to it that have the same `row`,
   * values "a / b" under this label: figures read together and judged by
   * none (memory idle and peak, a latency's median and 99th percentile).
   */
  readonly row?: string;
  /** Shown in another section of the page than the image's table: "bytes" (where the bytes are). */
  readonly elsewhere?: "bytes";
}

const throughput = (unit: string, of = ""): VerdictWording => ({
  by: "percent",
  subject: `${unit}${of}`,
  lower: (n) => `${n} fewer ${unit}${of}`,
  higher: (n) => `${n} more ${unit}${of}`,
  same: `about the same ${unit}${of}`,
  short: { lower: "fewer", higher: "more" },
});

const cost = (per: string): VerdictWording => ({
  by: "percent",
  subject: `CPU per ${per}`,
  lower: (n) => `${n} less CPU per ${per}`,
  higher: (n) => `${n} more CPU per ${per}`,
  same: `about the same CPU per ${per}`,
  short: { lower: "less", higher: "more" },
});

/** The CPU a load's server (or, for ab, ab itself) spent per answer, paired burst by burst. */
function cpuFigure(load: string, label: string, per: string, of: (f: FlavorReport) => CpuPerAnswer | undefined): Figure {
  return {
    key: `${load}.cpuUs`,
    label,
    ...runtime("up", "µs"),
    read: (f) => of(f)?.medianUs,
    range: (f) => {
      const values = of(f)?.values;
      return values && values.length > 0 ? range(values) : undefined;
    },
    values: (f) => of(f)?.values,
    verdict: cost(per),
    load,
  };
}

/** The same five figures for each page autocannon loads. */
function httpFigures(which: "php" | "static", name: string): Figure[] {
  const of = (f: FlavorReport): HttpFigures | undefined => f.http?.[which];
  const main = which === "php";
  return [
    {
      ...cpuFigure(`http.${which}`, `${name} CPU per request`, main ? "request" : "static request", (f) => of(f)?.cpu),
      ...(main ? { headline: "cost" as const } : {}),
    },
    {
      key: `http.${which}.requestsPerSec`,
      label: `${name} throughput`,
      ...runtime("down", "req/s"),
      read: (f) => of(f)?.requestsPerSec,
      range: (f) => of(f)?.range.requestsPerSec,
      values: (f) => of(f)?.values,
      verdict: throughput("requests/s", main ? "" : " of the static file"),
      load: `http.${which}`,
      ...(main ? { headline: "throughput" as const } : {}),
    },
    {
      key: `http.${which}.p50Ms`,
      label: `${name} median latency`,
      ...runtime("up", "ms"),
      read: (f) => of(f)?.p50Ms,
      row: latencyRow(name),
    },
    {
      key: `http.${which}.p99Ms`,
      label: `${name} 99th percentile latency`,
      ...runtime("up", "ms"),
      read: (f) => of(f)?.p99Ms,
      range: (f) => of(f)?.range.p99Ms,
      row: latencyRow(name),
    },
    {
      key: `http.${which}.failures`,
      label: `${name} errors / timeouts / non-2xx`,
      ...failures,
      read: (f) => {
        const h = of(f);
        return h && h.errors + h.timeouts + h.non2xx;
      },
      show: (f) => {
        const h = of(f);
        return h && [h.errors, h.timeouts, h.non2xx].map((n) => n.toLocaleString("en-US")).join(" / ");
      },
      verdict: { by: "failures", what: "errors/non-2xx" },
    },
  ];
}

const latencyRow = (name: string): string => `${name} latency, median / 99th percentile`;
const memoryRow = "memory idle / peak under load";
const contentsRow = "layers / files / packages";

function runtime(worse: "up" | "down", unit: Unit): Pick<Figure, "kind" | "worse" | "unit"> {
  return { kind: "runtime", worse, unit };
}
const failures = { kind: "failures", worse: "up", unit: "count" } as const;
const size = (unit: Unit): Pick<Figure, "kind" | "worse" | "unit"> => ({ kind: "size", worse: "up", unit });

/** Every figure, in the order a report lists them. */
export const figures: readonly Figure[] = [
  {
    key: "size.bytes",
    label: "size",
    ...size("bytes"),
    read: (f) => f.size.bytes,
    row: "size / compressed",
    verdict: {
      by: "times",
      subject: "size",
      lower: (n) => `${n} smaller`,
      higher: (n) => `${n} larger`,
      same: "about the same size",
      short: { lower: "smaller", higher: "larger" },
    },
  },
  {
    key: "size.compressedBytes",
    label: "compressed size",
    ...size("bytes"),
    read: (f) => f.size.compressedBytes,
    row: "size / compressed",
  },
  { key: "size.layers", label: "layers", ...size("count"), read: (f) => f.size.layers, row: contentsRow },
  { key: "size.files", label: "files", ...size("count"), read: (f) => f.size.files, row: contentsRow },
  { key: "size.packages", label: "packages", ...size("count"), read: (f) => f.size.packages, row: contentsRow },
  {
    key: "size.sharedWithBaseBytes",
    label: "shared with base",
    ...size("bytes"),
    worse: "down",
    read: (f) => f.size.sharedWithBaseBytes,
    elsewhere: "bytes",
  },
  {
    key: "startup.medianMs",
    label: "start-up",
    ...runtime("up", "ms"),
    read: (f) => f.startup?.medianMs,
    range: (f) => f.startup?.range,
    values: (f) => f.startup?.values,
    verdict: {
      by: "times",
      subject: "start-up",
      lower: (n) => `starts ${n} faster`,
      higher: (n) => `starts ${n} slower`,
      same: "starts about as fast",
      short: { lower: "faster", higher: "slower" },
    },
  },
  {
    key: "memory.idleBytes",
    label: "memory idle",
    ...runtime("up", "bytes"),
    read: (f) => f.memory?.idleBytes,
    range: (f) => f.memory?.idleRange,
    row: memoryRow,
    verdict: {
      by: "percent",
      subject: "memory idle",
      lower: (n) => `uses ${n} less memory idle`,
      higher: (n) => `uses ${n} more memory idle`,
      same: "uses about the same memory idle",
      short: { lower: "less", higher: "more" },
    },
  },
  { key: "memory.peakBytes", label: "memory peak under load", ...runtime("up", "bytes"), read: (f) => f.memory?.peakBytes, row: memoryRow },
  ...httpFigures("php", "PHP page"),
  ...httpFigures("static", "static file"),
  { ...cpuFigure("sql", "SQL CPU per query", "query", (f) => f.sql?.cpu), headline: "cost" },
  {
    key: "sql.queriesPerSec",
    label: "SQL throughput",
    ...runtime("down", "queries/s"),
    read: (f) => f.sql?.queriesPerSec,
    range: (f) => f.sql?.range.queriesPerSec,
    values: (f) => f.sql?.values,
    verdict: throughput("queries/s"),
    load: "sql",
    headline: "throughput",
  },
  { key: "sql.p50Ms", label: "SQL median latency", ...runtime("up", "ms"), read: (f) => f.sql?.p50Ms, row: latencyRow("SQL") },
  {
    key: "sql.p99Ms",
    label: "SQL 99th percentile latency",
    ...runtime("up", "ms"),
    read: (f) => f.sql?.p99Ms,
    range: (f) => f.sql?.range.p99Ms,
    row: latencyRow("SQL"),
  },
  { key: "sql.failures", label: "SQL errors", ...failures, read: (f) => f.sql?.errors, verdict: { by: "failures", what: "query errors" } },
  // ab's mean time per request and requests completed restate its throughput: not rows of their own.
  { ...cpuFigure("ab", "ab CPU per request", "request", (f) => f.ab?.cpu), headline: "cost" },
  {
    key: "ab.requestsPerSec",
    label: "ab throughput",
    ...runtime("down", "req/s"),
    read: (f) => f.ab?.requestsPerSec,
    range: (f) => f.ab?.range.requestsPerSec,
    values: (f) => f.ab?.values,
    verdict: throughput("requests/s"),
    load: "ab",
    headline: "throughput",
  },
  { key: "ab.p99Ms", label: "ab 99th percentile latency", ...runtime("up", "ms"), read: (f) => f.ab?.p99Ms },
  {
    key: "ab.failures",
    label: "ab failed / non-2xx",
    ...failures,
    read: (f) => f.ab && f.ab.failedRequests + f.ab.non2xx,
    show: (f) => f.ab && `${f.ab.failedRequests.toLocaleString("en-US")} / ${f.ab.non2xx.toLocaleString("en-US")}`,
    verdict: { by: "failures", what: "failed/non-2xx requests" },
  },
  // An image's own load (a module beside it): what its requests are, the report's `load.what` says.
  { ...cpuFigure("load", "load CPU per request", "request", (f) => f.load?.cpu), headline: "cost" },
  {
    key: "load.requestsPerSec",
    label: "load throughput",
    ...runtime("down", "req/s"),
    read: (f) => f.load?.requestsPerSec,
    range: (f) => f.load?.range.requestsPerSec,
    values: (f) => f.load?.values,
    verdict: throughput("requests/s"),
    load: "load",
    headline: "throughput",
  },
  { key: "load.p50Ms", label: "load p50 latency", ...runtime("up", "ms"), read: (f) => f.load?.p50Ms },
  { key: "load.p99Ms", label: "load p99 latency", ...runtime("up", "ms"), read: (f) => f.load?.p99Ms, range: (f) => f.load?.range.p99Ms },
  {
    key: "load.failures",
    label: "load errors",
    ...failures,
    read: (f) => f.load?.errors,
    verdict: { by: "failures", what: "failed requests" },
  },
];

const byKey = new Map(figures.map((f) => [f.key, f]));

/** The registry's entry for a key a report holds; undefined for a figure this version no longer has. */
export function figure(key: string): Figure | undefined {
  return byKey.get(key);
}
