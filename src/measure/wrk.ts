// wrk (C, multi-threaded, a Debian package) against the same page as
// autocannon: a second opinion on whether autocannon, single-threaded, kept up.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Why wrk can't be used here, or undefined when it can. */
export async function wrkMissing(): Promise<string | undefined> {
  try {
    await run("wrk", ["--version"]).catch((error: { code?: unknown; stdout?: string }) => {
      // wrk --version prints its version and exits 1.
      if (error.code === "ENOENT") throw error;
    });
    return undefined;
  } catch {
    return "wrk is not installed (apt-get install wrk)";
  }
}

/** Requests per second wrk reached against url. */
export async function wrkRequestsPerSec(url: string, connections: number, durationSeconds: number): Promise<number> {
  const { stdout } = await run("wrk", ["-t", "2", "-c", String(connections), "-d", `${durationSeconds}s`, url], {
    timeout: (durationSeconds + 30) * 1000,
  });
  const match = /^Requests\/sec:\s+([\d.]+)/m.exec(stdout);
  if (!match) throw new Error(`wrk printed no Requests/sec line: ${stdout.trim().split("\n").at(-1)}`);
  if (/Non-2xx or 3xx responses/.test(stdout)) throw new Error(`wrk got error answers from ${url}`);
  return Number(match[1]);
}
