import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { flavorNames, images, imagesDir } from "./catalog.js";
import { imageFolders, readImages } from "./read-images.js";

let dir: string;

/** An image folder with this declaration (as source) and a Dockerfile per named flavor. */
async function folder(name: string, declaration: string, dockerfiles: readonly string[] = ["debian"]): Promise<void> {
  await mkdir(path.join(dir, name), { recursive: true });
  await writeFile(path.join(dir, name, "image.ts"), `export default ${declaration};\n`);
  for (const f of dockerfiles) await writeFile(path.join(dir, name, `${f}.Dockerfile`), "FROM scratch\n");
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "tiny-images-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("readImages", () => {
  it("reads every folder with an image.ts, named by its folder, with no ports when none are declared", async () => {
    await folder("base", `{ summary: "a base", flavors: ["debian"] }`);
    await folder("web", `{ summary: "a server", flavors: ["debian"], parent: "base", ports: [80] }`);
    await mkdir(path.join(dir, "shared"));
    const read = await readImages(dir, flavorNames);
    expect(read.map((i) => [i.name, i.ports])).toEqual([
      ["base", []],
      ["web", [80]],
    ]);
  });

  it("refuses a bad field in one line naming the file and the field", async () => {
    await folder("redis", `{ summary: "a cache", flavors: ["debian"], ports: ["6379"] }`);
    await expect(readImages(dir, flavorNames)).rejects.toThrow(/^images\/redis\/image\.ts: ports: a list of TCP port numbers$/);
  });

  it("refuses an open-files limit no engine is sure to grant, or one below the default", async () => {
    await folder("db", `{ summary: "a database", flavors: ["debian"], nofile: 65536 }`);
    await folder("web", `{ summary: "a server", flavors: ["debian"], nofile: 512 }`);
    const error = await readImages(dir, flavorNames).catch((e: unknown) => (e as Error).message);
    const limit =
      "nofile: a whole number of open files above the default 1024, at most 4096 (Linux's default hard limit, which any engine can grant)";
    expect(error).toBe([`images/db/image.ts: ${limit}`, `images/web/image.ts: ${limit}`].join("\n"));
  });

  it("refuses an unknown flavor, a missing Dockerfile, an unknown parent and a flavor its parent lacks", async () => {
    await folder("base", `{ summary: "a base", flavors: ["debian"] }`);
    await folder("odd", `{ summary: "x", flavors: ["ubuntu"] }`);
    await folder("web", `{ summary: "x", flavors: ["scratch", "debian"], parent: "base" }`, ["debian"]);
    await folder("orphan", `{ summary: "x", flavors: ["debian"], parent: "nobody" }`);
    const error = await readImages(dir, flavorNames).then(
      () => undefined,
      (e: unknown) => (e as Error).message,
    );
    expect(error?.split("\n").sort()).toEqual([
      "images/odd/image.ts: flavors: a non-empty list of alpine, centos, scratch, debian",
      "images/orphan/image.ts: parent: nobody is no image folder",
      "images/web/image.ts: flavors: scratch declared but images/web/scratch.Dockerfile is missing",
      "images/web/image.ts: flavors: scratch not made by its parent base",
    ]);
  });

  it("refuses a folder name Docker would refuse, and a load module that is not there", async () => {
    await folder("Web", `{ summary: "x", flavors: ["debian"] }`);
    await folder(
      "cache",
      `{ summary: "x", flavors: ["debian"], ports: [1], readiness: { kind: "log", message: "up" }, loads: { resp: { kind: "module", module: "load.ts" } } }`,
    );
    const error = await readImages(dir, flavorNames).catch((e: unknown) => (e as Error).message);
    expect(error).toContain("images/Web/image.ts: folder name: use lower-case letters");
    expect(error).toContain("images/cache/image.ts: loads.resp: images/cache/load.ts is missing");
  });

  it("refuses a load of no kind, a field its kind needs, an endpoint the image lacks, and a client beside other loads", async () => {
    const service = `ports: [80], readiness: { kind: "log", message: "up" }, endpoints: { home: "/" }`;
    await folder("web", `{ summary: "x", flavors: ["debian"], ${service}, loads: { a: { kind: "ftp" }, b: { kind: "http" } } }`);
    await folder("site", `{ summary: "x", flavors: ["debian"], ${service}, loads: { c: { kind: "http", endpoint: "away" } } }`);
    await folder("old", `{ summary: "x", flavors: ["debian"], ${service}, load: { kind: "http", pages: ["home"] } }`);
    await folder("idle", `{ summary: "x", flavors: ["debian"], loads: { main: { kind: "sql" } } }`);
    const client = `loads: { a: { kind: "client", target: "site", endpoint: "home", module: "image.ts" }, b: { kind: "sql" } }`;
    await folder("bench", `{ summary: "x", flavors: ["debian"], ${client} }`);
    const error = await readImages(dir, flavorNames).then(
      () => undefined,
      (e: unknown) => (e as Error).message,
    );
    expect(error?.split("\n").sort()).toEqual([
      "images/bench/image.ts: loads.a.target: list site in targets too, so it is built with this image",
      "images/bench/image.ts: loads.b: a loaded service needs ports and a readiness check",
      "images/bench/image.ts: loads: a client image has its one client load only",
      "images/idle/image.ts: loads.main: a loaded service needs ports and a readiness check",
      "images/old/image.ts: load: now `loads`, by name: { main: { kind, ... } }",
      "images/site/image.ts: loads.c.endpoint: away is not among its endpoints",
      'images/web/image.ts: loads.a: one of { kind: "http" | "sql" | "client" | "module", ... }',
      "images/web/image.ts: loads.b.endpoint: a string",
    ]);
  });

  it("refuses a parity probe that is not there, not a module, or of an image that is no service", async () => {
    const service = `ports: [1], readiness: { kind: "log", message: "up" }`;
    await folder("db", `{ summary: "x", flavors: ["debian"], ${service}, parity: { module: "parity-probe.ts" } }`);
    await folder("web", `{ summary: "x", flavors: ["debian"], ${service}, parity: "parity-probe.ts" }`);
    await folder("tool", `{ summary: "x", flavors: ["debian"], parity: { module: "image.ts" } }`);
    const error = await readImages(dir, flavorNames).then(
      () => undefined,
      (e: unknown) => (e as Error).message,
    );
    expect(error?.split("\n").sort()).toEqual([
      "images/db/image.ts: parity: images/db/parity-probe.ts is missing",
      "images/tool/image.ts: parity: a probe asks a ready service: declare its ports and readiness",
      "images/web/image.ts: parity: { module }: a module beside the image exporting defineProbe",
    ]);
  });
});

