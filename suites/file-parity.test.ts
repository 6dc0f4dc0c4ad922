// File parity of each scratch image with its debian original: every file
// that the debian image's packages installed, of the packages the image's
// packages.txt brings in (their Depends and Pre-Depends, never entering a
// package an exclusion leaves out whole), is in the scratch image, or a rule
// of images/<image>/exclusions.txt (then base's) says why not. Failing names
// the paths.
//
// The domain is the image's own packages.txt, not everything the debian
// image has: debian:bookworm-slim's essential set (bash, coreutils, dpkg,
// apt, perl-base...) is the original flavor's own, which base:scratch
// replaces with busybox-static on purpose. base is checked against
// base/packages.txt (the CA bundle, time zone data, the C library).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { images, imagesDir, type ImageName } from "../src/catalog.js";
import { exportFilesystem } from "../src/measure/image-contents.js";
import {
  dependencyClosure,
  parseDpkgStatus,
  parsePackageList,
  parseRules,
  unexplainedPaths,
  type Rule,
} from "../src/measure/package-parity.js";
import { statusOf } from "../src/plan.js";

const listFile = /^var\/lib\/dpkg\/info\/([^/:]+)(?::[^/]+)?\.list$/;
const read = (name: ImageName, file: string): string => readFileSync(path.join(imagesDir, name, file), "utf8");

/** The image's own rules first, then base's, as the build applies them. */
function rulesOf(name: ImageName): Rule[] {
  const own = parseRules(read(name, "exclusions.txt"), name);
  return name === "base" ? own : [...own, ...parseRules(read("base", "exclusions.txt"), "base")];
}

async function unexplained(name: ImageName, owner: number): Promise<string[]> {
  const original = await exportFilesystem(name, "debian", owner, (p) => p === "var/lib/dpkg/status" || listFile.test(p));
  const tiny = await exportFilesystem(name, "scratch", owner, () => false);
  const rules = rulesOf(name);
  const db = parseDpkgStatus(original.texts.get("var/lib/dpkg/status") ?? "");
  const stopAt = new Set(rules.filter((r) => r.kind === "package").map((r) => r.pattern));
  const packages = dependencyClosure(db, parsePackageList(read(name, "packages.txt")), stopAt);
  const fileLists = new Map<string, string[]>();
  for (const [file, text] of original.texts) {
    const match = listFile.exec(file);
    if (match) fileLists.set(match[1]!, text.split("\n").filter(Boolean));
  }
  return unexplainedPaths({ packages, fileLists, original: original.entries, tiny: new Set(tiny.entries.keys()), rules });
}

for (const image of images.filter((i) => i.flavors.includes("scratch") && i.flavors.includes("debian"))) {
  describe(`${image.name} [scratch] against [debian]: file parity`, () => {
    const status = inject("imageStatus");
    const pair = (["scratch", "debian"] as const).map((flavor) => statusOf(status, [image.name], flavor));
    it("has every file of its packages the debian flavor has, or an exclusion rule saying why not", async (ctx) => {
      // An image or flavor not requested has no status at all: find's undefined would read as "all there".
      const missing = pair.findIndex((s) => !s?.available);
      const unavailable = pair[missing];
      if (missing >= 0)
        ctx.skip(
          unavailable && !unavailable.available ? `unavailable: ${unavailable.reason}` : "not requested (TINY_IMAGES, TINY_FLAVORS)",
        );
      const paths = await unexplained(image.name, inject("runOwner"));
      expect(paths, `in tiny/${image.name}:debian's packages, missing from :scratch with no rule in exclusions.txt`).toEqual([]);
    }, 300_000);
  });
}
