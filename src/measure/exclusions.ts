// What a scratch image built from whole Debian packages left out of them,
// read from the manifests its build writes (images/shared/rootfs/
// copy-packages.sh), one per image layer: the base's, then the service's.

/** One rule of an image's exclusion list (images/<image>/exclusions.txt) and what it saved. */
export interface Exclusion {
  /** A path pattern, or a whole package with what only it depends on. */
  readonly kind: "path" | "package";
  /** The path pattern or the package name. */
  readonly pattern: string;
  /** Files and symlinks it left out. */
  readonly files: number;
  /** Bytes of the regular files it left out. */
  readonly bytes: number;
  /** The image whose list has the rule ("base" for a rule a service image inherits). */
  readonly rule: string;
  readonly reason: string;
  /** For a package: the packages only it depended on, left out with it. */
  readonly alsoPackages?: readonly string[];
}

/** Where the build writes them, one `<image>.tsv` per layer, without the leading slash. */
export const manifestDir = "usr/share/tiny-docker-images/exclusions";

const kinds = new Set(["path", "package", "keep"]);

/**
 * The rules of one manifest, as written: kind, pattern, files, bytes, whose
 * rule, reason, packages reached only through it. Throws, naming the line,
 * on a line it can't read: a wrong figure must not reach the report.
 */
export function parseManifest(text: string, file: string): Exclusion[] {
  const rules: Exclusion[] = [];
  text.split("\n").forEach((raw, index) => {
    if (raw.trim() === "" || raw.startsWith("#")) return;
    const [kind, pattern, files, bytes, rule, reason, also] = raw.split("\t");
    const numbers = [Number(files), Number(bytes)];
    if (!kind || !kinds.has(kind) || !pattern || numbers.some((n) => !Number.isSafeInteger(n) || n < 0) || !rule || !reason) {
      throw new Error(`${file}:${index + 1}: not a manifest line (kind, pattern, files, bytes, rule, reason): ${JSON.stringify(raw)}`);
    }
    if (kind === "keep") return;
    const alsoPackages = (also ?? "")
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean);
    rules.push({
      kind: kind as Exclusion["kind"],
      pattern,
      files: numbers[0]!,
      bytes: numbers[1]!,
      rule,
      reason,
      ...(alsoPackages.length > 0 ? { alsoPackages } : {}),
    });
  });
  return rules;
}

/**
 * Every layer's exclusions that left something out, largest first (then by
 * pattern, so the order is stable). A base rule that a service layer
 * applied again (glibc's iconv modules, left out of both) counts once, at
 * its larger figure: the layers left out the same package files.
 */
export function leftOut(manifests: ReadonlyMap<string, string>): Exclusion[] {
  const largest = new Map<string, Exclusion>();
  for (const [file, text] of manifests) {
    for (const rule of parseManifest(text, file)) {
      const key = `${rule.kind}\0${rule.pattern}`;
      const known = largest.get(key);
      if (rule.files > 0 && (!known || rule.bytes > known.bytes)) largest.set(key, rule);
    }
  }
  return [...largest.values()].sort((a, b) => b.bytes - a.bytes || a.pattern.localeCompare(b.pattern));
}
