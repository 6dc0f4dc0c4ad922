// The README is a front door and docs/ holds the rest, so a page that moves
// or a heading that is renamed breaks links no one clicks until a newcomer
// does. Every relative link of README.md and docs/ must name a file that
// exists, and an #anchor into a markdown file one of its headings, slugged
// as GitHub slugs them. Links are read with marked's lexer, the parser the
// report preview uses, so a link inside code is not taken for one.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { marked, type Token, type Tokens } from "marked";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const pages = [
  "README.md",
  ...readdirSync(path.join(root, "docs"), { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".md"))
    .map((name) => path.join("docs", name)),
];

/** A token's text as GitHub renders it: inline markup gone, code spans' code kept. */
function plainText(token: Token): string {
  if ("tokens" in token && token.tokens) return token.tokens.map(plainText).join("");
  return "text" in token ? String(token.text) : "";
}

/**
 * GitHub's heading anchors (github-slugger): lower case, every character
 * but letters, marks, digits, `_`, `-` and spaces dropped, spaces to `-`,
 * and a repeated slug numbered `-1`, `-2`, ...
 */
export function headingSlugs(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const slugs = new Set<string>();
  // walkTokens hands back its callbacks' results, for async extensions; these return nothing.
  void marked.walkTokens(marked.lexer(markdown), (token) => {
    if (token.type !== "heading") return;
    const base = plainText(token)
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, "")
      .replace(/ /g, "-");
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    slugs.add(count === 0 ? base : `${base}-${count}`);
  });
  return slugs;
}

/** Every link and image target of a page, reference-style ones resolved. */
export function linkTargets(markdown: string): string[] {
  const targets: string[] = [];
  void marked.walkTokens(marked.lexer(markdown), (token) => {
    const link = token as Tokens.Link | Tokens.Image;
    if (link.type === "link" || link.type === "image") targets.push(link.href);
  });
  return targets;
}

/** What is wrong with each relative link of a page: a missing file, or an anchor no heading has. */
function brokenLinks(page: string): string[] {
  const text = readFileSync(path.join(root, page), "utf8");
  return linkTargets(text)
    .filter((href) => !/^[a-z][a-z\d+.-]*:/i.test(href))
    .flatMap((href) => {
      const [file = "", anchor] = href.split("#");
      const target = file === "" ? page : path.join(file.startsWith("/") ? "" : path.dirname(page), decodeURI(file));
      if (!existsSync(path.join(root, target))) return [`${page}: ${href}: no file ${target}`];
      if (anchor === undefined || !target.endsWith(".md")) return [];
      const slugs = headingSlugs(readFileSync(path.join(root, target), "utf8"));
      return slugs.has(decodeURIComponent(anchor)) ? [] : [`${page}: ${href}: no heading #${anchor} in ${target}`];
    });
}

describe("links of README.md and docs/", () => {
  it("are found: README.md links into docs/, and docs/ has pages", () => {
    // A lexer or glob that found nothing would pass the checks below vacuously.
    expect(pages.length).toBeGreaterThan(5);
    expect(
      linkTargets(readFileSync(path.join(root, "README.md"), "utf8")).filter((href) => href.startsWith("docs/")).length,
    ).toBeGreaterThan(5);
  });

  it("every relative link names a file that exists, and an anchor a heading of it", () => {
    expect(pages.flatMap(brokenLinks)).toEqual([]);
  });

  it("a link inside code is not a link, a reference-style one is", () => {
    const page = "see `[not](a.md)`\n\n```\n[not](b.md)\n```\n\n[yes][r] and [too](c.md#x)\n\n[r]: d.md\n";
    expect(linkTargets(page)).toEqual(["d.md", "c.md#x"]);
  });

  it("slugs headings as GitHub does: markup and punctuation dropped, repeats numbered", () => {
    const page =
      "# The report's schema: `latest.json`\n\n## Adding a figure\n\n## Images\n\n### Images\n\n## CPU per answer, tiny ÷ original\n";
    expect([...headingSlugs(page)]).toEqual([
      "the-reports-schema-latestjson",
      "adding-a-figure",
      "images",
      "images-1",
      "cpu-per-answer-tiny--original",
    ]);
  });
});
