// What can be checked without a registry or a build, so it is checked here
// for every flavor, including those this machine can't build: every image's
// Dockerfile of every flavor it declares exists, parses, pins what it starts from, takes
// the build arguments the harness passes, runs as a non-root user, has a
// HEALTHCHECK when it is a service, and copies only files its build context
// has; and every shell script in the repository passes shellcheck.
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { contextFiles } from "../src/image-build/context.js";
import {
  contextSources,
  finalUser,
  healthcheckOf,
  isPinnedReference,
  isRootUser,
  parseDockerfile,
  type Dockerfile,
  type Stage,
} from "../src/image-build/dockerfile.js";
import { dockerfileOf, flavors, imageRepository, images, imagesDir, repoRoot, type BuiltFlavor, type Image } from "../src/catalog.js";

/** The FROM problems of one stage, as sentences; none when it is pinned. */
function fromProblems(stage: Stage): string[] {
  const where = `line ${stage.from.line}: FROM ${stage.image}`;
  if (stage.fromStage !== undefined || stage.resolvedImage === "scratch") return [];
  if (stage.unresolved.length > 0) {
    return [`${where} uses ${stage.unresolved.join(", ")}, which no ARG before the first FROM gives a default`];
  }
  if (!isPinnedReference(stage.resolvedImage)) {
    const through = stage.image === stage.resolvedImage ? "" : ` (${stage.resolvedImage} by default)`;
    return [`${where}${through} names no tag or digest, or "latest"`];
  }
  return [];
}

/**
 * What the harness passes a build of this image and flavor
 * (src/image-build/build-image.ts), in the default repository: the
 * Dockerfiles' defaults can only name that one, whatever
 * TINY_IMAGE_REPOSITORY this run builds in.
 */
function harnessArgs(image: Image, flavor: BuiltFlavor): Map<string, string> {
  const args = new Map([[flavor.upstream.buildArg, flavor.upstream.ref]]);
  if (image.parent) args.set("BASE_IMAGE", `${imageRepository({})}/${image.parent}:${flavor.name}`);
  return args;
}

