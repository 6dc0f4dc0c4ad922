import { describe, expect, it } from "vitest";
import type { LockedPackage } from "./package-lock.js";
import { lockDigest, lockMismatch, lockRows, parseIndex, parseInstalled, pinPreferences } from "./bootstrap-lock.js";

const sha = (c: string): string => c.repeat(64);
const locked: LockedPackage[] = [
  { name: "libc6", version: "2.36-9+deb12u14", architecture: "amd64", sha256: sha("a") },
  { name: "tzdata", version: "2025b-0+deb12u2", architecture: "all", sha256: sha("b") },
];
const installed = locked.map(({ name, version, architecture }) => ({ name, version, architecture }));
const index = new Map([
  ["libc6=2.36-9+deb12u14", sha("a")],
  ["tzdata=2025b-0+deb12u2", sha("b")],
]);
const file = "images/shared/bootstrap-bookworm.lock";

describe("the bootstrap's lock", () => {
  it("pins apt to each locked version, above 1000 so that it holds even against a newer one", () => {
    expect(pinPreferences(locked)).toBe(
      "Package: libc6\nPin: version 2.36-9+deb12u14\nPin-Priority: 1001\n\nPackage: tzdata\nPin: version 2025b-0+deb12u2\nPin-Priority: 1001\n",
    );
  });

  it("reads what dpkg installed and what the mirror's index says of each version", () => {
    const dpkg = "installed\tlibc6\t2.36-9+deb12u14\tamd64\nconfig-files\told\t1.0\tamd64\n";
    expect(parseInstalled(dpkg)).toEqual([installed[0]]);
    const shown = `Package: libc6\nVersion: 2.36-9+deb12u14\nArchitecture: amd64\nSHA256: ${sha("a")}\n\nPackage: tzdata\nVersion: 2025b-0+deb12u2\nSHA256: ${sha("b")}\n`;
    expect(parseIndex(shown)).toEqual(index);
    expect(lockRows(installed, index)).toEqual(locked);
    expect(() => lockRows(installed, new Map())).toThrow("libc6 2.36-9+deb12u14 is installed but not in the mirror's index");
  });

  it("takes a bootstrap that is its lock", () => {
    expect(lockMismatch(locked, installed, index, file)).toBeUndefined();
  });

  it("refuses a locked version the mirror dropped in one line naming it, the refresh and the snapshot variable", () => {
    const dropped = new Map([...index].filter(([key]) => !key.startsWith("libc6=")));
    expect(lockMismatch(locked, installed, dropped, file)).toBe(
      "libc6 2.36-9+deb12u14 is no longer on the Debian mirror: run npm run lock to refresh images/shared/bootstrap-bookworm.lock, or set TINY_DEBIAN_SNAPSHOT to a snapshot that has it",
    );
  });

  it("refuses another .deb under a locked version", () => {
    const other = new Map([...index, ["tzdata=2025b-0+deb12u2", sha("c")]]);
    expect(lockMismatch(locked, installed, other, file)).toMatch(
      /^tzdata 2025b-0\+deb12u2: the mirror's .deb has sha256 c{64}, .* says b{64}: run npm run lock/,
    );
  });

  it("refuses an installed set that is not the locked one, naming the first package that differs", () => {
    const newer = [{ ...installed[0]!, version: "2.36-9+deb12u15" }, installed[1]!];
    expect(lockMismatch(locked, newer, index, file)).toBe(
      `the bootstrap installed libc6 2.36-9+deb12u15 amd64, which ${file} does not lock: run npm run lock`,
    );
    expect(lockMismatch(locked, [installed[0]!], index, file)).toBe(
      `the bootstrap did not install tzdata 2025b-0+deb12u2 all, which ${file} locks: run npm run lock`,
    );
  });

  it("labels a bootstrap by its rows and epoch, whatever their order", () => {
    const epoch = new Date("2026-12-06T00:00:00Z");
    expect(lockDigest(locked, epoch)).toBe(lockDigest([...locked].reverse(), epoch));
    expect(lockDigest(locked, epoch)).not.toBe(lockDigest(locked, new Date("2026-12-07T00:00:00Z")));
    expect(lockDigest(locked, epoch)).not.toBe(lockDigest(locked.slice(1), epoch));
  });
});
