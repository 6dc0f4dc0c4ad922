// What a flavor's image actually runs, as the software reports itself, so a
// report can tell a flavor's cost from a version's.
import mysql from "mysql2/promise";
import { endpoint, image, type FlavorName, type ImageName } from "../catalog.js";
import type { Launched } from "../run/launch.js";
import { runOnce } from "../run/run-once.js";
import type { SqlAccount } from "./first-answer.js";

/** For a started service: PHP's version from its info page, MariaDB's from VERSION(). */
export async function serviceSoftware(name: ImageName, container: Launched, account: SqlAccount): Promise<string | undefined> {
  if (name === "nginx-php") {
    const response = await fetch(`http://${container.ip}${endpoint(name, "php")}`);
    const info = (await response.json()) as { php?: string };
    return info.php ? `PHP ${info.php}` : undefined;
  }
  if (name === "mariadb") {
    const port = image(name).ports[0]!;
    const connection = await mysql.createConnection({ host: container.ip, port, ...account });
    try {
      const [rows] = await connection.query("SELECT VERSION() AS version");
      return `MariaDB ${(rows as Array<{ version: string }>)[0]!.version}`;
    } finally {
      await connection.end();
    }
  }
  return undefined;
}

/** For ab: what `ab -V` says ("This is ApacheBench, Version 2.3 <...>"). */
export async function abSoftware(flavorName: FlavorName, owner: number): Promise<string | undefined> {
  const run = await runOnce("ab", flavorName, { owner, args: ["-V"], timeoutMs: 30_000 });
  const version = /ApacheBench, Version (\S+)/.exec(run.stdout)?.[1];
  return version ? `ApacheBench ${version}` : undefined;
}
