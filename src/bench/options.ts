// `npm run bench` options: parsed, checked and defaulted in one place. Any
// mistake is one line that says what was wrong and what would be right.
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { flavorNames, imageNames, parseFlavorList, parseImageList, repoRoot, type FlavorName, type ImageName } from "../catalog.js";
import { engineLocation } from "../docker.js";
import { loadBudgets } from "../report/budgets.js";
import { parseFailOn, type FailOn } from "../evaluate/fail-on.js";
import { readSettings } from "../settings.js";

export interface BenchOptions {
  readonly images: readonly ImageName[];
  readonly flavors: readonly FlavorName[];
  /** Seconds of load per flavor, per load run (page, SQL mix), per round. */
  readonly durationSeconds: number;
  /** The length of each paired burst the round's load is cut into (bench/workloads/service.ts). */
  readonly burstSeconds: number;
  readonly rounds: number;
  /** Open connections of each load run (autocannon, the mysql2 pool, ab's -c). */
  readonly connections: number;
  readonly outDir: string;
  readonly strict: boolean;
  /** Let servers and load generators share every CPU instead of splitting them (bench/isolation.ts). */
  readonly sharedCpus: boolean;
  /** Measure this machine's resolution instead of the images (bench/calibrate.ts). */
  readonly calibrate: boolean;
  /** Sizes, contents and layers only: no container started, no load (seconds once images are built). */
  readonly sizeOnly: boolean;
  /** Build each reproducible flavor measured again from nothing and say whether its image ID came out the same. */
  readonly reproduce: boolean;
  /** An A/A run: each pair's original image runs on both sides, so any difference the page claims is a false one. */
  readonly sameImage?: boolean;
  /** What makes the run exit 1 once its report is written: broken budgets, regressions. */
  readonly failOn: readonly FailOn[];
}

function failOnList(text: string | undefined): FailOn[] {
  try {
    return parseFailOn(text);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A mistake in the command line: exit code 2, nothing written. */
export class UsageError extends Error {
  override name = "UsageError";
}

// Quarter-second bursts: 20 pairs per load and round, 60 at the defaults, in the seconds of load that 0.5 s bursts gave 30: on this machine's calibrations that narrowed the interval (docs/benchmark.md, Resolution).
export const defaults = { durationSeconds: 5, burstSeconds: 0.25, rounds: 3, connections: 16, outDir: "reports" } as const;

export const helpText = `Usage: npm run bench -- [options]

Builds what is missing, then measures every available image and flavor, each
tiny flavor beside its original, and writes <out>/latest.md, <out>/latest.json
and <out>/history/<time>.json.

Options:
  --images <a,b>      images to measure (default: TINY_IMAGES, else all): ${imageNames.join(", ")}
  --flavors <a,b>     flavors to measure (default: TINY_FLAVORS, else all): ${flavorNames.join(", ")}
  --duration <s>      seconds of load per flavor, per page or SQL mix, per round, 1-600 (default: ${defaults.durationSeconds})
  --burst <s>         cut that load into bursts of this many seconds, alternating between the
                      two flavors of a pair, 0.2-60 (default: ${defaults.burstSeconds}; a client image's burst sends
                      what its target answered in that time, or a second, during the warm-up)
  --rounds <n>        rounds, each flavor measured once per round, pairs interleaved, 1-50 (default: ${defaults.rounds})
  --connections <n>   connections of each load run, 1-256 (default: ${defaults.connections})
  --out <dir>         where the report goes (default: ${defaults.outDir}/)
  --strict            fail when a requested flavor can't be built here (default: TINY_STRICT)
  --shared-cpus       let the servers and the load generators share every CPU (default: servers
                      on the upper half of the CPUs, load generators on the lower half)
  --only size         build what is missing and measure sizes, contents and layers only: no
                      container is started and no load is run
  --same-image        an A/A run: every pair's original image on both sides of its pair (sizes stay
                      the flavors'), to measure how often the page claims a difference that isn't there
  --reproduce         once measured, build each tiny image made from a lock again from nothing
                      (no build cache) and report whether it got the same image ID (minutes an image)
  --fail-on <a,b>     exit 1, once the report is written, when a budget of budgets.json is broken
                      (budgets) or a figure regressed against its baseline (regressions);
                      one line per breach
  --calibrate         measure what difference this machine can tell apart: the page an image
                      declares for it (calibration in its image.ts) against itself, and against
                      a copy doing 5% more CPU work per request; writes
                      <out>/calibration.json, which later reports quote
  -h, --help          show this text

Progress goes to stderr, one line per step (in a CI log too); stdout gets
where the report is.`;

function wholeNumber(option: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`--${option} ${text}: use a whole number from ${min} to ${max}`);
  }
  return value;
}

