// `npm run compare` on two images nobody here declared: two different web
// servers from Debian's packages (nginx-light and lighttpd) serving one page,
// built in this suite as fixtures (suites/fixtures/compare-*). One short run
// writes a whole report, the benchmark's page and JSON without budgets or
// history; every bad input is one line, no report, and nothing left on the
// engine.
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../src/catalog.js";
import { docker } from "../src/docker.js";
import type { BenchReport } from "../src/report/schema.js";
import { ownerLabel } from "../src/run/cleanup.js";
import { fixtureImage } from "./support/fixture-image.js";

interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The compare process's pid: what its containers, networks and volumes are labelled with. */
  readonly pid: number;
}

/** Runs the compare CLI as npm would, bounded in time. */
function compare(args: readonly string[], timeoutMs = 180_000): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "src/compare/cli.ts"), ...args], {
      cwd: repoRoot,
      env: { ...process.env, INIT_CWD: repoRoot },
      timeout: timeoutMs,
      killSignal: "SIGTERM",
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr, pid: child.pid! }));
  });
}

/** What the run of this pid left on the engine, by its labels. */
async function leftBehind(pid: number): Promise<number> {
  const engine = await docker();
  const filters = JSON.stringify({ label: [`${ownerLabel}=${pid}`] });
  const containers = await engine.listContainers({ all: true, filters });
  const networks = await engine.listNetworks({ filters });
  const volumes = (await engine.listVolumes({ filters })).Volumes ?? [];
  return containers.length + networks.length + volumes.length;
}

/** The lines compare said about itself (progress lines aside): a mistake is exactly one. */
const ownLines = (ran: Ran): string[] => ran.stderr.split("\n").filter((l) => l.startsWith("compare:"));

let original = "";
let candidate = "";
let skip: string | undefined;
let dir: string;

