// The mermaid blocks of a markdown page, found the way a markdown renderer
// finds them (a fence inside a list or a quote counts too), not by a regex
// that a differently indented fence would slip past.
import { marked, type Tokens } from "marked";

/** The text of every ```mermaid block, in page order. */
export function mermaidBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  // walkTokens hands back its callbacks' results, for async extensions; this one returns nothing.
  void marked.walkTokens(marked.lexer(markdown), (token) => {
    const code = token as Tokens.Code;
    if (code.type === "code" && code.lang?.trim() === "mermaid") blocks.push(code.text);
  });
  return blocks;
}
