// Reads a report a run wrote (latest.json, a history file) back, checking
// that this version of the harness can read it.
import { readFile } from "node:fs/promises";
import { evaluationOf } from "../evaluate/evaluate.js";
import { withMoved } from "../evaluate/changes.js";
import { figureKeyFromV3, reportFromV3 } from "./read-v3.js";
import { schemaVersion, type BenchReport, type Calibration } from "../report/schema.js";

/** Where `npm run bench -- --calibrate` leaves its result, in the report folder. */
export const calibrationFile = "calibration.json";

/** Enough of a BenchReport's shape that comparing or rendering can't trip over a missing part. */
function isReport(value: unknown): value is BenchReport {
  if (typeof value !== "object" || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    typeof r.generatedAt === "string" &&
    !Number.isNaN(Date.parse(r.generatedAt)) &&
    typeof r.environment === "object" &&
    r.environment !== null &&
    typeof r.settings === "object" &&
    r.settings !== null &&
    Array.isArray(r.images) &&
    r.images.every((i: unknown) => typeof i === "object" && i !== null && Array.isArray((i as Record<string, unknown>).flavors))
  );
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The report in a file; throws one line saying what is wrong with it. */
export async function readReport(file: string): Promise<BenchReport> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new Error(`${file}: can't be read (${message(error)})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not readable JSON (${message(error)})`);
  }
  const version = (parsed as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== schemaVersion && version !== 3) {
    throw new Error(`${file}: schemaVersion ${JSON.stringify(version)} where this version reads 3 and ${schemaVersion}`);
  }
  if (!isReport(parsed)) throw new Error(`${file}: not a benchmark report`);
  const report = version === 3 ? (reportFromV3(parsed as unknown as Record<string, unknown>) as unknown as BenchReport) : parsed;
  // Written before verdicts were stored, or under the first rule (t from the interval's reach): judged now, by today's rule, once.
  const judged = { ...report, evaluation: evaluationOf(report) };
  return withMoved(judged);
}

/** A calibration npm run bench -- --calibrate wrote; throws one line when the file isn't one. */
export async function readCalibration(file: string): Promise<Calibration> {
  const parsed = JSON.parse(await readFile(file, "utf8")) as
    (Partial<Omit<Calibration, "figures">> & { figures?: { figure: string }[] }) | null;
  if (!parsed || typeof parsed.generatedAt !== "string" || parsed.calibrationVersion !== 2 || !Array.isArray(parsed.figures)) {
    throw new Error(`${file}: not a calibration of this version (run npm run bench -- --calibrate again)`);
  }
  // Keys written before schema version 4 ("http.php.cpuUs") name the same figures differently.
  return { ...parsed, figures: parsed.figures.map((f) => ({ ...f, figure: figureKeyFromV3(f.figure) })) } as unknown as Calibration;
}
