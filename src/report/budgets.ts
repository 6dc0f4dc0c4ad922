// The budgets every report is held to, from one committed file
// (budgets.json): the largest each image and flavor may be, the least a tiny
// image must be smaller than its original, and how far each figure may move
// from its baseline before it is a regression. Read and checked once; a
// mistake in the file is one line naming the field and what would be right.
import { readFileSync } from "node:fs";
import { flavorNames, imageNames, type FlavorName, type ImageName } from "../catalog.js";
import { readSettings } from "../settings.js";
import { figure as figureOf, loadKey, loadMeasures } from "./figures.js";

export interface SizeLimits {
  /** Uncompressed, in MB of 1,000,000 bytes, as `docker images` shows. */
  readonly maxMB?: number;
  /** The gzipped `docker save`, in MB. */
  readonly maxCompressedMB?: number;
  readonly maxLayers?: number;
}

export interface SizeBudget extends SizeLimits {
  /**
   * Limits that replace those above on one architecture (x86_64, aarch64),
   * with why: the same packages are larger on some (aarch64's shared objects
   * are aligned to 64 KiB pages, so glibc's 250 small iconv modules take
   * twice the room).
   */
  readonly architectures?: Readonly<Record<string, SizeLimits & { readonly why: string }>>;
}

const limitFields = ["maxMB", "maxCompressedMB", "maxLayers"] as const;

/** The architectures a size budget may name: the nightly's (kernel names). */
export const budgetArchitectures = ["x86_64", "aarch64"] as const;

/** A size budget as it holds on one architecture. */
export function sizeBudgetOn(budget: SizeBudget, architecture: string): SizeLimits {
  const { architectures, ...limits } = budget;
  const own = architectures?.[architecture];
  if (!own) return limits;
  const overrides = Object.fromEntries(limitFields.filter((field) => own[field] !== undefined).map((field) => [field, own[field]]));
  return { ...limits, ...overrides };
}

export interface Budgets {
  readonly sizes: Readonly<Partial<Record<ImageName, Readonly<Partial<Record<FlavorName, SizeBudget>>>>>>;
  /** Per image: original size / tiny size, at least, for every pair measured. */
  readonly ratios: Readonly<Partial<Record<ImageName, { readonly minTimesSmaller: number }>>>;
  /** Per figure key of the registry (figures.ts): the fraction it may move in its worse direction, and why. */
  readonly regressions: Readonly<Record<string, { readonly threshold: number; readonly why: string }>>;
}

/** A mistake in the budgets file. */
export class BudgetsError extends Error {
  override name = "BudgetsError";
}

type Json = Record<string, unknown>;

function objectAt(value: unknown, where: string): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new BudgetsError(`${where}: expected an object`);
  return value as Json;
}

function positiveAt(value: unknown, where: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) throw new BudgetsError(`${where}: expected a number above 0`);
  return value;
}

function keysIn<K extends string>(object: Json, valid: readonly K[], where: string): K[] {
  for (const key of Object.keys(object)) {
    if (!(valid as readonly string[]).includes(key))
      throw new BudgetsError(`${where}: unknown key "${key}"; valid keys are ${valid.join(", ")}`);
  }
  return Object.keys(object) as K[];
}

function limits(object: Json, where: string): SizeLimits {
  return Object.fromEntries(
    limitFields.filter((field) => field in object).map((field) => [field, positiveAt(object[field], `${where}.${field}`)]),
  );
}

function architectureLimits(value: unknown, where: string): SizeBudget["architectures"] {
  const object = objectAt(value, where);
  return Object.fromEntries(
    keysIn(object, budgetArchitectures, where).map((architecture) => {
      const at = `${where}.${architecture}`;
      const entry = objectAt(object[architecture], at);
      keysIn(entry, [...limitFields, "why"] as const, at);
      if (typeof entry.why !== "string" || entry.why.trim() === "") throw new BudgetsError(`${at}.why: say why this architecture differs`);
      return [architecture, { ...limits(entry, at), why: entry.why }];
    }),
  );
}

