// TINY_DEBIAN_SNAPSHOT from the variable to what installs from it, without
// a download: snapshot.debian.org is not reachable from every machine.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { imagesDir } from "../catalog.js";
import { snapshotBuildArgs } from "../image-build/build-image.js";
import { readSettings } from "../settings.js";
import { mmdebstrapArgs } from "./bootstrap-debian.js";
import { snapshotSources } from "./debian-snapshot.js";

const snapshot = "https://snapshot.debian.org/archive/debian/20261206T000000Z";
const sources = [
  `deb [check-valid-until=no] ${snapshot} bookworm main`,
  `deb [check-valid-until=no] ${snapshot} bookworm-updates main`,
  "deb [check-valid-until=no] https://snapshot.debian.org/archive/debian-security/20261206T000000Z bookworm-security main",
];

describe("TINY_DEBIAN_SNAPSHOT", () => {
  it("takes a snapshot of the Debian archive by its time, and refuses anything else in one line", () => {
    expect(readSettings({}).debianSnapshot).toBeUndefined();
    expect(readSettings({ TINY_DEBIAN_SNAPSHOT: `${snapshot}/` }).debianSnapshot).toBe(snapshot);
    expect(() => readSettings({ TINY_DEBIAN_SNAPSHOT: "https://deb.debian.org/debian" })).toThrow(
      "TINY_DEBIAN_SNAPSHOT=https://deb.debian.org/debian: give a snapshot of the Debian archive by its time, e.g. https://snapshot.debian.org/archive/debian/20261206T000000Z",
    );
  });

  it("is the suite, its updates and its security updates of that moment", () => {
    expect(snapshotSources(snapshot, "bookworm")).toEqual(sources);
  });

  it("is what the bootstrap installs from, in place of the mirror", () => {
    const args = mmdebstrapArgs("bookworm", "/tmp/out.tar", "/tmp/work", { mirror: "http://mirror.example/debian", snapshot });
    expect(args.slice(-4)).toEqual(["/tmp/out.tar", ...sources]);
    expect(mmdebstrapArgs("bookworm", "/tmp/out.tar", "/tmp/work", { mirror: "http://mirror.example/debian" }).at(-1)).toBe(
      "http://mirror.example/debian",
    );
  });

  it("is passed to a reproducible flavor's build stage, which declares it, and to no other", () => {
    expect(snapshotBuildArgs("scratch", snapshot)).toEqual({ TINY_APT_SOURCES: sources.join("\n") });
    expect(snapshotBuildArgs("scratch", undefined)).toEqual({});
    expect(snapshotBuildArgs("debian", snapshot)).toEqual({});
    const stage = readFileSync(path.join(imagesDir, "shared/scratch-build.Dockerfile"), "utf8");
    expect(stage).toMatch(/^ARG TINY_APT_SOURCES$/m);
  });

  it("replaces the build stage's apt sources before apt-get update", () => {
    const script = readFileSync(path.join(imagesDir, "shared/rootfs/apt-install.sh"), "utf8");
    const replaced = script.indexOf(`printf '%s\\n' "$TINY_APT_SOURCES" >/etc/apt/sources.list`);
    expect(replaced).toBeGreaterThan(0);
    expect(replaced).toBeLessThan(script.indexOf("\napt-get update"));
  });
});
