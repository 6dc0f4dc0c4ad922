// Reads what Apache Bench (ab 2.3, as Debian builds it) prints into typed
// figures. A report must never show a zero that ab did not print, so text
// that isn't a complete ab result is an error that names what is missing.

/** The rows of ab's "Percentage of the requests served" table. */
export const abPercentiles = [50, 66, 75, 80, 90, 95, 98, 99, 100] as const;
export type AbPercentile = (typeof abPercentiles)[number];

export interface AbFailures {
  readonly total: number;
  /** ab breaks the total down by kind; a request can count under more than one. */
  readonly connect: number;
  readonly receive: number;
  /** Answers whose body length differs from the first one's. */
  readonly length: number;
  /** Connections that failed while polled, such as one reset before any answer. */
  readonly exceptions: number;
}

/** What ab printed about a finished run, parsed (the report's summary of many is report/schema.ts's AbFigures). */
export interface AbOutput {
  readonly documentPath: string;
  /** Bytes of the first answer's body; "variable" when ab ran with -l. */
  readonly documentLength: number | "variable";
  readonly concurrencyLevel: number;
  readonly timeTakenSeconds: number;
  readonly completeRequests: number;
  readonly failedRequests: AbFailures;
  /** ab prints these three lines only when they are not zero (keep-alive: only with -k). */
  readonly writeErrors: number;
  readonly non2xxResponses: number;
  readonly keepAliveRequests: number;
  readonly requestsPerSecond: number;
  /** The mean time one client waited per request. */
  readonly timePerRequestMs: number;
  /** Mean time per request across all concurrent ones: time taken / requests. */
  readonly timePerRequestAllConcurrentMs: number;
  /** ab's Kbytes are 1024 bytes. */
  readonly transferRateKbytesPerSecond: number;
  /** Request time in whole ms within which each share of the requests was served. */
  readonly percentilesMs: Readonly<Record<AbPercentile, number>>;
}

/** What a run of ab left: its exit code and both streams. */
export interface AbExit {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

const decimal = String.raw`(\d+(?:\.\d+)?)`;

/** "Label:   value" lines, in order; ab prints "Time per request" twice. */
function labelledLines(text: string): Map<string, string[]> {
  const lines = new Map<string, string[]>();
  for (const line of text.split("\n")) {
    const match = /^([A-Z][\w -]*?):\s+(.*?)\s*$/.exec(line);
    if (!match) continue;
    const [, label, value] = match as unknown as [string, string, string];
    lines.set(label, [...(lines.get(label) ?? []), value]);
  }
  return lines;
}

function lastLine(text: string): string {
  return (
    text
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean)
      .at(-1) ?? ""
  );
}

/**
 * Parses ab's standard output. Throws when a figure is missing or unreadable,
 * naming each one; for output with no results at all (ab stopped early, or
 * this isn't ab's output) it quotes the last line instead.
 */
