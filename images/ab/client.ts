// How the benchmark runs ab as a client load (src/bench/workloads/client.ts):
// keep-alive bursts of a fixed count inside an idle ab container, and ab's
// printed figures read into the shape every load has.
import { defineClient } from "../../src/bench/workloads/client.js";
import { readAbExit } from "./ab-output.js";
import { abArguments, abIdle, optionsProblem } from "./run-ab.js";

export default defineClient({
  what: "ab -k (keep-alive)",
  idle: abIdle,
  command: (burst) => {
    const options = { ...burst, keepAlive: true };
    const problem = optionsProblem(options);
    if (problem) throw new Error(`ab can't run against ${burst.url}: ${problem}`);
    return abArguments(options);
  },
  read: (subject, exit) => {
    const ab = readAbExit(subject, exit);
    return {
      answers: ab.completeRequests,
      perSec: ab.requestsPerSecond,
      p50Ms: ab.percentilesMs[50],
      p99Ms: ab.percentilesMs[99],
      failures: { failed: ab.failedRequests.total, "non-2xx": ab.non2xxResponses },
    };
  },
  // "This is ApacheBench, Version 2.3 <$Revision: 1903618 $>"
  version: { command: ["-V"], read: (stdout) => /ApacheBench, Version (\S+)/.exec(stdout)?.[1]?.replace(/^/, "ApacheBench ") },
});
