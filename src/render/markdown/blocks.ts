// Markdown building blocks shared by every section of the report: text kept
// on one line (a reason can't end a list item or a table row), tables, code
// spans and folded details.

/** Text from the report (a reason, a run's name) on one line, so it can't end a list item or a table row. */
export function line(text: string): string {
  return text.replace(/\s*\n\s*/g, " ");
}

/** A number and its unit, joined by a no-break space: "4.99 MB" never wraps between them. */
function unbreakable(text: string): string {
  return text.replace(/(\d) (B|kB|MB|GB|µs|ms|s|req\/s|queries\/s)(?![\w/])/g, "$1\u00a0$2");
}

/** A table cell: one line, a number kept with its unit, and a pipe in the text must not end the cell. */
export function cell(text: string): string {
  return unbreakable(line(text)).replace(/\|/g, "\\|");
}

export type Align = "left" | "right";

export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly Align[] = header.map((): Align => "left"),
): string {
  const row = (cells: readonly string[]): string => `| ${cells.map(cell).join(" | ")} |`;
  const separator = `|${align.map((a) => (a === "right" ? " --: " : " :-- ")).join("|")}|`;
  return [row(header), separator, ...rows.map(row)].join("\n");
}

export function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

/** A block folded under a one-line summary; GitHub renders the markdown inside once blank lines surround it. */
export function details(summary: string, body: string): string {
  return [`<details><summary>${line(summary).replace(/</g, "&lt;")}</summary>`, "", body, "", "</details>"].join("\n");
}

/** "a, b and c". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
