// What a run measures or tests, and in which order: the one plan that the
// suites and the benchmark both read. The build (image-build/prepare.ts)
// says for every requested image and flavor whether it can be used here;
// this turns that into pairs, interleaved orders and the list of what is
// unavailable, and why.
import { flavor, flavors, flavorsInUse, type FlavorName, type ImageName } from "./catalog.js";

export type Status = { readonly available: true } | { readonly available: false; readonly reason: string };
/** Requested images and flavors only: a flavor absent from an image's row was not requested. */
export type StatusMatrix = Record<ImageName, Partial<Record<FlavorName, Status>>>;

export interface Pair {
  readonly tiny: FlavorName;
  readonly original: FlavorName;
}

/** The pair of a flavor, from its role and the flavor it is paired with (the catalog's, or a report's). */
export function pairFrom(f: { readonly name: FlavorName; readonly role: "tiny" | "original"; readonly pair: FlavorName }): Pair {
  return f.role === "tiny" ? { tiny: f.name, original: f.pair } : { tiny: f.pair, original: f.name };
}

/** Every tiny flavor with the original it is compared with, in the catalog's order. */
export const pairs: readonly Pair[] = flavors.filter((f) => f.role === "tiny").map(pairFrom);

/** The same with a run-time image's pair (catalog.ts, registerRunTimeImage), once registered: what a run plans with. */
export const pairsInUse = (): readonly Pair[] =>
  flavorsInUse()
    .filter((f) => f.role === "tiny")
    .map(pairFrom);

/** The pair a flavor belongs to. */
export const pairOf = (name: FlavorName): Pair => pairFrom(flavor(name));

/**
 * The flavors of `among` pair by pair, in the catalog's order; tiny first in
 * odd rounds and last in even ones (A B, B A, ...), so drift on a shared
 * machine and the order itself weigh on both alike.
 */
export function interleaved(among: readonly FlavorName[], round = 1): FlavorName[] {
  return pairsInUse().flatMap(({ tiny, original }) => {
    const pair = [tiny, original].filter((name) => among.includes(name));
    return round % 2 === 0 ? pair.reverse() : pair;
  });
}

/** The pairs with a flavor among `among`, each with its flavors in round `round`'s order (see interleaved). */
export function pairsInRound(among: readonly FlavorName[], round: number): { readonly pair: Pair; readonly order: FlavorName[] }[] {
  return pairsInUse().flatMap((pair) => {
    const order = interleaved(among, round).filter((f) => f === pair.tiny || f === pair.original);
    return order.length > 0 ? [{ pair, order }] : [];
  });
}

/** Within a round, bursts alternate A B, B A, ... (burst from 0), so neither flavor always goes first. */
export function burstOrder(order: readonly FlavorName[], burst: number): readonly FlavorName[] {
  return burst % 2 === 0 ? order : [...order].reverse();
}

/** The state of several images of one flavor together: the first that is not requested or not available decides. */
export function statusOf(matrix: StatusMatrix, names: readonly ImageName[], flavorName: FlavorName): Status | undefined {
  for (const name of names) {
    const state = matrix[name]?.[flavorName];
    if (state === undefined) return undefined;
    if (!state.available) {
      return names.length === 1 ? state : { available: false, reason: `${name} [${flavorName}]: ${state.reason}` };
    }
  }
  return { available: true };
}

export interface Unavailable {
  readonly image: ImageName;
  readonly flavor: FlavorName;
  readonly reason: string;
}

export interface RunPlan {
  /** Each requested image with its available flavors, pairs interleaved. */
  readonly available: ReadonlyMap<ImageName, readonly FlavorName[]>;
  readonly unavailable: readonly Unavailable[];
}

export function runPlan(matrix: StatusMatrix, images: readonly ImageName[], requested: readonly FlavorName[]): RunPlan {
  const available = new Map<ImageName, FlavorName[]>();
  const unavailable: Unavailable[] = [];
  for (const name of images) {
    const ready = requested.filter((f) => matrix[name]?.[f]?.available);
    for (const f of requested) {
      const state = matrix[name]?.[f];
      if (state && !state.available) unavailable.push({ image: name, flavor: f, reason: state.reason });
    }
    available.set(name, interleaved(ready));
  }
  return { available, unavailable };
}
