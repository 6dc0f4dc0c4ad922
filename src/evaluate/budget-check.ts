// Holds a report's figures against the budgets (budgets.json): one result
// per budget that applies to what was measured, met or not, so the report,
// the JUnit file and --fail-on all say the same.
import { sizeBudgetOn, type Budgets, type SizeLimits } from "../report/budgets.js";
import { formatBytes, formatCount, formatRatio } from "../render/format.js";
import { assumedArchitecture } from "../report/machine.js";
import { measuredPairs } from "../report/pairs.js";
import type { BenchReport, BudgetResult, FlavorReport, ImageReport } from "../report/schema.js";

const megabyte = 1_000_000;

const sizeLimits: readonly {
  readonly field: keyof SizeLimits;
  readonly what: string;
  readonly read: (f: FlavorReport) => number;
  readonly shown: (n: number) => string;
  readonly scale: number;
}[] = [
  { field: "maxMB", what: "size", read: (f) => f.size.bytes, shown: formatBytes, scale: megabyte },
  { field: "maxCompressedMB", what: "compressed size", read: (f) => f.size.compressedBytes, shown: formatBytes, scale: megabyte },
  { field: "maxLayers", what: "layers", read: (f) => f.size.layers, shown: formatCount, scale: 1 },
];

type Measured = Pick<BenchReport, "images"> & { readonly environment?: Pick<BenchReport["environment"], "architecture"> };

/**
 * The architecture an image was measured on, and how its budgets say so: a
 * merged report's images carry their machine, and there its budgets name
 * the architecture, as an image may be there once per architecture.
 */
function architectureOf(report: Measured, image: ImageReport): { architecture: string; suffix: string; on: { architecture?: string } } {
  if (!image.machine) return { architecture: report.environment?.architecture ?? assumedArchitecture, suffix: "", on: {} };
  const architecture = image.machine.architecture ?? assumedArchitecture;
  return { architecture, suffix: ` (${architecture})`, on: { architecture } };
}

function sizeResults(report: Measured, image: ImageReport, budgets: Budgets): BudgetResult[] {
  const { architecture, suffix, on } = architectureOf(report, image);
  return image.flavors.flatMap((f) => {
    const sized = budgets.sizes[image.name]?.[f.flavor];
    if (!sized) return [];
    const budget = sizeBudgetOn(sized, architecture);
    return sizeLimits.flatMap(({ field, what, read, shown, scale }) => {
      const max = budget[field];
      if (max === undefined) return [];
      const [actual, limit] = [read(f), max * scale];
      return [
        {
          name: `${f.tag}${suffix} ${what} ≤ ${shown(limit)}`,
          image: image.name,
          ...on,
          flavor: f.flavor,
          actual: shown(actual),
          limit: `≤ ${shown(limit)}`,
          passed: actual <= limit,
        },
      ];
    });
  });
}

function ratioResults(report: Measured, image: ImageReport, budgets: Budgets): BudgetResult[] {
  const min = budgets.ratios[image.name]?.minTimesSmaller;
  if (min === undefined) return [];
  const { suffix, on } = architectureOf(report, image);
  return measuredPairs(image).flatMap(({ tiny, original, tinyFigures, originalFigures }) => {
    if (!tinyFigures || !originalFigures) return [];
    const ratio = originalFigures.size.bytes / tinyFigures.size.bytes;
    return [
      {
        name: `${image.name}${suffix} ${tiny} at least ${formatRatio(min)} smaller than ${original}`,
        image: image.name,
        ...on,
        flavor: tiny,
        actual: `${formatRatio(ratio)} smaller`,
        limit: `≥ ${formatRatio(min)}`,
        passed: ratio >= min,
      },
    ];
  });
}

/** Every budget that applies to the report's measured images and flavors, met or not. */
export function checkBudgets(report: Measured, budgets: Budgets): BudgetResult[] {
  return report.images.flatMap((image) => [...sizeResults(report, image, budgets), ...ratioResults(report, image, budgets)]);
}

export const breaches = (results: readonly BudgetResult[]): BudgetResult[] => results.filter((r) => !r.passed);