/** A COPY source as a test on the context's file list: a file, a folder, or a pattern. */
function inContext(source: string, files: readonly string[]): boolean {
  const clean = source.replace(/^\.\//, "").replace(/\/+$/, "");
  if (/[*?[]/.test(clean)) {
    const pattern = clean
      .replace(/[.+^${}()|\\]/g, "\\$&")
      .replace(/\*/g, "[^/]*")
      .replace(/\?/g, "[^/]");
    const matcher = new RegExp(`^${pattern}(/|$)`);
    return files.some((file) => matcher.test(file));
  }
  return files.some((file) => file === clean || file.startsWith(`${clean}/`));
}

for (const image of images) {
  for (const flavor of flavors.filter((f) => image.flavors.includes(f.name))) {
    const relative = dockerfileOf(image.name, flavor.name);
    const file = path.join(imagesDir, relative);

    describe(`images/${relative}`, () => {
      let parsed: Dockerfile | undefined;
      // Every check reads it; a missing or broken file fails each of them with the reason.
      const dockerfile = (): Dockerfile => (parsed ??= parseDockerfile(readFileSync(file, "utf8")));
      const lastStage = (): Stage => dockerfile().stages.at(-1)!;

      it("exists and parses", () => {
        expect(existsSync(file), `images/${relative} is missing: every flavor an image declares has a Dockerfile`).toBe(true);
        expect(dockerfile().stages.length).toBeGreaterThan(0);
      });

      it("pins every FROM: a tag or digest, directly or as an ARG default (scratch and earlier stages need none)", () => {
        const problems = dockerfile().stages.flatMap(fromProblems);
        expect(problems).toEqual([]);
      });

      it("starts from what the harness passes, and defaults those build arguments to the same", () => {
        const passed = harnessArgs(image, flavor);
        const expected = [...passed.keys()].map((name) => `\${${name}}`).join(", ");
        const problems: string[] = [];
        for (const stage of dockerfile().stages) {
          if (stage.fromStage !== undefined || stage.image === "scratch") continue;
          const variable = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(stage.image)?.[1];
          if (!variable || !passed.has(variable)) {
            problems.push(`line ${stage.from.line}: FROM ${stage.image}: not one of ${expected}`);
          }
        }
        for (const [name, value] of passed) {
          const declared = dockerfile().globalArgs.get(name);
          if (dockerfile().globalArgs.has(name) && declared !== value) {
            problems.push(`ARG ${name} defaults to ${declared ?? "nothing"}; the harness passes ${value}`);
          }
        }
        expect(problems).toEqual([]);
      });

      // Entrypoints that start as root and drop privileges would count too, but
      // none does: every image declares its user, so the check needs no more.
      it("runs its last stage as a non-root USER", () => {
        const user = finalUser(lastStage());
        expect(user, "the last stage has no USER, so it runs as its parent's user, root unless set").toBeDefined();
        expect(isRootUser(user!), `USER ${user} is root`).toBe(false);
      });

      if (image.ports.length > 0) {
        it("has a HEALTHCHECK, being a service", () => {
          const healthcheck = healthcheckOf(lastStage());
          expect(healthcheck, "no HEALTHCHECK in the last stage").toBeDefined();
          expect(healthcheck, "HEALTHCHECK NONE").not.toBe("none");
        });
      }

      it("copies only what its build context has (its folder and the catalog's shared files)", async () => {
        const files = await contextFiles(image.name, flavor.name);
        const missing = dockerfile()
          .instructions.flatMap((instruction) => contextSources(instruction).map((source) => ({ instruction, source })))
          .filter(({ source }) => !inContext(source, files))
          .map(({ instruction, source }) => `line ${instruction.line}: ${instruction.keyword} ${source}`);
        expect(missing).toEqual([]);
      });
    });
  }
}

describe("image folders", () => {
  for (const image of images) {
    it(`images/${image.name}/image.ts declares every flavor the folder has a Dockerfile for`, () => {
      const written = readdirSync(path.join(imagesDir, image.name)).flatMap((file) => /^(.+)\.Dockerfile$/.exec(file)?.[1] ?? []);
      expect(written.filter((f) => !image.flavors.includes(f as BuiltFlavor["name"]))).toEqual([]);
    });
  }
});

/** Folders whose shell scripts are checked; node_modules and the build cache stay out. */
const scriptRoots = ["images", "scripts", ".ci"];
const shebang = /^#!\s*(?:\S*\/)?(?:env\s+(?:-\S+\s+)*)?(?:sh|bash|dash|ash|ksh)(?:\s|$)/;

function firstLine(file: string): string {
  const buffer = Buffer.alloc(128);
  const fd = openSync(file, "r");
  try {
    return buffer.toString("utf8", 0, readSync(fd, buffer, 0, buffer.length, 0)).split("\n")[0]!;
  } finally {
    closeSync(fd);
  }
}

/** Shell scripts by name (*.sh) or, for the many without an extension (bin/, .ci/run), by their #! line. */
function shellScripts(): string[] {
  return scriptRoots
    .filter((root) => existsSync(path.join(repoRoot, root)))
    .flatMap((root) => readdirSync(path.join(repoRoot, root), { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(repoRoot, path.join(entry.parentPath, entry.name)))
    .filter((file) => file.endsWith(".sh") || shebang.test(firstLine(path.join(repoRoot, file))))
    .sort();
}

describe("shell scripts", () => {
  const scripts = shellScripts();
  const probe = spawnSync("shellcheck", ["--version"], { encoding: "utf8" });
  const missing = probe.error
    ? `shellcheck can't be run (${probe.error.message}): run scripts/install-tools.sh ` +
      "(as root on Debian; it installs shellcheck and wrk), then the tests again"
    : undefined;

  it("shellcheck is installed", () => {
    if (missing) throw new Error(missing);
  });

  it("are found by their #! line, the bin/ entrypoints and .ci/run among them", () => {
    const binaries = images.flatMap((image) => {
      const bin = path.join(imagesDir, image.name, "bin");
      return existsSync(bin) ? readdirSync(bin).map((name) => path.join("images", image.name, "bin", name)) : [];
    });
    expect(scripts).toEqual(expect.arrayContaining([path.join(".ci", "run"), ...binaries]));
  });

  for (const script of scripts) {
    it(`${script} passes shellcheck with no finding at any severity`, (ctx) => {
      if (missing) ctx.skip("shellcheck is not installed: see the failing check above");
      const run = spawnSync("shellcheck", ["--severity=style", "--format=gcc", script], { cwd: repoRoot, encoding: "utf8" });
      expect(`${run.stdout}${run.stderr}`).toBe("");
      expect(run.status).toBe(0);
    });
  }
});
