// Runs once in vitest's main process: removes what a crashed earlier run
// left, provisions and builds every requested flavor, tells the suites what
// is available, and removes everything the run created when it ends, fails
// or is interrupted.
import type { TestProject } from "vitest/node";
import type { FlavorName } from "../../src/catalog.js";
import { prepareFlavors, type FlavorStatus } from "../../src/build/prepare.js";
import { describeRemoved, removeLeftovers, removeOwnedBy } from "../../src/run/cleanup.js";
import { readSettings } from "../../src/settings.js";

declare module "vitest" {
  export interface ProvidedContext {
    flavorStatus: Record<FlavorName, FlavorStatus>;
    runOwner: number;
  }
}

const progress = (line: string): void => {
  process.stderr.write(`[tiny] ${line}\n`);
};

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const owner = process.pid;
  const settings = readSettings();

  const leftovers = await removeLeftovers();
  if (leftovers.containers + leftovers.networks + leftovers.volumes > 0) {
    progress(`removed leftovers of an earlier run: ${describeRemoved(leftovers)}`);
  }

  const cleanUp = async (): Promise<void> => {
    const removed = await removeOwnedBy(owner);
    if (removed.containers + removed.networks + removed.volumes > 0) {
      progress(`removed ${describeRemoved(removed)}`);
    }
  };
  // Ctrl-C or a kill: vitest stops its workers, but the containers they
  // started are the harness's to remove.
  const onSignal = (signal: NodeJS.Signals): void => {
    progress(`${signal}: removing this run's containers`);
    void cleanUp().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  project.provide("flavorStatus", await prepareFlavors(settings, progress));
  project.provide("runOwner", owner);

  return async () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await cleanUp();
  };
}
