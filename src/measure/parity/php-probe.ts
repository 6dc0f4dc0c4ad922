// The PHP probe: a page (php/probe.php) asking what ordinary PHP applications
// rely on, and a session written in one request and read in the next
// (php/session.php). Both are put into the container at start, never into an
// image; the parity suite and the benchmark (for a pair of two
// distributions) ask it the same way.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ContainerFile } from "../../run/container-files.js";
import type { Answer } from "./answers.js";

/** Where the probe's pages are served: /var/www/html/parity/. */
export const phpProbePath = "/parity";

/** The probe's sections: the page's (probe.php) and the session, which takes two requests. */
export const phpSections = [
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

const pages = ["probe.php", "session.php"] as const;

/** The probe's pages, as files to put into an nginx-php container before it starts. */
export async function phpProbeFiles(): Promise<ContainerFile[]> {
  return Promise.all(
    pages.map(async (page) => ({
      path: `/var/www/html${phpProbePath}/${page}`,
      content: await readFile(path.join(import.meta.dirname, "php", page)),
    })),
  );
}

/** A session written in one request and read back in the next, with the cookie the first set. */
async function sessionRoundTrip(base: string): Promise<Answer> {
  const first = await fetch(`${base}${phpProbePath}/session.php?write=kept`, { signal: AbortSignal.timeout(30_000) });
  const cookie = first.headers.getSetCookie().map((c) => c.split(";")[0]);
  const written = (await first.json()) as Answer;
  const second = await fetch(`${base}${phpProbePath}/session.php`, {
    headers: { cookie: cookie.join("; ") },
    signal: AbortSignal.timeout(30_000),
  });
  const read = (await second.json()) as Answer;
  return { written, "cookie set": cookie.length === 1, "read back": read.value ?? null, "read back error": read.error ?? null };
}

/** The page's text and status, for a caller that checks more than the answer (the suite). */
export async function phpProbePage(base: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${base}${phpProbePath}/probe.php`, { signal: AbortSignal.timeout(60_000) });
  return { status: response.status, text: await response.text() };
}

/**
 * Every section's answer from the container at `base` (http://host:port);
 * throws, in one line, when the page gives no answer at all.
 */
export async function askPhpProbe(base: string): Promise<Answer> {
  const { status, text } = await phpProbePage(base);
  if (status !== 200) throw new Error(`${phpProbePath}/probe.php answered ${status}: ${text.slice(0, 200).replace(/\s+/g, " ")}`);
  let page: Answer;
  try {
    page = JSON.parse(text) as Answer;
  } catch {
    throw new Error(`${phpProbePath}/probe.php answered no JSON: ${text.slice(0, 200).replace(/\s+/g, " ")}`);
  }
  return { sessions: await sessionRoundTrip(base), ...page };
}
