// Reads every images/<image>/image.ts and checks it, field by field and
// against the others (a parent, a target, a flavor its parent lacks): what
// the type checker can't see in a folder it never listed. Each problem is
// one line naming the file and the field.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  imageNamePattern,
  loadKinds,
  nofileCeiling,
  nofileDefault,
  type FlavorName,
  type Image,
  type ImageDeclaration,
  type Load,
} from "./image-declaration.js";

/** The file an image is declared in, relative to the repository: what every message names. */
export const declarationFile = (name: string): string => `images/${name}/image.ts`;

type Fields = Record<string, unknown>;

/** A plain object, as a declaration or a data file beside an image has. */
export const isObject = (v: unknown): v is Fields => typeof v === "object" && v !== null && !Array.isArray(v);
export const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === "string");
const isPort = (v: unknown): boolean => Number.isInteger(v) && (v as number) > 0 && (v as number) < 65536;

/** The problems of one field, as "field: what is wrong"; none when it is right or absent and optional. */
function fieldProblems(d: Fields, flavorNames: readonly FlavorName[]): string[] {
  const problems: string[] = [];
  const want = (field: string, ok: boolean, what: string): void => {
    if (d[field] !== undefined && !ok) problems.push(`${field}: ${what}`);
  };
  if (typeof d.summary !== "string" || d.summary.trim() === "") problems.push("summary: give a few words saying what the image is");
  if (!isStringList(d.flavors) || d.flavors.length === 0 || d.flavors.some((f) => !flavorNames.includes(f as FlavorName))) {
    problems.push(`flavors: a non-empty list of ${flavorNames.join(", ")}`);
  }
  want("parent", typeof d.parent === "string", "the name of another image folder");
  want("targets", isStringList(d.targets), "a list of image names");
  want("ports", Array.isArray(d.ports) && d.ports.every(isPort), "a list of TCP port numbers");
  want("command", isStringList(d.command), "a list of strings (argv)");
  want("software", d.software instanceof RegExp, "a regular expression its software's self-description matches");
  want("environment", isObject(d.environment) && Object.values(d.environment).every((v) => typeof v === "string"), "names to strings");
  want("account", typeof d.account === "function", "a function of the environment giving { user, password, database }");
  want(
    "endpoints",
    isObject(d.endpoints) && Object.values(d.endpoints).every((v) => typeof v === "string" && v.startsWith("/")),
    "names to paths starting with /",
  );
  want(
    "harnessPages",
    isObject(d.harnessPages) && typeof d.harnessPages.folder === "string" && typeof d.harnessPages.target === "string",
    "{ folder, target }",
  );
  want(
    "nofile",
    Number.isInteger(d.nofile) && (d.nofile as number) > nofileDefault && (d.nofile as number) <= nofileCeiling,
    `a whole number of open files above the default ${nofileDefault}, at most ${nofileCeiling} (Linux's default hard limit, which any engine can grant)`,
  );
  want(
    "calibration",
    isObject(d.calibration) && typeof d.calibration.load === "string" && typeof d.calibration.module === "string",
    "{ load, module }: one of its HTTP loads, and a module beside the image exporting defineKnownWork",
  );
  want("parity", isObject(d.parity) && typeof d.parity.module === "string", "{ module }: a module beside the image exporting defineProbe");
  want(
    "seed",
    isObject(d.seed) &&
      typeof d.seed.originalMB === "number" &&
      typeof d.seed.tinyMB === "number" &&
      ["string", "undefined"].includes(typeof d.seed.note),
    "{ originalMB, tinyMB } in MB, and a note of what its tiny image lacked",
  );
  if (d.readiness !== undefined) problems.push(...readinessProblems(d.readiness));
  if (d.load !== undefined) problems.push("load: now `loads`, by name: { main: { kind, ... } }");
  want("loads", isObject(d.loads) && Object.keys(d.loads).length > 0, "names to loads: { main: { kind, ... } }");
  if (isObject(d.loads)) for (const [key, load] of Object.entries(d.loads)) problems.push(...loadFieldProblems(key, load));
  return problems;
}

