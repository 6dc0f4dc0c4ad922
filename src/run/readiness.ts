// The catalog's readiness, interpreted once: the suites wait for it through
// Testcontainers (ReadinessWait) and the benchmark times start-up to it
// (waitUntilReady), with the same checks.
import type Dockerode from "dockerode";
import mysql from "mysql2/promise";
import type { BoundPorts, WaitStrategy } from "testcontainers";
import type { Account, Readiness } from "../catalog.js";
import { outputOf } from "./inspect.js";

/** How the harness reaches a started container. */
export interface ReadinessTarget {
  /** Where a container port is reached from here. */
  address(port: number): { readonly host: string; readonly port: number };
  /** Both output streams so far. */
  logs(): Promise<string>;
  /** The account its environment created, for an SQL check. */
  readonly account?: Account;
}

/**
 * An answer that says waiting longer is no use (a 404 for the path readiness
 * asks): the wait ends at once with it, instead of at its time limit.
 */
export class FinalAnswer extends Error {
  override name = "FinalAnswer";
}

async function httpAnswers(readiness: Extract<Readiness, { kind: "http" }>, target: ReadinessTarget): Promise<boolean> {
  const { host, port } = target.address(readiness.port);
  const response = await fetch(`http://${host}:${port}${readiness.path}`, { signal: AbortSignal.timeout(2_000) });
  const body = await response.text();
  if (readiness.body !== undefined) return response.status === 200 && body === readiness.body;
  // The 2xx form is for images nobody here wrote: a 4xx is the server, up,
  // saying the path is wrong, which no wait mends (5xx may be a start-up's).
  if (response.status >= 400 && response.status < 500) {
    throw new FinalAnswer(`GET ${readiness.path} on port ${readiness.port} answered ${response.status} ${response.statusText}`.trim());
  }
  return response.status >= 200 && response.status < 300;
}

async function sqlAnswers(readiness: Extract<Readiness, { kind: "sql" }>, target: ReadinessTarget): Promise<boolean> {
  const { host, port } = target.address(readiness.port);
  const account = target.account ?? { user: "readiness-check", password: "", database: "" };
  let connection;
  try {
    connection = await mysql.createConnection({ host, port, ...account, connectTimeout: 2_000 });
  } catch (error) {
    // The server answered and refused the account (a test that started it
    // with other credentials): it is up, which is all readiness asks.
    return (error as { code?: string }).code === "ER_ACCESS_DENIED_ERROR";
  }
  try {
    const [rows] = await connection.query("SELECT 1 AS one");
    return (rows as Array<{ one: number }>)[0]?.one === 1;
  } finally {
    await connection.end().catch(() => undefined);
  }
}

/** One attempt: whether the container is ready now. A refused or failed attempt is "not yet". */
export async function isReady(readiness: Readiness, target: ReadinessTarget): Promise<boolean> {
  try {
    switch (readiness.kind) {
      case "log": {
        const logs = await target.logs();
        return typeof readiness.message === "string" ? logs.includes(readiness.message) : readiness.message.test(logs);
      }
      case "http":
        return await httpAnswers(readiness, target);
      case "sql":
        return await sqlAnswers(readiness, target);
    }
  } catch (error) {
    if (error instanceof FinalAnswer) throw error;
    return false;
  }
}

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly pollMs: number;
  /** Whether it still runs: a container that exited never gets ready. */
  readonly running: () => Promise<boolean>;
}

/** What a wait was for, in a few words: what its time-out says. */
function awaited(readiness: Readiness): string {
  switch (readiness.kind) {
    case "log":
      return `its output never showed ${String(readiness.message)}`;
    case "http":
      return `GET ${readiness.path} on port ${readiness.port} never answered ${readiness.body === undefined ? "2xx" : "200 with the expected body"}`;
    case "sql":
      return `SELECT 1 on port ${readiness.port} never answered`;
  }
}

/** Polls until ready; returns performance.now() at the first good answer. */
export async function waitUntilReady(readiness: Readiness, target: ReadinessTarget, options: WaitOptions): Promise<number> {
  const deadline = performance.now() + options.timeoutMs;
  let askedAt = performance.now();
  for (;;) {
    if (await isReady(readiness, target)) return performance.now();
    if (performance.now() > deadline) throw new Error(`not ready within ${options.timeoutMs / 1000} s: ${awaited(readiness)}`);
    // Asking Docker costs more than a poll, so not every time; by the clock,
    // not by attempts: an attempt at an exited container's released address
    // can take its whole 2 s time-out.
    const ask = performance.now() - askedAt >= 500;
    if (ask) askedAt = performance.now();
    if (ask && !(await options.running())) {
      // Its last words usually say why (a missing file, a refused variable).
      const last = (await target.logs().catch(() => "")).trim().split("\n").slice(-3).join(" | ");
      throw new Error(`the container exited before it was ready${last ? `; its last output: ${last}` : ""}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
  }
}

/** The same readiness as a Testcontainers wait strategy, for the suites. */
export class ReadinessWait implements WaitStrategy {
  private timeoutMs = 60_000;
  private timeoutSet = false;

  constructor(
    private readonly readiness: Readiness,
    private readonly host: string,
    private readonly account?: Account,
  ) {}

  async waitUntilReady(container: Dockerode.Container, boundPorts: BoundPorts): Promise<void> {
    const target: ReadinessTarget = {
      address: (port) => ({ host: this.host, port: boundPorts.getBinding(port) }),
      logs: async () => Object.values(await outputOf(container.id)).join(""),
      ...(this.account ? { account: this.account } : {}),
    };
    const running = async (): Promise<boolean> => (await container.inspect()).State.Running;
    await waitUntilReady(this.readiness, target, { timeoutMs: this.timeoutMs, pollMs: 100, running });
  }

  withStartupTimeout(startupTimeoutMs: number): this {
    this.timeoutMs = startupTimeoutMs;
    this.timeoutSet = true;
    return this;
  }

  isStartupTimeoutSet(): boolean {
    return this.timeoutSet;
  }

  getStartupTimeout(): number {
    return this.timeoutMs;
  }
}
