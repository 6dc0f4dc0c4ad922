// Waits for a started service's first good answer, as the catalog defines it
// (FirstAnswer), polling every 20 ms: the end of the start-up time.
import mysql from "mysql2/promise";
import type { FirstAnswer } from "../catalog.js";
import type { Launched } from "../run/launch.js";

export interface SqlAccount {
  readonly user: string;
  readonly password: string;
  readonly database: string;
}

const pollMs = 20;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function answers(answer: FirstAnswer, ip: string, account: SqlAccount | undefined): Promise<boolean> {
  try {
    if (answer.kind === "http") {
      const response = await fetch(`http://${ip}:${answer.port}${answer.path}`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      return response.status === 200;
    }
    if (!account) throw new Error("an SQL first answer needs an account");
    const connection = await mysql.createConnection({ host: ip, port: answer.port, ...account, connectTimeout: 2_000 });
    try {
      const [rows] = await connection.query("SELECT 1 AS one");
      return (rows as Array<{ one: number }>)[0]?.one === 1;
    } finally {
      await connection.end();
    }
  } catch (error) {
    if ((error as Error).message === "an SQL first answer needs an account") throw error;
    return false;
  }
}

/** performance.now() at the first good answer. */
export async function firstAnswer(
  answer: FirstAnswer,
  container: Launched,
  account?: SqlAccount,
  timeoutMs = 90_000,
): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    if (await answers(answer, container.ip, account)) return performance.now();
    if (performance.now() > deadline) throw new Error(`no good answer within ${timeoutMs / 1000} s`);
    // A container that exited will never answer; asking Docker costs more than a poll, so not every time.
    if (attempt % 25 === 0 && !(await container.running())) throw new Error("the container exited before it answered");
    await sleep(pollMs);
  }
}
