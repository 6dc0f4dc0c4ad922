// Screenshots of a preview page in headless Chromium, after mermaid has
// drawn its charts, with what the layout did at that width: the tables
// that needed more room than the page has, the cells that wrapped.
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import puppeteer, { type Browser, type Page } from "puppeteer-core";

/** Where Debian and Ubuntu put it; CHROMIUM names another. */
const chromiumPaths = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** The Chromium to drive; throws one line saying how to get one. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, paths: readonly string[] = chromiumPaths): string {
  if (env.CHROMIUM) {
    if (!existsSync(env.CHROMIUM)) throw new Error(`CHROMIUM=${env.CHROMIUM}: no such file`);
    return env.CHROMIUM;
  }
  const found = paths.find((p) => existsSync(p));
  if (!found) throw new Error(`chromium not found (looked for ${paths.join(", ")}): install it: apt-get install chromium`);
  return found;
}

/** A table the page could not fit, or whose cells wrapped onto more lines. */
export interface TableLayout {
  /** The heading above the table, as the reader finds it. */
  readonly under: string;
  readonly needsPx: number;
  readonly hasPx: number;
  readonly wrappedCells: number;
  readonly cells: number;
}

export interface Shot {
  readonly png: string;
  readonly width: number;
  /** "done", or mermaid's error in the browser. */
  readonly mermaid: string;
  readonly tables: readonly TableLayout[];
  /** The page cut into screen-high PNGs, when asked: a 9,000 px tall one shrinks to illegible in an image viewer. */
  readonly parts: readonly string[];
  /** The page's height with every <details> closed, as a reader first sees it. */
  readonly closedHeight: number;
}

/** How tall each part is: about a laptop screen. */
export const partHeight = 1400;

async function saveParts(page: Page, width: number, png: string): Promise<string[]> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const parts: string[] = [];
  for (let y = 0; y < height; y += partHeight) {
    const part = png.replace(/\.png$/, `-part${String(parts.length + 1).padStart(2, "0")}.png`);
    await page.screenshot({ path: part, clip: { x: 0, y, width, height: Math.min(partHeight, height - y) }, captureBeyondViewport: true });
    parts.push(part);
  }
  return parts;
}

/**
 * Runs in the page: every table's room and wrapped cells (a cell taller
 * than 1.5 lines wrapped). No named inner functions: tsx wraps those in a
 * helper the page doesn't have.
 */
function measureTables(): TableLayout[] {
  const headings = [...document.querySelectorAll("h1, h2, h3, h4")];
  return [...document.querySelectorAll("table")].map((table) => {
    const cells = [...table.querySelectorAll("th, td")];
    const wrapped = cells.filter((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      return range.getBoundingClientRect().height > (parseFloat(getComputedStyle(cell).lineHeight) || 24) * 1.5;
    });
    const above = headings.filter((h) => h.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING).at(-1);
    return {
      under: above?.textContent?.trim() ?? "(top)",
      needsPx: table.scrollWidth,
      hasPx: table.clientWidth,
      wrappedCells: wrapped.length,
      cells: cells.length,
    };
  });
}

export async function launch(chromium: string): Promise<Browser> {
  // --no-sandbox: Chromium refuses to start its sandbox as root, the usual case in a container.
  return puppeteer.launch({ executablePath: chromium, headless: true, args: ["--no-sandbox", "--disable-gpu", "--hide-scrollbars"] });
}

/** Loads the page at the width, waits for mermaid, and saves a full-page PNG (and its parts, when asked). */
export async function screenshot(browser: Browser, html: string, width: number, png: string, withParts = false): Promise<Shot> {
  const page = await browser.newPage();
  try {
    await page.setViewport({ width, height: 900 });
    await page.goto(pathToFileURL(html).href, { waitUntil: "load" });
    await page.waitForFunction(() => document.documentElement.dataset.mermaid !== undefined, { timeout: 30_000 });
    const mermaid = await page.evaluate(() => document.documentElement.dataset.mermaid ?? "");
    const tables = await page.evaluate(measureTables);
    const closedHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.screenshot({ path: png, fullPage: true });
    return { png, width, mermaid, tables, closedHeight, parts: withParts ? await saveParts(page, width, png) : [] };
  } finally {
    await page.close();
  }
}
