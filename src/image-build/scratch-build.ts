// The scratch images' one build stage: images/shared/scratch-build.Dockerfile's
// parts, written into each images/<image>/scratch.Dockerfile where a
// "# scratch-build: <part> [key=value ...]" line asks for them. Generated and
// committed, the way the Docker official images write their Dockerfiles from
// one template (https://github.com/docker-library/php/blob/master/apply-templates.sh):
// each Dockerfile still reads, and builds, on its own.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { imagesDir } from "../catalog.js";

export const templateFile = path.join(imagesDir, "shared", "scratch-build.Dockerfile");
export const regenerateCommand = "npm run dockerfiles";

const directive = /^# scratch-build: (\S+)(.*)$/;
const endLine = `# scratch-build: end (from ../shared/scratch-build.Dockerfile, by ${regenerateCommand})`;
/** The parts every scratch image uses, in this order. */
const partNames = ["install", "packages"] as const;
const keys = ["on", "rules-of", "also", "build-only", "before", "then"] as const;
type Key = (typeof keys)[number];
export type Options = Partial<Record<Key, string>>;

export class ScratchBuildError extends Error {
  override name = "ScratchBuildError";
}

/** The template's parts by name: the lines under each "# part: <name>", trailing blank lines dropped. */
export function parseTemplate(text: string): Map<string, string[]> {
  const parts = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of text.split("\n")) {
    const part = /^# part: (\S+)$/.exec(line)?.[1];
    if (part) parts.set(part, (current = []));
    else current?.push(line);
  }
  for (const lines of parts.values()) while (lines.at(-1) === "") lines.pop();
  return parts;
}

function parseOptions(text: string, where: string): Options {
  const options: Options = {};
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const [key, value] = word.split("=", 2) as [string, string | undefined];
    if (!(keys as readonly string[]).includes(key)) throw new ScratchBuildError(`${where}: unknown key ${key} (${keys.join(", ")})`);
    if (!value || !/^[A-Za-z0-9._+/,-]+$/.test(value)) throw new ScratchBuildError(`${where}: ${key} needs a value (key=value)`);
    options[key as Key] = value;
  }
  return options;
}

const words = (list: string | undefined): string[] => list?.split(",").filter(Boolean) ?? [];

/** What each {{name}} of the template stands for, for one image. */
export function templateValues(image: string, options: Options, hasPostinst: boolean): Record<string, string[] | string> {
  if (options.on && options["rules-of"]) throw new ScratchBuildError(`${image}: on and rules-of exclude each other`);
  const parent = options.on ?? options["rules-of"];
  const lib = "/usr/local/lib/tiny-docker-images";
  const before = options.before ? [`COPY ${options.before} ${lib}/`, `RUN sh ${lib}/${path.posix.basename(options.before)}`] : [];
  const exclusions = "/usr/share/tiny-docker-images/exclusions/";
  const parentCopy = options.on
    ? [`# What ${parent} has is not copied again, and its exclusion rules apply here.`, `COPY --from=base / /parent/`]
    : parent
      ? [`# ${parent}'s exclusion rules, not its files: nothing lies underneath.`, `COPY --from=base ${exclusions} /parent${exclusions}`]
      : [];
  const also = words(options.also);
  return {
    image,
    "parent-arg": parent ? [`ARG BASE_IMAGE=tiny/${parent}:scratch`] : [],
    "parent-stage": parent ? ["FROM ${BASE_IMAGE} AS base"] : [],
    before,
    lists: ["packages.txt", "packages.lock", "exclusions.txt", ...(hasPostinst ? ["postinst.txt"] : [])]
      .map((f) => `${image}/${f}`)
      .join(" "),
    "install-also": [...also, ...words(options["build-only"])].map((p) => ` ${p}`).join(""),
    "parent-copy": parentCopy,
    "copy-env": options["rules-of"] ? "PARENT_PROVIDES=no " : "",
    "copy-args": [...(parent ? ["/parent"] : also.length > 0 ? ['""'] : []), ...also].map((a) => ` ${a}`).join(""),
    then: options.then ? [`RUN sh ${lib}/${options.then} /rootfs`] : [],
    "check-parent": options.on ? " /parent" : "",
  };
}

