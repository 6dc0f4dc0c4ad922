import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { imagesDir } from "../catalog.js";
import { parseDockerfile } from "./dockerfile.js";
import {
  expandPart,
  parseTemplate,
  regenerateCommand,
  renderScratchDockerfile,
  ScratchBuildError,
  scratchDockerfile,
  scratchImages,
  templateFile,
  templateValues,
} from "./scratch-build.js";

const template = readFileSync(templateFile, "utf8");
const end = "# scratch-build: end";
const minimal = (install: string, packages = ""): string =>
  [`# scratch-build: install${install}`, end, `# scratch-build: packages${packages}`, end, "", "FROM scratch", ""].join("\n");

describe("every scratch image's Dockerfile", () => {
  it("is found: the four images at least", () => {
    expect(scratchImages()).toEqual(expect.arrayContaining(["ab", "base", "mariadb", "nginx-php"]));
  });

  for (const image of scratchImages()) {
    it(`images/${image}/scratch.Dockerfile is what the shared build stage makes of it`, () => {
      const { current, rendered } = scratchDockerfile(image);
      expect(
        current,
        `images/${image}/scratch.Dockerfile is out of date with images/shared/scratch-build.Dockerfile: run ${regenerateCommand}`,
      ).toBe(rendered);
    });

    it(`images/${image}/scratch.Dockerfile copies no build stage by hand: copy-packages.sh and check-libs.sh run only in the shared parts`, () => {
      const text = readFileSync(path.join(imagesDir, image, "scratch.Dockerfile"), "utf8");
      const outside = text.replace(/^# scratch-build: (?!end).*\n[\s\S]*?^# scratch-build: end.*$/gm, "");
      expect(outside).not.toMatch(/copy-packages\.sh|check-libs\.sh|apt-install\.sh/);
    });
  }
});

describe("renderScratchDockerfile", () => {
  it("writes both parts for an image on a parent, and the result parses as one build stage and its image", () => {
    const text = renderScratchDockerfile(minimal(" on=base"), "demo", template, false);
    const parsed = parseDockerfile(text);
    expect(parsed.stages.map((s) => s.name ?? s.image)).toEqual(["base", "build", "scratch"]);
    expect(text).toContain("COPY demo/packages.txt demo/packages.lock demo/exclusions.txt /usr/local/lib/tiny-docker-images/demo/\n");
    expect(text).toContain("copy-packages.sh /rootfs demo /parent\n");
    expect(text).toContain("check-libs.sh /rootfs /parent\n");
  });

  it("is unchanged when rendered again", () => {
    const once = renderScratchDockerfile(minimal(" on=base build-only=binutils", " then=stub.sh"), "demo", template, true);
    expect(renderScratchDockerfile(once, "demo", template, true)).toBe(once);
  });

  it("replaces what stood between a request and its end line", () => {
    const stale = minimal(" on=base").replace(`install on=base\n${end}`, `install on=base\nRUN old\n${end}`);
    expect(renderScratchDockerfile(stale, "demo", template, false)).not.toContain("RUN old");
  });

  it("refuses a file that asks for no part, a part twice, or an unknown key, naming the line", () => {
    expect(() => renderScratchDockerfile("FROM scratch\n", "demo", template, false)).toThrow(/asks for the parts none/);
    expect(() => renderScratchDockerfile(minimal("", "").replace("packages", "install"), "demo", template, false)).toThrow(
      /install, install/,
    );
    expect(() => renderScratchDockerfile(minimal(" colour=red"), "demo", template, false)).toThrow(
      /demo\/scratch.Dockerfile:1: unknown key colour/,
    );
    expect(() => renderScratchDockerfile(minimal(" on=base", " on=base"), "demo", template, false)).toThrow(/:3: on is given twice/);
  });

  it("refuses a request with no end line, saying what to add", () => {
    expect(() => renderScratchDockerfile("# scratch-build: install\nFROM scratch\n", "demo", template, false)).toThrow(ScratchBuildError);
    expect(() => renderScratchDockerfile("# scratch-build: install\nFROM scratch\n", "demo", template, false)).toThrow(
      /no "# scratch-build: end" line/,
    );
  });
});

describe("templateValues", () => {
  it("an image FROM scratch with a parent's rules copies only its exclusions and tells copy-packages so", () => {
    const values = templateValues("ab", { "rules-of": "base" }, false);
    expect(values["parent-copy"]).toContain(
      "COPY --from=base /usr/share/tiny-docker-images/exclusions/ /parent/usr/share/tiny-docker-images/exclusions/",
    );
    expect(values["copy-env"]).toBe("PARENT_PROVIDES=no ");
    expect(values["check-parent"]).toBe("");
  });

  it("an image with no parent passes its extra packages after an empty parent", () => {
    const values = templateValues("base", { also: "busybox-static" }, true);
    expect(values["copy-args"]).toBe(' "" busybox-static');
    expect(values["install-also"]).toBe(" busybox-static");
    expect(values["parent-stage"]).toEqual([]);
    expect(values.lists).toBe("base/packages.txt base/packages.lock base/exclusions.txt base/postinst.txt");
  });

  it("build-only packages are installed, not copied", () => {
    const values = templateValues("x", { on: "base", "build-only": "binutils,make" }, false);
    expect(values["install-also"]).toBe(" binutils make");
    expect(values["copy-args"]).toBe(" /parent");
  });

  it("on and rules-of exclude each other", () => {
    expect(() => templateValues("x", { on: "base", "rules-of": "base" }, false)).toThrow(/exclude each other/);
  });
});

describe("template", () => {
  it("has the install and packages parts", () => {
    expect([...parseTemplate(template).keys()]).toEqual(["install", "packages"]);
  });

  it("a name alone on its line stands for its lines, none included; an unknown name is an error", () => {
    expect(expandPart(["A", "{{many}}", "{{none}}", "B {{one}}"], { many: ["x", "y"], none: [], one: "1" })).toEqual([
      "A",
      "x",
      "y",
      "B 1",
    ]);
    expect(() => expandPart(["{{nope}}"], {})).toThrow(/unknown \{\{nope\}\}/);
  });
});
