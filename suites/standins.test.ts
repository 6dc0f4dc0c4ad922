// The alpine leg's path, tried as far as this machine allows. Alpine and
// CentOS can't be built here (no registry), so this suite builds STAND-INS:
// the debian flavor's nginx-php and mariadb, tagged as the centos flavor
// unchanged and as the alpine flavor with a few behaviours changed on
// purpose (a PHP ini setting, a missing locale, two MariaDB variables). Then
// it runs what the first real night runs for a pair of two distributions:
// the benchmark (sizes, the parity probes, one short round of load) on the
// stand-ins, the report's "What changes moving centos → alpine", and the
// merge of that run with the records of two failed jobs.
//
// THESE STAND-INS PROVE THE HARNESS, NOT THE ALPINE AND CENTOS IMAGES: the
// differences found are the ones planted here, and every figure is the
// debian image's. The stand-ins are tagged in a repository of their own
// (tiny-standin/*, never the suite run's or tiny/*) and removed afterwards.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import tar from "tar-stream";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { imageTag, repoRoot, type FlavorName, type ImageName } from "../src/catalog.js";
import { docker, followProgress } from "../src/docker.js";
import { generatorLog } from "../src/bench/generator-log.js";
import type { BenchOptions } from "../src/bench/options.js";
import { benchProgress } from "../src/bench/progress.js";
import { measureBench } from "../src/bench/run-bench.js";
import { writeJobOutcome } from "../src/store/job-outcome.js";
import type { BenchReport } from "../src/report/schema.js";
import { writeReport } from "../src/store/write-report.js";
import { statusOf, type RunPlan } from "../src/plan.js";
import { readSettings } from "../src/settings.js";

const run = promisify(execFile);
const standinRepository = "tiny-standin";
const images = ["nginx-php", "mariadb"] as const satisfies readonly ImageName[];
const pair = ["alpine", "centos"] as const satisfies readonly FlavorName[];

/** What each alpine stand-in changes on purpose, as a Dockerfile's lines after FROM its debian image. */
const planted: Record<(typeof images)[number], { readonly lines: readonly string[]; readonly user: string }> = {
  // A PHP ini setting, and glibc's C.UTF-8 locale gone (the probe's locale answers follow).
  "nginx-php": {
    user: "app",
    lines: [
      "RUN rm -rf /usr/lib/locale/C.utf8 && for d in /etc/php/*/fpm/conf.d; do echo 'memory_limit = 256M' >\"$d/99-standin.ini\"; done",
    ],
  },
  // Two server variables; tmpdir as Alpine's build sets it, max_allowed_packet as nobody does.
  mariadb: {
    user: "mysql",
    lines: ["RUN printf '[mysqld]\\nmax_allowed_packet = 32M\\ntmpdir = /var/tmp\\n' >/etc/mysql/mariadb.conf.d/zz-standin.cnf"],
  },
};

/** Builds a one-Dockerfile context through the engine's API. */
async function build(dockerfile: string, tag: string): Promise<void> {
  const pack = tar.pack();
  pack.entry({ name: "Dockerfile" }, dockerfile);
  pack.finalize();
  const engine = await docker();
  await followProgress(await engine.buildImage(pack as unknown as NodeJS.ReadableStream, { t: tag, rm: true, forcerm: true }));
}

/** Untags a stand-in (one that is the debian image under another name leaves that image alone). */
async function removeImage(tag: string): Promise<void> {
  const engine = await docker();
  await engine
    .getImage(tag)
    .remove()
    .catch(() => undefined);
}

/** Another name for an image, so its readings kept by image ID (sizes, layers) are reused. */
async function tagAs(source: string, tag: string): Promise<void> {
  const [repo, version] = tag.split(":") as [string, string];
  const engine = await docker();
  await engine.getImage(source).tag({ repo, tag: version });
}

/**
 * The stand-ins, tagged <standinRepository>/<image>:<flavor>, from the suite
 * run's own debian images: base and centos are those images under another
 * name, alpine is built FROM them with the planted changes.
 */