describe("a calibration", () => {
  it("refuses a module that is not there, a page the HTTP load doesn't run, and a page that is no harness page", async () => {
    const web = `ports: [80], readiness: { kind: "log", message: "up" }, loads: { php: { kind: "http", endpoint: "php" } }`;
    const pages = `harnessPages: { folder: "www", target: "/srv" }, endpoints: { php: "/index.php", static: "/a.png" }`;
    await folder("web", `{ summary: "x", flavors: ["debian"], ${web}, ${pages}, calibration: { load: "php", module: "work.ts" } }`);
    await folder("site", `{ summary: "x", flavors: ["debian"], ${web}, ${pages}, calibration: { load: "static", module: "image.ts" } }`);
    const error = await readImages(dir, flavorNames).then(
      () => undefined,
      (e: unknown) => (e as Error).message,
    );
    expect(error?.split("\n").sort()).toEqual([
      "images/site/image.ts: calibration: load static is not one of its HTTP loads",
      "images/web/image.ts: calibration: images/web/work.ts is missing",
      "images/web/image.ts: calibration: load php's endpoint is not one of its harness pages, which the copy replaces",
    ]);
  });
});

describe("the repository's image folders", () => {
  it("are the catalog's images, parents before children", () => {
    expect(images.map((i) => i.name).sort()).toEqual(imageFolders(imagesDir));
    for (const [index, i] of images.entries()) {
      if (i.parent)
        expect(
          images.findIndex((p) => p.name === i.parent),
          i.name,
        ).toBeLessThan(index);
    }
  });
});
