// A run stopped by a signal (Ctrl-C, a CI's SIGTERM) removes what it
// created and exits; `npm run bench` and `npm run compare` both stop so.
import { createdOnEngine } from "../docker.js";
import { describeRemoved, removeOwnedBy } from "../run/cleanup.js";

/**
 * Removes the run's containers on SIGINT or SIGTERM and exits, within the
 * clean-up's budget (run/cleanup.ts): inside the 10 s a CI gives between
 * SIGTERM and SIGKILL. In this process, with its client already connected:
 * starting another would take seconds of that. A signal while the report is
 * being swapped into place waits for that to finish (milliseconds), so the
 * report is whole either way.
 */
export function handleSignals(owner: number, say: (line: string) => void) {
  let writing = false;
  let pending: NodeJS.Signals | undefined;
  const stop = async (signal: NodeJS.Signals): Promise<never> => {
    if (createdOnEngine()) {
      say(`${signal}: stopping; removing this run's containers`);
      await removeOwnedBy(owner).then(
        (removed) => say(`removed ${describeRemoved(removed)}`),
        (error: unknown) => say(`clean-up: ${(error as Error).message}`),
      );
    } else say(`${signal}: stopping`);
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    // A second Ctrl-C must not cut the clean-up short.
    process.on("SIGINT", () => undefined);
    process.on("SIGTERM", () => undefined);
    if (writing) pending = signal;
    else {
      say("no report is written");
      void stop(signal);
    }
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  return {
    async whileWriting<T>(write: () => Promise<T>, done: (result: T) => void): Promise<T> {
      writing = true;
      const result = await write().finally(() => (writing = false));
      if (pending) {
        done(result);
        await stop(pending);
      }
      return result;
    },
  };
}