async function makeStandins(): Promise<string[]> {
  const tags: string[] = [];
  for (const name of ["base", ...images] as const) {
    const debian = imageTag(name, "debian");
    for (const flavor of pair) {
      const tag = `${standinRepository}/${name}:${flavor}`;
      tags.push(tag);
      if (name === "base" || flavor === "centos") await tagAs(debian, tag);
      else {
        const { lines, user } = planted[name];
        await build([`FROM ${debian}`, "LABEL tiny-docker-images.standin=alpine", "USER root", ...lines, `USER ${user}`].join("\n"), tag);
      }
    }
  }
  return tags;
}

const options = (outDir: string): BenchOptions => ({
  images,
  flavors: pair,
  durationSeconds: 1,
  burstSeconds: 1,
  rounds: 1,
  connections: 4,
  outDir,
  strict: false,
  sharedCpus: true,
  calibrate: false,
  sizeOnly: false,
  reproduce: false,
  failOn: [],
});

/** The bench, as the benchmark measures a pair once its images are built, on the stand-ins' tags. */
async function benchStandins(owner: number, outDir: string): Promise<BenchReport> {
  const previous = process.env.TINY_IMAGE_REPOSITORY;
  process.env.TINY_IMAGE_REPOSITORY = standinRepository;
  try {
    const status = Object.fromEntries(images.map((n) => [n, { alpine: { available: true }, centos: { available: true } }]));
    const plan: RunPlan = { available: new Map(images.map((n) => [n, [...pair]])), unavailable: [] };
    const context = {
      options: options(outDir),
      owner,
      status: status as never,
      generator: generatorLog(),
      cacheDir: readSettings().cacheDir,
    };
    return await measureBench(new Date(), plan, context, benchProgress());
  } finally {
    if (previous === undefined) delete process.env.TINY_IMAGE_REPOSITORY;
    else process.env.TINY_IMAGE_REPOSITORY = previous;
  }
}

const junitWithOneFailure = `<testsuites><testsuite name="suites/nginx-php.test.ts" tests="1" failures="1">
<testcase classname="suites/nginx-php.test.ts" name="nginx-php [alpine] &gt; a check that failed on purpose (stand-in)"><failure message="planted"/></testcase>
</testsuite></testsuites>`;

const needed = statusOf(inject("imageStatus"), ["base", ...images], "debian");
const skipWhy =
  needed === undefined
    ? "debian not requested (TINY_FLAVORS, TINY_IMAGES)"
    : needed.available
      ? undefined
      : `debian unavailable: ${needed.reason}`;

