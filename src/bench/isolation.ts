// Keeps the servers under test and the load generators on separate CPUs:
// the containers get a cpuset (the upper half of the host's CPUs), and this
// process, with everything it starts, is pinned to the lower half with
// taskset. On one CPU there is nothing to split.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface Isolation {
  /** The CPUs of the containers under test, as a cpuset list ("1", "4-7"). */
  readonly server: string;
  /** The CPUs of the load generators (this process, wrk, the ab containers). */
  readonly generator: string;
}

const list = (from: number, to: number): string => (from === to ? String(from) : `${from}-${to}`);

/** How many CPUs a list of the form `list` writes names ("1" is 1, "4-7" is 4). */
export function cpusIn(cpuset: string): number {
  const [from, to] = cpuset.split("-").map(Number);
  return to === undefined ? 1 : to - from! + 1;
}

/** The split for a host with `count` CPUs: the server gets the upper half, rounded down; none below 2. */
export function splitCpus(count: number): Isolation | undefined {
  if (count < 2) return undefined;
  const generatorCount = Math.ceil(count / 2);
  return { server: list(generatorCount, count - 1), generator: list(0, generatorCount - 1) };
}

/** Pins every thread of this process, and what it starts from now on, to the generator's CPUs. */
export async function pinThisProcess(isolation: Isolation): Promise<void> {
  try {
    await run("taskset", ["-a", "-p", "-c", isolation.generator, String(process.pid)]);
  } catch (error) {
    throw new Error(`can't pin the load generator to CPUs ${isolation.generator} with taskset (util-linux): ${(error as Error).message}`);
  }
}