function sizeBudget(value: unknown, where: string): SizeBudget {
  const object = objectAt(value, where);
  keysIn(object, [...limitFields, "architectures"] as const, where);
  const own =
    object.architectures === undefined ? {} : { architectures: architectureLimits(object.architectures, `${where}.architectures`) };
  return { ...limits(object, where), ...own };
}

function sizes(value: unknown): Budgets["sizes"] {
  const object = objectAt(value, "sizes");
  return Object.fromEntries(
    keysIn(object, imageNames, "sizes").map((name) => {
      const byFlavor = objectAt(object[name], `sizes.${name}`);
      const flavors = keysIn(byFlavor, flavorNames, `sizes.${name}`);
      return [name, Object.fromEntries(flavors.map((f) => [f, sizeBudget(byFlavor[f], `sizes.${name}.${f}`)]))];
    }),
  );
}

function ratios(value: unknown): Budgets["ratios"] {
  const object = objectAt(value, "ratios");
  return Object.fromEntries(
    keysIn(object, imageNames, "ratios").map((name) => {
      const entry = objectAt(object[name], `ratios.${name}`);
      keysIn(entry, ["minTimesSmaller"] as const, `ratios.${name}`);
      return [name, { minTimesSmaller: positiveAt(entry.minTimesSmaller, `ratios.${name}.minTimesSmaller`) }];
    }),
  );
}

function regressions(value: unknown): Budgets["regressions"] {
  const object = objectAt(value, "regressions");
  return Object.fromEntries(
    Object.keys(object).map((key) => {
      const where = `regressions.${key}`;
      // "loads.cpuUs": every load's CPU per answer, whatever the image calls the load.
      const every = /^loads\.(\w+)$/.exec(key)?.[1];
      const figure = every && loadMeasures.includes(every) ? figureOf(`loads.any.${every}`) : figureOf(key);
      if (!figure) throw new BudgetsError(`${where}: no figure has this key; see src/report/figures.ts`);
      if (figure.kind === "failures")
        throw new BudgetsError(`${where}: failures need no threshold: any failure where there were none is one`);
      const entry = objectAt(object[key], where);
      keysIn(entry, ["threshold", "why"] as const, where);
      if (typeof entry.why !== "string" || entry.why.trim() === "") throw new BudgetsError(`${where}.why: say why this threshold`);
      return [key, { threshold: positiveAt(entry.threshold, `${where}.threshold`), why: entry.why }];
    }),
  );
}

/** The budgets in a file's text; throws BudgetsError naming the file and the field on a mistake. */
export function parseBudgets(text: string, file: string): Budgets {
  try {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new BudgetsError(`not readable JSON (${(error as Error).message})`);
    }
    const top = objectAt(parsed, "the file");
    keysIn(top, ["about", "sizes", "ratios", "regressions"] as const, "the file");
    return { sizes: sizes(top.sizes ?? {}), ratios: ratios(top.ratios ?? {}), regressions: regressions(top.regressions ?? {}) };
  } catch (error) {
    if (error instanceof BudgetsError) throw new BudgetsError(`${file}: ${error.message}`);
    throw error;
  }
}

const loaded = new Map<string, Budgets>();

/** The budgets of a file (TINY_BUDGETS, else the repository's budgets.json), read once per process. */
export function loadBudgets(file: string = readSettings().budgetsFile): Budgets {
  let budgets = loaded.get(file);
  if (!budgets) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      throw new BudgetsError(`${file}: can't read the budgets (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    budgets = parseBudgets(text, file);
    loaded.set(file, budgets);
  }
  return budgets;
}

/** How far a figure may move in its worse direction before it is a regression; undefined when it has no threshold. */
export function regressionThreshold(key: string, budgets: Budgets = loadBudgets()): number | undefined {
  const measure = loadKey(key)?.measure;
  return (budgets.regressions[key] ?? (measure ? budgets.regressions[`loads.${measure}`] : undefined))?.threshold;
}
