// The tiny/original pairs of an image as a report holds them: each pair
// with the figures of whichever of its flavors were measured.
import type { FlavorName } from "../catalog.js";
import { pairFrom, type Pair } from "../plan.js";
import type { FlavorReport, ImageReport } from "./schema.js";

export interface MeasuredPair extends Pair {
  readonly tinyFigures?: FlavorReport;
  readonly originalFigures?: FlavorReport;
}

/** The pairs of an image with at least one flavor measured, in the order the report lists them. */
export function measuredPairs(image: ImageReport): MeasuredPair[] {
  const figuresOf = (name: FlavorName): FlavorReport | undefined => image.flavors.find((f) => f.flavor === name);
  const pairs = new Map<FlavorName, Pair>();
  for (const f of image.flavors) {
    const pair = pairFrom({ name: f.flavor, role: f.role, pair: f.pair });
    if (!pairs.has(pair.tiny)) pairs.set(pair.tiny, pair);
  }
  return [...pairs.values()].map((p) => ({ ...p, tinyFigures: figuresOf(p.tiny), originalFigures: figuresOf(p.original) }));
}

/** A pair both of whose flavors were measured: the ones a comparison can be made of. */
export type ComparedPair = MeasuredPair & Required<Pick<MeasuredPair, "tinyFigures" | "originalFigures">>;

/** The pairs of an image with both flavors measured. */
export function comparedPairs(image: ImageReport): ComparedPair[] {
  return measuredPairs(image).filter((p): p is ComparedPair => p.tinyFigures !== undefined && p.originalFigures !== undefined);
}
