// How figures read in the markdown report: every number with its unit,
// rounded to what the measurement can support. Sizes follow `docker images`
// (decimal units, three significant digits) so a reader can check them
// against what Docker prints.

/** What a figure that doesn't apply shows. */
export const notApplicable = "–";

/** A figure split into its number and unit, so a range can name the unit once. */
export interface Quantity {
  readonly value: string;
  readonly unit: string;
}

const grouped = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const groupedOneDecimal = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Three significant digits without exponent or trailing zeros: 5.9, 61.2, 187, 1500. */
function significant(value: number): string {
  return String(Number(value.toPrecision(3)));
}

export const byteUnits = [
  { unit: "B", scale: 1 },
  { unit: "kB", scale: 1e3 },
  { unit: "MB", scale: 1e6 },
  { unit: "GB", scale: 1e9 },
] as const;

export function bytesQuantity(bytes: number): Quantity {
  // The largest unit the figure reaches once rounded: 999,600 bytes read 1 MB, not 1000 kB.
  let index = 0;
  while (index < byteUnits.length - 1 && Math.abs(Number((bytes / byteUnits[index]!.scale).toPrecision(3))) >= 1000) index++;
  const { unit, scale } = byteUnits[index]!;
  return { value: significant(bytes / scale), unit };
}

/** Milliseconds below a second, seconds above: "768 ms", "1.24 s". */
export function msQuantity(ms: number): Quantity {
  const rounded = Number(ms.toPrecision(3));
  if (Math.abs(rounded) >= 1000) return { value: significant(ms / 1000), unit: "s" };
  return { value: String(rounded), unit: "ms" };
}

/** A throughput: whole numbers with thousands separators from 100 up, one decimal below. */
export function rateQuantity(perSecond: number, unit = "req/s"): Quantity {
  return { value: Math.abs(perSecond) >= 100 ? grouped.format(perSecond) : groupedOneDecimal.format(perSecond), unit };
}

export function formatQuantity(q: Quantity): string {
  return `${q.value} ${q.unit}`;
}

/** "5.9 MB", "512 kB", "1.2 GB": decimal units, as `docker images` shows them. */
export function formatBytes(bytes: number): string {
  return formatQuantity(bytesQuantity(bytes));
}

export function formatMs(ms: number): string {
  return formatQuantity(msQuantity(ms));
}

/** "5,143 req/s", "87.5 queries/s". */
export function formatRate(perSecond: number, unit = "req/s"): string {
  return formatQuantity(rateQuantity(perSecond, unit));
}

/** A count of things: "1,234". */
export function formatCount(count: number): string {
  return grouped.format(count);
}

/** How many times one figure is the other: "5.8x", "120x". */
export function formatRatio(ratio: number): string {
  return `${Math.abs(ratio) >= 100 ? Math.round(ratio) : ratio.toFixed(1)}x`;
}

/** Whole percent, one decimal below 1% so a small but real change doesn't read "0%". */
function percentDigits(fraction: number): string {
  const percent = Math.abs(fraction * 100);
  if (percent < 0.05) return "0";
  return percent < 1 ? percent.toFixed(1) : String(Math.round(percent));
}

/** A share or a difference without sign, as a fraction: 0.03 → "3%". */
export function formatPercent(fraction: number): string {
  return `${percentDigits(fraction)}%`;
}

/** A change as a fraction, with its sign: 0.02 → "+2%", −0.15 → "−15%". */
export function formatSignedPercent(fraction: number): string {
  const digits = percentDigits(fraction);
  if (digits === "0") return "±0%";
  return `${fraction < 0 ? "−" : "+"}${digits}%`;
}

/**
 * An interval's end as a signed percent: never "±0%", which reads as no
 * end at all; an end that near "the same" gets the digits to show its side
 * ("−0.03%"), and only an exact 0 reads "0%".
 */
export function formatIntervalEnd(fraction: number): string {
  if (formatSignedPercent(fraction) !== "±0%") return formatSignedPercent(fraction);
  if (fraction === 0) return "0%";
  return `${fraction < 0 ? "−" : "+"}${Number(Math.abs(fraction * 100).toPrecision(1))}%`;
}

/**
 * "756–799 ms": the unit once when both ends share it, on each end when they
 * don't ("768 ms–1.02 s"), and a single figure when both ends read the same.
 */
export function formatRange(range: { readonly min: number; readonly max: number }, quantity: (value: number) => Quantity): string {
  const low = quantity(range.min);
  const high = quantity(range.max);
  if (low.unit !== high.unit) return `${formatQuantity(low)}–${formatQuantity(high)}`;
  if (low.value === high.value) return formatQuantity(low);
  return `${low.value}–${high.value} ${low.unit}`;
}
