import { describe, expect, it } from "vitest";
import {
  canonicalPath,
  dependencyClosure,
  globToRegExp,
  parseDpkgStatus,
  parsePackageList,
  parseRules,
  ruleFor,
  unexplainedPaths,
} from "./package-parity.js";

const status = [
  "Package: mariadb-server\nStatus: install ok installed\nDepends: mariadb-client (>= 1:10.11), perl (>= 5.6), debconf (>= 0.5) | debconf-2.0, libc6 (>= 2.34)",
  "Package: mariadb-client\nStatus: install ok installed\nPre-Depends: libc6\nDepends: perl:any, libssl3 (>= 3.0.0)",
  "Package: perl\nStatus: install ok installed\nDepends: perl-base, libperl5.36",
  "Package: perl-base\nStatus: install ok installed",
  "Package: libperl5.36\nStatus: install ok installed",
  "Package: cdebconf\nStatus: install ok installed\nProvides: debconf-2.0",
  "Package: libc6\nStatus: install ok installed",
  "Package: libssl3\nStatus: install ok installed",
  "Package: removed\nStatus: deinstall ok config-files",
].join("\n\n");

describe("the lists", () => {
  it("reads rules with their reasons and rejects a line without one", () => {
    expect(parseRules("# why\npath /usr/share/doc/* documentation nobody reads\n\npackage perl no Perl here\n", "base")).toEqual([
      { kind: "path", pattern: "/usr/share/doc/*", reason: "documentation nobody reads", list: "base" },
      { kind: "package", pattern: "perl", reason: "no Perl here", list: "base" },
    ]);
    expect(() => parseRules("path /usr/bin/x\n", "ab")).toThrow(/ab\/exclusions\.txt: not a rule/);
    expect(() => parseRules("drop /usr/bin/x because\n", "ab")).toThrow(/not a rule/);
  });

  it("reads package names, one a line", () => {
    expect(parsePackageList("# comment\nnginx\n\ntini  # PID 1\n")).toEqual(["nginx", "tini"]);
  });
});

describe("dependencyClosure", () => {
  const db = parseDpkgStatus(status);

  it("knows installed packages only", () => {
    expect(db.has("removed")).toBe(false);
    expect(db.get("mariadb-client")!.depends).toEqual([["libc6"], ["perl"], ["libssl3"]]);
  });

  it("follows Depends and Pre-Depends, alternatives through Provides, and stops at excluded packages", () => {
    expect([...dependencyClosure(db, ["mariadb-server"], new Set(["perl"]))].sort()).toEqual([
      "cdebconf",
      "libc6",
      "libssl3",
      "mariadb-client",
      "mariadb-server",
    ]);
    expect(dependencyClosure(db, ["mariadb-server"], new Set())).toContain("libperl5.36");
  });
});

describe("rules and paths", () => {
  it("matches like the build: * crosses /, dots are dots", () => {
    expect(globToRegExp("/usr/share/doc/*").test("/usr/share/doc/libc6/copyright")).toBe(true);
    expect(globToRegExp("/usr/lib/*/libicudata.so.*.*").test("/usr/lib/x86_64-linux-gnu/libicudata.so.72.1")).toBe(true);
    expect(globToRegExp("/usr/lib/*/libicudata.so.*.*").test("/usr/lib/x86_64-linux-gnu/libicudata.so.72")).toBe(false);
    expect(globToRegExp("/usr/bin/a.b").test("/usr/bin/axb")).toBe(false);
  });

  it("lays dpkg's paths out /usr-merged", () => {
    expect(canonicalPath("/lib/x86_64-linux-gnu/libc.so.6")).toBe("/usr/lib/x86_64-linux-gnu/libc.so.6");
    expect(canonicalPath("/lib64")).toBe("/usr/lib64");
    expect(canonicalPath("/library/x")).toBe("/library/x");
  });

  it("lets the first matching rule decide, so a keep rule wins over a later path rule", () => {
    const rules = parseRules("keep /usr/share/doc/*/copyright licences\npath /usr/share/doc/* docs\n", "base");
    expect(ruleFor("/usr/share/doc/tzdata/copyright", rules)?.kind).toBe("keep");
    expect(ruleFor("/usr/share/doc/tzdata/changelog.gz", rules)?.kind).toBe("path");
  });
});

describe("unexplainedPaths", () => {
  const original = new Map([
    ["usr/bin/mariadb-admin", { type: "file" }],
    ["usr/bin/mysqladmin", { type: "symlink", linkname: "mariadb-admin" }],
    ["usr/bin/mariadb", { type: "file" }],
    ["usr/lib/mysql/plugin/ha_archive.so", { type: "file" }],
    ["usr/share/doc/mariadb-server/copyright", { type: "file" }],
  ]);
  const fileLists = new Map([
    [
      "mariadb-server",
      [
        "/.",
        "/usr/bin/mariadb-admin",
        "/usr/bin/mysqladmin",
        "/usr/bin/mariadb",
        "/usr/lib/mysql/plugin/ha_archive.so",
        "/usr/share/doc/mariadb-server/copyright",
        "/usr/share/man/man1/mariadb.1.gz",
      ],
    ],
  ]);
  const rules = parseRules("path /usr/bin/mariadb-admin SQL does it\nkeep /usr/share/doc/*/copyright licences\n", "mariadb");

  it("names what is missing with no rule; a symlink to an excluded file and a file slim never installed are explained", () => {
    const tiny = new Set(["usr/bin/mariadb"]);
    expect(unexplainedPaths({ packages: new Set(["mariadb-server"]), fileLists, original, tiny, rules })).toEqual([
      "/usr/lib/mysql/plugin/ha_archive.so",
      "/usr/share/doc/mariadb-server/copyright",
    ]);
  });

  it("is empty when the tiny image has the rest", () => {
    const tiny = new Set(["usr/bin/mariadb", "usr/lib/mysql/plugin/ha_archive.so", "usr/share/doc/mariadb-server/copyright"]);
    expect(unexplainedPaths({ packages: new Set(["mariadb-server"]), fileLists, original, tiny, rules })).toEqual([]);
  });
});
