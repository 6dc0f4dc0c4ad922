import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { pack } from "tar-stream";
import { describe, expect, it } from "vitest";
import { entryOf, layerEntries, savedLayers } from "./where-bytes-reader.js";
import { compareFolders, folderOf, shortCommand, whereBytes, type Layer, type LayerEntry } from "./where-bytes.js";

const file = (path: string, bytes: number): LayerEntry => ({ path, kind: "file", bytes });
const dir = (path: string): LayerEntry => ({ path, kind: "dir", bytes: 0 });
const layer = (entries: LayerEntry[], createdBy = `/bin/sh -c #(nop) COPY dir:${"ab".repeat(32)} in / `, inBase = false): Layer => ({
  createdBy,
  inBase,
  entries,
});

describe("folderOf", () => {
  it("cuts a file's folder to three levels, four in the multiarch library folder", () => {
    expect(folderOf("/usr/share/zoneinfo/Europe/Paris")).toBe("/usr/share/zoneinfo");
    expect(folderOf("usr/bin/mariadb")).toBe("/usr/bin");
    expect(folderOf("/usr/lib/x86_64-linux-gnu/gconv/UTF-16.so")).toBe("/usr/lib/x86_64-linux-gnu/gconv");
    expect(folderOf("/usr/lib/x86_64-linux-gnu/perl/5.36/x/y.pm")).toBe("/usr/lib/x86_64-linux-gnu/perl");
    expect(folderOf("/usr/lib/x86_64-linux-gnu/libc.so.6")).toBe("/usr/lib/x86_64-linux-gnu");
    expect(folderOf("/init")).toBe("/");
  });
});

describe("shortCommand", () => {
  it("says a history command as a Dockerfile would, on one short line", () => {
    expect(shortCommand("/bin/sh -c #(nop) COPY dir:0e26bb43b6dbd85717e3fe6ecf91a1bbea552057fe685d713a508a979b38b3da in / ")).toBe(
      "COPY dir in /",
    );
    expect(shortCommand("/bin/sh -c apt-get update &&\n    apt-get install nginx")).toBe("RUN apt-get update && apt-get install nginx");
    expect(shortCommand("RUN /bin/sh -c make # buildkit")).toBe("RUN make");
    expect(shortCommand("/bin/sh -c sh /usr/local/lib/tiny/apt-install.sh /usr/local/lib/tiny/mariadb/packages.txt")).toBe(
      "RUN sh …/tiny/apt-install.sh …/mariadb/packages.txt",
    );
    expect(shortCommand("/bin/sh -c #(nop) COPY file:" + "0".repeat(64) + " in /etc/php/8.2/fpm/php-fpm.conf")).toBe(
      "COPY file in …/fpm/php-fpm.conf",
    );
    expect(shortCommand("")).toBe("(imported)");
    const long = shortCommand(`/bin/sh -c ${"x".repeat(100)}`);
    expect(long).toHaveLength(52);
    expect(long.endsWith("…")).toBe(true);
  });
});

