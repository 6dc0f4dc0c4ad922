import { describe, expect, it } from "vitest";
import { leftOut, parseManifest } from "./exclusions.js";

const header =
  "# What nginx-php leaves out of its Debian packages: kind, pattern, files, bytes, whose rule, reason, packages reached only through it (tab-separated)";
const row = (...cells: string[]): string => cells.join("\t");

describe("parseManifest", () => {
  it("reads path and package rules, drops keep rules and the comment", () => {
    const text = [
      header,
      row("keep", "/usr/lib/*/gconv/*", "256", "8086702", "nginx-php", "PHP's iconv needs them", ""),
      row("path", "/usr/lib/*/libicudata.so.*.*", "1", "31262256", "nginx-php", "replaced by ICU's stub", ""),
      row("package", "systemd", "400", "12000000", "base", "the init system", "libkmod2, mount"),
      "",
    ].join("\n");
    expect(parseManifest(text, "nginx-php.tsv")).toEqual([
      {
        kind: "path",
        pattern: "/usr/lib/*/libicudata.so.*.*",
        files: 1,
        bytes: 31262256,
        rule: "nginx-php",
        reason: "replaced by ICU's stub",
      },
      {
        kind: "package",
        pattern: "systemd",
        files: 400,
        bytes: 12000000,
        rule: "base",
        reason: "the init system",
        alsoPackages: ["libkmod2", "mount"],
      },
    ]);
  });

  it("names the line it can't read instead of reporting a wrong figure", () => {
    expect(() => parseManifest([header, row("path", "/x", "one", "12", "base", "why", "")].join("\n"), "base.tsv")).toThrow(
      /^base\.tsv:2: not a manifest line/,
    );
    expect(() => parseManifest(row("drop", "/x", "1", "12", "base", "why", ""), "base.tsv")).toThrow(/base\.tsv:1/);
    expect(() => parseManifest(row("path", "/x", "1", "12", "base", "", ""), "base.tsv")).toThrow(/base\.tsv:1/);
  });
});

describe("leftOut", () => {
  it("merges every layer's manifest, largest first, a rule applied in two layers once, without rules that left nothing out", () => {
    const manifests = new Map([
      [
        "usr/share/tiny-docker-images/exclusions/base.tsv",
        [header, row("path", "/usr/share/zoneinfo/right/*", "598", "674790", "base", "leap seconds", "")].join("\n"),
      ],
      [
        "usr/share/tiny-docker-images/exclusions/mariadb.tsv",
        [
          row("path", "/usr/share/zoneinfo/right/*", "598", "600000", "base", "leap seconds", ""),
          row("path", "/usr/bin/aria_*", "5", "27376160", "mariadb", "offline tools", ""),
          row("path", "/usr/share/man/*", "0", "0", "base", "man pages", ""),
          row("path", "(symlinks to what is left out)", "12", "0", "mariadb", "links to left-out files", ""),
        ].join("\n"),
      ],
    ]);
    expect(leftOut(manifests).map((e) => [e.pattern, e.bytes])).toEqual([
      ["/usr/bin/aria_*", 27376160],
      ["/usr/share/zoneinfo/right/*", 674790],
      ["(symlinks to what is left out)", 0],
    ]);
  });
});
