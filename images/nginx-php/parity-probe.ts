// nginx-php's parity probe: a page (parity/probe.php) asking what ordinary
// PHP applications rely on, and a session written in one request and read
// in the next (parity/session.php). Both are put into the container at
// start, under the image's harness pages, never into an image; the parity
// suite and the benchmark (for a pair of two distributions) ask it the
// same way.
import type { Answer } from "../../src/measure/parity/answers.js";
import { defineProbe } from "../../src/measure/parity/probe.js";
import { knownReasons } from "./parity-reasons.js";

/** Where the probe's pages are served, below the harness pages. */
const probePath = "/parity";

/** The probe's sections: the session, which takes two requests, then the page's (probe.php), in its order. */
const sections = [
  "sessions",
  "locales",
  "charsets",
  "time zones",
  "name lookups",
  "processes",
  "temp files",
  "crypto",
  "file types",
  "requests to itself",
  "mail",
  "runtime",
] as const;

/** A session written in one request and read back in the next, with the cookie the first set. */
async function sessionRoundTrip(base: string): Promise<Answer> {
  const first = await fetch(`${base}${probePath}/session.php?write=kept`, { signal: AbortSignal.timeout(30_000) });
  const cookie = first.headers.getSetCookie().map((c) => c.split(";")[0]);
  const written = (await first.json()) as Answer;
  const second = await fetch(`${base}${probePath}/session.php`, {
    headers: { cookie: cookie.join("; ") },
    signal: AbortSignal.timeout(30_000),
  });
  const read = (await second.json()) as Answer;
  return { written, "cookie set": cookie.length === 1, "read back": read.value ?? null, "read back error": read.error ?? null };
}

/**
 * Every section's answer from the container at `base` (http://host:port);
 * throws, in one line, when the page gives no answer at all.
 */
async function askProbe(base: string): Promise<Answer> {
  const response = await fetch(`${base}${probePath}/probe.php`, { signal: AbortSignal.timeout(60_000) });
  const text = await response.text();
  const shown = text.slice(0, 200).replace(/\s+/g, " ");
  if (response.status !== 200) throw new Error(`${probePath}/probe.php answered ${response.status}: ${shown}`);
  let page: Answer;
  try {
    page = JSON.parse(text) as Answer;
  } catch {
    throw new Error(`${probePath}/probe.php answered no JSON: ${shown}`);
  }
  return { sessions: await sessionRoundTrip(base), ...page };
}

export default defineProbe({
  name: "PHP",
  sections,
  pages: { folder: "parity", path: probePath },
  ask: ({ host, port }) => askProbe(`http://${host}:${port}`),
  // A wrong argument or a key that never exists. On the original only: a
  // mistake in the probe shows there too, and a tiny flavor's own error is a
  // difference for parity to report.
  mistake: { pattern: /"(TypeError|ArgumentCountError|ErrorException: Undefined \w+)\b/, in: "the original" },
  knownReasons,
});
