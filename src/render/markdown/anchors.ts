// The appendices' headings, named once: the status block and the tables'
// headings and rows link to them, so a renamed heading can't leave a link
// pointing nowhere (render-markdown.test.ts follows every link).

/** GitHub's anchor for a heading: lower case, punctuation but - and _ dropped, spaces as -. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

export const headings = {
  changes: "Changes and budgets",
  bytes: "Where the bytes are",
  leftOut: "What the tiny images left out",
  hardening: "Hardening and known vulnerabilities",
  notMeasured: "Not measured here",
  jobs: "Jobs that failed",
  howMeasured: "How measured",
} as const;

export const anchors = Object.fromEntries(Object.entries(headings).map(([k, v]) => [k, slug(v)])) as {
  readonly [K in keyof typeof headings]: string;
};
