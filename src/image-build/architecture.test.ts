// The nightly builds every image on x86_64 and on arm64 runners from the same
// files, so nothing under images/ may name one architecture: the loader,
// library and gconv paths come from the build stage (globs such as
// /usr/lib/*/, the build stage's own /lib64 or not). A line that must name
// one is listed below with why.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { imagesDir } from "../catalog.js";

/** Architecture names, Docker's, Debian's and GNU's: x86_64, x86-64, amd64, i386, i686, aarch64, arm64, armhf. */
const architecture = /x86[_-]64|amd64|\bi[36]86\b|aarch64|arm64|armhf|\w+-linux-gnu\w*/i;

/** Lines allowed to name an architecture: file (under images/), the text on the line, and why. */
const allowed: readonly { readonly file: string; readonly text: string; readonly why: string }[] = [
  {
    file: "mariadb/upstream-names.json",
    text: "RocksDB plugin built (x86_64)",
    why: "a note on what Alpine's recipe builds where, for the report's pair versions; no build reads it",
  },
];

/** A lock (packages.lock, shared/bootstrap-<suite>.lock) names each package's architecture by nature: one lock holds the rows of every architecture it was made for. */
const isLock = (file: string): boolean => path.extname(file) === ".lock";

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(imagesDir, path.join(e.parentPath, e.name)))
    .filter((file) => !isLock(file));
}

describe("images/ names no architecture", () => {
  it("has no line naming x86_64, amd64, aarch64, arm64 or a GNU triplet outside the allowed list", async () => {
    const found: string[] = [];
    for (const file of await filesUnder(imagesDir)) {
      const lines = (await readFile(path.join(imagesDir, file), "utf8")).split("\n");
      lines.forEach((line, index) => {
        if (!architecture.test(line)) return;
        if (allowed.some((a) => a.file === file && line.includes(a.text))) return;
        found.push(`images/${file}:${index + 1}: ${line.trim()}`);
      });
    }
    expect(found).toEqual([]);
  });

  it("recognises the names it looks for, and not the centos repositories' $basearch", () => {
    for (const text of ["/lib64/ld-linux-x86-64.so.2", "/usr/lib/x86_64-linux-gnu", "--arch amd64", "ld-linux-aarch64.so.1", "arm64"]) {
      expect(architecture.test(text), text).toBe(true);
    }
    expect(architecture.test("baseurl=$CENTOS_VAULT/7.9.2009/$repo/\\$basearch/")).toBe(false);
    expect(architecture.test("/usr/lib/*/gconv/*")).toBe(false);
  });
});
