// The probes the images declare, held without Docker: each can be loaded,
// its pages go under its image's harness pages, and its known reasons are
// its own (they name only its sections) and say why, with a link.
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { image, imagesDir, pairKindOf } from "../../catalog.js";
import { parityProbes, probeFiles, probeProblem } from "./probe.js";

const probes = await parityProbes();

/** The probe section a key is under, if any. */
const sectionOf = (sections: readonly string[], key: string): string | undefined =>
  sections.find((s) => key === s || key.startsWith(`${s}.`));

describe("the images' parity probes", () => {
  it("are found through the declarations, one per image that declares `parity`", () => {
    expect(probes.size).toBeGreaterThan(0);
    for (const [name, probe] of probes) {
      expect(image(name).parity, name).toBeDefined();
      expect(probe.sections.length, name).toBeGreaterThan(0);
      expect(new Set(probe.sections).size, `${name}: a section listed twice`).toBe(probe.sections.length);
    }
  });

  it("put their pages, every file of their folder, under the image's declared harness pages", () => {
    for (const [name, probe] of probes) {
      const files = probeFiles(name, probe);
      if (!probe.pages) {
        expect(files, name).toEqual([]);
        continue;
      }
      const under = path.posix.join(image(name).harnessPages!.target, probe.pages.path);
      const folder = readdirSync(path.join(imagesDir, name, probe.pages.folder)).sort();
      expect(
        files.map((f) => f.path),
        name,
      ).toEqual(folder.map((file) => `${under}/${file}`));
    }
  });

  it("known reasons name only sections their image's probe has, for a pair of two distributions", () => {
    for (const [name, probe] of probes) {
      for (const known of probe.knownReasons ?? []) {
        expect(pairKindOf(known.tiny), known.reason).toBe("two distributions");
        for (const key of known.keys)
          expect(sectionOf(probe.sections, key.replace(/\*$/, "")), `${name}: ${key} names no probe section`).toBeDefined();
      }
    }
  });

  it("each known reason says why in words and links where it is documented", () => {
    for (const known of [...probes.values()].flatMap((probe) => probe.knownReasons ?? [])) {
      expect(known.reason.length, known.keys.join(", ")).toBeGreaterThan(30);
      expect(known.sources.length, known.reason).toBeGreaterThan(0);
      for (const source of known.sources) expect(new URL(source).protocol, source).toBe("https:");
    }
  });
});

describe("probeProblem", () => {
  const ask = () => Promise.resolve({});
  it("refuses a default export that is no probe, and pages for an image with no harness pages", () => {
    expect(probeProblem(undefined, true)).toBe("export default defineProbe({ name, sections, ask, ... })");
    expect(probeProblem({ name: "X", sections: [] }, true)).toBe("export default defineProbe({ name, sections, ask, ... })");
    const withPages = { name: "X", sections: ["a"], ask, pages: { folder: "p", path: "/p" } };
    expect(probeProblem(withPages, false)).toBe("pages: the image declares no harnessPages to put them under");
    expect(probeProblem(withPages, true)).toBeUndefined();
  });
});
