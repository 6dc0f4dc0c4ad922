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
