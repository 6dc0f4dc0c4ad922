// The exact comparisons of a pair: figures that repeat from build to build
// (sizes, counts, failures) need no interval, only their change and ratio,
// made once here so the page words them and never divides.
import type { FlavorName, ImageName } from "../catalog.js";
import { figuresOf } from "../report/figures.js";
import { onArchitecture } from "../report/machine.js";
import { measuredPairs } from "../report/pairs.js";
import type { BenchReport, ExactComparison, FlavorReport } from "../report/schema.js";

/** Every figure both flavors of a pair have that isn't judged by its bursts. */
export function pairExact(
  image: ImageName,
  tinyFigures: FlavorReport,
  originalFigures: FlavorReport,
  on: { architecture?: string } = {},
): ExactComparison[] {
  const [tiny, original]: readonly [FlavorName, FlavorName] = [tinyFigures.flavor, originalFigures.flavor];
  return figuresOf([tinyFigures, originalFigures])
    .filter((f) => f.kind !== "runtime")
    .flatMap((f) => {
      const [t, o] = [f.read(tinyFigures), f.read(originalFigures)];
      if (t === undefined || o === undefined) return [];
      const comparison: ExactComparison = {
        image,
        tiny,
        original,
        ...on,
        figure: f.key,
        tinyValue: t,
        originalValue: o,
        change: t - o,
        fraction: o === 0 ? null : (t - o) / o,
        ratio: o === 0 ? null : t / o,
        timesSmaller: t === 0 ? null : o / t,
      };
      return [comparison];
    });
}

/** The exact comparisons of every measured pair of the report. */
export function exactComparisons(report: BenchReport): ExactComparison[] {
  return report.images.flatMap((image) =>
    measuredPairs(image).flatMap(({ tinyFigures, originalFigures }) =>
      tinyFigures && originalFigures ? pairExact(image.name, tinyFigures, originalFigures, onArchitecture(report, image)) : [],
    ),
  );
}

/** How far autocannon's level and wrk's were apart on each wrk run, and the widest gap. */
export function wrkGaps(report: BenchReport): { each: number[]; widest: number } | undefined {
  const runs = report.settings.sizeOnly ? undefined : report.loadGenerator?.wrk;
  if (!runs || runs.length === 0) return undefined;
  const each = runs.map((w) => (w.autocannonRequestsPerSec - w.requestsPerSec) / w.requestsPerSec);
  return { each, widest: Math.max(...each.map(Math.abs)) };
}

/** The seed post's ratio for each image it had. */
export function seedRatios(report: BenchReport): { image: ImageName; timesSmaller: number }[] {
  return report.images.flatMap((i) =>
    i.seed && i.flavors.length > 0 ? [{ image: i.name, timesSmaller: i.seed.originalMB / i.seed.tinyMB }] : [],
  );
}
