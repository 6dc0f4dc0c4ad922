// mariadb: MariaDB server, initialised from MARIADB_* on first start, loaded with the SQL mix.
import { defineImage } from "../../src/image-declaration.js";

export default defineImage({
  summary: "MariaDB server on port 3306, initialised on first start from MARIADB_* variables",
  flavors: ["alpine", "centos", "scratch", "debian"],
  seed: { originalMB: 432, tinyMB: 189 },
  parent: "base",
  ports: [3306],
  // A query, not the log line: the server that initialises the data
  // directory listens on no port, and only the real one answers.
  readiness: { kind: "sql", port: 3306 },
  loads: { sql: { kind: "sql", label: "SQL" } },
  software: /^MariaDB \d+\.\d+\.\d+/,
  // MariaDB takes the limit as its open_files_limit and sizes its table
  // cache from it: wanting ~32000 for its default 2000 tables in 8
  // instances, it shrinks the cache under this one, alike on both sides of
  // a pair that sets it (catalog.ts). 4096: the most any engine grants.
  nofile: 4096,
  // The SQL probe the parity suite and the benchmark ask (parity-probe.ts).
  parity: { module: "parity-probe.ts" },
  environment: {
    MARIADB_ROOT_PASSWORD: "tiny-root-secret",
    MARIADB_DATABASE: "app",
    MARIADB_USER: "app",
    MARIADB_PASSWORD: "tiny-app-secret",
  },
  account: (env) =>
    env.MARIADB_USER && env.MARIADB_DATABASE
      ? { user: env.MARIADB_USER, password: env.MARIADB_PASSWORD ?? "", database: env.MARIADB_DATABASE }
      : undefined,
});