/** What a readiness check needs: its kind's fields, and a sane time limit. */
export function readinessProblems(r: unknown): string[] {
  if (!isObject(r) || !["log", "http", "sql"].includes(r.kind as string))
    return ['readiness: one of { kind: "log" | "http" | "sql", ... }'];
  const problems: string[] = [];
  const timeout = r.timeoutSeconds;
  if (timeout !== undefined && !(typeof timeout === "number" && timeout > 0 && timeout <= 600))
    problems.push("readiness.timeoutSeconds: seconds a start may take, more than 0 and at most 600");
  if (r.kind === "log" && !(typeof r.message === "string" || r.message instanceof RegExp))
    problems.push("readiness.message: a string or a regular expression its output shows once ready");
  if (r.kind !== "log" && !isPort(r.port)) problems.push("readiness.port: the TCP port it answers on");
  if (r.kind === "http" && !(typeof r.path === "string" && r.path.startsWith("/"))) problems.push("readiness.path: a path starting with /");
  if (r.kind === "http" && r.body !== undefined && typeof r.body !== "string")
    problems.push("readiness.body: the exact body of a ready answer, or none for any 2xx");
  return problems;
}

/** What one entry of `loads` needs: its kind's fields, as strings. */
export function loadFieldProblems(key: string, load: unknown): string[] {
  const where = `loads.${key}`;
  if (!/^[a-z][a-z0-9-]*$/.test(key)) return [`${where}: name a load with lower-case letters, digits and -`];
  if (!isObject(load) || !loadKinds.includes(load.kind as Load["kind"]))
    return [`${where}: one of { kind: "${loadKinds.join('" | "')}", ... }`];
  const needs: Record<Load["kind"], readonly string[]> = {
    http: ["endpoint"],
    sql: [],
    client: ["target", "endpoint", "module"],
    module: ["module"],
  };
  const wanted = [...needs[load.kind as Load["kind"]], ...["label", "answer"].filter((f) => load[f] !== undefined)];
  return wanted.filter((f) => typeof load[f] !== "string" || load[f] === "").map((f) => `${where}.${f}: a string`);
}

/** What the modules and pages a declaration names beside it need: to be there, and what they work on. */
function moduleProblems(name: string, d: ImageDeclaration, imagesDir: string): string[] {
  const problems: string[] = [];
  const missing = (field: string, module: string | undefined): void => {
    if (module !== undefined && !existsSync(path.join(imagesDir, name, module)))
      problems.push(`${field}: images/${name}/${module} is missing`);
  };
  for (const [key, load] of Object.entries(d.loads ?? {})) if ("module" in load) missing(`loads.${key}`, load.module);
  missing("parity", d.parity?.module);
  missing("calibration", d.calibration?.module);
  if (d.parity && !(d.ports?.length && d.readiness)) problems.push("parity: a probe asks a ready service: declare its ports and readiness");
  const calibrated = d.calibration && d.loads?.[d.calibration.load];
  if (!d.calibration) return problems;
  if (calibrated?.kind !== "http") return [...problems, `calibration: load ${d.calibration.load} is not one of its HTTP loads`];
  const urlPath = d.endpoints?.[calibrated.endpoint];
  const copied = d.harnessPages && urlPath ? path.join(imagesDir, "..", d.harnessPages.folder, urlPath) : undefined;
  if (!copied || !existsSync(copied))
    problems.push(`calibration: load ${d.calibration.load}'s endpoint is not one of its harness pages, which the copy replaces`);
  return problems;
}

