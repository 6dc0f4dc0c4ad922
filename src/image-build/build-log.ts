// Reads Docker's build stream: keeps the log, tracks the step, and turns a
// failure into an error that shows the failing step and its last output.
export interface BuildEvent {
  stream?: string;
  status?: string;
  error?: string;
  errorDetail?: { message?: string };
}

export class BuildError extends Error {
  constructor(
    readonly tag: string,
    readonly step: string | undefined,
    readonly detail: string,
    readonly lastOutput: readonly string[],
    readonly logFile: string,
  ) {
    super(
      [
        `building ${tag} failed${step ? ` at ${step}` : ""}`,
        `  ${detail}`,
        ...(lastOutput.length > 0 ? ["  last output:", ...lastOutput.map((l) => `    ${l}`)] : []),
        `  full log: ${logFile}`,
      ].join("\n"),
    );
    this.name = "BuildError";
    // The message says all a user needs; the harness's own stack is noise.
    this.stack = `${this.name}: ${this.message}`;
  }
}

const stepPattern = /^Step \d+\/\d+ : /;

/** Follows one build's events; `failure()` says what went wrong, if anything. */
export class BuildLog {
  private step: string | undefined;
  private output: string[] = [];
  private error: string | undefined;

  constructor(private readonly keepLines = 25) {}

  /** Takes one event; returns the step line when a new step starts. */
  take(event: BuildEvent): string | undefined {
    if (event.error || event.errorDetail) {
      this.error = event.errorDetail?.message ?? event.error;
      return undefined;
    }
    let started: string | undefined;
    for (const line of (event.stream ?? "").split("\n")) {
      const text = line.trimEnd();
      if (!text) continue;
      if (stepPattern.test(text)) {
        this.step = text;
        this.output = [];
        started = text;
      } else if (!text.startsWith(" ---> ") && !text.startsWith("Removing intermediate container")) {
        this.output.push(text);
        if (this.output.length > this.keepLines) this.output.shift();
      }
    }
    return started;
  }

  failure(tag: string, logFile: string): BuildError | undefined {
    if (this.error === undefined) return undefined;
    return new BuildError(tag, this.step, this.error, this.output, logFile);
  }
}
