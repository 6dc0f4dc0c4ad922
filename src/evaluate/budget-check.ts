// Holds a report's figures against the budgets (budgets.json): one result
// per budget that applies to what was measured, met or not, so the report,
// the JUnit file and --fail-on all say the same.
import { sizeBudgetOn, type Budgets, type SizeLimits } from "../report/budgets.js";
import { assumedArchitecture } from "../report/machine.js";
import { measuredPairs } from "../report/pairs.js";
import type { BenchReport, BudgetCheck, BudgetResult, FlavorReport, ImageReport } from "../report/schema.js";

const megabyte = 1_000_000;

const sizeLimits: readonly {
  readonly field: keyof SizeLimits;
  readonly held: BudgetCheck["held"];
  readonly read: (f: FlavorReport) => number;
  readonly scale: number;
}[] = [
  { field: "maxMB", held: "bytes", read: (f) => f.size.bytes, scale: megabyte },
  { field: "maxCompressedMB", held: "compressedBytes", read: (f) => f.size.compressedBytes, scale: megabyte },
  { field: "maxLayers", held: "layers", read: (f) => f.size.layers, scale: 1 },
];

type Measured = Pick<BenchReport, "images"> & { readonly environment?: Pick<BenchReport["environment"], "architecture"> };

/**
 * The architecture an image was measured on, and how its budgets say so: a
 * merged report's images carry their machine, and there its budgets name
 * the architecture, as an image may be there once per architecture.
 */
function architectureOf(report: Measured, image: ImageReport): { architecture: string; on: { architecture?: string } } {
  if (!image.machine) return { architecture: report.environment?.architecture ?? assumedArchitecture, on: {} };
  const architecture = image.machine.architecture ?? assumedArchitecture;
  return { architecture, on: { architecture } };
}

function sizeResults(report: Measured, image: ImageReport, budgets: Budgets): BudgetCheck[] {
  const { architecture, on } = architectureOf(report, image);
  return image.flavors.flatMap((f) => {
    const sized = budgets.sizes[image.name]?.[f.flavor];
    if (!sized) return [];
    const budget = sizeBudgetOn(sized, architecture);
    return sizeLimits.flatMap(({ field, held, read, scale }) => {
      const max = budget[field];
      if (max === undefined) return [];
      const [actual, limit] = [read(f), max * scale];
      return [{ image: image.name, ...on, flavor: f.flavor, tag: f.tag, held, actual, limit, passed: actual <= limit }];
    });
  });
}

function ratioResults(report: Measured, image: ImageReport, budgets: Budgets): BudgetCheck[] {
  const min = budgets.ratios[image.name]?.minTimesSmaller;
  if (min === undefined) return [];
  const { on } = architectureOf(report, image);
  return measuredPairs(image).flatMap(({ tiny, original, tinyFigures, originalFigures }) => {
    if (!tinyFigures || !originalFigures) return [];
    const ratio = originalFigures.size.bytes / tinyFigures.size.bytes;
    const check: BudgetCheck = {
      image: image.name,
      ...on,
      flavor: tiny,
      tag: tinyFigures.tag,
      held: "timesSmaller",
      original,
      actual: ratio,
      limit: min,
      passed: ratio >= min,
    };
    return [check];
  });
}

/** Every budget that applies to the report's measured images and flavors, met or not. */
export function checkBudgets(report: Measured, budgets: Budgets): BudgetCheck[] {
  return report.images.flatMap((image) => [...sizeResults(report, image, budgets), ...ratioResults(report, image, budgets)]);
}

export const breaches = (results: readonly BudgetResult[]): BudgetResult[] => results.filter((r) => !r.passed);
