// Compares a run with the previous one: every figure both runs measured for
// the same image and flavor, how much it moved, and which moves are big
// enough to call regressions. Timings only compare on the same machine with
// the same load, so a change of either is reported for the markdown to warn.
import type { FlavorName, ImageName } from "../catalog.js";
import type { BenchReport, BenchSettings, Environment, FlavorReport } from "./schema.js";
import { failureCount } from "./verdict.js";

/**
 * How far a figure may move in its worse direction before it is a
 * regression, as a fraction of the previous run's figure.
 */
export interface Thresholds {
  readonly sizeBytes: number;
  readonly compressedBytes: number;
  readonly startupMedianMs: number;
  readonly memoryIdleBytes: number;
  readonly httpRequestsPerSec: number;
  readonly httpP99Ms: number;
  readonly sqlQueriesPerSec: number;
  readonly abRequestsPerSec: number;
}

export const defaultThresholds: Thresholds = {
  // Sizes are exact and repeat from build to build: 5% is a package or a
  // library pulled in by accident, which is what a tiny image must not gain.
  sizeBytes: 0.05,
  // Same as the size: a pull transfers this, so it grows for the same reasons.
  compressedBytes: 0.05,
  // A cold start on a shared 2-core host wanders by 10-20% between runs;
  // 25% is beyond that, and a real slow-down (an init step gone wrong) is larger.
  startupMedianMs: 0.25,
  // Idle memory is steady within a few percent; 20% is a new process or a
  // bigger default buffer, not noise.
  memoryIdleBytes: 0.2,
  // Throughput medians move by up to ~10% between nightly runs on the same
  // machine; a 15% drop is more than that.
  httpRequestsPerSec: 0.15,
  // The 99th percentile is the noisiest figure (a handful of slow requests
  // decide it): only a 50% rise stands out from run-to-run wander.
  httpP99Ms: 0.5,
  // As for HTTP throughput.
  sqlQueriesPerSec: 0.15,
  // As for HTTP throughput: ab loads the same nginx-php page.
  abRequestsPerSec: 0.15,
};

/** Sizes are exact; runtime figures (time, memory, throughput) depend on the machine; failures count bad answers. */
export type MetricKind = "size" | "runtime" | "failures";

export interface Metric {
  readonly key: string;
  readonly label: string;
  readonly kind: MetricKind;
  /** The direction that is worse: up for sizes, times and failures, down for throughput. */
  readonly worse: "up" | "down";
  readonly unit: "bytes" | "ms" | "req/s" | "queries/s" | "count";
  readonly get: (f: FlavorReport) => number | undefined;
  /** The threshold that flags it; failures are flagged when a flavor that had none has some. */
  readonly threshold?: keyof Thresholds;
}

/** The same four figures for each page autocannon loads. */
function httpMetrics<W extends "php" | "static">(which: W, name: string) {
  return [
    {
      key: `http.${which}.requestsPerSec`,
      label: `HTTP ${name} requests/s`,
      kind: "runtime",
      worse: "down",
      unit: "req/s",
      get: (f: FlavorReport) => f.http?.[which].requestsPerSec,
      threshold: "httpRequestsPerSec",
    },
    { key: `http.${which}.p50Ms`, label: `HTTP ${name} p50`, kind: "runtime", worse: "up", unit: "ms", get: (f: FlavorReport) => f.http?.[which].p50Ms },
    {
      key: `http.${which}.p99Ms`,
      label: `HTTP ${name} p99`,
      kind: "runtime",
      worse: "up",
      unit: "ms",
      get: (f: FlavorReport) => f.http?.[which].p99Ms,
      threshold: "httpP99Ms",
    },
    {
      key: `http.${which}.failures`,
      label: `HTTP ${name} errors/non-2xx`,
      kind: "failures",
      worse: "up",
      unit: "count",
      get: (f: FlavorReport) => f.http && failureCount.http(f.http[which]),
    },
  ] as const satisfies readonly Metric[];
}

