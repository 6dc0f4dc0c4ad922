// Compares two flavors' answers to the same probe, key by key. A probe's
// answer is a JSON object of sections; every leaf (a value that is not a
// plain object) is one comparable fact, named by its path ("crypto.sha256").
// A pair built from the same packages is held to its list of accepted
// differences (compareAnswers: the parity suite's gate); a pair of two
// distributions has every difference recorded (differingLeaves, then
// behaviour.ts), for the report.
import { isDeepStrictEqual } from "node:util";
import type { FlavorName, ImageName } from "../../catalog.js";

export type Answer = Readonly<Record<string, unknown>>;

/** A difference a tiny flavor has from its original on purpose. */
export interface Difference {
  readonly image: ImageName;
  /** The tiny flavor that differs from its original. */
  readonly tiny: FlavorName;
  /** A leaf's path, or a section's: then every leaf below it may differ. */
  readonly key: string;
  readonly reason: string;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Every leaf of an answer, by path. */
export function leaves(value: unknown, prefix = ""): Map<string, unknown> {
  const found = new Map<string, unknown>();
  if (!isPlainObject(value)) return found.set(prefix, value);
  for (const [key, child] of Object.entries(value)) {
    for (const [path, leaf] of leaves(child, prefix ? `${prefix}.${key}` : key)) found.set(path, leaf);
  }
  return found;
}

const covers = (listed: string, path: string): boolean => path === listed || path.startsWith(`${listed}.`);

/** Two values as a person wants to read them: for lists, what only one of them has. */
function describe(original: unknown, tiny: unknown, names: { original: string; tiny: string }): string {
  const show = (value: unknown): string => (value === undefined ? "(absent)" : JSON.stringify(value));
  if (Array.isArray(original) && Array.isArray(tiny)) {
    const onlyOriginal = original.filter((v) => !tiny.some((t) => isDeepStrictEqual(t, v)));
    const onlyTiny = tiny.filter((v) => !original.some((o) => isDeepStrictEqual(o, v)));
    if (onlyOriginal.length + onlyTiny.length > 0) {
      return `only ${names.original} has ${show(onlyOriginal)}, only ${names.tiny} has ${show(onlyTiny)}`;
    }
  }
  return `${names.original} ${show(original)}, ${names.tiny} ${show(tiny)}`;
}

/** The leaves under `section` whose answers differ, with both answers (undefined: that side has no such key). */
export function differingLeaves(
  section: string,
  original: unknown,
  tiny: unknown,
): { readonly key: string; readonly original: unknown; readonly tiny: unknown }[] {
  const ours = leaves(original, section);
  const theirs = leaves(tiny, section);
  return [...new Set([...ours.keys(), ...theirs.keys()])]
    .filter((key) => !isDeepStrictEqual(ours.get(key), theirs.get(key)))
    .map((key) => ({ key, original: ours.get(key), tiny: theirs.get(key) }));
}

/** How many leaves the two answers have between them under `section`: what was compared. */
export function leafCount(section: string, original: unknown, tiny: unknown): number {
  return new Set([...leaves(original, section).keys(), ...leaves(tiny, section).keys()]).size;
}

export interface Comparison {
  /** Leaves that differ and are not listed: one line each, naming the key and both values. */
  readonly unexpected: readonly string[];
  /** Listed differences that are not there (any more): the list must be corrected. */
  readonly stale: readonly string[];
}

/** Compares a tiny flavor's answer with its original's, leaf by leaf, under the section given. */
export function compareAnswers(
  section: string,
  original: { readonly flavor: FlavorName; readonly answer: unknown },
  tiny: { readonly flavor: FlavorName; readonly answer: unknown },
  listed: readonly string[],
): Comparison {
  const names = { original: original.flavor, tiny: tiny.flavor };
  const found = differingLeaves(section, original.answer, tiny.answer);
  const differing = found.map((d) => d.key);
  return {
    unexpected: found
      .filter((d) => !listed.some((key) => covers(key, d.key)))
      .map((d) => `${d.key}: ${describe(d.original, d.tiny, names)}`),
    stale: listed
      .filter((key) => covers(section, key) || covers(key, section))
      .filter((key) => !differing.some((path) => covers(key, path)))
      .map((key) => `${key} is listed as a difference but ${tiny.flavor} answers as ${original.flavor} does`),
  };
}
