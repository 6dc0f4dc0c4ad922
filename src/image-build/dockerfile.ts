// A Dockerfile parser, as far as the checks in suites/dockerfiles.test.ts need
// one, following Docker's own rules: parser directives (`# escape=`),
// comments, line continuations (comment and empty lines inside one are
// dropped), instructions with their --flags, JSON-array (exec) forms, build
// stages, and ARG defaults substituted into FROM. Heredocs (`<<EOF`, a
// BuildKit feature the classic builder the harness uses doesn't have) are
// not understood: their lines would read as instructions and fail.

export const keywords = [
  "ADD",
  "ARG",
  "CMD",
  "COPY",
  "ENTRYPOINT",
  "ENV",
  "EXPOSE",
  "FROM",
  "HEALTHCHECK",
  "LABEL",
  "MAINTAINER",
  "ONBUILD",
  "RUN",
  "SHELL",
  "STOPSIGNAL",
  "USER",
  "VOLUME",
  "WORKDIR",
] as const;
export type Keyword = (typeof keywords)[number];

/** Docker reads --name=value options only on these; on the others `--x` is an argument. */
const takesFlags: ReadonlySet<Keyword> = new Set(["ADD", "COPY", "FROM", "HEALTHCHECK", "RUN"]);
/** Instructions whose arguments may be a JSON array (the exec form). */
const takesJson: ReadonlySet<Keyword> = new Set(["ADD", "CMD", "COPY", "ENTRYPOINT", "RUN", "SHELL", "VOLUME"]);

export interface Instruction {
  readonly keyword: Keyword;
  /** The line it starts on, from 1. */
  readonly line: number;
  /** Its --name=value options (a bare --name is "true"). */
  readonly flags: Readonly<Record<string, string>>;
  /** The arguments after the flags, continuation lines joined, as written. */
  readonly text: string;
  /** The words of the exec form, when the arguments are a JSON array of strings. */
  readonly json?: readonly string[];
}

export interface Stage {
  readonly index: number;
  /** Its `AS` name, lower-cased as Docker compares them. */
  readonly name?: string;
  readonly from: Instruction;
  /** The FROM image as written, e.g. `${BASE_IMAGE}`. */
  readonly image: string;
  /** The image with the global ARG defaults substituted. */
  readonly resolvedImage: string;
  /** Variables the FROM line uses that no global ARG gives a default. */
  readonly unresolved: readonly string[];
  /** The earlier stage it builds on, when the image names one. */
  readonly fromStage?: number;
  /** The instructions after its FROM. */
  readonly instructions: readonly Instruction[];
}

export interface Dockerfile {
  readonly directives: Readonly<Record<string, string>>;
  readonly instructions: readonly Instruction[];
  /** ARGs declared before the first FROM (the only ones FROM may use), with their defaults. */
  readonly globalArgs: ReadonlyMap<string, string | undefined>;
  readonly stages: readonly Stage[];
}

export class DockerfileSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = "DockerfileSyntaxError";
  }
}

interface LogicalLine {
  readonly line: number;
  readonly text: string;
}

const directiveNames: ReadonlySet<string> = new Set(["syntax", "escape", "check"]);

/**
 * `# name=value` lines at the very top. The first line that is not one (a
 * comment, an unknown or repeated directive, a blank line) ends them.
 */
function readDirectives(lines: readonly string[]): { directives: Record<string, string>; count: number } {
  const directives: Record<string, string> = {};
  let count = 0;
  for (const line of lines) {
    const match = /^#\s*([a-zA-Z]+)\s*=\s*(.*?)\s*$/.exec(line);
    const name = match?.[1]!.toLowerCase();
    if (!match || !name || !directiveNames.has(name) || name in directives) break;
    directives[name] = match[2]!;
    count++;
  }
  return { directives, count };
}

