// On outputs recorded from tiny/ab:scratch by fixtures/ab/record.sh, which
// says how each one was made; a new recording changes the figures expected here.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseAbOutput, readAbExit, type AbExit } from "./ab-output.js";

const fixture = (file: string): string => readFileSync(new URL(`fixtures/ab/${file}`, import.meta.url), "utf8");
const recorded = (name: string): AbExit => ({
  exitCode: Number(fixture(`${name}.exit-code.txt`)),
  stdout: fixture(`${name}.stdout.txt`),
  stderr: fixture(`${name}.stderr.txt`),
});
const clean = fixture("clean-keepalive.stdout.txt");

describe("parseAbOutput", () => {
  it("reads every figure of a clean run", () => {
    expect(parseAbOutput(clean)).toEqual({
      documentPath: "/index.php",
      documentLength: 480,
      concurrencyLevel: 16,
      timeTakenSeconds: 0.576,
      completeRequests: 2000,
      failedRequests: { total: 0, connect: 0, receive: 0, length: 0, exceptions: 0 },
      writeErrors: 0,
      non2xxResponses: 0,
      // nginx closes HTTP/1.0 connections for PHP's answers, which have no Content-Length.
      keepAliveRequests: 0,
      requestsPerSecond: 3474.02,
      timePerRequestMs: 4.606,
      timePerRequestAllConcurrentMs: 0.288,
      transferRateKbytesPerSecond: 2042.34,
      percentilesMs: { 50: 4, 66: 4, 75: 5, 80: 5, 90: 7, 95: 9, 98: 12, 99: 14, 100: 34 },
    });
  });

  it("reads a keep-alive count, and the percentiles past ab's warnings", () => {
    const figures = parseAbOutput(fixture("clean-static.stdout.txt"));
    expect(figures).toMatchObject({ completeRequests: 1000, keepAliveRequests: 1000, requestsPerSecond: 13732.49 });
    expect(figures.percentilesMs).toEqual({ 50: 0, 66: 0, 75: 1, 80: 1, 90: 1, 95: 2, 98: 2, 99: 3, 100: 4 });
  });

  it("reads failed requests with their kinds: Length and Exceptions", () => {
    expect(parseAbOutput(fixture("failed.stdout.txt")).failedRequests).toEqual({
      total: 269,
      connect: 0,
      receive: 0,
      length: 220,
      exceptions: 49,
    });
  });

  it("reads non-2xx responses, which ab does not count as failed", () => {
    const figures = parseAbOutput(fixture("non-2xx.stdout.txt"));
    expect(figures).toMatchObject({ completeRequests: 200, non2xxResponses: 200, documentLength: 146 });
    expect(figures.failedRequests.total).toBe(0);
  });

  it('reads a variable document length (ab -l) as "variable"', () => {
    expect(parseAbOutput(fixture("variable-length.stdout.txt")).documentLength).toBe("variable");
  });

  it("refuses empty output", () => {
    expect(() => parseAbOutput("")).toThrow("ab output is empty");
    expect(() => parseAbOutput("\n  \n")).toThrow("ab output is empty");
  });

  it("refuses the output of a run that stopped before its results, quoting its last line", () => {
    expect(() => parseAbOutput(recorded("refused").stdout)).toThrow(
      'ab output has no results; it ends with: "Benchmarking web (be patient)..."',
    );
    expect(() => parseAbOutput(recorded("stalled").stdout)).toThrow('it ends with: "Total of 50 requests completed"');
    expect(() => parseAbOutput(recorded("invalid-url").stderr)).toThrow("ab output has no results");
  });

  it("names what a truncated output lacks", () => {
    const cut = (before: string): string => clean.slice(0, clean.indexOf(before));
    expect(() => parseAbOutput(cut("Time per request:"))).toThrow(
      "ab output is incomplete: no Time per request (mean); " +
        "no Time per request (mean, across all concurrent requests); no Transfer rate; " +
        "no percentile row 50%, 66%, 75%, 80%, 90%, 95%, 98%, 99%, 100%",
    );
    expect(() => parseAbOutput(cut(" 98%"))).toThrow("ab output is incomplete: no percentile row 98%, 99%, 100%");
    // Cut inside the last row: ab ends it with "(longest request)".
    expect(() => parseAbOutput(cut(" (longest request)"))).toThrow("ab output is incomplete: no percentile row 100%");
  });

  it("names a figure it can't read, quoting it", () => {
    const garbled = clean.replace("3474.02 [#/sec] (mean)", "n/a");
    expect(() => parseAbOutput(garbled)).toThrow('ab output is incomplete: Requests per second unreadable ("n/a")');
  });

  it("refuses failed requests without their breakdown", () => {
    const failed = fixture("failed.stdout.txt");
    const withoutKinds = failed.replace(/^\s+\(Connect:.*\n/m, "");
    expect(() => parseAbOutput(withoutKinds)).toThrow(
      "ab output is incomplete: no breakdown of the failed requests (Connect, Receive, Length, Exceptions)",
    );
  });
});

describe("readAbExit", () => {
  const subject = "ab [scratch] against http://web:8080/";

  it("returns the figures of a run that exited 0", () => {
    expect(readAbExit(subject, recorded("clean-keepalive")).completeRequests).toBe(2000);
  });

  it("says the connection was refused, in ab's words", () => {
    expect(() => readAbExit(subject, recorded("refused"))).toThrow(
      new Error("ab [scratch] against http://web:8080/ failed: apr_socket_recv: Connection refused (111)"),
    );
  });

  it("says a name did not resolve", () => {
    expect(() => readAbExit("ab [scratch] against http://no-such-host.invalid/", recorded("unknown-host"))).toThrow(
      new Error(
        "ab [scratch] against http://no-such-host.invalid/ failed: " +
          "apr_sockaddr_info_get() for no-such-host.invalid: Name or service not known (670002)",
      ),
    );
  });

  it("says how many requests completed before a timeout stopped ab", () => {
    expect(() => readAbExit("ab [scratch] against http://127.0.0.1:18082/", recorded("stalled"))).toThrow(
      new Error(
        "ab [scratch] against http://127.0.0.1:18082/ failed: " +
          "apr_pollset_poll: The timeout specified has expired (70007) (after 50 completed requests)",
      ),
    );
  });

  it("gives ab's complaint about its arguments, not its usage text", () => {
    expect(() => readAbExit("ab [scratch] against http://web", recorded("invalid-url"))).toThrow(
      new Error("ab [scratch] against http://web failed: /usr/bin/ab: invalid URL"),
    );
  });

  it("names the exit code when ab said nothing on stderr", () => {
    expect(() => readAbExit(subject, { exitCode: 137, stdout: "", stderr: "" })).toThrow(
      `${subject} failed: exit code 137 and nothing on stderr`,
    );
  });

  it("refuses a run that exited 0 with output it can't read", () => {
    expect(() => readAbExit(subject, { exitCode: 0, stdout: "", stderr: "" })).toThrow(
      `${subject} exited 0 but its output can't be read: ab output is empty`,
    );
  });
});
