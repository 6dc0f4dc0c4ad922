// How a nightly CI job went, recorded by the job itself (npm run report --
// --job) so the merge can show a pair whose tests failed instead of leaving
// it out: its flavors, its machine, each step's outcome as GitHub Actions
// gave it, and the tests that failed, read from its JUnit results. The file
// sits beside the job's latest.json (when there is one) and is given to the
// merge with it.
import { readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import { parseFlavorList } from "../catalog.js";
import type { JobOutcome, StepOutcome } from "../report/schema.js";

/** Marks a job's file, so the merge tells it from a report. */
const marker = "tiny-docker-images job outcome";

/** Failed tests named in the file and the report; the count says how many there were. */
const maxNamed = 20;

const outcomes: readonly StepOutcome[] = ["success", "failure", "cancelled", "skipped"];

/** "tests=failure,benchmark=success,sizes=" → each step's outcome; GitHub gives "" for a step that never ran. */
export function parseSteps(text: string): Record<string, StepOutcome> {
  const steps: Record<string, StepOutcome> = {};
  for (const part of text.split(",").filter((p) => p.trim() !== "")) {
    const [name, value = ""] = part.split("=").map((s) => s.trim());
    const outcome = value === "" ? "skipped" : value;
    if (!name || !outcomes.includes(outcome as StepOutcome)) {
      throw new Error(`--steps: ${part} is not <step>=<outcome>, the outcome one of ${outcomes.join(", ")} or empty`);
    }
    steps[name] = outcome as StepOutcome;
  }
  if (Object.keys(steps).length === 0) throw new Error("--steps: give each step's outcome, e.g. tests=failure,benchmark=success");
  return steps;
}

const unescape = (text: string): string =>
  text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

/** The failed test cases of a JUnit file, as "<file> > <test>". */
export function failedTests(junit: string): string[] {
  const failed: string[] = [];
  for (const match of junit.matchAll(/<testcase\b([^>]*?)(?:\/>|>([\s\S]*?)<\/testcase>)/g)) {
    if (!/<(failure|error)\b/.test(match[2] ?? "")) continue;
    const attribute = (name: string): string => unescape(new RegExp(`\\b${name}="([^"]*)"`).exec(match[1]!)?.[1] ?? "");
    failed.push([attribute("classname"), attribute("name")].filter(Boolean).join(" > "));
  }
  return failed;
}

export interface JobRequest {
  readonly out: string;
  readonly flavors: string;
  readonly steps: string;
  /** The job's JUnit results; absent or unreadable: no test names (the tests step's outcome still says). */
  readonly junit?: string;
}

/** The job's outcome, from the step outcomes the workflow passes and its JUnit results. */
export async function jobOutcome(request: Omit<JobRequest, "out">): Promise<JobOutcome> {
  const flavors = parseFlavorList(request.flavors, "--flavors");
  const steps = parseSteps(request.steps);
  const junit = request.junit ? await readFile(request.junit, "utf8").catch(() => undefined) : undefined;
  const failed = junit === undefined ? undefined : failedTests(junit);
  return {
    flavors,
    architecture: os.machine(),
    steps,
    ...(failed ? { failedTestCount: failed.length, failedTests: failed.slice(0, maxNamed) } : {}),
  };
}

export async function writeJobOutcome(request: JobRequest): Promise<JobOutcome> {
  const outcome = await jobOutcome(request);
  await writeFile(request.out, `${JSON.stringify({ [marker]: 1, ...outcome }, null, 2)}\n`);
  return outcome;
}

/** A job's outcome if the parsed JSON is one (a report is not); throws one line when it is marked but malformed. */
export function asJobOutcome(file: string, value: unknown): JobOutcome | undefined {
  if (typeof value !== "object" || value === null || !(marker in value)) return undefined;
  const rest: Record<string, unknown> = { ...value };
  delete rest[marker];
  const job = rest as Partial<JobOutcome>;
  const valid =
    Array.isArray(job.flavors) &&
    typeof job.architecture === "string" &&
    typeof job.steps === "object" &&
    job.steps !== null &&
    Object.values(job.steps).every((o) => outcomes.includes(o));
  if (!valid) throw new Error(`${file}: a job outcome without its flavors, architecture or steps`);
  return job as JobOutcome;
}

export { jobSucceeded } from "../report/jobs.js";
