// Every figure the report shows, in one registry: how it is read from a
// flavor's results, its unit, which direction is worse, its label and,
// where the pair verdict mentions it, how. The comparison (compare.ts), the
// per-image rows (image-section.ts) and the verdicts (verdict.ts) are all
// derived from it. Sizes, start-up and memory are listed once; every load
// an image declares gets the same figures (loadFigures), keyed
// loads.<load>.<measure>: a new figure of every load is one entry in
// perAnswerFigures or loadFigures. How far a figure may move before it is a
// regression is a budget, in budgets.json (budgets.ts).
import { range } from "../measure/stats.js";
import type { FlavorReport, LoadFigures, Range } from "./schema.js";

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
  /** The load the figure belongs to, by its name ("php", "sql"): its CPU and throughput figures are read side by side. */
  readonly load?: string;
  /**
   * A row it shares with the figures next to it that have the same `row`,
   * values "a / b" under this label: figures read together and judged by
   * none (memory idle and peak, a latency's median and 99th percentile).
   */
  readonly row?: string;
  /** Shown in another section of the page than the image's table: "bytes" (where the bytes are). */
  readonly elsewhere?: "bytes";
  /**
   * A paired figure's declared practical threshold t (0.03: ±3%), used when
   * this machine has no calibration of that kind of figure (evaluate.ts): a
   * difference is claimed only beyond it, and "the same" said only within it.
   */
  readonly practical?: number;
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

/** What the page calls a load and its answers: from the report, or from the figure key alone. */
export interface LoadMeta {
  readonly name: string;
  readonly label: string;
  readonly answer: string;
  /** The image's first load: its CPU and throughput are the headline's. */
  readonly main: boolean;
  /** The words its failures are counted in, e.g. ["errors", "timeouts", "non-2xx"]; none: one count. */
  readonly failureKinds: readonly string[];
}

const loadOf = (f: FlavorReport, name: string): LoadFigures | undefined => f.loads?.[name];

/**
 * Measures of every burst divided by its answers (bench/workloads/service.ts
 * records each one measure/server-cpu.ts reads): the CPU an answer cost,
 * judged and in the headline, and its user and system parts, shown
 * together in one row and judged by none.
 */
const perAnswerFigures: readonly {
  readonly measure: string;
  readonly figure: (load: LoadMeta) => Pick<Figure, "label"> & Partial<Figure>;
}[] = [
  {
    measure: "cpuUs",
    figure: (l) => ({
      label: `${l.label} CPU per ${l.answer}`,
      verdict: cost(l.main ? l.answer : `${l.answer} of the ${l.label}`),
      load: l.name,
      ...(l.main ? { headline: "cost" as const } : {}),
    }),
  },
  { measure: "userUs", figure: (l) => ({ label: `${l.label} user CPU per ${l.answer}`, row: cpuSplitRow(l) }) },
  { measure: "systemUs", figure: (l) => ({ label: `${l.label} system CPU per ${l.answer}`, row: cpuSplitRow(l) }) },
];

const cpuSplitRow = (l: LoadMeta): string => `${l.label} CPU per ${l.answer}, user / system`;

/** A per-answer measure of a load as a figure: its burst values paired, their median its value. */
function perAnswerFigure(l: LoadMeta, measure: string, rest: Pick<Figure, "label"> & Partial<Figure>): Figure {
  const of = (f: FlavorReport) => loadOf(f, l.name)?.perAnswer?.[measure];
  return {
    key: `loads.${l.name}.${measure}`,
    ...runtime("up", "µs"),
    read: (f) => of(f)?.median,
    range: (f) => {
      const values = of(f)?.values;
      return values && values.length > 0 ? range(values) : undefined;
    },
    values: (f) => of(f)?.values,
    practical: 0.03,
    ...rest,
  };
}

