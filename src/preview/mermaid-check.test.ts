// Every mermaid block the report renders must parse with mermaid itself: on
// GitHub a block it rejects shows an error box where the chart should be.
import { describe, expect, it } from "vitest";
import { compareReports } from "../evaluate/changes.js";
import { currentReport, previousReport } from "../report/fixtures/index.js";
import { readReport } from "../store/read-report.js";
import { renderMarkdown as renderJudged } from "../render/render-markdown.js";
import { judged as judgedForRender } from "../report/fixtures/index.js";
import type { BenchReport } from "../report/schema.js";
import { trendOf } from "../evaluate/trend.js";
import { mermaidBlocks } from "./mermaid-blocks.js";
import { mermaidErrors } from "./mermaid-check.js";

/** Renders a report as the store hands it over: judged first. */
const renderMarkdown = (report: Parameters<typeof renderJudged>[0]): string => renderJudged(judgedForRender(report));

/** The current fixture as a run with history writes it: with its comparison and trend charts. */
function withHistory(): BenchReport {
  const current = currentReport();
  const previous = previousReport();
  const trend = trendOf(current, [previous]);
  return { ...current, comparison: compareReports(current, [previous]), ...(trend ? { trend } : {}) };
}

const latestJson = new URL("../../reports/latest.json", import.meta.url).pathname;

describe("mermaid blocks of the report", () => {
  const cases: [string, () => Promise<BenchReport> | BenchReport][] = [
    ["the current fixture", currentReport],
    ["the previous fixture", previousReport],
    ["the current fixture with a comparison and a trend", withHistory],
    ["reports/latest.json", () => readReport(latestJson)],
  ];

  it.each(cases)("all parse with mermaid: %s", async (_name, report) => {
    const markdown = renderMarkdown(await report());
    // Found at all: a page with no block would pass vacuously.
    expect(mermaidBlocks(markdown).length).toBeGreaterThan(0);
    expect(await mermaidErrors(markdown)).toEqual([]);
  });

  it("include the trend charts when there is history", () => {
    const blocks = mermaidBlocks(renderMarkdown(withHistory()));
    expect(blocks.filter((b) => /^\s+line \[/m.test(b)).length).toBeGreaterThan(0);
  });
});

describe("mermaidErrors", () => {
  const good = ["xychart-beta", '    x-axis ["a", "b"]', '    y-axis "MB" 0 --> 10', "    bar [1, 2]"].join("\n");

  it("names a broken block, its first line and mermaid's message", async () => {
    const broken = good.replace('["a", "b"]', '["a", "b"'); // an unclosed x-axis list
    const errors = await mermaidErrors(`# Page\n\n\`\`\`mermaid\n${good}\n\`\`\`\n\n\`\`\`mermaid\n${broken}\n\`\`\`\n`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ block: 2, firstLine: "xychart-beta" });
    expect(errors[0]!.message).toMatch(/Parse error on line 2/);
  });

  it("catches a title whose quotes were not escaped", async () => {
    const errors = await mermaidErrors(
      `\`\`\`mermaid\n${good.replace("xychart-beta", 'xychart-beta\n    title "the "tiny" images"')}\n\`\`\`\n`,
    );
    expect(errors).toHaveLength(1);
  });

  it("finds blocks inside a list or a quote, and ignores other languages", () => {
    const markdown = `- item\n\n  \`\`\`mermaid\n  pie\n  \`\`\`\n\n> \`\`\`mermaid\n> pie\n> \`\`\`\n\n\`\`\`text\nnot mermaid\n\`\`\`\n`;
    expect(mermaidBlocks(markdown)).toEqual(["pie", "pie"]);
  });
});
