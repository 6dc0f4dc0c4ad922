// Reports of schema version 3 (before 2026-12-07) held each load kind in a
// shape of its own (http.php, http.static, sql, ab, load). This reads one
// into version 4's one load shape, so the history, the trend and
// `npm run report` go on reading the nights before the change.
import type { Range } from "../measure/stats.js";
import type { LoadFigures, PerAnswer } from "../report/schema.js";

interface CpuV3 {
  readonly medianUs: number;
  readonly values: readonly number[];
}

interface LoadV3 {
  readonly path?: string;
  readonly mix?: string;
  readonly target?: string;
  readonly what?: string;
  readonly cpu?: CpuV3;
  readonly requestsPerSec?: number;
  readonly queriesPerSec?: number;
  readonly p50Ms?: number;
  readonly meanMs?: number;
  readonly p99Ms: number;
  readonly errors?: number;
  readonly timeouts?: number;
  readonly non2xx?: number;
  readonly failedRequests?: number;
  readonly runs: number;
  readonly values?: readonly number[];
  readonly range: Readonly<Record<string, Range | undefined>>;
}

/** A version 3 flavor's loads, by where they were, with the labels the version 3 page gave them. */
interface FlavorV3 {
  readonly http?: { readonly php?: LoadV3; readonly static?: LoadV3 };
  readonly sql?: LoadV3;
  readonly ab?: LoadV3;
  readonly load?: LoadV3;
}

const perAnswer = (cpu: CpuV3 | undefined): { perAnswer?: Record<string, PerAnswer> } =>
  cpu ? { perAnswer: { cpuUs: { median: cpu.medianUs, values: cpu.values } } } : {};

const definedOnly = (kinds: Record<string, number | undefined>): Record<string, number> =>
  Object.fromEntries(Object.entries(kinds).filter((e): e is [string, number] => e[1] !== undefined));

function loadOf(kind: string, label: string, answer: string, what: string, v: LoadV3): LoadFigures {
  const failureKinds = definedOnly({ errors: v.errors, timeouts: v.timeouts, failed: v.failedRequests, "non-2xx": v.non2xx });
  const perSec = v.requestsPerSec ?? v.queriesPerSec ?? 0;
  const rangeOfPerSec = v.range.requestsPerSec ?? v.range.queriesPerSec ?? { min: perSec, max: perSec };
  return {
    kind,
    label,
    answer,
    what,
    ...perAnswer(v.cpu),
    perSec,
    ...(v.p50Ms !== undefined ? { p50Ms: v.p50Ms } : {}),
    p99Ms: v.p99Ms,
    failures: Object.values(failureKinds).reduce((a, b) => a + b, 0),
    ...(Object.keys(failureKinds).length > 1 ? { failureKinds } : {}),
    runs: v.runs,
    ...(v.values ? { values: v.values } : {}),
    range: {
      perSec: rangeOfPerSec,
      ...(v.range.p50Ms ? { p50Ms: v.range.p50Ms } : {}),
      ...(v.range.p99Ms ? { p99Ms: v.range.p99Ms } : {}),
    },
  };
}

/**
 * A version 3 flavor's loads in version 4's shape, named as the images now
 * name them; undefined when it had none. Version 3 kept a client image's
 * figures under a field of their own, shown under the image's name: the
 * load keeps that name.
 */
export function loadsFromV3(flavor: FlavorV3, image: string): Record<string, LoadFigures> | undefined {
  const loads: Record<string, LoadFigures> = {};
  const { http, sql, ab, load } = flavor;
  if (http?.php) loads.php = loadOf("http", "PHP page", "request", `autocannon on \`${http.php.path}\``, http.php);
  if (http?.static) loads.static = loadOf("http", "static file", "request", `autocannon on \`${http.static.path}\``, http.static);
  if (sql) loads.sql = loadOf("sql", "SQL", "query", `mysql2, each worker doing ${sql.mix}`, sql);
  if (ab) loads[image] = loadOf("client", image, "request", `each flavor's ${image} against ${ab.target}`, ab);
  if (load) loads.load = loadOf("module", "load", "request", load.what ?? "its own load module", load);
  return Object.keys(loads).length > 0 ? loads : undefined;
}

/** Version 3's registry keys ("http.php.requestsPerSec") as version 4's ("loads.php.perSec"); others as they are. */
export function figureKeyFromV3(key: string): string {
  const match = /^(http\.php|http\.static|sql|ab|load)\.(\w+)$/.exec(key);
  if (!match) return key;
  const [, where, measure] = match as unknown as [string, string, string];
  const name = where.replace(/^http\./, "");
  const renamed: Record<string, string> = { requestsPerSec: "perSec", queriesPerSec: "perSec" };
  return `loads.${name}.${renamed[measure] ?? measure}`;
}

type Json = Record<string, unknown>;

/** A whole version 3 report as version 4: loads in one shape, figure keys renamed; everything else as it was. */
export function reportFromV3(report: Json): Json {
  const images = (report.images as Json[]).map((image) => ({
    ...image,
    flavors: (image.flavors as Json[]).map((f) => {
      const { http, sql, ab, load, ...rest } = f;
      const loads = loadsFromV3({ http, sql, ab, load } as FlavorV3, image.name as string);
      return { ...rest, ...(loads ? { loads } : {}) };
    }),
  }));
  const rekey = <T extends Json>(items: unknown): T[] | undefined =>
    Array.isArray(items) ? (items as T[]).map((d) => ({ ...d, figure: figureKeyFromV3(d.figure as string) })) : undefined;
  const comparison = report.comparison as Json | undefined;
  const calibration = report.calibration as Json | undefined;
  return {
    ...report,
    schemaVersion: 4,
    images,
    ...(comparison ? { comparison: { ...comparison, deltas: rekey(comparison.deltas) } } : {}),
    ...(calibration ? { calibration: { ...calibration, figures: rekey(calibration.figures) } } : {}),
  };
}
