// SQL: mysql2 through a pool against the image's account, a fixed mix of
// point selects and inserts (measure/sql-load.ts), a load of `kind: "sql"`.
import mysql from "mysql2/promise";
import { accountOf, image, type Account, type ImageName } from "../../catalog.js";
import { prepareSqlLoad, sqlLoad, sqlMix } from "../../measure/sql-load.js";
import type { LoadDriver } from "./service.js";
import type { BenchContext } from "./workload.js";

function accountFor(name: ImageName): Account {
  const account = accountOf(name);
  if (!account) throw new Error(`images/${name}/image.ts gives no account for its SQL load to connect as`);
  return account;
}

/** The port its declaration names first: what the SQL load reaches, with no port of its own to assume. */
function portFor(name: ImageName): number {
  const port = image(name).ports[0];
  if (port === undefined) throw new Error(`images/${name}/image.ts declares no port for its SQL load to reach`);
  return port;
}

/** What the server says it is: `SELECT VERSION()`, as MySQL and MariaDB both answer it. */
async function serverVersion(host: string, port: number, account: Account): Promise<string> {
  const connection = await mysql.createConnection({ host, port, ...account, connectTimeout: 10_000 });
  try {
    const [rows] = await connection.query({ sql: "SELECT VERSION() AS version", timeout: 10_000 });
    const version = (rows as Array<{ version: string }>)[0]!.version;
    return /mariadb/i.test(version) ? `MariaDB ${version}` : `MySQL ${version}`;
  } finally {
    await connection.end();
  }
}

export function sqlDriver(name: ImageName, context: BenchContext, load: string, label: string, answer: string): LoadDriver {
  const { connections } = context.options;
  const account = accountFor(name);
  const port = portFor(name);
  return {
    name: load,
    words: { kind: "sql", label, answer, what: `mysql2, each worker doing ${sqlMix}` },
    warmUp: async (container) => {
      const { host, port: reached } = container.address(port);
      await prepareSqlLoad(host, reached, account);
      await sqlLoad(host, reached, account, connections, 1);
    },
    burst: async (container, seconds) => {
      const { host, port: reached } = container.address(port);
      const run = await sqlLoad(host, reached, account, connections, seconds);
      return {
        answers: run.queries,
        perSec: run.queriesPerSec,
        p50Ms: run.p50Ms,
        p99Ms: run.p99Ms,
        failures: { errors: run.errors },
        generatorCpu: run.generatorCpu,
      };
    },
    software: (container) => {
      const { host, port: reached } = container.address(port);
      return serverVersion(host, reached, account);
    },
  };
}
