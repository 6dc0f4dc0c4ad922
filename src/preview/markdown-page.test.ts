import { describe, expect, it } from "vitest";
import { escapeHtml, markdownHtml, renderPage } from "./markdown-page.js";

const page = (markdown: string, theme: "light" | "dark" = "light"): string =>
  renderPage(markdown, { theme, stylesheet: ".markdown-body { color: red; }", mermaidScript: "mermaid.min.js", title: "latest.md" });

describe("markdownHtml", () => {
  it("renders GFM tables", () => {
    const html = markdownHtml("| a | b |\n| --- | ---: |\n| 1 | 2 |\n");
    expect(html).toContain("<table>");
    expect(html).toMatch(/<td align="right">2<\/td>/);
  });

  it("renders alerts as GitHub does, with the classes its stylesheet styles", () => {
    const html = markdownHtml("> [!WARNING]\n> Machine or load changed.\n");
    expect(html).toContain('class="markdown-alert markdown-alert-warning"');
    expect(html).toMatch(/markdown-alert-title[^]*Warning/);
    expect(html).toContain("Machine or load changed.");
    expect(html).not.toContain("[!WARNING]");
  });

  it("turns a mermaid fence into the element mermaid draws, its text escaped, and leaves other code as code", () => {
    const html = markdownHtml('```mermaid\nxychart-beta\n    y-axis "MB" 0 --> 350\n```\n\n```sh\nnpm test\n```\n');
    expect(html).toContain('<pre class="mermaid">xychart-beta\n    y-axis &quot;MB&quot; 0 --&gt; 350</pre>');
    expect(html).toMatch(/<pre><code class="language-sh">npm test/);
  });
});

describe("renderPage", () => {
  it("inlines the stylesheet and wraps the markdown in GitHub's markdown-body", () => {
    const html = page("# Benchmark\n");
    expect(html).toContain("<style>\n.markdown-body { color: red; }\n</style>");
    expect(html).toMatch(/<article class="markdown-body">\s*<h1[^>]*>Benchmark<\/h1>/);
  });

  it("loads mermaid from the local copy, never a CDN, and marks the page when it is done", () => {
    const html = page("# x\n");
    expect(html).toContain('<script src="mermaid.min.js"></script>');
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain("dataset.mermaid");
  });

  it("draws the charts in mermaid's theme for the color mode", () => {
    expect(page("", "light")).toContain('theme: "default"');
    expect(page("", "dark")).toContain('theme: "dark"');
    expect(page("", "dark")).toContain('data-color-mode="dark"');
  });

  it("escapes the title", () => {
    expect(page("").match(/<title>(.*)<\/title>/)?.[1]).toBe("latest.md");
    expect(escapeHtml('<a href="x">&</a>')).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
  });
});