describe("whereBytes", () => {
  it("counts each layer's files and the largest files and folders of what is left", () => {
    const { report, folders } = whereBytes([
      layer([dir("usr"), dir("usr/bin"), file("usr/bin/a", 300), file("usr/bin/b", 100)], "", true),
      layer([file("usr/share/zoneinfo/Europe/Paris", 50), file("etc/hostname", 5)]),
    ]);
    expect(report.layers).toEqual([
      { bytes: 400, files: 2, command: "(imported)", hiddenBytes: 0, inBase: true },
      { bytes: 55, files: 2, command: "COPY dir in /", hiddenBytes: 0 },
    ]);
    expect(report.bytes).toBe(455);
    expect(report.hiddenBytes).toBe(0);
    expect(report.largestFiles.map((f) => f.path)).toEqual([
      "/usr/bin/a",
      "/usr/bin/b",
      "/usr/share/zoneinfo/Europe/Paris",
      "/etc/hostname",
    ]);
    expect(report.largestFolders).toEqual([
      { path: "/usr/bin", bytes: 400 },
      { path: "/usr/share/zoneinfo", bytes: 50 },
      { path: "/etc", bytes: 5 },
    ]);
    expect(folders).toEqual({ "/usr/bin": 400, "/usr/share/zoneinfo": 50, "/etc": 5 });
  });

  it("hides a file a later layer overwrites, counted in the layer it was in", () => {
    const { report } = whereBytes([
      layer([file("var/lib/dpkg/status", 1000)]),
      layer([file("var/lib/dpkg/status", 1200)]),
      layer([file("var/lib/dpkg/status", 1300)]),
    ]);
    expect(report.hiddenBytes).toBe(2200);
    expect(report.layers.map((l) => l.hiddenBytes)).toEqual([1000, 1200, 0]);
    expect(report.bytes).toBe(1300);
    // One file is all of its folder's hidden bytes: named itself.
    expect(report.hidden).toEqual([{ path: "/var/lib/dpkg/status", bytes: 2200 }]);
  });

  it("hides what a whiteout deletes, a whole folder with what is under it", () => {
    const { report } = whereBytes([
      layer([file("var/lib/apt/lists/a", 700), file("var/lib/apt/lists/b", 300), file("tmp/x", 5)]),
      layer([
        { path: "var/lib/apt/lists", kind: "whiteout", bytes: 0 },
        { path: "tmp/x", kind: "whiteout", bytes: 0 },
        { path: "not/there", kind: "whiteout", bytes: 0 },
      ]),
    ]);
    expect(report.hiddenBytes).toBe(1005);
    expect(report.hidden).toEqual([
      { path: "/var/lib/apt", bytes: 1000 },
      { path: "/tmp/x", bytes: 5 },
    ]);
    expect(report.bytes).toBe(0);
  });

  it("hides what an opaque folder had below it, but not what the same layer puts there", () => {
    const { report } = whereBytes([
      layer([file("etc/nginx/sites/default", 400), file("etc/nginx/nginx.conf", 50)]),
      // The marker may come after the layer's new files in its tar: it still acts on the layers below only.
      layer([file("etc/nginx/sites/site", 30), { path: "etc/nginx/sites", kind: "opaque", bytes: 0 }]),
    ]);
    expect(report.hiddenBytes).toBe(400);
    expect(report.bytes).toBe(80);
    expect(report.largestFiles.map((f) => f.path)).toEqual(["/etc/nginx/nginx.conf", "/etc/nginx/sites/site"]);
  });

  it("keeps a folder that a later layer lists again, and hides one a file replaces", () => {
    const { report } = whereBytes([
      layer([file("opt/a/one", 10), file("opt/b/two", 20)]),
      layer([dir("opt/a"), file("opt/a/three", 1), file("opt/b", 2)]),
    ]);
    expect(report.hiddenBytes).toBe(20);
    expect(report.bytes).toBe(13);
  });
});

describe("compareFolders", () => {
  it("puts the largest differences first, either way, and leaves out equal folders", () => {
    const tiny = { "/usr/bin": 100, "/usr/lib/php": 900, "/etc": 10 };
    const original = { "/usr/bin": 600, "/usr/share/perl": 700, "/etc": 10, "/usr/lib/php": 850 };
    expect(compareFolders(tiny, original)).toEqual([
      { path: "/usr/share/perl", bytes: 0, pairBytes: 700 },
      { path: "/usr/bin", bytes: 100, pairBytes: 600 },
      { path: "/usr/lib/php", bytes: 900, pairBytes: 850 },
    ]);
    expect(compareFolders(tiny, original, 1)).toHaveLength(1);
  });
});

