import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { endpoint, image, repoRoot } from "../catalog.js";
import { containerConfig } from "./container.js";

const pathsOf = (files: readonly { path: string }[]): string[] => files.map((f) => f.path);
const contentAt = (files: readonly { path: string }[], at: string): unknown =>
  (files.find((f) => f.path === at) as { content?: unknown } | undefined)?.content;

describe("containerConfig's files", () => {
  const pages = image("nginx-php").harnessPages!;
  const php = path.posix.join(pages.target, endpoint("nginx-php", "php"));

  it("puts the catalog's harness pages into every nginx-php container, from the folder the catalog names", async () => {
    const { files } = containerConfig("nginx-php", "scratch", { owner: 1 });
    expect(pathsOf(files)).toEqual(expect.arrayContaining([php, "/var/www/html/health.php", "/var/www/html/static/gradient.png"]));
    const source = await readFile(path.join(repoRoot, pages.folder, endpoint("nginx-php", "php")));
    expect(contentAt(files, php)).toEqual(source);
  });

  it("adds the caller's files after them, a file at a page's path taking its place", () => {
    const { files } = containerConfig("nginx-php", "debian", {
      owner: 1,
      files: [
        { path: php, content: "<?php echo 'replaced';" },
        { path: "/var/www/html/extra.php", content: "<?php" },
      ],
    });
    expect(pathsOf(files).filter((p) => p === php)).toHaveLength(1);
    expect(contentAt(files, php)).toBe("<?php echo 'replaced';");
    expect(pathsOf(files).slice(-2)).toEqual([php, "/var/www/html/extra.php"]);
  });

  it("leaves them out for the image as it ships, and gives an image without harness pages only the caller's", () => {
    expect(containerConfig("nginx-php", "scratch", { owner: 1, harnessPages: false }).files).toEqual([]);
    expect(containerConfig("mariadb", "scratch", { owner: 1 }).files).toEqual([]);
    const own = { path: "/tmp/x", content: "x" };
    expect(containerConfig("mariadb", "scratch", { owner: 1, files: [own] }).files).toEqual([own]);
  });
});