/** Every figure compared between runs, in the order a report lists them. */
export const metrics = [
  { key: "size.bytes", label: "size", kind: "size", worse: "up", unit: "bytes", get: (f) => f.size.bytes, threshold: "sizeBytes" },
  {
    key: "size.compressedBytes",
    label: "compressed size",
    kind: "size",
    worse: "up",
    unit: "bytes",
    get: (f) => f.size.compressedBytes,
    threshold: "compressedBytes",
  },
  { key: "size.layers", label: "layers", kind: "size", worse: "up", unit: "count", get: (f) => f.size.layers },
  { key: "size.files", label: "files", kind: "size", worse: "up", unit: "count", get: (f) => f.size.files },
  { key: "size.packages", label: "packages", kind: "size", worse: "up", unit: "count", get: (f) => f.size.packages },
  {
    key: "size.sharedWithBaseBytes",
    label: "shared with base",
    kind: "size",
    worse: "down",
    unit: "bytes",
    get: (f) => f.size.sharedWithBaseBytes,
  },
  {
    key: "startup.medianMs",
    label: "start-up",
    kind: "runtime",
    worse: "up",
    unit: "ms",
    get: (f) => f.startup?.medianMs,
    threshold: "startupMedianMs",
  },
  {
    key: "memory.idleBytes",
    label: "memory idle",
    kind: "runtime",
    worse: "up",
    unit: "bytes",
    get: (f) => f.memory?.idleBytes,
    threshold: "memoryIdleBytes",
  },
  { key: "memory.peakBytes", label: "memory peak", kind: "runtime", worse: "up", unit: "bytes", get: (f) => f.memory?.peakBytes },
  ...httpMetrics("php", "PHP"),
  ...httpMetrics("static", "static"),
  {
    key: "sql.queriesPerSec",
    label: "SQL queries/s",
    kind: "runtime",
    worse: "down",
    unit: "queries/s",
    get: (f) => f.sql?.queriesPerSec,
    threshold: "sqlQueriesPerSec",
  },
  { key: "sql.p50Ms", label: "SQL p50", kind: "runtime", worse: "up", unit: "ms", get: (f) => f.sql?.p50Ms },
  { key: "sql.p99Ms", label: "SQL p99", kind: "runtime", worse: "up", unit: "ms", get: (f) => f.sql?.p99Ms },
  { key: "sql.failures", label: "SQL errors", kind: "failures", worse: "up", unit: "count", get: (f) => f.sql && failureCount.sql(f.sql) },
  {
    key: "ab.requestsPerSec",
    label: "ab requests/s",
    kind: "runtime",
    worse: "down",
    unit: "req/s",
    get: (f) => f.ab?.requestsPerSec,
    threshold: "abRequestsPerSec",
  },
  { key: "ab.meanMs", label: "ab mean", kind: "runtime", worse: "up", unit: "ms", get: (f) => f.ab?.meanMs },
  { key: "ab.p99Ms", label: "ab p99", kind: "runtime", worse: "up", unit: "ms", get: (f) => f.ab?.p99Ms },
  {
    key: "ab.failures",
    label: "ab failed/non-2xx",
    kind: "failures",
    worse: "up",
    unit: "count",
    get: (f) => f.ab && failureCount.ab(f.ab),
  },
] as const satisfies readonly Metric[];

export type MetricKey = (typeof metrics)[number]["key"];

export interface MetricDelta {
  readonly image: ImageName;
  readonly flavor: FlavorName;
  readonly metric: MetricKey;
  readonly label: string;
  readonly kind: MetricKind;
  readonly unit: Metric["unit"];
  readonly previous: number;
  readonly current: number;
  /** current − previous, in the metric's unit. */
  readonly change: number;
  /** The change as a fraction of the previous figure; null when that was 0. */
  readonly changeFraction: number | null;
  /** The signed fraction it was held against (+0.05, −0.15), when it has one. */
  readonly threshold?: number;
  readonly regression: boolean;
}

/** A machine or load setting that differs between the runs. */
export interface ConditionChange {
  readonly label: string;
  readonly previous: string;
  readonly current: string;
}

export interface Comparison {
  readonly previous: { readonly generatedAt: string; readonly commit: string; readonly commitDirty: boolean };
  /** Every figure both runs have for the same image and flavor. */
  readonly deltas: readonly MetricDelta[];
  readonly regressions: readonly MetricDelta[];
  /** Differences in machine or load settings; when there are any, runtime deltas compare different conditions. */
  readonly conditionChanges: readonly ConditionChange[];
  /** Measured in only one of the runs, so not compared. */
  readonly onlyInCurrent: readonly { readonly image: ImageName; readonly flavor: FlavorName }[];
  readonly onlyInPrevious: readonly { readonly image: ImageName; readonly flavor: FlavorName }[];
}

