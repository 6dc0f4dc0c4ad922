// What the benchmark says while it works, on stderr: one plain line per step
// with its number, the time so far, how long the step before it took and an
// estimate of what remains. Plain lines, no cursor tricks, so a CI log reads
// the same as a terminal: how far along the run is and where the time went.

export interface BenchProgress {
  /** How many steps follow the build, once that is known. */
  plan(steps: number): void;
  /** Says what the next step is. */
  step(label: string): void;
  /** A line of detail (build output). */
  detail(line: string): void;
  /** Says how long the last step took, once the run is over. */
  finish(): void;
}

export function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s`;
}

/** The line for step `done` of `total`, `now` ms into the run. */
export function stepLine(
  label: string,
  state: { done: number; total: number; elapsedMs: number; lastStepMs?: number; leftMs?: number },
): string {
  const parts = [state.total > 0 ? `${state.done}/${state.total}` : undefined, duration(state.elapsedMs)];
  if (state.lastStepMs !== undefined) parts.push(`last step ${duration(state.lastStepMs)}`);
  if (state.leftMs !== undefined) parts.push(`~${duration(state.leftMs)} left`);
  return `[bench ${parts.filter((p) => p !== undefined).join(" · ")}] ${label}`;
}

export function benchProgress(stream: NodeJS.WritableStream = process.stderr, now: () => number = () => performance.now()): BenchProgress {
  const started = now();
  let total = 0;
  let done = 0;
  let planned = started;
  let stepStarted: number | undefined;
  const write = (line: string): void => void stream.write(`${line}\n`);
  return {
    plan(steps) {
      total = steps;
      planned = now();
    },
    step(label) {
      const at = now();
      const lastStepMs = stepStarted === undefined ? undefined : at - stepStarted;
      stepStarted = at;
      // The estimate leaves out the build, which is over once steps are planned.
      const leftMs = total > 0 && done > 0 ? ((at - planned) / done) * (total - done) : undefined;
      if (total > 0) done++;
      write(
        stepLine(label, {
          done,
          total,
          elapsedMs: at - started,
          ...(lastStepMs === undefined ? {} : { lastStepMs }),
          ...(leftMs === undefined ? {} : { leftMs }),
        }),
      );
    },
    detail(line) {
      write(`  ${line}`);
    },
    finish() {
      const at = now();
      if (stepStarted !== undefined) write(`[bench ${duration(at - started)}] done; last step ${duration(at - stepStarted)}`);
    },
  };
}
