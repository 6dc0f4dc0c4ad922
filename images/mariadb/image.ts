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
  load: { kind: "sql" },
  software: /^MariaDB \d+\.\d+\.\d+/,
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
