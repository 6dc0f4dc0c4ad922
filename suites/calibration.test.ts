// `npm run bench -- --calibrate` for real, short: the known work sized on
// this machine, then the PHP page of one image against itself, then against
// a copy doing 5% more CPU work per request. At this length the figures are
// too few to resolve 5%; what must hold is a whole, sane calibration file
// that later reports can quote.
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

  it("sizes the known work on this machine: iterations that cost 5% of the page's CPU per request", () => {
    const { sizing, knownLoss } = calibration;
    expect(knownLoss).toBe(0.05);
    expect(sizing.pageUs).toBeGreaterThan(10);
    expect(sizing.usPerIteration).toBeGreaterThan(0);
    expect(sizing.iterations).toBeGreaterThan(0);
    expect((sizing.iterations * sizing.usPerIteration) / sizing.pageUs).toBeCloseTo(0.05, 2);
  });

  it("calibrates CPU per request and throughput, pairing every burst of one side with one of the other, in both runs", () => {
    expect(calibration.settings).toMatchObject({ rounds: 1, durationSeconds: 4, burstSeconds: 1 });
    expect(calibration.figures.map((f) => f.figure)).toEqual(["loads.php.cpuUs", "loads.php.perSec"]);
    for (const f of calibration.figures) {
      for (const result of [f.sameImage, f.knownWork]) {
        expect(result.n).toBe(4);
        expect(result.tiny).toHaveLength(4);
        expect(result.original).toHaveLength(4);
        expect(result.low).toBeGreaterThan(0);
        expect(result.low).toBeLessThanOrEqual(result.ratio);
        expect(result.ratio).toBeLessThanOrEqual(result.high);
        // 4 pairs are too few for a 95% interval: no claim may come from them.
        expect(result.detected).toBe(false);
      }
    }
  });

  it("says in plain words what it found", () => {
    expect(stdout).toMatch(/^ {2}PHP page CPU per request: t = ±\d+% /m);
    expect(stdout).toMatch(/^ {4}same image on both sides: .*\(95% CI .* 4 pairs\)/m);
    expect(stdout).toMatch(/^ {4}one side doing 5% more work per request \(\d+ loop iterations of [\d.]+ µs on a page of [\d.]+ µs\): /m);
    // 4 pairs: too few for a 95% interval, and said so.
    expect(stdout).toMatch(/too few pairs for a 95% interval: nothing claimed/);
  });
});