function seconds(option: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || value < min || value > max) {
    throw new UsageError(`--${option} ${text}: use a number of seconds from ${min} to ${max}`);
  }
  return value;
}

const optionSpec = {
  images: { type: "string" },
  flavors: { type: "string" },
  duration: { type: "string" },
  burst: { type: "string" },
  "shared-cpus": { type: "boolean" },
  calibrate: { type: "boolean" },
  only: { type: "string" },
  reproduce: { type: "boolean" },
  "same-image": { type: "boolean" },
  "fail-on": { type: "string" },
  rounds: { type: "string" },
  connections: { type: "string" },
  out: { type: "string" },
  strict: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

function parseCommandLine(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], strict: true, allowPositionals: false, options: optionSpec });
  } catch (error) {
    // Node's message names the option; the rest of its text is noise here.
    const message = (error as Error).message.split(". ")[0];
    throw new UsageError(`${message}; see --help for the options`);
  }
}

/** The options, or "help"; throws UsageError on a mistake. */
export function parseBenchArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): BenchOptions | "help" {
  const parsed = parseCommandLine(argv);
  const { values } = parsed;
  if (values.help) return "help";
  let settings;
  try {
    settings = readSettings(env);
    // A DOCKER_HOST the harness can't use, or a broken budgets file, fails here, before anything is built.
    engineLocation(env);
    loadBudgets(settings.budgetsFile);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const list = <T>(parse: () => T): T => {
    try {
      return parse();
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  };
  if (values.out !== undefined && values.out.trim() === "") throw new UsageError("--out: give a directory");
  if (values.only !== undefined && values.only !== "size") throw new UsageError(`--only ${values.only}: the one choice is "size"`);
  if (values.only !== undefined && values.calibrate) throw new UsageError("--only size and --calibrate: choose one");
  return {
    images: values.images === undefined ? settings.images : list(() => parseImageList(values.images!, "--images")),
    flavors: values.flavors === undefined ? settings.flavors : list(() => parseFlavorList(values.flavors!, "--flavors")),
    durationSeconds: wholeNumber("duration", values.duration, defaults.durationSeconds, 1, 600),
    burstSeconds: seconds("burst", values.burst, defaults.burstSeconds, 0.2, 60),
    rounds: wholeNumber("rounds", values.rounds, defaults.rounds, 1, 50),
    connections: wholeNumber("connections", values.connections, defaults.connections, 1, 256),
    // npm runs scripts in the package's folder; a relative --out means where the user typed it.
    outDir: values.out === undefined ? path.join(repoRoot, defaults.outDir) : path.resolve(env.INIT_CWD ?? "", values.out),
    strict: values.strict ?? settings.strict,
    sharedCpus: values["shared-cpus"] ?? false,
    calibrate: values.calibrate ?? false,
    sizeOnly: values.only === "size",
    reproduce: values.reproduce ?? false,
    ...(values["same-image"] ? { sameImage: true } : {}),
    failOn: failOnList(values["fail-on"]),
  };
}

/**
 * Refuses an output folder the report could not be written to, before any
 * work: a probe file is written and removed, and a folder made for it is
 * removed again, so a check leaves nothing behind.
 */
export async function checkOutDir(outDir: string): Promise<void> {
  let created: string | undefined;
  try {
    created = await makeDirectories(path.resolve(outDir));
    const probe = path.join(outDir, `.bench-write-check-${process.pid}`);
    await writeFile(probe, "");
    await rm(probe);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`--out ${outDir}: can't write the report there (${reason}); give a folder you can write to`);
  } finally {
    if (created) await rm(created, { recursive: true, force: true });
  }
}

/**
 * mkdir -p, one level at a time: Node's recursive mkdir never returns for a
 * path under /proc. Returns the first folder it made, if it made any.
 */
async function makeDirectories(dir: string): Promise<string | undefined> {
  try {
    await mkdir(dir);
    return dir;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return undefined;
    if (code !== "ENOENT" || path.dirname(dir) === dir) throw error;
  }
  const first = await makeDirectories(path.dirname(dir));
  await mkdir(dir);
  return first ?? dir;
}
