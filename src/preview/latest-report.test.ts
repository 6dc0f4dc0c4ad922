// The committed report as a reader first sees it: GitHub's stylesheet at
// 1012 px, mermaid drawing its charts, every <details> closed. It must fit
// four screens of 900 px in light and dark, and every chart must parse;
// `npm run report:preview` is the check, run here as a person would run it.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../catalog.js";
import { findChromium } from "./screenshot.js";

const run = promisify(execFile);
const chromium = (() => {
  try {
    return findChromium();
  } catch (error) {
    return (error as Error).message;
  }
})();
const missing = existsSync(chromium) ? undefined : chromium;

describe.skipIf(missing)(`reports/latest.md as GitHub shows it${missing ? ` (skipped: ${missing})` : ""}`, () => {
  const out = mkdtempSync(path.join(tmpdir(), "report-page-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("fits four screens with every <details> closed, in light and dark, every chart drawn", async () => {
    const { stdout } = await run("npx", ["tsx", "src/preview/cli.ts", "reports/latest.md", "--out", out], {
      cwd: repoRoot,
      timeout: 120_000,
    });
    const heights = [...stdout.matchAll(/(light|dark): (\d+) px tall with every <details> closed/g)].map((m) => Number(m[2]));
    expect(heights).toHaveLength(2);
    for (const h of heights) expect(h).toBeLessThanOrEqual(3600);
    expect(stdout).not.toContain("(mermaid:");
  }, 150_000);
});
