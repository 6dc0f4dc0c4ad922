// Every name the alpine and centos Dockerfiles take from their upstreams
// (apk and yum package names, repository URLs, files the packages install),
// with where each was checked, is data beside the image it belongs to:
// images/<image>/upstream-names.json. They can't be built here (no
// registry), so a misspelt or withdrawn name would first fail at night:
// upstream-names.test.ts keeps these lists and the Dockerfiles in step, so a
// renamed package is a diff in review. Also the versions the alpine-centos
// pair runs, for the report. This reads the files and checks their fields,
// each problem one line naming the file and the field.
//
// Checked against stored copies of the recipes and indexes (aports'
// APKBUILDs, a copy of remi's php.spec, MariaDB's own documentation and build
// layout), not against the live mirrors. `strength` says how direct the
// evidence was; the "corroborated" ones are where to look first if the
// first night fails.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { FlavorName, ImageName } from "../catalog.js";
import { DeclarationError, isObject, isStringList } from "../read-images.js";

/** The file beside an image that lists its upstream names. */
export const upstreamNamesFile = "upstream-names.json";

const strengths = ["recipe", "docs", "corroborated"] as const;
const kinds = ["package", "path", "repository"] as const;
const pairFlavors = ["alpine", "centos"] as const satisfies readonly FlavorName[];

export interface Verification {
  /**
   * recipe: the build recipe that makes the package or installs the file
   * (APKBUILD, spec, CMake layout), read at the commit named.
   * docs: the repository owner's own documentation.
   * corroborated: only configurations and logs of others show it.
   */
  readonly strength: (typeof strengths)[number];
  /** A URL, or repository, path and commit. */
  readonly source: string;
  /** What the source shows, and what it doesn't. */
  readonly note?: string;
}

/** One name, as the file gives it. */
interface ListedName {
  readonly flavor: (typeof pairFlavors)[number];
  /** package: installed by name; path: a file or folder a package installs; repository: where packages come from. */
  readonly kind: (typeof kinds)[number];
  readonly name: string;
  /** Which repository has it: "Alpine 3.24 main", "EPEL 7", "remi-php83 (EL7)"... */
  readonly from: string;
  /** Files of the image's folder that rely on it (a Dockerfile, or a script or config it copies). */
  readonly usedBy: readonly string[];
  readonly verified: Verification;
}

/** One name, with the image whose folder lists it. */
export interface UpstreamName extends Omit<ListedName, "usedBy"> {
  readonly image: ImageName;
  /** Files relative to images/ that rely on it. */
  readonly usedBy: readonly string[];
}

interface Build {
  readonly version: string;
  readonly build: string;
  readonly source: string;
}

/** A component whose version differs between the pair, as the file gives it. */
interface ListedVersion {
  readonly component: string;
  /** Other images whose figures it affects (nginx-php's, through MariaDB), beside its own. */
  readonly alsoAffects?: readonly ImageName[];
  readonly alpine: Build;
  readonly centos: Build;
  /** Why the pair differs here, and what the difference means for the figures. */
  readonly note: string;
}

/** A component whose version differs between the pair, for the report to state beside the figures it affects. */
export interface PairVersion extends Omit<ListedVersion, "alsoAffects"> {
  /** The images whose figures it affects: the one whose folder lists it first. */
  readonly images: readonly ImageName[];
}

export interface UpstreamNames {
  readonly names: readonly UpstreamName[];
  readonly pairVersions: readonly PairVersion[];
}

const isText = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";
const isOneOf = <T extends string>(v: unknown, list: readonly T[]): v is T => list.includes(v as T);

