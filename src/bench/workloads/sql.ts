// SQL: mysql2 through a pool against the image's account, a fixed mix of
// point selects and inserts (measure/sql-load.ts).
import mysql from "mysql2/promise";
import { accountOf, image, type Account, type FlavorName, type ImageName } from "../../catalog.js";
import { prepareSqlLoad, sqlLoad, type SqlRun } from "../../measure/sql-load.js";
import { summariseSql } from "../summarise.js";
import { serviceWorkload } from "./service.js";
import type { BenchContext, Workload } from "./workload.js";

function accountFor(name: ImageName): Account {
  const account = accountOf(name);
  if (!account) throw new Error(`the catalog gives ${name} no account for the SQL workload`);
  return account;
}

/** The port its declaration names first: what the SQL workload reaches, with no port of its own to assume. */
function portFor(name: ImageName): number {
  const port = image(name).ports[0];
  if (port === undefined) throw new Error(`images/${name}/image.ts declares no port for the SQL workload to reach`);
  return port;
}

async function serverVersion(host: string, port: number, account: Account): Promise<string> {
  const connection = await mysql.createConnection({ host, port, ...account });
  try {
    const [rows] = await connection.query("SELECT VERSION() AS version");
    return `MariaDB ${(rows as Array<{ version: string }>)[0]!.version}`;
  } finally {
    await connection.end();
  }
}

export function sqlWorkload(name: ImageName, context: BenchContext): Workload {
  const { connections } = context.options;
  const account = accountFor(name);
  const port = portFor(name);
  const runs = new Map<FlavorName, SqlRun[]>();
  return serviceWorkload(name, context, {
    runs: ["sql"],
    warmUp: async (container) => {
      const { host, port: reached } = container.address(port);
      await prepareSqlLoad(host, reached, account);
      await sqlLoad(host, reached, account, connections, 1);
    },
    burst: async (container, flavor, _run, seconds) => {
      const { host, port: reached } = container.address(port);
      const run = await sqlLoad(host, reached, account, connections, seconds);
      runs.set(flavor, [...(runs.get(flavor) ?? []), run]);
      context.generator.note(name, flavor, "mysql2", run.generatorCpu);
      return run.queries;
    },
    software: (container) => {
      const { host, port: reached } = container.address(port);
      return serverVersion(host, reached, account);
    },
    figures: (flavor, cpuUs) => {
      const done = runs.get(flavor);
      return done ? { sql: summariseSql(done, cpuUs("sql")) } : {};
    },
  });
}
