// `npm run bench` for real, short: one round of one-second load runs over
// every flavor this run can build. The figures are noisy at that length;
// what must hold is that a whole report is written and that it is sane.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { flavors, image as declared, imageNames, imageTag, isService, repoRoot } from "../src/catalog.js";
import { ownerLabel } from "../src/run/cleanup.js";
import { containerEvents } from "./support/events.js";
import { pairs } from "../src/plan.js";
import { schemaVersion, type BenchReport, type FlavorReport } from "../src/report/schema.js";
import { defaults } from "../src/bench/options.js";

const run = promisify(execFile);
const cli = path.join(repoRoot, "src/bench/cli.ts");
const bench = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  // Shorter than the hook's timeout, so the command is killed (and cleans up
  // after itself) before vitest gives up on the hook.
  run(process.execPath, ["--import", "tsx", cli, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    timeout: 14 * 60_000,
    killSignal: "SIGINT",
  });

/** The images of the containers the run of process `owner` started since `since` (seconds). */
const containersStarted = (owner: number, since: number): Promise<string[]> =>
  containerEvents({ since, event: "start", label: `${ownerLabel}=${owner}` });

describe("npm run bench", () => {
  let out: string;
  let report: BenchReport;
  let stdout: string;
  let stderr: string;
  let fullRun: { owner: number; since: number };
  const status = inject("imageStatus");
  const requested = flavors.filter((f) => imageNames.some((name) => status[name]?.[f.name] !== undefined));
  const flavorList = requested.map((f) => f.name).join(",");

  beforeAll(async () => {
    out = await mkdtemp(path.join(tmpdir(), "tiny-bench-"));
    const since = Math.floor(Date.now() / 1000);
    const running = bench(["--duration", "1", "--rounds", "1", "--flavors", flavorList, "--out", out]);
    fullRun = { owner: running.child.pid!, since };
    ({ stdout, stderr } = await running);
    report = JSON.parse(await readFile(path.join(out, "latest.json"), "utf8")) as BenchReport;
  }, 15 * 60_000);
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  const measured = (): Array<{ image: string; flavor: FlavorReport }> =>
    report.images.flatMap((i) => i.flavors.map((flavor) => ({ image: i.name, flavor })));
  const measuredPairs = (): Array<{ image: string; tiny: FlavorReport; original: FlavorReport }> =>
    report.images.flatMap((i) =>
      pairs.flatMap((pair) => {
        const [tiny, original] = [pair.tiny, pair.original].map((name) => i.flavors.find((f) => f.flavor === name));
        return tiny && original ? [{ image: i.name, tiny, original }] : [];
      }),
    );

  it("writes latest.md, latest.json and one history file, and says where", async () => {
    expect(stdout).toMatch(/^report: .*latest\.md/m);
    expect(report.schemaVersion).toBe(schemaVersion);
    const markdown = await readFile(path.join(out, "latest.md"), "utf8");
    expect(markdown).toMatch(/^# Tiny vs original images, /);
    expect(markdown).toMatch(/^> \[!(NOTE|WARNING)\]$/m);
    expect(markdown).toMatch(/```mermaid\n%%\{init: .*\}%%\nxychart-beta horizontal\n/);
    expect(markdown).toContain("## Hardening");
    expect(await readdir(path.join(out, "history"))).toHaveLength(1);
    expect((await readdir(out)).filter((f) => f.includes(".tmp"))).toEqual([]);
  });

  it("measures every available image and flavor, and names the unavailable ones with a reason", () => {
    for (const name of imageNames) {
      for (const f of requested) {
        const state = status[name]?.[f.name];
        const entry = report.images.find((i) => i.name === name)?.flavors.find((x) => x.flavor === f.name);
        if (state?.available) expect(entry, `${name} [${f.name}]`).toBeDefined();
        else if (state) {
          expect(report.unavailable).toContainEqual({ image: name, flavor: f.name, reason: expect.any(String) as string });
        }
      }
    }
    expect(measured().length).toBeGreaterThan(0);
  });

  it("has sizes above zero, compressed below uncompressed, and every tiny image below its original", () => {
    for (const { image, flavor } of measured()) {
      expect(flavor.size.bytes, `${image} [${flavor.flavor}]`).toBeGreaterThan(0);
      expect(flavor.size.compressedBytes).toBeGreaterThan(0);
      expect(flavor.size.compressedBytes).toBeLessThan(flavor.size.bytes);
      expect(flavor.size.files).toBeGreaterThan(0);
    }
    expect(measuredPairs().length).toBeGreaterThan(0);
    for (const { image, tiny, original } of measuredPairs()) {
      expect(tiny.size.bytes, `${image}: ${tiny.flavor} vs ${original.flavor}`).toBeLessThan(original.size.bytes);
    }
  });

  it("knows where each image's bytes are: its layers add up to Docker's size, and each tiny flavor is compared with its original", () => {
    for (const { image, flavor } of measured()) {
      const what = `${image} [${flavor.flavor}]`;
      const bytes = flavor.bytes!;
      expect(bytes, what).toBeDefined();
      const layers = bytes.layers.reduce((sum, l) => sum + l.bytes, 0);
      expect(bytes.bytes + bytes.hiddenBytes, what).toBe(layers);
      expect(bytes.layers.length, what).toBe(flavor.size.layers);
      // Docker also counts what no regular file is (symlinks' targets, for one): within 1%.
      expect(Math.abs(layers - flavor.size.bytes) / flavor.size.bytes, what).toBeLessThan(0.01);
      expect(bytes.largestFiles.length, what).toBeGreaterThan(0);
    }
    for (const { image, tiny, original } of measuredPairs()) {
      expect(tiny.bytes?.vsPair?.pair, image).toBe(original.flavor);
      expect(tiny.bytes!.vsPair!.folders.length, image).toBeGreaterThan(0);
    }
  });

  it("has the software's version, a start-up time, requests/s and queries/s above zero, and no errors on healthy images", () => {
    for (const { image, flavor } of measured()) {
      const what = `${image} [${flavor.flavor}]`;
      if (isService(image)) {
        expect(flavor.startup?.medianMs, what).toBeGreaterThan(0);
        expect(flavor.memory?.idleBytes, what).toBeGreaterThan(0);
      }
      // What each image's software says it is: its declaration's `software`.
      const software = declared(image).software;
      if (software) expect(flavor.software, what).toMatch(software);
      else expect(flavor.software, what).toBeUndefined();
      // Every load its image declares, whatever its kind: answers, and none failed.
      for (const name of Object.keys(declared(image).loads ?? {})) {
        const load = flavor.loads?.[name];
        expect(load?.perSec, `${what} ${name}`).toBeGreaterThan(0);
        expect({ failures: load?.failures, kinds: load?.failureKinds }, `${what} ${name}`).toEqual({
          failures: 0,
          kinds: load?.failureKinds && Object.fromEntries(Object.keys(load.failureKinds).map((k) => [k, 0])),
        });
      }
    }
  });

  it("measures each pair in paired bursts: as many values on each side, on CPUs apart from the load generator's", () => {
    expect(report.settings.burstSeconds).toBe(defaults.burstSeconds);
    for (const { image, tiny, original } of measuredPairs()) {
      const [main] = Object.keys(declared(image).loads ?? {});
      if (!main) continue;
      const sides = [tiny, original].map((f) => f.loads?.[main]?.values);
      expect(sides[0]?.length, `${image}: ${tiny.flavor}`).toBeGreaterThan(0);
      expect(sides[0]?.length, `${image}: ${tiny.flavor} vs ${original.flavor}`).toBe(sides[1]?.length);
    }
  });

  it("reads the CPU each burst cost per answer, paired like the throughput, and its user and system parts: the server's, or a client's own", () => {
    for (const { image, flavor } of measured()) {
      for (const name of Object.keys(declared(image).loads ?? {})) {
        const what = `${image} [${flavor.flavor}] ${name}`;
        const load = flavor.loads?.[name];
        const { cpuUs, userUs, systemUs } = load?.perAnswer ?? {};
        expect(cpuUs?.values.length, what).toBe(load?.values?.length);
        // A server answers a request in microseconds to milliseconds of CPU: not zero, not seconds.
        for (const us of cpuUs!.values) expect(us, what).toBeGreaterThan(1);
        for (const us of cpuUs!.values) expect(us, what).toBeLessThan(100_000);
        // The split is the ticks' shares of each burst's exact total, over the bursts a tick fell in: at least half.
        // A light client may see fewer, and then has no split at all; a loaded server always has one.
        if (load?.kind === "client" && userUs === undefined && systemUs === undefined) continue;
        const bursts = cpuUs!.values.length;
        for (const part of [userUs, systemUs]) {
          expect(part?.values.length, what).toBeGreaterThanOrEqual(bursts / 2);
          expect(part!.values.length, what).toBeLessThanOrEqual(bursts);
          // Each part is a share of its burst's total: never below zero, never above the highest burst's total.
          for (const us of part!.values) expect(us, what).toBeGreaterThanOrEqual(0);
          for (const us of part!.values) expect(us, what).toBeLessThanOrEqual(Math.max(...cpuUs!.values) + 0.01);
        }
      }
    }
    if (cpus().length >= 2) expect(report.settings.isolation).toEqual({ server: expect.any(String) as string, generator: "0" });
  });

  it("says each step in the log, off a terminal too: how far along, and how long the step before took", () => {
    const steps = stderr.split("\n").filter((l) => /^\[bench \d+\/\d+ · /.test(l));
    expect(steps.length).toBeGreaterThan(2);
    expect(steps.slice(1).every((l) => l.includes("· last step "))).toBe(true);
    expect(stderr).toMatch(/^\[bench \S+\] done; last step \S+$/m);
  });

  it("with --only size, measures sizes in seconds without starting a container", async () => {
    const sizes = path.join(out, "sizes");
    const since = Math.floor(Date.now() / 1000);
    const running = bench(["--only", "size", "--flavors", flavorList, "--out", sizes]);
    const owner = running.child.pid!;
    await running;
    expect(await containersStarted(owner, since)).toEqual([]);
    // The control: the same question finds the full run's containers.
    expect(await containersStarted(fullRun.owner, fullRun.since)).not.toEqual([]);
    const sized = JSON.parse(await readFile(path.join(sizes, "latest.json"), "utf8")) as BenchReport;
    expect(sized.settings.sizeOnly).toBe(true);
    const flavorsMeasured = sized.images.flatMap((i) => i.flavors);
    expect(flavorsMeasured.length).toBe(measured().length);
    expect(flavorsMeasured.every((f) => f.size.bytes > 0 && f.startup === undefined && f.loads === undefined)).toBe(true);
  });

  it("with --fail-on budgets, exits 1 naming each broken budget, after writing the whole report", async () => {
    const strict = path.join(out, "strict");
    const budgets = path.join(out, "tight-budgets.json");
    await writeFile(budgets, JSON.stringify({ sizes: { base: { debian: { maxMB: 1 } } }, ratios: { base: { minTimesSmaller: 1000 } } }));
    const failure = (await bench(["--only", "size", "--images", "base", "--flavors", flavorList, "--fail-on", "budgets", "--out", strict], {
      TINY_BUDGETS: budgets,
    }).then(
      () => undefined,
      (error: unknown) => error,
    )) as { code?: number; stderr?: string } | undefined;
    expect(failure?.code).toBe(1);
    const lines = failure!.stderr!.split("\n").filter((l) => l.startsWith("bench: budget broken: "));
    // The run's tag: tiny/, or TINY_IMAGE_REPOSITORY's.
    const tag = imageTag("base", "debian").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^bench: budget broken: ${tag} size ≤ 1 MB: [\\d.]+ MB$`)));
    expect(await readdir(strict)).toEqual(expect.arrayContaining(["latest.md", "latest.json", "latest.junit.xml"]));
    expect(await readFile(path.join(strict, "latest.junit.xml"), "utf8")).toContain('<failure message="');
  });

  it("refuses a bad option with one line naming the valid values, exit code 2, and writes nothing", async () => {
    const elsewhere = path.join(out, "not-written");
    const failure = (await bench(["--flavors", "scratch,nope", "--out", elsewhere]).then(
      () => undefined,
      (error: unknown) => error,
    )) as { code?: number; stderr?: string } | undefined;
    expect(failure?.code).toBe(2);
    const lines = failure!.stderr!.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/nope.*valid flavors are alpine, centos, scratch, debian/);
    await expect(stat(elsewhere)).rejects.toMatchObject({ code: "ENOENT" });
  });
});