/** One part's lines with its {{names}} filled in: a name alone on its line stands for its lines. */
export function expandPart(lines: readonly string[], values: Record<string, string[] | string>): string[] {
  const value = (name: string): string[] | string => {
    const found = values[name];
    if (found === undefined) throw new ScratchBuildError(`${path.relative(imagesDir, templateFile)}: unknown {{${name}}}`);
    return found;
  };
  return lines.flatMap((line) => {
    const alone = /^\{\{([a-z-]+)\}\}$/.exec(line)?.[1];
    if (alone) return [value(alone)].flat();
    return [line.replace(/\{\{([a-z-]+)\}\}/g, (_, name: string) => [value(name)].flat().join(" "))];
  });
}

interface Request {
  readonly part: string;
  readonly line: number;
  readonly options: Options;
}

/** The file's "# scratch-build:" requests and the lines between them, each request's old lines dropped. */
function splitFile(text: string, where: string): { kept: (string | Request)[]; requests: Request[] } {
  const lines = text.split("\n");
  const kept: (string | Request)[] = [];
  const requests: Request[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = directive.exec(lines[i]!);
    if (!match) {
      kept.push(lines[i]!);
      continue;
    }
    const at = `${where}:${i + 1}`;
    if (match[1] === "end") throw new ScratchBuildError(`${at}: "# scratch-build: end" with no part before it`);
    const end = lines.findIndex((line, j) => j > i && directive.test(line));
    if (end < 0 || directive.exec(lines[end]!)![1] !== "end") {
      throw new ScratchBuildError(`${at}: no "# scratch-build: end" line after it (add one, then run ${regenerateCommand})`);
    }
    const request = { part: match[1]!, line: i + 1, options: parseOptions(match[2]!, at) };
    requests.push(request);
    kept.push(request);
    i = end;
  }
  return { kept, requests };
}

/** The options of all the file's requests together: each key given once, on whichever line reads best. */
function mergedOptions(requests: readonly Request[], where: string): Options {
  const merged: Options = {};
  for (const { options, line } of requests) {
    for (const [key, value] of Object.entries(options) as [Key, string][]) {
      if (merged[key] !== undefined) throw new ScratchBuildError(`${where}:${line}: ${key} is given twice`);
      merged[key] = value;
    }
  }
  return merged;
}

/**
 * An image's scratch.Dockerfile as it should be: every part it asks for
 * written from the template. Throws when the requests are not the template's
 * parts, once each and in order.
 */
export function renderScratchDockerfile(text: string, image: string, template: string, hasPostinst: boolean): string {
  const where = `images/${image}/scratch.Dockerfile`;
  const parts = parseTemplate(template);
  const { kept, requests } = splitFile(text, where);
  const asked = requests.map((r) => r.part).join(", ");
  if (asked !== partNames.join(", ")) {
    throw new ScratchBuildError(
      `${where}: asks for the parts ${asked || "none"}; a scratch image uses ${partNames.join(", ")}, in that order`,
    );
  }
  const values = templateValues(image, mergedOptions(requests, where), hasPostinst);
  return kept
    .flatMap((item) =>
      typeof item === "string"
        ? [item]
        : [`# scratch-build: ${item.part}${optionText(item.options)}`, ...expandPart(parts.get(item.part)!, values), endLine],
    )
    .join("\n");
}

const optionText = (options: Options): string =>
  Object.entries(options)
    .map(([key, value]) => ` ${key}=${value}`)
    .join("");

/** Every image folder with a scratch.Dockerfile, by name. */
export function scratchImages(): string[] {
  return readdirSync(imagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(imagesDir, entry.name, "scratch.Dockerfile")))
    .map((entry) => entry.name)
    .sort();
}

/** One image's scratch.Dockerfile: its path, what it holds, and what the template makes of it. */
export function scratchDockerfile(image: string): { file: string; current: string; rendered: string } {
  const file = path.join(imagesDir, image, "scratch.Dockerfile");
  const current = readFileSync(file, "utf8");
  const hasPostinst = existsSync(path.join(imagesDir, image, "postinst.txt"));
  return { file, current, rendered: renderScratchDockerfile(current, image, readFileSync(templateFile, "utf8"), hasPostinst) };
}
