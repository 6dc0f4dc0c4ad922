// Runs an image whose entrypoint is ab once, in a flavor, against a URL on a
// Docker network and returns ab's figures (the ab smoke suite), and the
// arguments and idle container the benchmark's client load uses (client.ts).
import type { FlavorName, ImageName } from "../../src/catalog.js";
import type { ContainerFile } from "../../src/run/container-files.js";
import { runOnce } from "../../src/run/run-once.js";
import { readAbExit, type AbOutput } from "./ab-output.js";

export interface AbOptions {
  readonly flavor: FlavorName;
  /** The main process of the run the container belongs to. */
  readonly owner: number;
  /** The network (run/network.ts) the target is reachable on. */
  readonly network: string;
  /** The CPUs ab may run on (the load generator's, apart from the server's). */
  readonly cpus?: string;
  /** An http(s) URL with a path, as ab wants it: http://web/index.php. */
  readonly url: string;
  /** At least 2: ab prints its percentile table only then. With timeLimitSeconds, the most it sends. */
  readonly requests: number;
  /** ab's -t: stop after this many seconds, or at `requests`, whichever comes first. */
  readonly timeLimitSeconds?: number;
  readonly concurrency: number;
  /** ab's -k. It speaks HTTP/1.0, so a server keeps the connection only for an answer with a Content-Length. */
  readonly keepAlive: boolean;
  /** Kill ab and fail after this long (default: runOnce's). */
  readonly timeoutMs?: number;
}

/** ab's own checks end in its usage text; these say in one line what is wrong. */
export function optionsProblem({
  url,
  requests,
  concurrency,
  timeLimitSeconds,
}: Pick<AbOptions, "url" | "requests" | "concurrency" | "timeLimitSeconds">): string | undefined {
  if (!/^https?:\/\/[^/]+\//.test(url)) return "the URL must be http(s) with a path, such as http://web/";
  if (!Number.isInteger(requests) || requests < 2) return `it needs at least 2 requests, not ${requests}`;
  if (timeLimitSeconds !== undefined && !(Number.isInteger(timeLimitSeconds) && timeLimitSeconds > 0)) {
    return `its time limit must be a whole number of seconds above 0, not ${timeLimitSeconds}`;
  }
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > requests) {
    return `its concurrency must be from 1 to the number of requests (${requests}), not ${concurrency}`;
  }
  return undefined;
}

export function abArguments(options: Pick<AbOptions, "url" | "requests" | "concurrency" | "timeLimitSeconds" | "keepAlive">): string[] {
  // -t first: it sets -n to 50000, and a later -n overrides that.
  return [
    ...(options.timeLimitSeconds ? ["-t", String(options.timeLimitSeconds)] : []),
    ...(options.keepAlive ? ["-k"] : []),
    "-n",
    String(options.requests),
    "-c",
    String(options.concurrency),
    options.url,
  ];
}

export async function runAb(options: AbOptions & { readonly image: ImageName }): Promise<AbOutput> {
  const subject = `${options.image} [${options.flavor}] against ${options.url}`;
  const problem = optionsProblem(options);
  if (problem) throw new Error(`${subject} can't run: ${problem}`);
  const run = await runOnce(options.image, options.flavor, {
    owner: options.owner,
    network: { name: options.network },
    ...(options.cpus ? { cpus: options.cpus } : {}),
    command: abArguments(options),
    timeoutMs: options.timeoutMs,
  }).catch((error: unknown) => {
    throw new Error(`${subject} failed: ${(error as Error).message}`, { cause: error });
  });
  return readAbExit(subject, run);
}

/**
 * An ab container that waits, idle, for runs inside it (client.ts): its own ab
 * blocks opening a named pipe as its POST body, which nothing ever writes.
 * Every image that has ab can do this, with no shell or sleep of its own.
 */
export const abIdle: { readonly files: readonly ContainerFile[]; readonly command: readonly string[] } = {
  files: [{ path: "/tiny-ab-idle", fifo: true, mode: 0o666 }],
  command: ["-p", "/tiny-ab-idle", "http://idle/"],
};
