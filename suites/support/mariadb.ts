// Talking to a started mariadb container from the host, with the accounts
// the catalog's environment creates.
import mysql from "mysql2/promise";
import type { StartedTestContainer } from "testcontainers";
import { image } from "../../src/catalog.js";

const environment = image("mariadb").environment ?? {};
const [port] = image("mariadb").ports as [number];

function required(name: string): string {
  const value = environment[name];
  if (!value) throw new Error(`the catalog's mariadb environment has no ${name}`);
  return value;
}

/** The credentials the catalog starts mariadb with. */
export const defaults = {
  rootPassword: required("MARIADB_ROOT_PASSWORD"),
  database: required("MARIADB_DATABASE"),
  user: required("MARIADB_USER"),
  password: required("MARIADB_PASSWORD"),
};

export interface Credentials {
  readonly user?: string;
  readonly password?: string;
  readonly database?: string;
}

export const rootWith = (password: string): Credentials => ({ user: "root", password, database: "" });

/** A connection over the mapped port; the application account unless told otherwise. */
export function connectTo(container: StartedTestContainer, credentials: Credentials = {}): Promise<mysql.Connection> {
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
