import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { normaliseLayer, normaliseSaved, readArchive, writeArchive, type ArchiveEntry } from "./normalise.js";

const epoch = new Date("2026-12-01T00:00:00Z");
const old = new Date("2024-05-01T10:20:30Z");
const entry = (name: string, body = "", extra: Partial<ArchiveEntry["header"]> = {}): ArchiveEntry => ({
  header: { name, size: body.length, mode: 0o644, mtime: new Date(), type: "file", ...extra },
  body: Buffer.from(body),
});

/** A layer as a build might write it: out of order, times of the build, a hard link before its target, an xattr. */
async function layer(buildTime: Date): Promise<Buffer> {
  return writeArchive([
    entry("usr/bin/tool", "x", { mtime: buildTime, pax: { "SCHILY.xattr.security.capability": "cap", atime: "1.5", ctime: "2.5" } }),
    entry("usr/bin/same", "", { type: "link", linkname: "usr/bin/tool", size: 0, mtime: buildTime }),
    entry("etc/", "", { type: "directory", mode: 0o755, size: 0, mtime: buildTime }),
    entry("etc/shipped", "from a package", { mtime: old }),
    entry("usr/", "", { type: "directory", mode: 0o755, size: 0, mtime: buildTime }),
    entry("usr/bin/", "", { type: "directory", mode: 0o755, size: 0, mtime: buildTime }),
  ]);
}

describe("normaliseLayer", () => {
  it("sorts entries by name, hard links last, and clamps every time to the epoch", async () => {
    const entries = await readArchive(Readable.from([await normaliseLayer(await layer(new Date()), epoch)]));
    expect(entries.map((e) => e.header.name)).toEqual(["etc/", "etc/shipped", "usr/", "usr/bin/", "usr/bin/tool", "usr/bin/same"]);
    const times = Object.fromEntries(entries.map((e) => [e.header.name, e.header.mtime?.toISOString()]));
    expect(times["etc/shipped"]).toBe(old.toISOString());
    expect(times["usr/bin/tool"]).toBe(epoch.toISOString());
    expect(entries.find((e) => e.header.name === "usr/bin/same")?.header.linkname).toBe("usr/bin/tool");
  });

  it("keeps extended attributes and drops access and change times", async () => {
    const entries = await readArchive(Readable.from([await normaliseLayer(await layer(new Date()), epoch)]));
    const pax = entries.find((e) => e.header.name === "usr/bin/tool")?.header.pax as Record<string, string>;
    expect(pax["SCHILY.xattr.security.capability"]).toBe("cap");
    expect(pax.atime).toBeUndefined();
    expect(pax.ctime).toBeUndefined();
  });

  it("gives the same bytes for builds made at different times, and again when run on its own output", async () => {
    const first = await normaliseLayer(await layer(new Date("2026-12-05T01:00:00Z")), epoch);
    const second = await normaliseLayer(await layer(new Date("2026-12-06T23:00:00Z")), epoch);
    expect(first.equals(second)).toBe(true);
    expect((await normaliseLayer(first, epoch)).equals(first)).toBe(true);
  });
});

describe("normaliseSaved", () => {
  const sha = (bytes: Buffer): string => createHash("sha256").update(bytes).digest("hex");

  /** A docker-archive of one image, as docker save writes it, built at `when` by container `container`. */
  async function saved(when: Date, container: string, base: Buffer): Promise<ArchiveEntry[]> {
    const own = await layer(when);
    const config = {
      architecture: "amd64",
      config: { Labels: { a: "b" } },
      container,
      container_config: { Hostname: container },
      created: when.toISOString(),
      docker_version: "20.10.24",
      history: [{ created: when.toISOString(), created_by: "COPY" }],
      os: "linux",
      rootfs: { type: "layers", diff_ids: [`sha256:${sha(base)}`, `sha256:${sha(own)}`] },
    };
    const manifest = [{ Config: "cfg.json", RepoTags: ["tiny/x:scratch"], Layers: ["base/layer.tar", "own/layer.tar"] }];
    const bytes = (name: string, body: Buffer): ArchiveEntry => ({ header: { name, size: body.length, type: "file" }, body });
    return [
      bytes("base/layer.tar", base),
      bytes("own/layer.tar", own),
      entry("cfg.json", JSON.stringify(config)),
      entry("manifest.json", JSON.stringify(manifest)),
    ];
  }

  it("gives one image ID to two builds of the same content, the parent's layer untouched", async () => {
    const base = await layer(new Date("2026-11-30T00:00:00Z"));
    const keep = new Set([`sha256:${sha(base)}`]);
    const a = await normaliseSaved(await saved(new Date("2026-12-05T01:00:00Z"), "c0ffee", base), "tiny/x:scratch", epoch, keep);
    const b = await normaliseSaved(await saved(new Date("2026-12-06T23:00:00Z"), "beef00", base), "tiny/x:scratch", epoch, keep);
    expect(a.id).toBe(b.id);
    expect(a.archive.equals(b.archive)).toBe(true);
    const files = await readArchive(Readable.from([a.archive]));
    const config = JSON.parse(files.find((f) => f.header.name === `${a.id.slice(7)}.json`)!.body.toString()) as Record<string, unknown>;
    expect(config.created).toBe("2026-12-01T00:00:00Z");
    expect(config).not.toHaveProperty("container");
    expect(config).not.toHaveProperty("container_config");
    expect((config.rootfs as { diff_ids: string[] }).diff_ids[0]).toBe(`sha256:${sha(base)}`);
  });
});