describe.skipIf(skipWhy !== undefined)(
  `the alpine leg's path on stand-ins (they prove the harness, not the images)${skipWhy ? `: ${skipWhy}` : ""}`,
  () => {
    let dir: string;
    let tags: string[] = [];
    let report: BenchReport;
    let merged: string;
    let mergeOutput: string;

    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), "tiny-standins-"));
      tags = await makeStandins();
      report = await benchStandins(inject("runOwner"), path.join(dir, "alpine-centos"));
      await writeReport(report, path.join(dir, "alpine-centos"));
      // This pair's job: its tests failed (one, planted), its benchmark ran.
      await writeFile(path.join(dir, "results.xml"), junitWithOneFailure);
      await writeJobOutcome({
        out: path.join(dir, "alpine-centos", "job.json"),
        flavors: "alpine,centos",
        steps: "tests=failure,benchmark=success,sizes=",
        junit: path.join(dir, "results.xml"),
      });
      // Another pair's job that failed before it measured anything: only its record reaches the merge.
      await writeJobOutcome({
        out: path.join(dir, "lost-job.json"),
        flavors: "scratch,debian",
        steps: "tests=failure,benchmark=failure,sizes=failure",
      });
      const out = path.join(dir, "merged");
      const { stdout } = await run(
        process.execPath,
        [
          "--import",
          "tsx",
          path.join(repoRoot, "src/store/cli.ts"),
          "--merge",
          path.join(dir, "alpine-centos", "latest.json"),
          path.join(dir, "alpine-centos", "job.json"),
          path.join(dir, "lost-job.json"),
          "--out",
          out,
        ],
        { cwd: repoRoot, timeout: 120_000 },
      );
      mergeOutput = stdout;
      merged = await readFile(path.join(out, "latest.md"), "utf8");
    }, 20 * 60_000);

    afterAll(async () => {
      for (const tag of tags) await removeImage(tag);
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    const behaviourOf = (name: ImageName) => report.images.find((i) => i.name === name)?.behaviour?.[0];

    it("the benchmark probes both stand-ins and finds the PHP differences planted, and no other but the missing locale's", () => {
      const php = behaviourOf("nginx-php")!;
      expect(php).toMatchObject({ tiny: "alpine", original: "centos", probe: "PHP" });
      expect(php.failed).toBeUndefined();
      expect(php.compared).toBeGreaterThan(100);
      const keys = php.differences.map((d) => d.key);
      expect(php.differences.find((d) => d.key === "runtime.ini.memory_limit")).toEqual({
        key: "runtime.ini.memory_limit",
        original: "128M",
        tiny: "256M",
      });
      expect(php.differences.find((d) => d.key === "locales.C.UTF-8")).toMatchObject({ original: "C.UTF-8", tiny: false });
      expect(
        keys.filter((k) => k !== "runtime.ini.memory_limit" && !k.startsWith("locales.")),
        "differences nobody planted",
      ).toEqual([]);
    });

    it("finds the MariaDB variables planted, the one with a known reason explained and linked", () => {
      const sql = behaviourOf("mariadb")!;
      expect(sql.failed).toBeUndefined();
      const variables = "server settings and the sys schema.variables";
      expect(sql.differences.map((d) => d.key).sort()).toEqual([`${variables}.max_packet`, `${variables}.tmpdir`]);
      expect(sql.differences.find((d) => d.key.endsWith("max_packet"))).toEqual({
        key: `${variables}.max_packet`,
        original: 16777216,
        tiny: 33554432,
      });
      const tmpdir = sql.differences.find((d) => d.key.endsWith("tmpdir"))!;
      expect(tmpdir).toMatchObject({ original: "/tmp", tiny: "/var/tmp" });
      expect(tmpdir.reason).toContain("-DTMPDIR=/var/tmp");
      expect(tmpdir.sources).toEqual(["https://gitlab.alpinelinux.org/alpine/aports/-/blob/master/main/mariadb/APKBUILD"]);
    });

    it("measures the stand-ins like any pair: sizes and the runtime figures of one round", () => {
      const flavorsOf = (name: ImageName) => report.images.find((i) => i.name === name)!.flavors;
      for (const name of images) {
        for (const f of flavorsOf(name)) {
          expect(f.tag, "measured on the stand-in's tag").toBe(`${standinRepository}/${name}:${f.flavor}`);
          expect(f.size.bytes).toBeGreaterThan(0);
          expect(f.startup?.samples).toBeGreaterThan(0);
        }
      }
    });

    it("the merged report shows the pair whose tests failed, its differences section, the headline's count, and the job that measured nothing", () => {
      expect(mergeOutput).toContain("1 runs merged with 2 job records");
      // Two explained: tmpdir, and translit, whose answer the missing locale changed and which
      // then gets musl's reason (meant for the real alpine): stand-ins prove the harness only.
      // Images in the catalog's order: parents, then services by name, then clients.
      expect(merged).toMatch(
        /\*\*Behaviour, centos → alpine:\*\* \d+ of \d+ probed behaviours differ \(mariadb 2 and nginx-php \d+\), 2 of them with a known reason/,
      );
      expect(merged).toContain("## What changes moving centos → alpine");
      expect(merged).toContain('| `runtime.ini.memory_limit` | `"128M"` | `"256M"` | not known yet |');
      expect(merged).toMatch(
        /\| `server settings and the sys schema\.variables\.tmpdir` \| `"\/tmp"` \| `"\/var\/tmp"` \| Alpine's build sets MariaDB's default tmpdir/,
      );
      expect(merged).toContain("## Jobs that failed");
      expect(merged).toMatch(/\| alpine vs centos \| \w+ \| \*\*failed\*\* \| passed \| not run \| sizes and the benchmark \|/);
      expect(merged).toMatch(
        /\| scratch vs debian \| \w+ \| \*\*failed\*\* \| \*\*failed\*\* \| \*\*failed\*\* \| nothing: no figures reached the merge \|/,
      );
      expect(merged).toContain("- `suites/nginx-php.test.ts > nginx-php [alpine] > a check that failed on purpose (stand-in)`");
    });
  },
);