function logicalLines(lines: readonly string[], first: number, escape: string): LogicalLine[] {
  const continued = new RegExp(`${escape === "\\" ? "\\\\" : "`"}[ \\t]*$`);
  const result: LogicalLine[] = [];
  let current: LogicalLine | undefined;
  for (let i = first; i < lines.length; i++) {
    const raw = lines[i]!;
    const blank = raw.trim() === "";
    const comment = /^\s*#/.test(raw);
    if (blank || comment) continue; // also inside a continuation, where Docker drops them
    const ends = continued.test(raw);
    const body = ends ? raw.replace(continued, "") : raw;
    current = current ? { line: current.line, text: current.text + body } : { line: i + 1, text: body };
    if (!ends) {
      result.push(current);
      current = undefined;
    }
  }
  // A continuation at the end of the file ends the instruction, as in Docker.
  if (current) result.push(current);
  return result;
}

function isKeyword(word: string): word is Keyword {
  return (keywords as readonly string[]).includes(word);
}

function readFlags(text: string): { flags: Record<string, string>; rest: string } {
  const flags: Record<string, string> = {};
  let rest = text;
  for (;;) {
    const match = /^--([a-zA-Z][a-zA-Z0-9-]*)(?:=(\S*))?(?:\s+|$)/.exec(rest);
    if (!match) return { flags, rest };
    flags[match[1]!] = match[2] ?? "true";
    rest = rest.slice(match[0].length);
  }
}

/** The words of a JSON array of strings, or undefined for anything else (Docker then takes the shell form). */
export function jsonWords(text: string): string[] | undefined {
  if (!text.trimStart().startsWith("[")) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((word) => typeof word === "string") ? value : undefined;
  } catch {
    return undefined;
  }
}

function parseInstruction({ line, text }: LogicalLine): Instruction {
  const match = /^\s*(\S+)\s*(.*)$/.exec(text)!;
  const keyword = match[1]!.toUpperCase();
  if (!isKeyword(keyword)) throw new DockerfileSyntaxError(`unknown instruction ${match[1]}`, line);
  const { flags, rest } = takesFlags.has(keyword) ? readFlags(match[2]!) : { flags: {}, rest: match[2]! };
  const args = rest.trim();
  if (args === "") throw new DockerfileSyntaxError(`${keyword} needs arguments`, line);
  const json = takesJson.has(keyword) ? jsonWords(args) : undefined;
  return { keyword, line, flags, text: args, ...(json ? { json } : {}) };
}

/** Splits on white space outside quotes, taking the quotes off, as ARG and COPY read their words. */
function shellWords(text: string, line: number): string[] {
  const words: string[] = [];
  // undefined between words, so that "" (a quoted empty word) still counts
  let word: string | undefined;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === "\\" && quote === '"' && i + 1 < text.length) word = `${word ?? ""}${text[++i]}`;
      else word = `${word ?? ""}${c}`;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= "";
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      // outside quotes the escape character keeps the next one literal
      word = `${word ?? ""}${c === "\\" && i + 1 < text.length ? text[++i] : c}`;
    }
  }
  if (quote) throw new DockerfileSyntaxError(`unterminated ${quote} quote in: ${text}`, line);
  if (word !== undefined) words.push(word);
  return words;
}

/** The names and defaults one ARG instruction declares (`ARG A`, `ARG A=1 B="x y"`). */
export function argDeclarations(instruction: Instruction): Array<[name: string, value: string | undefined]> {
  return shellWords(instruction.text, instruction.line).map((word) => {
    const at = word.indexOf("=");
    const name = at < 0 ? word : word.slice(0, at);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw new DockerfileSyntaxError(`ARG ${word}: not a variable name`, instruction.line);
    }
    return [name, at < 0 ? undefined : word.slice(at + 1)];
  });
}

/**
 * Substitutes $NAME, ${NAME}, ${NAME:-default} and ${NAME:+alternative} the
 * way Docker does in FROM; the escape character keeps a `$` literal.
 */
export function substitute(
  text: string,
  values: ReadonlyMap<string, string | undefined>,
  escape = "\\",
): { value: string; unresolved: string[] } {
  const unresolved: string[] = [];
  const lookup = (name: string): string | undefined => {
    const value = values.get(name);
    if (value === undefined) unresolved.push(name);
    return value;
  };
  let value = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === escape && text[i + 1] === "$") {
      value += "$";
      i++;
      continue;
    }
    if (c !== "$") {
      value += c;
      continue;
    }
    const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^}]*))?\}/.exec(text.slice(i));
    const bare = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(i));
    if (braced) {
      const name = braced[1]!;
      const word = braced[3] ?? "";
      if (braced[2] === "-") value += values.get(name) || word;
      else if (braced[2] === "+") value += values.get(name) ? word : "";
      else value += lookup(name) ?? "";
      i += braced[0].length - 1;
    } else if (bare) {
      value += lookup(bare[1]!) ?? "";
      i += bare[0].length - 1;
    } else {
      value += c;
    }
  }
  return { value, unresolved };
}

