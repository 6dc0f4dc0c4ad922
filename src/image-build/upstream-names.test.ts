// The alpine and centos Dockerfiles and each image's upstream-names.json
// name the same packages, repositories and files: a name added, renamed or
// dropped in one and not the other fails here, so it shows up in review, not
// at night.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dockerfileOf, imageNames, images, imagesDir } from "../catalog.js";
import { argDeclarations, parseDockerfile } from "./dockerfile.js";
import { readUpstreamNames, upstreamNamesFile, type UpstreamName } from "./upstream-names.js";

const { names: upstreamNames, pairVersions } = readUpstreamNames(imagesDir, imageNames);

type PairFlavor = UpstreamName["flavor"];
const pairFlavors: readonly PairFlavor[] = ["alpine", "centos"];

/** The command that installs packages by name, per flavor. */
const installers: Record<PairFlavor, readonly string[]> = { alpine: ["apk", "add"], centos: ["yum", "install"] };

/**
 * The package names each `apk add` / `yum install` of a Dockerfile's RUN
 * instructions installs: the words after the command, up to the end of that
 * command (&&, ||, ;, |), options left out.
 */
function installedPackages(content: string, installer: readonly string[]): string[] {
  return parseDockerfile(content)
    .instructions.filter((instruction) => instruction.keyword === "RUN")
    .flatMap((instruction) => (instruction.json ? instruction.json.join(" ") : instruction.text).split(/&&|\|\||[;|]/))
    .map((command) => command.trim().split(/\s+/))
    .filter((words) => installer.every((word, i) => words[i] === word))
    .flatMap((words) => words.slice(installer.length).filter((word) => word !== "" && !word.startsWith("-")));
}

/** Every ARG a Dockerfile declares, with its default. */
const argDefaults = (content: string): Array<[name: string, value: string | undefined]> =>
  parseDockerfile(content)
    .instructions.filter((instruction) => instruction.keyword === "ARG")
    .flatMap(argDeclarations);

