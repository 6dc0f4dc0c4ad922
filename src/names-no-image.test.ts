// The harness in src/ names no image: everything about one lives in its
// folder, images/<image>/, and src/ reads it from the declarations (so adding
// an image edits no src/ file). This holds it: a non-test file of src/ that
// has an image's folder name as a string literal ("nginx-php", quoted), or
// one of an image's details (its port, its paths, its variables), fails,
// naming file:line. Names in comments are words, not knowledge, and pass.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { imageFolders } from "./read-images.js";

const src = path.dirname(new URL(import.meta.url).pathname);
const repoRoot = path.dirname(src);

/** Details of the seed's images that showed up in src/ before they moved to their folders: mariadb's port and variables, nginx-php's web root and PHP-FPM. */
const details = ["3306", "/var/www/html", "MARIADB_", "php-fpm"] as const;

/**
 * Files still allowed to name an image, relative to the repository, each
 * with why. None is: a listed file that no longer names one fails too, so
 * the list only shrinks, and it is empty.
 */
const allowed: Readonly<Record<string, string>> = {};

/** Non-test .ts files under a folder; fixtures (recorded test inputs, read only by tests) left out, as layers.test.ts does. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "fixtures" ? [] : sourceFiles(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

/** The 1-based lines of the source with a string literal that is exactly one of the names. */
function namedOnLines(source: string, names: readonly string[]): number[] {
  const file = ts.createSourceFile("source.ts", source, ts.ScriptTarget.Latest, true);
  const lines: number[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && names.includes(node.text)) {
      lines.push(file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return lines;
}

/** "line: text" for every line that names an image (a string literal) or has one of the details anywhere. */
function imageKnowledge(source: string, names: readonly string[]): string[] {
  const lines = source.split("\n");
  const found = new Set(namedOnLines(source, names));
  lines.forEach((line, i) => {
    if (details.some((d) => line.includes(d))) found.add(i + 1);
  });
  return [...found].sort((a, b) => a - b).map((n) => `${n}: ${lines[n - 1]!.trim()}`);
}

describe("src/ names no image", () => {
  const names = imageFolders(path.join(repoRoot, "images"));
  const found = sourceFiles(src).map((file) => {
    const relative = path.relative(repoRoot, file);
    return { file: relative, lines: imageKnowledge(readFileSync(file, "utf8"), names) };
  });

  it("reads the image names from images/", () => {
    expect(names).toEqual(expect.arrayContaining(["ab", "base", "mariadb", "nginx-php"]));
  });

  it("has no non-test file naming an image or its details, outside the allowed list", () => {
    const named = found.filter((f) => f.lines.length > 0 && !(f.file in allowed)).flatMap((f) => f.lines.map((l) => `${f.file}:${l}`));
    expect(named).toEqual([]);
  });

  it("allows only files that still name one, each with why", () => {
    const clean = Object.keys(allowed).filter((file) => !found.some((f) => f.file === file && f.lines.length > 0));
    expect(clean, "no longer names an image: take it off the list").toEqual([]);
    for (const [file, why] of Object.entries(allowed)) expect(why.length, file).toBeGreaterThan(20);
  });

  it("recognises a name as a string literal only, and a detail anywhere", () => {
    const source = [
      'const a = "nginx-php";',
      '// nginx-php and "mariadb" in a comment are words',
      'const b = "mariadb-client", c = `base`;',
      "const port = 3306;",
      'type Kind = { kind: "ab" };',
      "const label = `${a} [${b}]`;",
    ].join("\n");
    expect(imageKnowledge(source, ["nginx-php", "mariadb", "base", "ab"])).toEqual([
      '1: const a = "nginx-php";',
      '3: const b = "mariadb-client", c = `base`;',
      "4: const port = 3306;",
      '5: type Kind = { kind: "ab" };',
    ]);
  });
});
