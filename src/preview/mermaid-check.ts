// Checks mermaid blocks with mermaid's own parser, the one GitHub runs in
// the reader's browser: a block it rejects shows the reader an error box
// instead of a chart, and nothing else in the pipeline would notice.
import { JSDOM } from "jsdom";
import type { Mermaid } from "mermaid";
import { mermaidBlocks } from "./mermaid-blocks.js";

/** A block mermaid rejected: its place on the page (1-based), its first line and mermaid's message. */
export interface MermaidError {
  readonly block: number;
  readonly firstLine: string;
  readonly message: string;
}

let loaded: Promise<Mermaid> | undefined;

/**
 * Mermaid sanitizes titles and labels with DOMPurify, which needs a window
 * when it is first loaded; Node has none, so jsdom lends one before the
 * import. Loaded once: mermaid takes about a second to load.
 */
function loadMermaid(): Promise<Mermaid> {
  loaded ??= (async () => {
    const g = globalThis as { window?: unknown };
    g.window ??= new JSDOM("").window;
    return (await import("mermaid")).default;
  })();
  return loaded;
}

function firstMessageLines(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n").slice(0, 4).join(" ").replace(/\s+/g, " ").trim();
}

/** Every mermaid block of the markdown that mermaid can't parse; empty when all parse. */
export async function mermaidErrors(markdown: string): Promise<MermaidError[]> {
  const mermaid = await loadMermaid();
  const errors: MermaidError[] = [];
  for (const [index, text] of mermaidBlocks(markdown).entries()) {
    try {
      await mermaid.parse(text);
    } catch (error) {
      errors.push({ block: index + 1, firstLine: text.split("\n")[0] ?? "", message: firstMessageLines(error) });
    }
  }
  return errors;
}
