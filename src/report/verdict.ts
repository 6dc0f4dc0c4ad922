// Plain verdicts for a pair: what the tiny flavor of an image cost or gained
// against its original, in the words a reader would use ("5.8x smaller,
// starts 1.4x faster, 3% fewer requests/s"). A timing whose two ranges
// overlap is reported as noise: the spread of the rounds says the machine,
// not the image, decided the difference.
import { formatPercent, formatRatio } from "./format.js";
import type { AbFigures, FlavorReport, HttpFigures, Range, SqlFigures } from "./schema.js";

export interface VerdictPart {
  /** What the part is about: "size", "start-up", "memory idle", "requests/s", "queries/s", "failures". */
  readonly subject: string;
  readonly text: string;
  /** The two flavors' ranges overlapped, so no winner is claimed. */
  readonly withinNoise: boolean;
}

/** Requests or queries that got no good answer, over every run of one load. */
export const failureCount = {
  http: (h: HttpFigures): number => h.errors + h.timeouts + h.non2xx,
  sql: (s: SqlFigures): number => s.errors,
  ab: (a: AbFigures): number => a.failedRequests + a.non2xx,
};

export function rangesOverlap(a: Range, b: Range): boolean {
  return a.min <= b.max && b.min <= a.max;
}

/** The widest the rounds strayed from their median, on either flavor, as a fraction of it. */
function spread(...sides: readonly { readonly value: number; readonly range: Range }[]): number {
  return Math.max(...sides.map(({ value, range }) => (value > 0 ? Math.max(value - range.min, range.max - value) / value : 0)));
}

interface Measured {
  readonly value: number;
  readonly range?: Range;
}

interface Wording {
  readonly subject: string;
  /** For a tiny flavor below the original, and above it. */
  readonly lower: (amount: string) => string;
  readonly higher: (amount: string) => string;
  readonly same: string;
}

/** Compares by how many times one is the other (sizes, start-up times). */
function times(tiny: Measured, original: Measured, wording: Wording): VerdictPart | undefined {
  if (tiny.value <= 0 || original.value <= 0) return undefined;
  const noise = noisePart(tiny, original, wording.subject);
  if (noise) return noise;
  const lower = tiny.value <= original.value;
  const ratio = formatRatio(lower ? original.value / tiny.value : tiny.value / original.value);
  if (ratio === formatRatio(1)) return { subject: wording.subject, text: wording.same, withinNoise: false };
  return { subject: wording.subject, text: lower ? wording.lower(ratio) : wording.higher(ratio), withinNoise: false };
}

/** Compares by the percentage the tiny flavor differs from the original (memory, throughput). */
function percent(tiny: Measured, original: Measured, wording: Wording): VerdictPart | undefined {
  if (original.value <= 0) return undefined;
  const noise = noisePart(tiny, original, wording.subject);
  if (noise) return noise;
  const change = (tiny.value - original.value) / original.value;
  const amount = formatPercent(change);
  if (amount === formatPercent(0)) return { subject: wording.subject, text: wording.same, withinNoise: false };
  return { subject: wording.subject, text: change < 0 ? wording.lower(amount) : wording.higher(amount), withinNoise: false };
}

function noisePart(tiny: Measured, original: Measured, subject: string): VerdictPart | undefined {
  if (!tiny.range || !original.range || !rangesOverlap(tiny.range, original.range)) return undefined;
  const band = spread({ value: tiny.value, range: tiny.range }, { value: original.value, range: original.range });
  return { subject, text: `${subject} within noise (±${formatPercent(band)})`, withinNoise: true };
}

const size: Wording = {
  subject: "size",
  lower: (n) => `${n} smaller`,
  higher: (n) => `${n} larger`,
  same: "about the same size",
};
const startup: Wording = {
  subject: "start-up",
  lower: (n) => `starts ${n} faster`,
  higher: (n) => `starts ${n} slower`,
  same: "starts about as fast",
};
const memoryIdle: Wording = {
  subject: "memory idle",
  lower: (n) => `uses ${n} less memory idle`,
  higher: (n) => `uses ${n} more memory idle`,
  same: "uses about the same memory idle",
};
const throughput = (unit: string): Wording => ({
  subject: unit,
  lower: (n) => `${n} fewer ${unit}`,
  higher: (n) => `${n} more ${unit}`,
  same: `about the same ${unit}`,
});

/** A throughput claim means little if answers failed: say which flavor had failures. */
function failuresPart(
  tiny: FlavorReport,
  original: FlavorReport,
  count: (f: FlavorReport) => number | undefined,
  what: string,
): VerdictPart | undefined {
  const failed = [tiny, original]
    .map((f) => ({ flavor: f.flavor, count: count(f) ?? 0 }))
    .filter((f) => f.count > 0)
    .map((f) => `${f.flavor} had ${f.count.toLocaleString("en-US")} ${what}`);
  return failed.length > 0 ? { subject: "failures", text: failed.join(", "), withinNoise: false } : undefined;
}

/** Every verdict both flavors have the figures for, size first. */
export function verdictParts(tiny: FlavorReport, original: FlavorReport): VerdictPart[] {
  const parts: (VerdictPart | undefined)[] = [times({ value: tiny.size.bytes }, { value: original.size.bytes }, size)];
  if (tiny.startup && original.startup) {
    parts.push(
      times(
        { value: tiny.startup.medianMs, range: tiny.startup.range },
        { value: original.startup.medianMs, range: original.startup.range },
        startup,
      ),
    );
  }
  if (tiny.memory && original.memory) {
    parts.push(
      percent(
        { value: tiny.memory.idleBytes, range: tiny.memory.idleRange },
        { value: original.memory.idleBytes, range: original.memory.idleRange },
        memoryIdle,
      ),
    );
  }
  if (tiny.http && original.http) {
    parts.push(percent(measuredRate(tiny.http.php), measuredRate(original.http.php), throughput("requests/s")));
    parts.push(
      failuresPart(tiny, original, (f) => f.http && failureCount.http(f.http.php) + failureCount.http(f.http.static), "errors/non-2xx"),
    );
  }
  if (tiny.sql && original.sql) {
    parts.push(
      percent(
        { value: tiny.sql.queriesPerSec, range: tiny.sql.range.queriesPerSec },
        { value: original.sql.queriesPerSec, range: original.sql.range.queriesPerSec },
        throughput("queries/s"),
      ),
    );
    parts.push(failuresPart(tiny, original, (f) => f.sql && failureCount.sql(f.sql), "query errors"));
  }
  if (tiny.ab && original.ab) {
    parts.push(percent(measuredRate(tiny.ab), measuredRate(original.ab), throughput("requests/s")));
    parts.push(failuresPart(tiny, original, (f) => f.ab && failureCount.ab(f.ab), "failed/non-2xx requests"));
  }
  return parts.filter((p): p is VerdictPart => p !== undefined);
}

function measuredRate(figures: { readonly requestsPerSec: number; readonly range: { readonly requestsPerSec: Range } }): Measured {
  return { value: figures.requestsPerSec, range: figures.range.requestsPerSec };
}

/** The verdict as one line: "5.8x smaller, starts 1.4x faster, 3% fewer requests/s". */
export function verdict(tiny: FlavorReport, original: FlavorReport): string {
  return verdictParts(tiny, original)
    .map((p) => p.text)
    .join(", ");
}