/** The http(s) defaults of a Dockerfile's ARGs: the repositories it fetches from unless told otherwise. */
const urlArgDefaults = (content: string): string[] =>
  argDefaults(content)
    .map(([, value]) => value)
    .filter((value): value is string => value !== undefined && /^https?:\/\//.test(value));

const read = (relative: string): string => readFileSync(path.join(imagesDir, relative), "utf8");
const listed = (flavorName: PairFlavor, kind: UpstreamName["kind"], dockerfile: string): string[] =>
  upstreamNames
    .filter((entry) => entry.flavor === flavorName && entry.kind === kind && entry.usedBy.includes(dockerfile))
    .map((entry) => entry.name)
    .sort();

describe("the package extraction", () => {
  it("takes the names after apk add or yum install, up to the end of that command, without options", () => {
    const dockerfile = [
      "FROM x:1",
      "RUN apk add --no-cache a b \\",
      "      c && ln -s a b",
      "RUN ulimit -n 1024 && yum install -y d e && yum clean all; apk add f",
      'RUN ["apk", "add", "g"]',
    ].join("\n");
    expect(installedPackages(dockerfile, installers.alpine)).toEqual(["a", "b", "c", "f", "g"]);
    expect(installedPackages(dockerfile, installers.centos)).toEqual(["d", "e"]);
  });
});

for (const flavorName of pairFlavors) {
  for (const image of images.filter((i) => i.flavors.includes(flavorName))) {
    const dockerfile = dockerfileOf(image.name, flavorName);
    describe(`images/${dockerfile}`, () => {
      it(`installs exactly the packages ${image.name}/${upstreamNamesFile} lists for it`, () => {
        const installed = [...new Set(installedPackages(read(dockerfile), installers[flavorName]))].sort();
        expect(installed).toEqual(listed(flavorName, "package", dockerfile));
      });

      it(`fetches from no repository ${image.name}/${upstreamNamesFile} doesn't list (its URL ARG defaults)`, () => {
        const repositories = listed(flavorName, "repository", dockerfile);
        expect(urlArgDefaults(read(dockerfile)).filter((url) => !repositories.includes(url))).toEqual([]);
      });
    });
  }
}

describe(`every image's ${upstreamNamesFile}`, () => {
  it("names, for every path and repository, files that still contain it", () => {
    const stale = upstreamNames
      .filter((entry) => entry.kind !== "package")
      .flatMap((entry) => entry.usedBy.filter((file) => !read(file).includes(entry.name)).map((file) => `${entry.name} in ${file}`));
    expect(stale).toEqual([]);
  });

  it("says where every name was verified", () => {
    const unverified = upstreamNames.filter((entry) => entry.verified.source.trim() === "").map((entry) => entry.name);
    expect(unverified).toEqual([]);
  });

  it("lists each name once per flavor and kind", () => {
    const keys = upstreamNames.map((entry) => `${entry.flavor} ${entry.kind} ${entry.name}`);
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
  });

  it("are found: every image made in alpine or centos has one", () => {
    const listing = new Set(upstreamNames.map((entry) => entry.image));
    const pairImages = images.filter((i) => pairFlavors.some((f) => i.flavors.includes(f))).map((i) => i.name);
    expect(pairImages.filter((name) => !listing.has(name))).toEqual([]);
  });
});

describe("readUpstreamNames", () => {
  const entry = { flavor: "alpine", kind: "package", name: "a", from: "Alpine main", usedBy: ["alpine.Dockerfile"] };

  /** Reads one image folder, "web", holding this file content; the error's message, or the names read. */
  async function readFolder(content: string): Promise<string | UpstreamName[]> {
    const dir = await mkdtemp(path.join(tmpdir(), "tiny-upstream-"));
    try {
      await mkdir(path.join(dir, "web"));
      await writeFile(path.join(dir, "web", upstreamNamesFile), content);
      return readUpstreamNames(dir, ["web", "none"]).names.slice();
    } catch (error) {
      return (error as Error).message;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  it("names each entry's image and makes its files relative to images/", async () => {
    const verified = { strength: "docs", source: "https://example.org/" };
    expect(await readFolder(JSON.stringify({ names: [{ ...entry, verified }] }))).toEqual([
      { ...entry, verified, image: "web", usedBy: ["web/alpine.Dockerfile"] },
    ]);
  });

  it("refuses a bad field in one line naming the file and the field", async () => {
    const names = [{ ...entry, flavor: "debian", verified: { strength: "hearsay", source: "" } }];
    expect(await readFolder(JSON.stringify({ names }))).toBe(
      [
        "images/web/upstream-names.json: names[0].flavor: one of alpine, centos",
        "images/web/upstream-names.json: names[0].verified.strength: one of recipe, docs, corroborated",
        "images/web/upstream-names.json: names[0].verified.source: where it was checked: a URL, or repository, path and commit",
      ].join("\n"),
    );
    expect(await readFolder("{ names: [")).toMatch(/^images\/web\/upstream-names\.json: not JSON: /);
  });
});

describe("the pair's versions", () => {
  const version = (component: string) => pairVersions.find((v) => v.component === component)!;

  it("MariaDB on centos is the version mariadb/centos.Dockerfile pins", () => {
    const pinned = argDefaults(read("mariadb/centos.Dockerfile")).find(([name]) => name === "MARIADB_VERSION")?.[1];
    expect(version("MariaDB").centos.version).toBe(pinned);
  });

  it("PHP is the minor both nginx-php Dockerfiles install (php83-* from apk, remi-php83)", () => {
    const minor = (v: string) => v.replace(".", "");
    expect(version("PHP").alpine.version).toBe(version("PHP").centos.version);
    expect(read("nginx-php/alpine.Dockerfile")).toContain(`php${minor(version("PHP").alpine.version)}-fpm`);
    expect(read("nginx-php/centos.Dockerfile")).toMatch(new RegExp(`for repo in safe php${minor(version("PHP").centos.version)};`));
  });
});
