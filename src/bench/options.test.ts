import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkOutDir, parseBenchArgs, UsageError } from "./options.js";

describe("parseBenchArgs", () => {
  it("takes the defaults, and TINY_* where no option is given", () => {
    const options = parseBenchArgs([], { TINY_FLAVORS: "scratch,debian" });
    expect(options).toMatchObject({ durationSeconds: 5, rounds: 3, connections: 16, flavors: ["scratch", "debian"] });
  });

  it("refuses a mistake with one line naming what would be right", () => {
    expect(() => parseBenchArgs(["--rounds", "0"], {})).toThrow(new UsageError("--rounds 0: use a whole number from 1 to 50"));
    expect(() => parseBenchArgs(["--images", "nope"], {})).toThrow(/--images: unknown image nope; valid images are base/);
    expect(() => parseBenchArgs([], { TINY_STRICT: "yes" })).toThrow(new UsageError("TINY_STRICT=yes: use 1 or 0"));
    expect(() => parseBenchArgs(["--bogus"], {})).toThrow(/--bogus.*see --help/);
    expect(() => parseBenchArgs([], { DOCKER_HOST: "ssh://me@server" })).toThrow(UsageError);
    expect(() => parseBenchArgs(["--only", "speed"], {})).toThrow(new UsageError('--only speed: the one choice is "size"'));
    expect(() => parseBenchArgs(["--only", "size", "--calibrate"], {})).toThrow(new UsageError("--only size and --calibrate: choose one"));
  });

  it("takes --fail-on as a list of what breaks the run, and refuses anything else", () => {
    expect(parseBenchArgs(["--fail-on", "budgets,regressions"], {})).toMatchObject({ failOn: ["budgets", "regressions"] });
    expect(parseBenchArgs([], {})).toMatchObject({ failOn: [] });
    expect(() => parseBenchArgs(["--fail-on", "budget"], {})).toThrow(
      new UsageError('--fail-on budget: "budget" is not a choice; give budgets, regressions or both, comma-separated'),
    );
  });

  it("refuses a budgets file it can't use before any work, naming it", () => {
    expect(() => parseBenchArgs([], { TINY_BUDGETS: "/nonexistent/budgets.json" })).toThrow(
      new UsageError("/nonexistent/budgets.json: can't read the budgets (ENOENT)"),
    );
  });

  it("takes --only size as a run without containers", () => {
    expect(parseBenchArgs(["--only", "size"], {})).toMatchObject({ sizeOnly: true });
    expect(parseBenchArgs([], {})).toMatchObject({ sizeOnly: false });
  });

  it("takes --same-image as an A/A run and --reproduce as a rebuild check, neither by default", () => {
    expect(parseBenchArgs(["--same-image", "--reproduce"], {})).toMatchObject({ sameImage: true, reproduce: true });
    expect(parseBenchArgs([], {})).not.toHaveProperty("sameImage");
    expect(parseBenchArgs([], {})).toMatchObject({ reproduce: false });
  });
});

describe("checkOutDir", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "tiny-out-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("refuses a folder that can't be made or written, before any work", async () => {
    await expect(checkOutDir("/proc/nope")).rejects.toThrow(/^--out \/proc\/nope: can't write the report there \(\w+\)/);
    await writeFile(path.join(dir, "a-file"), "");
    await expect(checkOutDir(path.join(dir, "a-file", "reports"))).rejects.toBeInstanceOf(UsageError);
  });

  it("leaves nothing behind: no probe file, and no folder it made for the check", async () => {
    await checkOutDir(dir);
    expect(await readdir(dir)).toEqual([]);
    await checkOutDir(path.join(dir, "new", "reports"));
    expect(await readdir(dir)).toEqual([]);
    expect((await stat(dir)).isDirectory()).toBe(true);
  });
});