export function parseAbOutput(stdout: string): AbOutput {
  if (!stdout.trim()) throw new Error("ab output is empty");
  const lines = labelledLines(stdout);
  if (!lines.has("Complete requests")) {
    throw new Error(`ab output has no results; it ends with: ${JSON.stringify(lastLine(stdout))}`);
  }

  /** Phrases for what is absent or unreadable: "no Transfer rate", "Failed requests unreadable ("x")". */
  const problems: string[] = [];
  /** The capture of `pattern` in the first value of the label's lines that matches it whole. */
  const read = (label: string, pattern: string, name = label): string => {
    const values = lines.get(label) ?? [];
    for (const value of values) {
      const match = new RegExp(`^(?:${pattern})$`).exec(value);
      if (match) return match[1] ?? "";
    }
    problems.push(values.length > 0 ? `${name} unreadable (${values.map((v) => JSON.stringify(v)).join(", ")})` : `no ${name}`);
    return "";
  };
  const figure = (label: string, pattern: string, name?: string): number => Number(read(label, pattern, name));
  /** ab leaves these lines out when the count is zero. */
  const countIfPrinted = (label: string): number => (lines.has(label) ? figure(label, String.raw`(\d+)`) : 0);

  const documentLength = read("Document Length", String.raw`(\d+ bytes|Variable)`);
  const failedTotal = figure("Failed requests", String.raw`(\d+)`);
  const figures: AbOutput = {
    documentPath: read("Document Path", "(.+)"),
    documentLength: documentLength === "Variable" ? "variable" : parseInt(documentLength, 10),
    concurrencyLevel: figure("Concurrency Level", String.raw`(\d+)`),
    timeTakenSeconds: figure("Time taken for tests", `${decimal} seconds`),
    completeRequests: figure("Complete requests", String.raw`(\d+)`),
    failedRequests: { total: failedTotal, ...failureKinds(stdout, failedTotal, problems) },
    writeErrors: countIfPrinted("Write errors"),
    non2xxResponses: countIfPrinted("Non-2xx responses"),
    keepAliveRequests: countIfPrinted("Keep-Alive requests"),
    requestsPerSecond: figure("Requests per second", String.raw`${decimal} \[#/sec\] \(mean\)`),
    timePerRequestMs: figure("Time per request", String.raw`${decimal} \[ms\] \(mean\)`, "Time per request (mean)"),
    timePerRequestAllConcurrentMs: figure(
      "Time per request",
      String.raw`${decimal} \[ms\] \(mean, across all concurrent requests\)`,
      "Time per request (mean, across all concurrent requests)",
    ),
    transferRateKbytesPerSecond: figure("Transfer rate", String.raw`${decimal} \[Kbytes/sec\] received`),
    percentilesMs: percentileTable(stdout, problems),
  };
  if (problems.length > 0) throw new Error(`ab output is incomplete: ${problems.join("; ")}`);
  return figures;
}

/** "   (Connect: 0, Receive: 0, Length: 220, Exceptions: 28)", printed only under a non-zero total. */
function failureKinds(stdout: string, total: number, problems: string[]): Omit<AbFailures, "total"> {
  const match = /^\s+\(Connect: (\d+), Receive: (\d+), Length: (\d+), Exceptions: (\d+)\)\s*$/m.exec(stdout);
  if (!match) {
    if (total > 0) problems.push("no breakdown of the failed requests (Connect, Receive, Length, Exceptions)");
    return { connect: 0, receive: 0, length: 0, exceptions: 0 };
  }
  const [connect, receive, length, exceptions] = match.slice(1).map(Number) as [number, number, number, number];
  return { connect, receive, length, exceptions };
}

/** The last row ends "(longest request)", so a table cut short shows. */
function percentileTable(stdout: string, problems: string[]): Record<AbPercentile, number> {
  const rows = new Map<number, number>();
  for (const match of stdout.matchAll(/^\s*(\d+)%\s+(\d+)(?:\s+\(longest request\))?\s*$/gm)) {
    if (match[1] === "100" && !match[0].includes("(longest request)")) continue;
    rows.set(Number(match[1]), Number(match[2]));
  }
  const absent = abPercentiles.filter((p) => !rows.has(p));
  if (absent.length > 0) problems.push(`no percentile row ${absent.map((p) => `${p}%`).join(", ")}`);
  return Object.fromEntries(abPercentiles.map((p) => [p, rows.get(p) ?? NaN])) as Record<AbPercentile, number>;
}

/** What ab said on stderr about why it stopped: its error line, not its usage text or progress. */
function stderrReason(stderr: string): string {
  const beforeUsage = stderr.split(/^Usage:/m)[0] ?? "";
  const progress = /^(Completed|Finished) \d+ requests$/;
  const lines = beforeUsage
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !progress.test(line));
  return lines.at(-1) ?? "";
}

/**
 * The figures of a finished run of ab, or an Error with one line that says
 * what went wrong: `${subject} failed: ${ab's own error}`, e.g. "ab [scratch]
 * against http://web:8080/ failed: apr_socket_recv: Connection refused (111)".
 */
export function readAbExit(subject: string, run: AbExit): AbOutput {
  if (run.exitCode !== 0) {
    const reason = stderrReason(run.stderr) || `exit code ${run.exitCode} and nothing on stderr`;
    const partial = /^Total of (\d+) requests completed$/m.exec(run.stdout);
    const after = partial ? ` (after ${partial[1]} completed requests)` : "";
    throw new Error(`${subject} failed: ${reason}${after}`);
  }
  try {
    return parseAbOutput(run.stdout);
  } catch (error) {
    throw new Error(`${subject} exited 0 but its output can't be read: ${(error as Error).message}`, { cause: error });
  }
}
