// mariadb's parity probe: the SQL of sql-probe.ts, asked as root
// (installing a plugin and reading the mysql and sys schemas need it) with
// the root password the container started with.
import mysql from "mysql2/promise";
import type { Answer } from "../../src/measure/parity/answers.js";
import { defineProbe, type ProbeTarget } from "../../src/measure/parity/probe.js";
import { knownReasons } from "./parity-reasons.js";
import { sqlProbe, sqlSections } from "./sql-probe.js";

async function askAsRoot({ host, port, environment }: ProbeTarget): Promise<Answer> {
  const db = await mysql.createConnection({
    host,
    port,
    user: "root",
    password: environment.MARIADB_ROOT_PASSWORD ?? "",
    charset: "utf8mb4_general_ci",
    connectTimeout: 10_000,
  });
  try {
    return await sqlProbe(db);
  } finally {
    await db.end().catch(() => undefined);
  }
}

export default defineProbe({
  name: "SQL",
  sections: Object.keys(sqlSections),
  ask: askAsRoot,
  // A query that doesn't parse is the probe's mistake on any flavor.
  mistake: { pattern: /ER_PARSE_ERROR/, in: "every flavor" },
  knownReasons,
});