/** The figures every load has, whatever its kind, under its name. */
export function loadFigures(l: LoadMeta): Figure[] {
  const of = (f: FlavorReport) => loadOf(f, l.name);
  const perSec = l.answer === "query" ? "queries/s" : "req/s";
  const words = `${l.answer === "query" ? "queries" : `${l.answer}s`}/s`;
  return [
    ...perAnswerFigures.map(({ measure, figure }) => perAnswerFigure(l, measure, figure(l))),
    {
      key: `loads.${l.name}.perSec`,
      label: `${l.label} throughput`,
      ...runtime("down", perSec),
      read: (f) => of(f)?.perSec,
      range: (f) => of(f)?.range.perSec,
      values: (f) => of(f)?.values,
      verdict: throughput(words, l.main ? "" : ` of the ${l.label}`),
      practical: 0.03,
      load: l.name,
      ...(l.main ? { headline: "throughput" as const } : {}),
    },
    {
      key: `loads.${l.name}.p50Ms`,
      label: `${l.label} median latency`,
      ...runtime("up", "ms"),
      read: (f) => of(f)?.p50Ms,
      row: latencyRow(l.label),
    },
    {
      key: `loads.${l.name}.p99Ms`,
      label: `${l.label} 99th percentile latency`,
      ...runtime("up", "ms"),
      read: (f) => of(f)?.p99Ms,
      range: (f) => of(f)?.range.p99Ms,
      row: latencyRow(l.label),
    },
    {
      key: `loads.${l.name}.failures`,
      label: `${l.label} ${l.failureKinds.length > 0 ? l.failureKinds.join(" / ") : "failures"}`,
      ...failures,
      read: (f) => of(f)?.failures,
      show: (f) => {
        const kinds = of(f)?.failureKinds;
        return kinds && l.failureKinds.map((k) => (kinds[k] ?? 0).toLocaleString("en-US")).join(" / ");
      },
      verdict: { by: "failures", what: `${l.failureKinds.length > 0 ? l.failureKinds.join("/") : "failed"} ${words.replace("/s", "")}` },
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

/** The figures every image has, load or not, in the order a report lists them; the loads' follow (figuresOf). */
export const imageFigures: readonly Figure[] = [
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
    // A cold start wanders by 10-20%: a tenth is the least worth a claim.
    practical: 0.1,
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
];

/** Each load the flavors measured, by name, in the order they first appear, with its words from the first that has it. */
export function loadsIn(flavors: Iterable<FlavorReport>): LoadMeta[] {
  const found = new Map<string, LoadMeta>();
  for (const f of flavors) {
    Object.entries(f.loads ?? {}).forEach(([name, load], i) => {
      if (!found.has(name))
        found.set(name, {
          name,
          label: load.label,
          answer: load.answer,
          main: i === 0,
          failureKinds: Object.keys(load.failureKinds ?? {}),
        });
    });
  }
  return [...found.values()];
}

/** Every figure the flavors have, in the order a report lists them: the image's, then each load's. */
export function figuresOf(flavors: Iterable<FlavorReport>): Figure[] {
  return [...imageFigures, ...loadsIn(flavors).flatMap(loadFigures)];
}

const byKey = new Map(imageFigures.map((f) => [f.key, f]));

/** A load's key, "loads.php.perSec", as its load and measure. */
export function loadKey(key: string): { load: string; measure: string } | undefined {
  const match = /^loads\.([a-z][a-z0-9-]*)\.(\w+)$/.exec(key);
  return match ? { load: match[1]!, measure: match[2]! } : undefined;
}

/**
 * The registry's entry for a key a report holds, its words from `flavors`
 * where they have its load, else from the key (the load's name as its
 * label); undefined for a figure this version no longer has.
 */
export function figure(key: string, flavors: Iterable<FlavorReport> = []): Figure | undefined {
  const known = byKey.get(key);
  if (known) return known;
  const parts = loadKey(key);
  if (!parts) return undefined;
  const meta = loadsIn(flavors).find((l) => l.name === parts.load) ?? {
    name: parts.load,
    label: parts.load,
    answer: "request",
    main: false,
    failureKinds: [],
  };
  return loadFigures(meta).find((f) => f.key === key);
}

/** The measures every load has ("cpuUs", "perSec", ...): a budget may hold every load's to one (budgets.json's "loads.cpuUs"). */
export const loadMeasures: readonly string[] = loadFigures({ name: "x", label: "x", answer: "request", main: true, failureKinds: [] }).map(
  (f) => loadKey(f.key)!.measure,
);