beforeAll(async () => {
  const [nginx, lighttpd] = [await fixtureImage("compare-nginx"), await fixtureImage("compare-lighttpd")];
  if ("skip" in nginx || "skip" in lighttpd) skip = "skip" in nginx ? nginx.skip : (lighttpd as { skip: string }).skip;
  else [original, candidate] = [nginx.tag, lighttpd.tag];
  dir = await mkdtemp(path.join(tmpdir(), "tiny-compare-"));
}, 10 * 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A short load: 8 pairs, enough for a 95% interval (6 are), not for a verdict anyone should act on. */
const shortLoad = ["--rounds", "1", "--duration", "2", "--burst", "0.25", "--connections", "4"];

describe("npm run compare on two web servers nobody here declared (nginx-light and lighttpd, one page)", () => {
  let ran: Ran;
  let report: BenchReport;
  let markdown: string;
  const out = (): string => path.join(dir, "good");

  beforeAll(async () => {
    if (skip) return;
    ran = await compare([original, candidate, "--port", "8080", "--http", "/index.html", "--out", out(), ...shortLoad]);
    if (ran.code === 0) {
      report = JSON.parse(await readFile(path.join(out(), "latest.json"), "utf8")) as BenchReport;
      markdown = await readFile(path.join(out(), "latest.md"), "utf8");
    }
  }, 5 * 60_000);

  it("writes a whole report and says where", ({ skip: skipTest }) => {
    if (skip) skipTest(skip);
    expect(ran.stderr).not.toContain("failed");
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^report: .*latest\.md \(figures: .*latest\.json\)\n$/);
  });

  it("measures the pair as a pair: the two references, sizes, contents, hardening, start-up, memory", ({ skip: skipTest }) => {
    if (skip) skipTest(skip);
    const [image] = report.images;
    expect(report.images).toHaveLength(1);
    expect(image!.flavors.map((f) => [f.flavor, f.role, f.tag])).toEqual(
      expect.arrayContaining([
        ["original", "original", original],
        ["candidate", "tiny", candidate],
      ]),
    );
    for (const f of image!.flavors) {
      expect(f.size.bytes).toBeGreaterThan(10_000_000);
      expect(f.size.compressedBytes).toBeGreaterThan(1_000_000);
      expect(f.size.layers).toBeGreaterThan(0);
      expect(f.size.files).toBeGreaterThan(100);
      expect(f.size.packages).toBeGreaterThan(10);
      expect(f.hardening).toBeDefined();
      expect(f.startup?.medianMs).toBeGreaterThan(0);
      expect(f.memory?.idleBytes).toBeGreaterThan(0);
    }
    expect(image!.flavors.find((f) => f.flavor === "candidate")!.bytes?.vsPair?.pair).toBe("original");
  });

  it("pairs CPU per answer burst by burst, with its user/system split, and throughput", ({ skip: skipTest }) => {
    if (skip) skipTest(skip);
    const loads = report.images[0]!.flavors.map((f) => f.loads!.http!);
    const [a, b] = loads.map((l) => l.perAnswer!.cpuUs!.values);
    // One round of 2 s in 0.25 s bursts: 8 bursts a side, each beside one of the other.
    expect(a).toHaveLength(8);
    expect(b).toHaveLength(a!.length);
    for (const l of loads) {
      expect(l.perSec).toBeGreaterThan(0);
      expect(l.failures).toBe(0);
      expect(l.perAnswer!.userUs).toBeDefined();
      expect(l.perAnswer!.systemUs).toBeDefined();
    }
    // The pair's verdict, from its 8 pairs: a 95% interval, or the difference it could not rule out.
    expect(markdown).toMatch(/\| GET \/index\.html CPU per request \(µs\) \| [\d.]+ \| [\d.]+ \| [^|]*(\d% to [−+]?[\d.]+%|too few)/);
    expect(markdown).toMatch(/\(8 bursts, \d+ starts\)/);
    expect(markdown).toMatch(/size \/ compressed.*\| [\d.]+ \/ [\d.]+ \|/);
  });

  it("has no budgets and keeps no history unless asked", async ({ skip: skipTest }) => {
    if (skip) skipTest(skip);
    expect(report).not.toHaveProperty("budgets");
    expect(report).not.toHaveProperty("comparison");
    expect(markdown).not.toMatch(/budgets\.json` are|budgets of budgets\.json/);
    expect(await readdir(out())).not.toContain("history");
  });

  it("leaves nothing behind", async ({ skip: skipTest }) => {
    if (skip) skipTest(skip);
    expect(await leftBehind(ran.pid)).toBe(0);
  });
});

describe("npm run compare refuses bad input in one line, writing nothing and leaving nothing", () => {
  const cases: { what: string; args: () => string[]; says: RegExp; code: number }[] = [
    {
      what: "an image not present",
      args: () => ["tiny-fixture/compare-absent:none", candidate, "--port", "8080", "--http", "/index.html"],
      says: /tiny-fixture\/compare-absent:none: no such image in the local engine/,
      code: 1,
    },
    {
      what: "a port that never answers",
      args: () => [original, candidate, "--port", "9999", "--http", "/index.html", "--ready-timeout", "3"],
      says: /not ready within 3 s: GET \/index\.html on port 9999 never answered 2xx/,
      code: 1,
    },
    {
      what: "a path that gives 404",
      args: () => [original, candidate, "--port", "8080", "--http", "/missing.html"],
      says: /GET \/missing\.html on port 8080 answered 404/,
      code: 1,
    },
    {
      what: "a port missing",
      args: () => [original, candidate, "--http", "/index.html"],
      says: /--port: say which container port/,
      code: 2,
    },
  ];

  for (const c of cases) {
    it(`${c.what}`, async ({ skip: skipTest }) => {
      if (skip) skipTest(skip);
      const out = path.join(dir, c.what.replace(/\W+/g, "-"));
      const ran = await compare([...c.args(), "--out", out, ...shortLoad]);
      expect(ran.code).toBe(c.code);
      expect(ownLines(ran)).toHaveLength(1);
      expect(ownLines(ran)[0]).toMatch(c.says);
      expect(await readdir(out).catch(() => [])).toEqual([]);
      expect(await leftBehind(ran.pid)).toBe(0);
    }, 120_000);
  }

  it("a container that exits at start: its last lines", async ({ skip: skipTest }) => {
    if (skip) skipTest(skip);
    const declared = path.join(dir, "exits.ts");
    await writeFile(declared, `export default { command: ["sh", "-c", "echo 'bad config: no such site' >&2; exit 3"] };\n`);
    const out = path.join(dir, "exits");
    const ran = await compare([original, candidate, "--port", "8080", "--http", "/index.html", "--declare", declared, "--out", out]);
    expect(ran.code).toBe(1);
    expect(ownLines(ran)).toHaveLength(1);
    expect(ownLines(ran)[0]).toMatch(/exited before it was ready.*its last output: bad config: no such site/);
    expect(await readdir(out).catch(() => [])).toEqual([]);
    expect(await leftBehind(ran.pid)).toBe(0);
  }, 120_000);

  it("a folder holding a report file it didn't write: refused, the file untouched", async ({ skip: skipTest }) => {
    if (skip) skipTest(skip);
    const out = path.join(dir, "someone-elses");
    await rm(out, { recursive: true, force: true });
    await mkdir(out);
    await writeFile(path.join(out, "latest.md"), "mine\n");
    const ran = await compare([original, candidate, "--port", "8080", "--http", "/index.html", "--out", out]);
    expect(ran.code).toBe(2);
    expect(ownLines(ran)[0]).toMatch(/latest\.md was not written by a report of this harness/);
    expect(await readFile(path.join(out, "latest.md"), "utf8")).toBe("mine\n");
    expect(await readdir(out)).toEqual(["latest.md"]);
  }, 60_000);
});
