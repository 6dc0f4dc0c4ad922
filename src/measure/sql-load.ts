// A fixed SQL workload through a mysql2 pool: each worker repeats four point
// selects by primary key and one insert, for a set time. Queries per second
// and latency percentiles, and the client's own CPU use.
import mysql from "mysql2/promise";
import type { Account } from "../catalog.js";
import { timedLoop } from "./timed-loop.js";

export const sqlMix = "4 point selects : 1 insert";
const seedRows = 10_000;

export interface SqlRun {
  /** Queries answered without an error. */
  readonly queries: number;
  readonly queriesPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  readonly generatorCpu: number;
}

/** Creates and fills the table the workload reads; once per container. */
export async function prepareSqlLoad(host: string, port: number, account: Account): Promise<void> {
  const connection = await mysql.createConnection({ host, port, ...account });
  try {
    await connection.query(
      "CREATE TABLE IF NOT EXISTS bench_rows (id INT PRIMARY KEY AUTO_INCREMENT, k INT NOT NULL, v VARCHAR(64) NOT NULL, KEY (k))",
    );
    const batch = Array.from({ length: 1_000 }, (_, i) => [i, `row ${i} ${"x".repeat(32)}`]);
    for (let done = 0; done < seedRows; done += batch.length) {
      await connection.query("INSERT INTO bench_rows (k, v) VALUES ?", [batch]);
    }
  } finally {
    await connection.end();
  }
}

export async function sqlLoad(host: string, port: number, account: Account, connections: number, durationSeconds: number): Promise<SqlRun> {
  const pool = mysql.createPool({ host, port, ...account, connectionLimit: connections });
  // A fixed sequence of ids, the same in every run and flavor.
  let next = 0;
  const nextId = (): number => ((next = (next * 7919 + 104729) % seedRows), next + 1);
  try {
    // Open every connection before the clock starts.
    await Promise.all(Array.from({ length: connections }, () => pool.query("SELECT 1")));
    const run = await timedLoop(connections, durationSeconds, "query", async (_, i) => {
      if (i % 5 === 4) await pool.execute("INSERT INTO bench_rows (k, v) VALUES (?, ?)", [i, "inserted by the benchmark"]);
      else await pool.execute("SELECT id, k, v FROM bench_rows WHERE id = ?", [nextId()]);
    });
    const { answers, perSec, ...rest } = run;
    return { queries: answers, queriesPerSec: perSec, ...rest };
  } finally {
    await pool.end();
  }
}
