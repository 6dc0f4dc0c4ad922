// The centos flavor's open-files limit, held without Docker: EL7's yum and rpm
// close every possible descriptor in a loop, which takes hours under an engine
// that hands containers a limit near 10^9 (moby/moby#23137). Each centos
// Dockerfile lowers it before yum or rpm, the harness's build of a centos image
// sets it, and the containers the harness starts of the pair carry theirs.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dockerfileOf, flavor, flavors, image, images, imagesDir, runNofile } from "../catalog.js";
import { nofileCeiling, nofileDefault } from "../image-declaration.js";
import { containerConfig, createOptions } from "../run/container.js";
import { buildOptions } from "./build-image.js";
import { parseDockerfile } from "./dockerfile.js";

/** yum, rpm and their helpers (yum-config-manager, rpmkeys) as commands, not as parts of a path (/etc/yum.repos.d). */
const packageTool = /(?:^|[\s;&|()])((?:yum|rpm)(?:-[\w-]+|db|keys)?)(?=[\s;&|()]|$)/;

/** Each RUN of a Dockerfile that calls yum or rpm with no `ulimit -n <limit>` before the call, as a sentence. */
function unlimitedPackageRuns(content: string, limit: number): string[] {
  const lowered = new RegExp(`(?:^|[\\s;&|(])ulimit\\s+(?:-[SH]*n[SH]*|-n)\\s+${limit}(?=[\\s;&|)]|$)`);
  return parseDockerfile(content)
    .instructions.filter((instruction) => instruction.keyword === "RUN")
    .flatMap((instruction) => {
      const text = instruction.json ? instruction.json.join(" ") : instruction.text;
      const call = packageTool.exec(text);
      if (!call) return [];
      const before = text.slice(0, call.index);
      return lowered.test(before) ? [] : [`line ${instruction.line}: ${call[1]} runs without \`ulimit -n ${limit}\` before it`];
    });
}

const centos = flavor("centos");
const buildLimit = centos.nofile?.build;

describe("the check for a centos RUN without the limit", () => {
  it("finds yum or rpm called before, or without, ulimit -n", () => {
    const dockerfile = [
      "FROM centos:7",
      "RUN yum install -y a && ulimit -n 1024",
      "RUN rpm --import /k",
      "RUN ulimit -n 1024 && yum-config-manager --enable x",
      'RUN ["sh", "-c", "yum install -y b"]',
      "RUN ulimit -n 4096; yum install -y c",
      "RUN rm -f /etc/yum.repos.d/*.repo && echo x >>/etc/yum.conf",
    ].join("\n");
    expect(unlimitedPackageRuns(dockerfile, 1024)).toEqual([
      "line 2: yum runs without `ulimit -n 1024` before it",
      "line 3: rpm runs without `ulimit -n 1024` before it",
      "line 5: yum runs without `ulimit -n 1024` before it",
      "line 6: yum runs without `ulimit -n 1024` before it",
    ]);
  });
});

describe("centos builds set their own open-files limit", () => {
  it("the catalog gives the centos flavor a build limit", () => {
    expect(buildLimit).toBe(1024);
  });

  for (const image of images.filter((i) => i.flavors.includes("centos"))) {
    const relative = dockerfileOf(image.name, "centos");
    it(`images/${relative}: every RUN that calls yum or rpm lowers the limit first`, () => {
      const content = readFileSync(path.join(imagesDir, relative), "utf8");
      expect(unlimitedPackageRuns(content, buildLimit!)).toEqual([]);
    });
  }

  const inputs = { tag: "t/base:x", files: [], buildArgs: {}, hash: "h" };
  it("the harness's build of a centos image passes the limit to every RUN step, JSON-encoded as the engine reads it", () => {
    const options = buildOptions("nginx-php", "centos", inputs);
    expect(JSON.parse(options.ulimits ?? "null")).toEqual([{ Name: "nofile", Soft: buildLimit, Hard: buildLimit }]);
  });

  it("other flavors' builds leave the limit to the engine", () => {
    for (const other of flavors.filter((f) => f.nofile?.build === undefined)) {
      expect(buildOptions("base", other.name, inputs).ulimits, other.name).toBeUndefined();
    }
  });
});

describe("containers of the alpine-centos pair run under one open-files limit", () => {
  it("both flavors of the pair set one, the same for every image, one any engine can grant (Linux's default hard limit, 4096, at most)", () => {
    expect(nofileCeiling).toBe(4096);
    for (const { name } of images) {
      const run = runNofile(name, "centos");
      expect(run, name).toBeGreaterThanOrEqual(1024);
      expect(run, name).toBeLessThanOrEqual(nofileCeiling);
      expect(runNofile(name, centos.pair), name).toBe(run);
    }
  });

  it("an image that declares none gets the default, Linux's default soft limit", () => {
    expect(nofileDefault).toBe(1024);
    for (const { name } of images.filter((i) => i.nofile === undefined)) expect(runNofile(name, "centos"), name).toBe(nofileDefault);
  });

  for (const name of ["centos", "alpine"] as const) {
    it(`${name} containers are created with their image's (Docker API and Testcontainers read the same config)`, () => {
      const config = containerConfig("mariadb", name, { owner: process.pid });
      const limit = image("mariadb").nofile;
      expect(limit).toBe(4096);
      expect(config.nofile).toBe(limit);
      expect(createOptions(config).HostConfig?.Ulimits).toEqual([{ Name: "nofile", Soft: limit, Hard: limit }]);
    });
  }

  it("scratch and debian containers keep the engine's default", () => {
    for (const name of ["scratch", "debian"] as const) {
      expect(createOptions(containerConfig("base", name, { owner: process.pid })).HostConfig?.Ulimits, name).toBeUndefined();
      expect(runNofile("mariadb", name), name).toBeUndefined();
    }
  });
});
