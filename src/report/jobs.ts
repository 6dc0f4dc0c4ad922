// What a CI job's record says of itself, read the same by the page and the merge.
import type { JobOutcome } from "./schema.js";

/** Whether every step of the job went well. */
export const jobSucceeded = (job: JobOutcome): boolean => Object.values(job.steps).every((o) => o === "success" || o === "skipped");
