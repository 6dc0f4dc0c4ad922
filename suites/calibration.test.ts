// `npm run bench -- --calibrate` for real, short: the PHP page of one image
// against itself, then against itself with 5% less CPU. At this length the
// figures are too few to resolve 5%; what must hold is a whole, sane
// calibration file that later reports can quote.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { repoRoot } from "../src/catalog.js";
import type { Calibration } from "../src/report/schema.js";

const run = promisify(execFile);
const cli = path.join(repoRoot, "src/bench/cli.ts");
const available = inject("imageStatus")["nginx-php"]?.debian?.available === true;

describe.skipIf(!available)("npm run bench -- --calibrate", () => {
  let out: string;
  let stdout: string;
  let calibration: Calibration;

  beforeAll(async () => {
    out = await mkdtemp(path.join(tmpdir(), "tiny-calibrate-"));
    const args = ["--import", "tsx", cli, "--calibrate", "--rounds", "1", "--duration", "4", "--burst", "1", "--out", out];
    ({ stdout } = await run(process.execPath, args, { cwd: repoRoot, timeout: 8 * 60_000, killSignal: "SIGINT" }));
    calibration = JSON.parse(await readFile(path.join(out, "calibration.json"), "utf8")) as Calibration;
  }, 9 * 60_000);
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it("pairs every burst of one side with one of the other, in both runs", () => {
    expect(calibration.settings).toMatchObject({ rounds: 1, durationSeconds: 4, burstSeconds: 1 });
    expect(calibration.sameImage.n).toBe(4);
    expect(calibration.slowed.n).toBe(4);
  });

  it("gives each median ratio inside its interval, and the loss the quota can cause, from the cores the server used", () => {
    for (const result of [calibration.sameImage, calibration.slowed]) {
      expect(result.low).toBeGreaterThan(0);
      expect(result.low).toBeLessThanOrEqual(result.ratio);
      expect(result.ratio).toBeLessThanOrEqual(result.high);
      // 4 pairs are too few for a 95% interval: no claim may come from them.
      expect(result.detected).toBe(false);
    }
    const { cpuQuota, serverCores, expectedLoss } = calibration.slowed;
    expect(cpuQuota).toBeGreaterThan(0);
    expect(serverCores?.full).toBeGreaterThan(0);
    expect(expectedLoss).toBeCloseTo(serverCores!.full > cpuQuota ? 1 - cpuQuota / serverCores!.full : 0, 10);
  });

  it("says in plain words what it found, and the resolution", () => {
    expect(stdout).toMatch(/^ {2}same image on both sides: .*\(95% CI .* 4 pairs\)/m);
    expect(stdout).toMatch(
      /^ {2}one side held to [\d.]+ cores \(server busy [\d.]+ cores without it, [\d.]+ with\), expected loss \d+(\.\d)?%: /m,
    );
    expect(stdout).toMatch(/^ {2}differences under \d+(\.\d)?% can't be told apart here/m);
  });
});
