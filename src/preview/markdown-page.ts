// A report's markdown as an HTML page that looks like GitHub's rendering of
// it: GitHub-flavored markdown (tables, alerts), GitHub's own markdown
// stylesheet, and mermaid blocks left for mermaid to draw in the browser.
import { Marked, type Tokens } from "marked";
import markedAlert from "marked-alert";

export type Theme = "light" | "dark";

export interface PageOptions {
  readonly theme: Theme;
  /** github-markdown-css for the theme, inlined so the page needs no server. */
  readonly stylesheet: string;
  /** Where the page loads mermaid from, relative to it: a local copy, as the preview works offline. */
  readonly mermaidScript: string;
  readonly title: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** GFM as GitHub renders it; a mermaid fence becomes the element mermaid.run() looks for. */
function markdownRenderer(): Marked {
  return new Marked({ gfm: true }, markedAlert(), {
    renderer: {
      code(token: Tokens.Code): string | false {
        if (token.lang?.trim() !== "mermaid") return false;
        return `<pre class="mermaid">${escapeHtml(token.text)}</pre>\n`;
      },
    },
  });
}

/** The page body: the markdown as HTML. */
export function markdownHtml(markdown: string): string {
  return markdownRenderer().parse(markdown, { async: false });
}

/**
 * The layout of GitHub's file view around a rendered README: the markdown
 * box fills the window (the screenshot's width is the box's) with its 32 px
 * padding; mermaid charts centred on the page background, as GitHub shows them.
 */
const layout = `
body { margin: 0; }
.markdown-body { box-sizing: border-box; min-width: 200px; min-height: 100vh; padding: 32px; }
.markdown-body pre.mermaid { background: transparent; text-align: center; padding: 0; }
`;

/**
 * The script marks the page when mermaid is done (data-mermaid="done", or
 * the error) so whoever screenshots it knows when the charts are drawn.
 */
function mermaidBoot(theme: Theme): string {
  return `
mermaid.initialize({ startOnLoad: false, theme: ${JSON.stringify(theme === "dark" ? "dark" : "default")} });
mermaid.run({ querySelector: "pre.mermaid" }).then(
  () => { document.documentElement.dataset.mermaid = "done"; },
  (error) => { document.documentElement.dataset.mermaid = "error: " + (error && error.message ? error.message : String(error)); },
);`;
}

/** A whole page: stylesheet inlined, markdown rendered, mermaid loaded from a local copy. */
export function renderPage(markdown: string, options: PageOptions): string {
  return [
    "<!doctype html>",
    `<html lang="en" data-color-mode="${options.theme}">`,
    "<head>",
    '<meta charset="utf-8">',
    `<title>${escapeHtml(options.title)}</title>`,
    `<style>\n${options.stylesheet}\n</style>`,
    `<style>${layout}</style>`,
    "</head>",
    "<body>",
    `<article class="markdown-body">\n${markdownHtml(markdown)}</article>`,
    `<script src="${escapeHtml(options.mermaidScript)}"></script>`,
    `<script>${mermaidBoot(options.theme)}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
