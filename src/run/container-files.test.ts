import tar from "tar-stream";
import { describe, expect, it } from "vitest";
import { filesArchive, withOverrides } from "./container-files.js";

async function entries(archive: Buffer): Promise<{ name: string; mode: number; body: string }[]> {
  const extract = tar.extract();
  const found: { name: string; mode: number; body: string }[] = [];
  extract.on("entry", (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on("data", (c: unknown) => chunks.push(c as Buffer));
    stream.on("end", () => {
      found.push({ name: header.name, mode: header.mode ?? 0, body: Buffer.concat(chunks).toString() });
      next();
    });
  });
  const done = new Promise<void>((resolve) => extract.on("finish", () => resolve()));
  extract.end(archive);
  await done;
  return found;
}

describe("filesArchive", () => {
  it("packs each file at its path under /, 0644 unless told", async () => {
    const archive = await filesArchive([
      { path: "/var/www/html/index.php", content: "<?php echo 1;" },
      { path: "/usr/local/bin/x", content: Buffer.from("#!/bin/sh\n"), mode: 0o755 },
    ]);
    expect(await entries(archive)).toEqual([
      { name: "var/www/html/index.php", mode: 0o644, body: "<?php echo 1;" },
      { name: "usr/local/bin/x", mode: 0o755, body: "#!/bin/sh\n" },
    ]);
  });

  it("refuses a relative path, naming it", async () => {
    await expect(filesArchive([{ path: "index.php", content: "" }])).rejects.toThrow("must be absolute: index.php");
  });
});

describe("withOverrides", () => {
  it("keeps the first list's order and puts the second's after it, replacing files at the same path", () => {
    const a = { path: "/a", content: "a" };
    const b = { path: "/b", content: "b" };
    const newB = { path: "/b", content: "B" };
    const c = { path: "/c", fifo: true } as const;
    expect(withOverrides([a, b], [newB, c])).toEqual([a, newB, c]);
    expect(withOverrides([a], [])).toEqual([a]);
  });
});
