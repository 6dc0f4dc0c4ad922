import { describe, expect, it } from "vitest";
import { lockedFor, parseLock, refreshLock, renderLockOf, type LockedPackage, type PackageLock } from "./package-lock.js";

const sha = (c: string): string => c.repeat(64);
const row = (name: string, version: string, architecture: string, c = "a"): LockedPackage => ({
  name,
  version,
  architecture,
  sha256: sha(c),
});
const epoch = new Date("2026-12-01T00:00:00Z");
const now = new Date("2026-12-06T23:50:00Z");
const amd64: PackageLock = { epoch, packages: [row("libc6", "2.36", "amd64"), row("tzdata", "2025a", "all")] };

describe("a lock's refresh", () => {
  it("leaves a lock whose packages did not move as it is, epoch included, so the images keep their IDs", () => {
    const refreshed = refreshLock(amd64, [row("tzdata", "2025a", "all"), row("libc6", "2.36", "amd64")], now);
    expect(refreshed).toEqual({ lock: amd64, changes: [], write: false });
  });

  it("dates a lock whose packages moved today, and says what moved", () => {
    const refreshed = refreshLock(amd64, [row("libc6", "2.37", "amd64", "b"), row("tzdata", "2025a", "all")], now);
    expect(refreshed.write).toBe(true);
    expect(refreshed.lock.epoch.toISOString()).toBe("2026-12-06T00:00:00.000Z");
    expect(refreshed.changes).toEqual(["~ libc6 2.36 -> 2.37"]);
  });

  it("keeps another architecture's rows, and the epoch, when it adds arm64's (TINY_PLATFORM)", () => {
    const refreshed = refreshLock(amd64, [row("libc6", "2.36", "arm64", "c"), row("tzdata", "2025a", "all")], now);
    expect(refreshed.lock.epoch).toEqual(epoch);
    expect(refreshed.changes).toEqual(["+ libc6 2.36"]);
    expect(lockedFor(refreshed.lock, "amd64")).toEqual(expect.arrayContaining([...amd64.packages]));
    expect(lockedFor(refreshed.lock, "amd64")).toHaveLength(2);
    expect(
      lockedFor(refreshed.lock, "arm64")
        .map((p) => `${p.name}:${p.architecture}`)
        .sort(),
    ).toEqual(["libc6:arm64", "tzdata:all"]);
  });

  it("dates it today when the new architecture brings an architecture-independent package the others install too", () => {
    const refreshed = refreshLock(
      amd64,
      [row("libc6", "2.36", "arm64", "c"), row("tzdata", "2025a", "all"), row("ucf", "3.0", "all")],
      now,
    );
    expect(refreshed.lock.epoch.toISOString()).toBe("2026-12-06T00:00:00.000Z");
  });

  it("reads back what it writes, whoever installs it", () => {
    const text = renderLockOf("the Debian bookworm bootstrap (mmdebstrap)", amd64);
    expect(text.split("\n")[0]).toBe(
      "# What the Debian bookworm bootstrap (mmdebstrap) installs, exactly: made by npm run lock, reviewed as a diff.",
    );
    expect(parseLock(text, "bootstrap-bookworm.lock")).toEqual(amd64);
  });
});
