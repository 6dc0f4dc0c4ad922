// Talking to a started mariadb container from the host, with the accounts
// the catalog's environment creates.
import mysql from "mysql2/promise";
import type { StartedTestContainer } from "testcontainers";
import { accountOf, environmentOf, image } from "../../src/catalog.js";

const [port] = image("mariadb").ports as [number];
const account = accountOf("mariadb");
const rootPassword = environmentOf("mariadb").MARIADB_ROOT_PASSWORD;
if (!account || !rootPassword) throw new Error("the catalog starts mariadb with no application account or no root password");

/** The credentials the catalog starts mariadb with. */
export const defaults = { rootPassword, ...account };

export interface Credentials {
  readonly user?: string;
  readonly password?: string;
  readonly database?: string;
}

export const rootWith = (password: string): Credentials => ({ user: "root", password, database: "" });

/** What a connection needs of a container: where its port is reached. */
export type Reachable = Pick<StartedTestContainer, "getHost" | "getMappedPort">;

/** A connection over the mapped port; the application account unless told otherwise. */
export function connectTo(container: Reachable, credentials: Credentials = {}): Promise<mysql.Connection> {
  const database = credentials.database ?? defaults.database;
  return mysql.createConnection({
    host: container.getHost(),
    port: container.getMappedPort(port),
    user: credentials.user ?? defaults.user,
    password: credentials.password ?? defaults.password,
    ...(database ? { database } : {}),
    charset: "utf8mb4_general_ci",
    connectTimeout: 10_000,
  });
}
