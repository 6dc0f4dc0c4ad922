// The few statistics the benchmark reports: medians and spreads of repeated
// measurements, percentiles of latency samples.

/** The smallest and largest of several measurements (the headline figure is their median). */
export interface Range {
  readonly min: number;
  readonly max: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function range(values: readonly number[]): Range {
  if (values.length === 0) throw new Error("range of no values");
  return { min: Math.min(...values), max: Math.max(...values) };
}

/** The nearest-rank percentile (p in 0..100) of samples, which it sorts in place. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) throw new Error("percentile of no samples");
  samples.sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * samples.length));
  return samples[rank - 1]!;
}

/** The share of one core this process used between two readings, 0..n. */
export function cpuShare(before: NodeJS.CpuUsage, wallMs: number): number {
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / wallMs;
}
