// Runs once in vitest's main process: removes what a crashed earlier run
// left, provisions and builds every requested flavor, tells the suites what
// is available, and removes everything the run created when it ends, fails
// or is interrupted.
import type { TestProject } from "vitest/node";
import { prepareImages } from "../../src/image-build/prepare.js";
import type { StatusMatrix } from "../../src/plan.js";
import { beginRun, cleanupAtEndMs, describeRemoved, removeLeftovers, removeOwnedBy, removeOwnedBySync } from "../../src/run/cleanup.js";
import { readSettings } from "../../src/settings.js";

declare module "vitest" {
  export interface ProvidedContext {
    imageStatus: StatusMatrix;
    runOwner: number;
    /** The run's random identity (run/cleanup.ts), which the workers label with (run-identity.ts). */
    runId: string;
  }
}

const progress = (line: string): void => {
  process.stderr.write(`[tiny] ${line}\n`);
};

/** What one process's setup made: shared by every project that runs containers (suites, slow). */
interface Prepared {
  readonly owner: number;
  readonly runId: string;
  readonly imageStatus: StatusMatrix;
  readonly teardown: () => Promise<void>;
  users: number;
}

// The projects' setups run in this one main process: the first prepares,
// the others share its images and run identity, and the last teardown cleans up.
const shared = globalThis as { tinyPrepared?: Promise<Prepared> };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  shared.tinyPrepared ??= prepare();
  const prepared = await shared.tinyPrepared;
  prepared.users++;
  project.provide("imageStatus", prepared.imageStatus);
  project.provide("runOwner", prepared.owner);
  project.provide("runId", prepared.runId);
  return async () => {
    prepared.users--;
    if (prepared.users === 0) await prepared.teardown();
  };
}

async function prepare(): Promise<Prepared> {
  const owner = process.pid;
  const runId = beginRun();
  let settings;
  try {
    settings = readSettings();
  } catch (error) {
    // A mistake in TINY_* is the user's to fix: one line, no stack trace.
    process.stderr.write(`tiny: ${(error as Error).message}\n`);
    process.exit(2);
  }

  const leftovers = await removeLeftovers();
  if (leftovers.containers + leftovers.networks + leftovers.volumes > 0) {
    progress(`removed leftovers of an earlier run: ${describeRemoved(leftovers)}`);
  }

  // Vitest ends the process on Ctrl-C without waiting for teardown, so the
  // clean-up on a signal or an early exit runs synchronously.
  let cleaned = false;
  const cleanUpNow = (): void => {
    if (cleaned) return;
    cleaned = true;
    removeOwnedBySync(owner);
  };
  const ignore = (): void => undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    // A second Ctrl-C while cleaning up must not end the process half-way.
    process.on("SIGINT", ignore);
    process.on("SIGTERM", ignore);
    progress(`${signal}: removing this run's containers`);
    cleanUpNow();
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  process.once("exit", cleanUpNow);

  const imageStatus = await prepareImages(settings, progress);
  const teardown = async (): Promise<void> => {
    const removed = await removeOwnedBy(owner, runId, cleanupAtEndMs);
    cleaned = true;
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    process.off("exit", cleanUpNow);
    if (removed.containers + removed.networks + removed.volumes > 0) {
      progress(`removed ${describeRemoved(removed)}`);
    }
  };
  return { owner, runId, imageStatus, teardown, users: 0 };
}
