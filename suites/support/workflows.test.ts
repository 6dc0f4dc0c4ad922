// The CI workflows hold least privilege: a job that installs or runs the
// project's dependencies (any npm command) holds no write token; no checkout
// leaves its token in .git/config; npm ci runs no install scripts; every
// action is pinned by commit SHA with its tag beside it. Read line by line
// (the workflows' own layout: two spaces per level), no YAML library needed.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../src/catalog.js";

const dir = path.join(repoRoot, ".github", "workflows");
const workflows = readdirSync(dir)
  .filter((name) => name.endsWith(".yml"))
  .map((name) => ({ name, text: readFileSync(path.join(dir, name), "utf8") }));

interface Job {
  readonly name: string;
  readonly lines: readonly string[];
}

/** Each job's lines: from its `  name:` under `jobs:` to the next job. */
function jobsOf(text: string): Job[] {
  const lines = text.split("\n");
  const start = lines.indexOf("jobs:");
  const jobs: { name: string; lines: string[] }[] = [];
  for (const line of lines.slice(start + 1)) {
    const job = /^ {2}([\w-]+):\s*$/.exec(line);
    if (job) jobs.push({ name: job[1]!, lines: [] });
    else jobs.at(-1)?.lines.push(line);
  }
  return jobs;
}

/** The job's permissions block: `scope: access` lines under `    permissions:`. */
function permissionsOf(job: Job): Record<string, string> | undefined {
  const at = job.lines.indexOf("    permissions:");
  if (at < 0) return job.lines.includes("    permissions: {}") ? {} : undefined;
  const entries: [string, string][] = [];
  for (const line of job.lines.slice(at + 1)) {
    const entry = /^ {6}([\w-]+): (\w+)/.exec(line);
    if (!entry) break;
    entries.push([entry[1]!, entry[2]!]);
  }
  return Object.fromEntries(entries);
}

describe.each(workflows)(".github/workflows/$name", ({ text }) => {
  it("grants nothing at the top: each job says what it needs", () => {
    expect(text).toMatch(/^permissions: \{\}$/m);
    for (const job of jobsOf(text)) expect(permissionsOf(job), job.name).toBeDefined();
  });

  it("gives no write token to a job that runs npm", () => {
    for (const job of jobsOf(text)) {
      const writes = Object.entries(permissionsOf(job) ?? {}).filter(([, access]) => access === "write");
      const runsNpm = job.lines.some((line) => /\bnpm (ci|install|test|run)\b|\bnpx\b/.test(line));
      expect(runsNpm && writes.length > 0 ? `${job.name} runs npm with ${JSON.stringify(writes)}` : "").toBe("");
    }
  });

  it("keeps no token in .git/config after a checkout", () => {
    const lines = text.split("\n");
    lines.forEach((line, i) => {
      if (!/uses: actions\/checkout@/.test(line)) return;
      const step = lines.slice(i + 1, i + 6).join("\n");
      expect(step, `line ${i + 1}`).toMatch(/persist-credentials: false/);
    });
  });

  it("runs npm ci without install scripts", () => {
    const installs = text.split("\n").filter((line) => /\bnpm ci\b/.test(line));
    expect(installs.length).toBeGreaterThan(0);
    for (const line of installs) expect(line).toContain("--ignore-scripts");
  });

  it("pins every action by commit SHA, its tag in a comment", () => {
    const uses = text.split("\n").filter((line) => /^\s*(- )?uses: /.test(line));
    expect(uses.length).toBeGreaterThan(0);
    for (const line of uses) expect(line).toMatch(/uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+)*$/);
  });
});