/** The problems of one name, as "names[i].field: what is wrong". */
function nameProblems(entry: unknown, at: string): string[] {
  if (!isObject(entry)) return [`${at}: { flavor, kind, name, from, usedBy, verified }`];
  const v = entry.verified;
  const checks: [field: string, ok: boolean, what: string][] = [
    ["flavor", isOneOf(entry.flavor, pairFlavors), `one of ${pairFlavors.join(", ")}`],
    ["kind", isOneOf(entry.kind, kinds), `one of ${kinds.join(", ")}`],
    ["name", isText(entry.name), "the name as the Dockerfile spells it"],
    ["from", isText(entry.from), "the repository that has it"],
    ["usedBy", isStringList(entry.usedBy) && entry.usedBy.length > 0, "a non-empty list of files of the image's folder"],
    ["verified", isObject(v), "{ strength, source, note? }"],
    ["verified.strength", !isObject(v) || isOneOf(v.strength, strengths), `one of ${strengths.join(", ")}`],
    ["verified.source", !isObject(v) || isText(v.source), "where it was checked: a URL, or repository, path and commit"],
    ["verified.note", !isObject(v) || v.note === undefined || isText(v.note), "what the source shows, in words"],
  ];
  return checks.filter(([, ok]) => !ok).map(([field, , what]) => `${at}.${field}: ${what}`);
}

const isBuild = (v: unknown): boolean => isObject(v) && isText(v.version) && isText(v.build) && isText(v.source);

/** The problems of one pair version, as "pairVersions[i].field: what is wrong". */
function versionProblems(entry: unknown, at: string): string[] {
  if (!isObject(entry)) return [`${at}: { component, alsoAffects?, alpine, centos, note }`];
  const checks: [field: string, ok: boolean, what: string][] = [
    ["component", isText(entry.component), "the component's name"],
    ["alsoAffects", entry.alsoAffects === undefined || isStringList(entry.alsoAffects), "a list of image names"],
    ...pairFlavors.map((f): [string, boolean, string] => [f, isBuild(entry[f]), "{ version, build, source }"]),
    ["note", isText(entry.note), "why the pair differs here, in words"],
  ];
  return checks.filter(([, ok]) => !ok).map(([field, , what]) => `${at}.${field}: ${what}`);
}

/** The problems of a whole file, each "field: what is wrong". */
function fileProblems(data: unknown): string[] {
  if (!isObject(data) || !Array.isArray(data.names)) return ["names: a list of { flavor, kind, name, from, usedBy, verified }"];
  if (data.pairVersions !== undefined && !Array.isArray(data.pairVersions)) return ["pairVersions: a list"];
  const versions: unknown[] = Array.isArray(data.pairVersions) ? data.pairVersions : [];
  return [
    ...data.names.flatMap((entry, i) => nameProblems(entry, `names[${i}]`)),
    ...versions.flatMap((entry, i) => versionProblems(entry, `pairVersions[${i}]`)),
  ];
}

/** One image's file, parsed; undefined when the image has none. */
function readFileOf(imagesDir: string, image: ImageName): unknown {
  const file = path.join(imagesDir, image, upstreamNamesFile);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    return { unreadable: (error as Error).message };
  }
}

/** The names and versions of these images' folders, checked; throws one line per problem, naming the file and the field. */
export function readUpstreamNames(imagesDir: string, images: readonly ImageName[]): UpstreamNames {
  const names: UpstreamName[] = [];
  const pairVersions: PairVersion[] = [];
  const problems: string[] = [];
  for (const image of images) {
    const data = readFileOf(imagesDir, image);
    if (data === undefined) continue;
    const own = isObject(data) && "unreadable" in data ? [`not JSON: ${String(data.unreadable)}`] : fileProblems(data);
    problems.push(...own.map((p) => `images/${image}/${upstreamNamesFile}: ${p}`));
    if (own.length > 0) continue;
    const file = data as { names: ListedName[]; pairVersions?: ListedVersion[] };
    names.push(...file.names.map((n) => ({ ...n, image, usedBy: n.usedBy.map((u) => `${image}/${u}`) })));
    pairVersions.push(...(file.pairVersions ?? []).map(({ alsoAffects, ...v }) => ({ ...v, images: [image, ...(alsoAffects ?? [])] })));
  }
  if (problems.length > 0) throw new DeclarationError(problems);
  return { names, pairVersions };
}
