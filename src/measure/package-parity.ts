// The file-parity check of a scratch image against its debian original:
// every file the debian image's packages installed, of the packages the
// image's packages.txt brings in, must be in the scratch image or left out
// by a rule of its exclusion lists (images/<image>/exclusions.txt, then
// base's). The build (images/shared/rootfs/copy-packages.sh) applies the
// same rules; this reads them and the debian image's dpkg database afresh,
// so a file the build dropped without a rule is caught.

export interface Rule {
  readonly kind: "path" | "package" | "keep";
  readonly pattern: string;
  readonly reason: string;
  /** The image whose exclusions.txt has it. */
  readonly list: string;
}

export interface DpkgPackage {
  readonly name: string;
  readonly provides: readonly string[];
  /** Pre-Depends and Depends: each group is "a | b | c". */
  readonly depends: readonly (readonly string[])[];
}

const ruleKinds = new Set(["path", "package", "keep"]);
const meaningful = (text: string): string[] =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));

/** An exclusions.txt: "kind pattern reason" a line. */
export function parseRules(text: string, list: string): Rule[] {
  return meaningful(text).map((line) => {
    const [kind, pattern, ...reason] = line.split(/\s+/);
    if (!kind || !ruleKinds.has(kind) || !pattern || reason.length === 0) {
      throw new Error(`${list}/exclusions.txt: not a rule (kind pattern reason): ${line}`);
    }
    return { kind: kind as Rule["kind"], pattern, reason: reason.join(" "), list };
  });
}

/** A packages.txt: a package name a line. */
export function parsePackageList(text: string): string[] {
  return meaningful(text).map((line) => line.split(/\s+/)[0]!);
}

/** "libfoo1:amd64 (>= 1.2)" -> "libfoo1" */
const bareName = (text: string): string =>
  text
    .replace(/\(.*\)/, "")
    .trim()
    .replace(/:.*$/, "");

/** The installed packages of a dpkg status file. */
export function parseDpkgStatus(text: string): Map<string, DpkgPackage> {
  const packages = new Map<string, DpkgPackage>();
  for (const paragraph of text.split(/\n\n+/)) {
    const field = (name: string): string => new RegExp(`^${name}: (.*)$`, "m").exec(paragraph)?.[1] ?? "";
    if (!/ installed$/.test(field("Status"))) continue;
    const list = (value: string): string[] =>
      value
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
    packages.set(field("Package"), {
      name: field("Package"),
      provides: list(field("Provides")).map(bareName),
      depends: [...list(field("Pre-Depends")), ...list(field("Depends"))].map((group) => group.split("|").map(bareName)),
    });
  }
  return packages;
}

/** The installed package that satisfies a group, by name or through Provides. */
function satisfier(db: ReadonlyMap<string, DpkgPackage>, group: readonly string[]): string | undefined {
  for (const name of group) {
    if (db.has(name)) return name;
    const provider = [...db.values()].find((p) => p.provides.includes(name));
    if (provider) return provider.name;
  }
  return undefined;
}

/** What the wanted packages depend on, themselves included, never entering a package in stopAt. */
export function dependencyClosure(
  db: ReadonlyMap<string, DpkgPackage>,
  wanted: readonly string[],
  stopAt: ReadonlySet<string>,
): Set<string> {
  const seen = new Set<string>();
  const queue = wanted.filter((name) => db.has(name) && !stopAt.has(name));
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    if (seen.has(name)) continue;
    seen.add(name);
    for (const group of db.get(name)!.depends) {
      const next = satisfier(db, group);
      if (next && !seen.has(next) && !stopAt.has(next)) queue.push(next);
    }
  }
  return seen;
}

/** A rule's pattern as the build matches it: a shell pattern, anchored, where * crosses "/". */
export function globToRegExp(pattern: string): RegExp {
  const body = [...pattern]
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c === "[" || c === "]" ? c : c.replace(/[\\^$.+(){}|/]/g, "\\$&")))
    .join("");
  return new RegExp(`^${body}$`);
}

/** A dpkg path as the scratch images lay it out, /usr merged: /lib/x is /usr/lib/x. */
export function canonicalPath(path: string): string {
  return path.replace(/^\/(bin|sbin|lib|lib32|lib64|libx32)(\/|$)/, "/usr/$1$2");
}

/** The first path or keep rule matching a path: a path rule explains its absence. */
export function ruleFor(path: string, rules: readonly Rule[]): Rule | undefined {
  return rules.find((r) => r.kind !== "package" && globToRegExp(r.pattern).test(path));
}

export interface ParityInput {
  /** The packages the image's packages.txt brings in (dependencyClosure). */
  readonly packages: ReadonlySet<string>;
  /** Each package's paths, as dpkg lists them (var/lib/dpkg/info/<package>.list). */
  readonly fileLists: ReadonlyMap<string, readonly string[]>;
  /** The debian image's filesystem, paths without the leading slash. */
  readonly original: ReadonlyMap<string, { readonly type: string; readonly linkname?: string | null }>;
  /** The scratch image's paths, without the leading slash. */
  readonly tiny: ReadonlySet<string>;
  readonly rules: readonly Rule[];
}

/** Where a symlink of the original points, as an absolute /usr-merged path. */
function linkTarget(path: string, linkname: string): string {
  const joined = linkname.startsWith("/") ? linkname : `${path.slice(0, path.lastIndexOf("/"))}/${linkname}`;
  const parts: string[] = [];
  for (const part of joined.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== "" && part !== ".") parts.push(part);
  }
  return canonicalPath(`/${parts.join("/")}`);
}

/**
 * The paths the original has from these packages that the tiny image lacks
 * with no rule to say why, sorted. A symlink to a path a rule left out
 * (mysqladmin to mariadb-admin) goes with it, as the build drops it.
 */
export function unexplainedPaths(input: ParityInput): string[] {
  const missing = (path: string): boolean => input.original.has(path.slice(1)) && !input.tiny.has(path.slice(1));
  const explained = (path: string, depth = 0): boolean => {
    if (ruleFor(path, input.rules)?.kind === "path") return true;
    const entry = input.original.get(path.slice(1));
    if (depth > 8 || entry?.type !== "symlink" || !entry.linkname) return false;
    const target = linkTarget(path, entry.linkname);
    return missing(target) && explained(target, depth + 1);
  };
  const found = new Set<string>();
  for (const name of input.packages) {
    for (const listed of input.fileLists.get(name) ?? []) {
      const path = canonicalPath(listed);
      if (path !== "/." && missing(path) && !explained(path)) found.add(path);
    }
  }
  return [...found].sort();
}