describe("entryOf", () => {
  it("reads whiteouts and opaque markers as what they delete", () => {
    expect(entryOf({ name: "var/lib/apt/lists/.wh.deb.debian.org_Packages", type: "file", size: 0 })).toEqual({
      path: "var/lib/apt/lists/deb.debian.org_Packages",
      kind: "whiteout",
      bytes: 0,
    });
    expect(entryOf({ name: ".wh.tmp", type: "file", size: 0 })).toEqual({ path: "tmp", kind: "whiteout", bytes: 0 });
    expect(entryOf({ name: "etc/nginx/.wh..wh..opq", type: "file", size: 0 })).toEqual({ path: "etc/nginx", kind: "opaque", bytes: 0 });
    expect(entryOf({ name: "./usr/bin/", type: "directory", size: 0 })).toEqual({ path: "usr/bin", kind: "dir", bytes: 0 });
    expect(entryOf({ name: "usr/bin/sh", type: "symlink", size: 0 })).toEqual({ path: "usr/bin/sh", kind: "other", bytes: 0 });
    expect(entryOf({ name: "usr/bin/ab", type: "file", size: 42 })).toEqual({ path: "usr/bin/ab", kind: "file", bytes: 42 });
  });

  async function layerTar(): Promise<Buffer> {
    const tar = pack();
    tar.entry({ name: "usr/", type: "directory" });
    tar.entry({ name: "usr/bin/ab" }, Buffer.alloc(42_000));
    tar.entry({ name: "usr/.wh.games" }, "");
    tar.finalize();
    const chunks: Buffer[] = [];
    for await (const chunk of tar) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
  const expected = [
    { path: "usr", kind: "dir", bytes: 0 },
    { path: "usr/bin/ab", kind: "file", bytes: 42_000 },
    { path: "usr/games", kind: "whiteout", bytes: 0 },
  ];

  it("reads a layer tar's entries as the reader streams them, plain or gzipped", async () => {
    const tar = await layerTar();
    expect(await layerEntries(Readable.from([tar.subarray(0, 700), tar.subarray(700)]))).toEqual(expected);
    const gzipped = gzipSync(tar);
    expect(await layerEntries(Readable.from([gzipped.subarray(0, 100), gzipped.subarray(100)]))).toEqual(expected);
    expect(await layerEntries(Readable.from([]))).toEqual([]);
  });
});

/** A tar of the given entries (a string or buffer is a file, a symlink names its target). */
async function tarOf(entries: ReadonlyArray<[string, string | Buffer | { symlink: string }]>): Promise<Buffer> {
  const tar = pack();
  for (const [name, body] of entries) {
    if (typeof body === "object" && "symlink" in body) tar.entry({ name, type: "symlink", linkname: body.symlink });
    else tar.entry({ name }, body);
  }
  tar.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of tar) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe("savedLayers", () => {
  const history = [
    { created_by: "", comment: "Imported from -" },
    { created_by: "/bin/sh -c #(nop)  ENV A=b", empty_layer: true },
    { created_by: "/bin/sh -c rm /etc/motd" },
    { created_by: "/bin/sh -c true" },
  ];

  it("reads Docker 20.10's layout: layers in the manifest's order, a layer saved once and linked, commands from the history", async () => {
    const bottom = await tarOf([
      ["etc/motd", "hello"],
      ["usr/bin/ab", Buffer.alloc(3000)],
    ]);
    const middle = await tarOf([["etc/.wh.motd", ""]]);
    // Sorted by name, as docker save writes them: the manifest comes last.
    const save = await tarOf([
      ["aaa/layer.tar", middle],
      ["bbb/layer.tar", { symlink: "../aaa/layer.tar" }],
      [`${"c".repeat(64)}.json`, JSON.stringify({ history })],
      ["zzz/layer.tar", bottom],
      [
        "manifest.json",
        JSON.stringify([{ Config: `${"c".repeat(64)}.json`, Layers: ["zzz/layer.tar", "aaa/layer.tar", "bbb/layer.tar"] }]),
      ],
    ]);
    const layers = await savedLayers(Readable.from([save]), "tiny/x:y", 1);
    expect(layers.map((l) => [l.createdBy, l.inBase, l.entries.length])).toEqual([
      ["Imported from -", true, 2],
      ["/bin/sh -c rm /etc/motd", false, 1],
      ["/bin/sh -c true", false, 1],
    ]);
    const { report } = whereBytes(layers);
    expect(report.hiddenBytes).toBe(5);
    expect(report.bytes).toBe(3000);
  });

  it("reads an OCI layout (Docker 25 and later): blobs that are JSON or layers, gzipped or not", async () => {
    const config = JSON.stringify({ history: [{ created_by: "COPY . /" }] });
    const save = await tarOf([
      ["blobs/sha256/1111", gzipSync(await tarOf([["app/main", Buffer.alloc(2000)]]))],
      ["blobs/sha256/2222", config],
      ["index.json", "{}"],
      ["manifest.json", JSON.stringify([{ Config: "blobs/sha256/2222", Layers: ["blobs/sha256/1111"] }])],
      ["oci-layout", '{"imageLayoutVersion": "1.0.0"}'],
    ]);
    const layers = await savedLayers(Readable.from([save]), "tiny/x:y");
    expect(layers).toEqual([{ createdBy: "COPY . /", inBase: false, entries: [{ path: "app/main", kind: "file", bytes: 2000 }] }]);
  });

  it("says so when a save has no manifest", async () => {
    await expect(savedLayers(Readable.from([await tarOf([["x/layer.tar", await tarOf([])]])]), "tiny/x:y")).rejects.toThrow(
      "tiny/x:y: docker save gave no manifest.json",
    );
  });
});