function parseFrom(instruction: Instruction): { image: string; name?: string } {
  const words = instruction.text.split(/\s+/);
  if (words.length === 1) return { image: words[0]! };
  if (words.length === 3 && words[1]!.toUpperCase() === "AS") return { image: words[0]!, name: words[2]!.toLowerCase() };
  throw new DockerfileSyntaxError(`FROM ${instruction.text}: expected an image and an optional "AS name"`, instruction.line);
}

export function parseDockerfile(content: string): Dockerfile {
  const lines = content.split(/\r?\n/);
  const { directives, count } = readDirectives(lines);
  const escape = directives.escape ?? "\\";
  if (escape !== "\\" && escape !== "`") throw new DockerfileSyntaxError(`escape=${escape}: use \\ or \``, 1);

  const instructions = logicalLines(lines, count, escape).map(parseInstruction);
  const globalArgs = new Map<string, string | undefined>();
  const stages: Array<Omit<Stage, "instructions"> & { instructions: Instruction[] }> = [];
  for (const instruction of instructions) {
    if (instruction.keyword === "FROM") {
      const { image, name } = parseFrom(instruction);
      const { value, unresolved } = substitute(image, globalArgs, escape);
      const fromStage = stages.findIndex((s) => s.name !== undefined && s.name === value.toLowerCase());
      stages.push({
        index: stages.length,
        ...(name ? { name } : {}),
        from: instruction,
        image,
        resolvedImage: value,
        unresolved,
        ...(fromStage >= 0 ? { fromStage } : {}),
        instructions: [],
      });
    } else if (stages.length === 0) {
      if (instruction.keyword !== "ARG") {
        throw new DockerfileSyntaxError(`${instruction.keyword} before the first FROM (only ARG may come first)`, instruction.line);
      }
      for (const [name, value] of argDeclarations(instruction)) globalArgs.set(name, value);
    } else {
      stages.at(-1)!.instructions.push(instruction);
    }
  }
  if (stages.length === 0) throw new DockerfileSyntaxError("no FROM: a Dockerfile needs at least one stage", lines.length);
  return { directives, instructions, globalArgs, stages };
}

/**
 * Whether an image reference names one fixed image: by digest, or by a tag
 * other than `latest` (a tag can move, but a release tag such as
 * `alpine:3.24` stays within its release, which is what the project pins).
 */
export function isPinnedReference(reference: string): boolean {
  if (/@sha256:[0-9a-f]{64}$/.test(reference)) return true;
  const lastPart = reference.slice(reference.lastIndexOf("/") + 1);
  const colon = lastPart.indexOf(":");
  if (colon < 0) return false;
  const tag = lastPart.slice(colon + 1);
  return /^[\w][\w.-]{0,127}$/.test(tag) && tag !== "latest";
}

/** The user a stage's last USER names, or undefined when it has no USER. */
export function finalUser(stage: Stage): string | undefined {
  const users = stage.instructions.filter((i) => i.keyword === "USER");
  return users.at(-1)?.text;
}

/** root by name or by id, with or without a group. */
export function isRootUser(user: string): boolean {
  const name = user.split(":")[0]!.trim();
  return name === "root" || /^0+$/.test(name);
}

/** What a stage's last HEALTHCHECK runs (a shell string, or an exec form), "none" for HEALTHCHECK NONE, or undefined without one. */
export function healthcheckOf(stage: Stage): string | readonly string[] | undefined {
  const last = stage.instructions.filter((i) => i.keyword === "HEALTHCHECK").at(-1);
  if (!last) return undefined;
  const match = /^(\S+)\s*(.*)$/.exec(last.text)!;
  const kind = match[1]!.toUpperCase();
  if (kind === "NONE") return "none";
  if (kind !== "CMD" || match[2] === "") {
    throw new DockerfileSyntaxError(`HEALTHCHECK ${last.text}: expected NONE or CMD and a command`, last.line);
  }
  return jsonWords(match[2]!) ?? match[2]!;
}

/**
 * What a COPY or ADD takes from the build context: its sources, or nothing
 * when it copies from a stage or an image (--from).
 */
export function contextSources(instruction: Instruction): string[] {
  if (instruction.keyword !== "COPY" && instruction.keyword !== "ADD") return [];
  if (instruction.flags.from !== undefined) return [];
  const words = instruction.json ? [...instruction.json] : shellWords(instruction.text, instruction.line);
  if (words.length < 2) {
    throw new DockerfileSyntaxError(`${instruction.keyword} ${instruction.text}: needs a source and a destination`, instruction.line);
  }
  return words.slice(0, -1);
}
