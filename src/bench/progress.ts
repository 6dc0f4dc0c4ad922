// What the benchmark says while it works: on a terminal, each step with its
// number, the time so far and an estimate of what remains; elsewhere (CI
// logs, pipes) nothing, so the log holds only the result.

export interface BenchProgress {
  /** How many steps follow the build, once that is known. */
  plan(steps: number): void;
  /** Says what the next step is. */
  step(label: string): void;
  /** A line of detail (build output). */
  detail(line: string): void;
}

function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s`;
}

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): BenchProgress {
  if (!stream.isTTY) return { plan: () => undefined, step: () => undefined, detail: () => undefined };
  const started = performance.now();
  let total = 0;
  let done = 0;
  let planned = started;
  const write = (line: string): void => void stream.write(`${line}\n`);
  return {
    plan(steps) {
      total = steps;
      planned = performance.now();
    },
    step(label) {
      const now = performance.now();
      if (total === 0) {
        write(`[bench ${duration(now - started)}] ${label}`);
        return;
      }
      // The estimate leaves out the build, which is over once steps are planned.
      const left = done > 0 ? ` · ~${duration(((now - planned) / done) * (total - done))} left` : "";
      done++;
      write(`[bench ${done}/${total} · ${duration(now - started)}${left}] ${label}`);
    },
    detail(line) {
      write(`  ${line}`);
    },
  };
}
