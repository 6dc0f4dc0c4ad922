// Compares a run with the previous one: every figure of the registry both
// runs measured for the same image and flavor, how much it moved, and which
// moves are big enough to call regressions. Timings only compare on the same
// machine with the same load, so a change of either is reported for the
// markdown to warn.
import type { FlavorName, ImageName } from "../catalog.js";
import { figures, type Figure } from "./figures.js";
import type { BenchReport, BenchSettings, Comparison, ConditionChange, Environment, FigureDelta, FlavorReport } from "./schema.js";

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
  { field: "burstSeconds", label: "burst (s)" },
  // Servers on one CPU of two measure other throughput than on both.
  { field: "isolation", label: "CPUs" },
];

/** A setting as the warning shows it: CPU splits in words, the rest as they are. */
function shown(value: unknown): string {
  if (value === undefined) return "shared";
  if (typeof value === "object" && value !== null && "server" in value && "generator" in value) {
    return `servers ${String(value.server)}, generators ${String(value.generator)}`;
  }
  return typeof value === "string" || typeof value === "number" ? String(value) : JSON.stringify(value);
}

function conditionChanges(current: BenchReport, previous: BenchReport): ConditionChange[] {
  const changed = <T>(fields: readonly { readonly field: keyof T; readonly label: string }[], now: T, before: T): ConditionChange[] =>
    fields
      .filter(({ field }) => shown(now[field]) !== shown(before[field]))
      .map(({ field, label }) => ({ label, previous: shown(before[field]), current: shown(now[field]) }));
  return [
    ...changed(environmentFields, current.environment, previous.environment),
    ...changed(settingsFields, current.settings, previous.settings),
  ];
}

function flavorsOf(report: BenchReport): Map<string, { image: ImageName; flavor: FlavorReport }> {
  return new Map(report.images.flatMap((i) => i.flavors.map((f) => [`${i.name}/${f.flavor}`, { image: i.name, flavor: f }] as const)));
}

/** The change as a fraction of the previous figure; null when that was 0. */
export function changeFraction(d: Pick<FigureDelta, "previous" | "current">): number | null {
  return d.previous === 0 ? null : (d.current - d.previous) / d.previous;
}

function delta(figure: Figure, image: ImageName, flavor: FlavorName, previous: number, current: number): FigureDelta {
  const fraction = changeFraction({ previous, current });
  const threshold = figure.threshold === undefined ? undefined : figure.worse === "up" ? figure.threshold : -figure.threshold;
  const regression =
    figure.kind === "failures"
      ? previous === 0 && current > 0
      : threshold !== undefined && fraction !== null && (figure.worse === "up" ? fraction > threshold : fraction < threshold);
  return { image, flavor, figure: figure.key, previous, current, ...(threshold === undefined ? {} : { threshold }), regression };
}

/** Compares a run with an earlier one, like with like: only images and flavors both measured. */
export function compareReports(current: BenchReport, previous: BenchReport): Comparison {
  const now = flavorsOf(current);
  const before = flavorsOf(previous);
  const deltas: FigureDelta[] = [];
  for (const [key, { image, flavor }] of now) {
    const earlier = before.get(key)?.flavor;
    if (!earlier) continue;
    for (const figure of figures) {
      const [was, is] = [figure.read(earlier), figure.read(flavor)];
      if (was !== undefined && is !== undefined) deltas.push(delta(figure, image, flavor.flavor, was, is));
    }
  }
  const missingFrom = (pairs: typeof now, other: typeof now) =>
    [...pairs].filter(([key]) => !other.has(key)).map(([, { image, flavor }]) => ({ image, flavor: flavor.flavor }));
  return {
    previous: { generatedAt: previous.generatedAt, commit: previous.environment.commit, commitDirty: previous.environment.commitDirty },
    deltas,
    conditionChanges: conditionChanges(current, previous),
    onlyInCurrent: missingFrom(now, before),
    onlyInPrevious: missingFrom(before, now),
  };
}

export function regressionsOf(comparison: Comparison): FigureDelta[] {
  return comparison.deltas.filter((d) => d.regression);
}

/** The delta of one figure, for a report that shows it beside the figure. */
export function deltaOf(comparison: Comparison, image: ImageName, flavor: FlavorName, key: string): FigureDelta | undefined {
  return comparison.deltas.find((d) => d.image === image && d.flavor === flavor && d.figure === key);
}
