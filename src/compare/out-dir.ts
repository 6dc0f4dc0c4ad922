// Where compare's report may go. The report writer (report/write-report.ts)
// swaps a set of links into place; a folder holding latest.md or
// latest.json that are not such links holds someone else's files, which a
// report must never replace. Checked before any work, with the benchmark's
// check that the folder can be written at all.
import { lstat, readlink } from "node:fs/promises";
import path from "node:path";
import { checkOutDir, UsageError } from "../bench/options.js";

/** The names the writer replaces, and the link each must be when it is there: the writer's own. */
const written = { "latest.md": "current/latest.md", "latest.json": "current/latest.json", "latest.junit.xml": "current/latest.junit.xml" };

async function foreign(file: string, expected: string): Promise<boolean> {
  const stat = await lstat(file).catch(() => undefined);
  if (!stat) return false;
  return !stat.isSymbolicLink() || (await readlink(file)) !== expected;
}

/** Throws UsageError when the folder can't take the report, or holds a report file the writer didn't write. */
export async function checkCompareOutDir(outDir: string): Promise<void> {
  for (const [name, expected] of Object.entries(written)) {
    if (await foreign(path.join(outDir, name), expected)) {
      throw new UsageError(
        `--out ${outDir}: its ${name} was not written by a report of this harness, and is never replaced; give another folder`,
      );
    }
  }
  await checkOutDir(outDir);
}