// What makes runtime figures of two runs incomparable: a different machine,
// kernel or engine, or a different load.
const environmentFields: readonly { readonly field: keyof Environment; readonly label: string }[] = [
  { field: "cpuModel", label: "CPU model" },
  { field: "cpuCount", label: "CPU count" },
  { field: "kernel", label: "kernel" },
  { field: "dockerVersion", label: "Docker version" },
];
const settingsFields: readonly { readonly field: keyof BenchSettings; readonly label: string }[] = [
  { field: "connections", label: "connections" },
  { field: "durationSeconds", label: "duration (s)" },
];

function conditionChanges(current: BenchReport, previous: BenchReport): ConditionChange[] {
  const changed = <T>(fields: readonly { readonly field: keyof T; readonly label: string }[], now: T, before: T): ConditionChange[] =>
    fields
      .filter(({ field }) => String(now[field]) !== String(before[field]))
      .map(({ field, label }) => ({ label, previous: String(before[field]), current: String(now[field]) }));
  return [
    ...changed(environmentFields, current.environment, previous.environment),
    ...changed(settingsFields, current.settings, previous.settings),
  ];
}

function flavorsOf(report: BenchReport): Map<string, { image: ImageName; flavor: FlavorReport }> {
  return new Map(report.images.flatMap((i) => i.flavors.map((f) => [`${i.name}/${f.flavor}`, { image: i.name, flavor: f }] as const)));
}

function delta(
  metric: (typeof metrics)[number],
  image: ImageName,
  flavor: FlavorName,
  previous: number,
  current: number,
  thresholds: Thresholds,
): MetricDelta {
  const change = current - previous;
  const changeFraction = previous === 0 ? null : change / previous;
  const allowed: number | undefined = "threshold" in metric ? thresholds[metric.threshold] : undefined;
  const threshold = allowed === undefined ? undefined : metric.worse === "up" ? allowed : -allowed;
  const regression =
    metric.kind === "failures"
      ? previous === 0 && current > 0
      : threshold !== undefined &&
        changeFraction !== null &&
        (metric.worse === "up" ? changeFraction > threshold : changeFraction < threshold);
  return {
    image,
    flavor,
    metric: metric.key,
    label: metric.label,
    kind: metric.kind,
    unit: metric.unit,
    previous,
    current,
    change,
    changeFraction,
    threshold,
    regression,
  };
}

/** Compares a run with an earlier one, like with like: only images and flavors both measured. */
export function compareReports(current: BenchReport, previous: BenchReport, thresholds: Thresholds = defaultThresholds): Comparison {
  const now = flavorsOf(current);
  const before = flavorsOf(previous);
  const deltas: MetricDelta[] = [];
  for (const [key, { image, flavor }] of now) {
    const earlier = before.get(key)?.flavor;
    if (!earlier) continue;
    for (const metric of metrics) {
      const [was, is] = [metric.get(earlier), metric.get(flavor)];
      if (was !== undefined && is !== undefined) deltas.push(delta(metric, image, flavor.flavor, was, is, thresholds));
    }
  }
  const missingFrom = (pairs: typeof now, other: typeof now) =>
    [...pairs].filter(([key]) => !other.has(key)).map(([, { image, flavor }]) => ({ image, flavor: flavor.flavor }));
  return {
    previous: { generatedAt: previous.generatedAt, commit: previous.environment.commit, commitDirty: previous.environment.commitDirty },
    deltas,
    regressions: deltas.filter((d) => d.regression),
    conditionChanges: conditionChanges(current, previous),
    onlyInCurrent: missingFrom(now, before),
    onlyInPrevious: missingFrom(before, now),
  };
}

/** The delta of one figure, for a report that shows it beside the figure. */
export function deltaOf(comparison: Comparison, image: ImageName, flavor: FlavorName, metric: MetricKey): MetricDelta | undefined {
  return comparison.deltas.find((d) => d.image === image && d.flavor === flavor && d.metric === metric);
}
