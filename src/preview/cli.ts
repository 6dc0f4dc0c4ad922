// `npm run report:preview -- <report.md> [--out <dir>]`: the report's page
// as GitHub shows it, light and dark, at two widths, as PNGs to look at
// before pushing a layout change. Offline: mermaid and GitHub's stylesheet
// come from node_modules.
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { renderPage, type Theme } from "./markdown-page.js";
import { mermaidErrors } from "./mermaid-check.js";
import { findChromium, launch, screenshot, type Shot } from "./screenshot.js";

const usage = "usage: npm run report:preview -- <report.md> [--out <dir>] [--parts]   (default out: .cache/preview)";

/** The width GitHub's file view gives a README's box on a laptop (1012 px), where the page is held to four screens. */
const widths = [1012] as const;
/** Four screens of 900 px: the most the page may take with every <details> closed. */
export const maxClosedHeight = 4 * 900;
const themes: readonly Theme[] = ["light", "dark"];

interface Args {
  readonly file: string;
  readonly out: string;
  /** Also save each screenshot cut into screen-high parts, to read in an image viewer. */
  readonly parts: boolean;
}

function parseArgs(argv: readonly string[]): Args | string {
  const rest = argv.filter((a) => a !== "--parts");
  let out = ".cache/preview";
  const outAt = rest.indexOf("--out");
  if (outAt >= 0) {
    if (!rest[outAt + 1]) return "--out needs a folder";
    out = rest.splice(outAt, 2)[1]!;
  }
  if (rest.length !== 1 || rest[0]!.startsWith("-")) return "give one markdown file";
  // npm runs scripts in the package's folder; a relative path means where the user typed it.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  return { file: path.resolve(cwd, rest[0]!), out: path.resolve(cwd, out), parts: argv.includes("--parts") };
}

const resolve = createRequire(import.meta.url).resolve;

/** The two pages, each with its theme's stylesheet, beside a copy of mermaid so they open offline. */
async function writePages(markdown: string, args: Args): Promise<Map<Theme, string>> {
  await mkdir(args.out, { recursive: true });
  await copyFile(resolve("mermaid/dist/mermaid.min.js"), path.join(args.out, "mermaid.min.js"));
  const pages = new Map<Theme, string>();
  for (const theme of themes) {
    const stylesheet = await readFile(resolve(`github-markdown-css/github-markdown-${theme}.css`), "utf8");
    const html = path.join(args.out, `preview-${theme}.html`);
    await writeFile(html, renderPage(markdown, { theme, stylesheet, mermaidScript: "mermaid.min.js", title: path.basename(args.file) }));
    pages.set(theme, html);
  }
  return pages;
}

/** One line per screenshot, then what the layout did at that width. */
function describe(shot: Shot, theme: Theme): string[] {
  const parts = shot.parts.length > 0 ? ` (+ ${shot.parts.length} parts)` : "";
  const screens = (shot.closedHeight / 900).toFixed(1);
  const lines = [
    `${shot.png}${parts}${shot.mermaid === "done" ? "" : `  (mermaid: ${shot.mermaid})`}`,
    `  ${theme}: ${shot.closedHeight} px tall with every <details> closed, ${screens} screens of 900 px (at most ${maxClosedHeight} px)`,
  ];
  if (theme !== "light") return lines;
  for (const t of shot.tables) {
    const overflow = t.needsPx > t.hasPx ? `scrolls sideways (needs ${t.needsPx} px, has ${t.hasPx})` : "";
    const wrapped = t.wrappedCells > 0 ? `${t.wrappedCells} of ${t.cells} cells wrap` : "";
    if (overflow || wrapped) lines.push(`  table under "${t.under}": ${[overflow, wrapped].filter(Boolean).join("; ")}`);
  }
  return lines;
}

async function shoot(pages: Map<Theme, string>, args: Args, chromium: string): Promise<{ lines: string[]; tallest: number }> {
  const browser = await launch(chromium);
  try {
    const lines: string[] = [];
    let tallest = 0;
    for (const width of widths) {
      for (const [theme, html] of pages) {
        const png = path.join(args.out, `${path.basename(args.file, ".md")}-${width}-${theme}.png`);
        const shot = await screenshot(browser, html, width, png, args.parts);
        lines.push(...describe(shot, theme));
        tallest = Math.max(tallest, shot.closedHeight);
      }
    }
    return { lines, tallest };
  } finally {
    await browser.close();
  }
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === "-h" || argv[0] === "--help") {
    process.stdout.write(
      `${usage}\nRenders the markdown as GitHub shows it and screenshots it at ${widths.join(" and ")} px, light and dark;\nexits 1 when a mermaid block doesn't parse or the page is taller than ${maxClosedHeight} px with every <details> closed.\n`,
    );
    return 0;
  }
  const args = parseArgs(argv);
  if (typeof args === "string") {
    process.stderr.write(`report:preview: ${args}; ${usage}\n`);
    return 2;
  }
  try {
    const markdown = await readFile(args.file, "utf8").catch((error: Error) => {
      throw new Error(`${args.file}: can't be read (${error.message})`);
    });
    const chromium = findChromium();
    const broken = await mermaidErrors(markdown);
    for (const e of broken) process.stderr.write(`report:preview: mermaid block ${e.block} doesn't parse: ${e.message}\n`);
    const { lines, tallest } = await shoot(await writePages(markdown, args), args, chromium);
    process.stdout.write(`${lines.join("\n")}\n`);
    if (tallest > maxClosedHeight) {
      process.stderr.write(
        `report:preview: the page is ${tallest} px tall with every <details> closed, more than four screens (${maxClosedHeight} px): fold or cut a section\n`,
      );
    }
    return broken.length > 0 || tallest > maxClosedHeight ? 1 : 0;
  } catch (error) {
    process.stderr.write(`report:preview: ${(error as Error).message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