/** What a declaration says that depends on its folder or the other images. */
function relationProblems(name: string, d: ImageDeclaration, all: ReadonlyMap<string, ImageDeclaration>, imagesDir: string): string[] {
  const problems: string[] = [];
  const parent = d.parent === undefined ? undefined : all.get(d.parent);
  if (d.parent !== undefined && !parent) problems.push(`parent: ${d.parent} is no image folder`);
  const missing = parent ? d.flavors.filter((f) => !parent.flavors.includes(f)) : [];
  if (missing.length > 0) problems.push(`flavors: ${missing.join(", ")} not made by its parent ${d.parent}`);
  for (const target of d.targets ?? []) if (!all.has(target)) problems.push(`targets: ${target} is no image folder`);
  for (const f of d.flavors) {
    if (!existsSync(path.join(imagesDir, name, `${f}.Dockerfile`)))
      problems.push(`flavors: ${f} declared but images/${name}/${f}.Dockerfile is missing`);
  }
  problems.push(...moduleProblems(name, d, imagesDir));
  for (const [key, load] of Object.entries(d.loads ?? {})) problems.push(...loadRelationProblems(`loads.${key}`, load, d, all));
  const kinds = Object.values(d.loads ?? {}).map((l) => l.kind);
  if (kinds.includes("client") && kinds.length > 1) problems.push("loads: a client image has its one client load only");
  return problems;
}

/** What a load needs of its image and of the others: an endpoint it has, a target that serves one, a ready service. */
function loadRelationProblems(where: string, load: Load, d: ImageDeclaration, all: ReadonlyMap<string, ImageDeclaration>): string[] {
  if (load.kind === "client") {
    const target = all.get(load.target);
    if (!target) return [`${where}.target: ${load.target} is no image folder`];
    if (!d.targets?.includes(load.target)) return [`${where}.target: list ${load.target} in targets too, so it is built with this image`];
    return target.endpoints?.[load.endpoint] ? [] : [`${where}.endpoint: ${load.target} has no endpoint ${load.endpoint}`];
  }
  const problems = d.readiness && d.ports?.length ? [] : [`${where}: a loaded service needs ports and a readiness check`];
  if (load.kind === "http" && !d.endpoints?.[load.endpoint])
    problems.push(`${where}.endpoint: ${load.endpoint} is not among its endpoints`);
  return problems;
}

/** The image folders: every folder under images/ with an image.ts, by name. */
export function imageFolders(imagesDir: string): string[] {
  return readdirSync(imagesDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(imagesDir, e.name, "image.ts")))
    .map((e) => e.name)
    .sort();
}

/** The default export of a module in an image's folder: its declaration, or a module it names (a load, a probe, known work). */
export async function importFromFolder(imagesDir: string, name: string, file: string): Promise<unknown> {
  const url = pathToFileURL(path.join(imagesDir, name, file)).href;
  const module = (await import(url)) as { default?: unknown };
  return module.default;
}

/** Bad declarations, one line each: said without a stack trace, which would only point into this file. */
export class DeclarationError extends Error {
  constructor(problems: readonly string[]) {
    super(problems.join("\n"));
    this.name = "DeclarationError";
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** Every image declared under imagesDir, checked; throws one line per problem, each naming its file and field. */
export async function readImages(imagesDir: string, flavorNames: readonly FlavorName[]): Promise<Image[]> {
  const names = imageFolders(imagesDir);
  const declared = new Map<string, ImageDeclaration>();
  const problems: string[] = [];
  for (const name of names) {
    const value = await importFromFolder(imagesDir, name, "image.ts");
    const own = !imageNamePattern.test(name)
      ? ["folder name: use lower-case letters, digits and single . _ - between them"]
      : !isObject(value)
        ? ["default export: export default defineImage({ ... })"]
        : fieldProblems(value, flavorNames);
    problems.push(...own.map((p) => `${declarationFile(name)}: ${p}`));
    if (own.length === 0) declared.set(name, value as ImageDeclaration);
  }
  for (const [name, d] of declared) {
    problems.push(...relationProblems(name, d, declared, imagesDir).map((p) => `${declarationFile(name)}: ${p}`));
  }
  if (problems.length > 0) throw new DeclarationError(problems);
  return [...declared].map(([name, d]) => ({ ...d, name, ports: d.ports ?? [] }));
}
