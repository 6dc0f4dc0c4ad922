import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { firstDifference } from "./image-diff.js";
import { writeArchive, type ArchiveEntry } from "../image-archive/normalise.js";

const when = new Date("2026-12-01T00:00:00Z");
const file = (name: string, body: string | Buffer): ArchiveEntry => {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
  return { header: { name, size: bytes.length, mtime: when, type: "file", mode: 0o644 }, body: bytes };
};

/** A docker-archive of one image whose one layer holds `files`, with `label` in its config. */
async function saved(files: Record<string, string>, label = "a"): Promise<ArchiveEntry[]> {
  const layer = await writeArchive(Object.entries(files).map(([name, body]) => file(name, body)));
  const diffId = `sha256:${createHash("sha256").update(layer).digest("hex")}`;
  const config = { config: { Labels: { hash: label } }, rootfs: { type: "layers", diff_ids: [diffId] } };
  return [
    file("l/layer.tar", layer),
    file("c.json", JSON.stringify(config)),
    file("manifest.json", JSON.stringify([{ Config: "c.json", Layers: ["l/layer.tar"] }])),
  ];
}

describe("firstDifference", () => {
  it("is undefined for two saves of the same image", async () => {
    expect(await firstDifference(await saved({ "etc/a": "1" }), await saved({ "etc/a": "1" }))).toBeUndefined();
  });

  it("names the first file whose bytes differ, in name order", async () => {
    const found = await firstDifference(
      await saved({ "etc/a": "1", "etc/b": "2", "etc/c": "3" }),
      await saved({ "etc/a": "1", "etc/b": "X", "etc/c": "Y" }),
    );
    expect(found).toMatch(/^layer 1: etc\/b: file 644 0:0 .* sha256:\w{12} \| file 644 0:0 .* sha256:\w{12}$/);
  });

  it("names a file only one of them has", async () => {
    expect(await firstDifference(await saved({ "etc/a": "1" }), await saved({ "etc/a": "1", "etc/new": "" }))).toMatch(
      /^layer 1: etc\/new: absent \| file/,
    );
  });

  it("names the config field by its path when every layer is alike", async () => {
    expect(await firstDifference(await saved({ "etc/a": "1" }, "a"), await saved({ "etc/a": "1" }, "b"))).toBe(
      'config.config.Labels.hash: "a" | "b"',
    );
  });
});
