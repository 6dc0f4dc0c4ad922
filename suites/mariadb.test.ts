// What every flavor of mariadb promises: the application account works over
// the network with transactions and full Unicode, passwords mean something,
// it refuses to start without a root password, data survives a new
// container, a stop is clean, the server is not root, and named time zones
// work unless MARIADB_INITDB_SKIP_TZINFO is set.
import type { Connection } from "mysql2/promise";
import type { StartedTestContainer } from "testcontainers";
import { expect } from "vitest";
import { createVolume } from "../src/run/network.js";
import { logsOf, processesOf, waitForState } from "../src/run/inspect.js";
import { runOnce } from "../src/run/run-once.js";
import { imageContainer, startImage } from "../src/run/start.js";
import { connectTo, defaults, rootWith } from "./support/mariadb.js";
import { describeFlavors } from "./support/matrix.js";

const dataDir = "/var/lib/mysql";

/** Noon UTC on a summer day, in Paris: NULL when the server knows no named zones. */
async function convertToParis(db: Connection): Promise<string | null> {
  const [[row]] = (await db.query("SELECT CAST(CONVERT_TZ('2026-07-01 12:00:00', 'UTC', 'Europe/Paris') AS CHAR) AS paris")) as unknown as [
    [{ paris: string | null }],
  ];
  return row.paris;
}
const initialising = "initialising the database";

describeFlavors("mariadb", ({ flavor, owner, beforeAll, afterAll, check }) => {
  let container: StartedTestContainer;

  beforeAll(async () => {
    container = await startImage("mariadb", flavor.name, { owner });
  });
  afterAll(async () => {
    await container?.stop();
  });

  check("the application user creates, inserts, selects, updates and deletes in its database", async () => {
    const db = await connectTo(container);
    try {
      await db.query("CREATE TABLE crud (id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(40) NOT NULL)");
      await db.query("INSERT INTO crud (name) VALUES (?), (?)", ["first", "second"]);
      await db.query("UPDATE crud SET name = ? WHERE name = ?", ["changed", "first"]);
      await db.query("DELETE FROM crud WHERE name = ?", ["second"]);
      const [rows] = await db.query("SELECT id, name FROM crud ORDER BY id");
      expect(rows).toEqual([{ id: 1, name: "changed" }]);
      const [[where]] = (await db.query("SELECT DATABASE() AS db, CURRENT_USER() AS user")) as unknown as [[{ db: string; user: string }]];
      expect(where).toEqual({ db: defaults.database, user: `${defaults.user}@%` });
    } finally {
      await db.end();
    }
  });

  check("a transaction rolled back leaves nothing behind", async () => {
    const db = await connectTo(container);
    try {
      await db.query("CREATE TABLE ledger (id INT PRIMARY KEY, amount INT) ENGINE=InnoDB");
      await db.beginTransaction();
      await db.query("INSERT INTO ledger VALUES (1, 100), (2, -100)");
      const [inside] = await db.query("SELECT COUNT(*) AS n FROM ledger");
      expect(inside).toEqual([{ n: 2 }]);
      await db.rollback();
      const [after] = await db.query("SELECT COUNT(*) AS n FROM ledger");
      expect(after).toEqual([{ n: 0 }]);
    } finally {
      await db.end();
    }
  });

  check("utf8mb4 text (emoji, CJK, combining marks) round-trips unchanged, by default", async () => {
    const db = await connectTo(container);
    const texts = ["🐳📦✨", "小さなイメージ", "작은 이미지", "e\u0301 Zoë 𝔘𝔫𝔦𝔠𝔬𝔡𝔢"];
    try {
      // No charset in the DDL: the server's default must hold 4-byte text.
      await db.query("CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(100))");
      await db.query("INSERT INTO notes VALUES ?", [texts.map((body, id) => [id, body])]);
      const [rows] = (await db.query("SELECT body FROM notes ORDER BY id")) as unknown as [Array<{ body: string }>];
      expect(rows.map((r) => r.body)).toEqual(texts);
      const [[charset]] = (await db.query(
        "SELECT CCSA.CHARACTER_SET_NAME AS cs FROM information_schema.TABLES T JOIN information_schema.COLLATION_CHARACTER_SET_APPLICABILITY CCSA ON CCSA.COLLATION_NAME = T.TABLE_COLLATION WHERE T.TABLE_NAME = 'notes'",
      )) as unknown as [[{ cs: string }]];
      expect(charset.cs).toBe("utf8mb4");
    } finally {
      await db.end();
    }
  });

  check("a wrong password is refused; root works with the password given", async () => {
    await expect(connectTo(container, { password: "not-the-password" })).rejects.toMatchObject({
      code: "ER_ACCESS_DENIED_ERROR",
    });
    await expect(connectTo(container, { user: "root", password: "" })).rejects.toMatchObject({
      code: "ER_ACCESS_DENIED_ERROR",
    });
    const root = await connectTo(container, rootWith(defaults.rootPassword));
    try {
      const [[row]] = (await root.query("SELECT CURRENT_USER() AS user, @@character_set_server AS cs")) as unknown as [
        [{ user: string; cs: string }],
      ];
      expect(row).toEqual({ user: "root@%", cs: "utf8mb4" });
      // Only the accounts asked for, the healthcheck's and the locked system
      // account: none of the defaults' anonymous or password-less ones.
      const [accounts] = await root.query(
        "SELECT CONCAT(User, '@', Host) AS account, JSON_VALUE(Priv, '$.plugin') AS plugin," +
          " IFNULL(JSON_VALUE(Priv, '$.account_locked'), 0) = 1 AS locked FROM mysql.global_priv ORDER BY account",
      );
      expect(accounts).toEqual([
        { account: `${defaults.user}@%`, plugin: "mysql_native_password", locked: 0 },
        { account: "healthcheck@localhost", plugin: "mysql_native_password", locked: 0 },
        { account: "mariadb.sys@localhost", plugin: "mysql_native_password", locked: 1 },
        { account: "root@%", plugin: "mysql_native_password", locked: 0 },
        { account: "root@localhost", plugin: "mysql_native_password", locked: 0 },
      ]);
    } finally {
      await root.end();
    }
  });

  check("named time zones are loaded on the first start: CONVERT_TZ to Europe/Paris works", async () => {
    // root: the tables are in the mysql schema, which the application can't read.
    const db = await connectTo(container, rootWith(defaults.rootPassword));
    try {
      expect(await convertToParis(db)).toBe("2026-07-01 14:00:00");
      const [[names]] = (await db.query("SELECT COUNT(*) AS zones FROM mysql.time_zone_name")) as unknown as [[{ zones: number }]];
      expect(names.zones).toBeGreaterThan(500);
    } finally {
      await db.end();
    }
  });

  check("with MARIADB_INITDB_SKIP_TZINFO the time zone tables stay empty: CONVERT_TZ is NULL", async () => {
    const started = await startImage("mariadb", flavor.name, { owner, environment: { MARIADB_INITDB_SKIP_TZINFO: "1" } });
    try {
      const db = await connectTo(started);
      expect(await convertToParis(db)).toBeNull();
      await db.end();
    } finally {
      await started.stop();
    }
  });

  check("without mariadb-tzinfo-to-sql the first start fails in one line that says so", async () => {
    // Every command the image has but that one, through a PATH of links: the
    // entrypoint must refuse to start rather than start without named zones.
    const hide =
      "mkdir /tmp/bin && for f in /usr/local/bin/* /usr/sbin/* /usr/bin/* /sbin/* /bin/*; do n=${f##*/};" +
      ' [ "$n" = mariadb-tzinfo-to-sql ] || [ -e "/tmp/bin/$n" ] || ln -s "$f" "/tmp/bin/$n"; done;' +
      " PATH=/tmp/bin exec docker-entrypoint mariadbd";
    const result = await runOnce("mariadb", flavor.name, { owner, entrypoint: ["sh", "-c", hide], timeoutMs: 60_000 });
    expect(result.exitCode).not.toBe(0);
    const log = (result.stdout + result.stderr).trim();
    expect(log).toMatch(/mariadb-tzinfo-to-sql is missing.*MARIADB_INITDB_SKIP_TZINFO/);
    expect(log.split("\n")).toHaveLength(1);
  });

  check("a plugin the package ships installs: INSTALL SONAME 'ha_archive' gives the ARCHIVE engine", async () => {
    const root = await connectTo(container, rootWith(defaults.rootPassword));
    try {
      await root.query("INSTALL SONAME 'ha_archive'");
      const [engines] = await root.query("SELECT SUPPORT FROM information_schema.ENGINES WHERE ENGINE = 'ARCHIVE'");
      expect(engines).toEqual([{ SUPPORT: "YES" }]);
      await root.query("UNINSTALL SONAME 'ha_archive'");
    } finally {
      await root.end();
    }
  });

  check("the healthcheck's query reports healthy", async () => {
    const state = await waitForState(container, (s) => s.health !== "starting", 30_000);
    expect(state.health).toBe("healthy");
  });

  check("the server runs as mysql, not root", async () => {
    const processes = await processesOf(container);
    expect(processes.map((p) => p.command)).toContain("mariadbd");
    const { stdout } = await container.exec(["id", "-un"]);
    expect(stdout.trim()).toBe("mysql");
    for (const p of processes) expect(p.uid, `${p.command} runs as uid ${p.uid}`).toBe(999);
  });

  check("with no root password option it exits non-zero and the log names the variables", async () => {
    const result = await runOnce("mariadb", flavor.name, { owner, replaceEnvironment: true, environment: {}, timeoutMs: 60_000 });
    expect(result.exitCode).not.toBe(0);
    const log = result.stdout + result.stderr;
    expect(log).toMatch(/MARIADB_ROOT_PASSWORD\b/);
    expect(log).toMatch(/MARIADB_RANDOM_ROOT_PASSWORD\b/);
    // One clear line, not a server's worth of output.
    expect(log.trim().split("\n")).toHaveLength(1);
  });

  check("a random root password is printed once, and *_FILE variables read secrets from files", async () => {
    const started = await (
      await imageContainer("mariadb", flavor.name, {
        owner,
        environment: {
          MARIADB_ROOT_PASSWORD: "",
          MARIADB_RANDOM_ROOT_PASSWORD: "1",
          MARIADB_PASSWORD: "",
          MARIADB_PASSWORD_FILE: "/run/secrets/app-password",
        },
      })
    )
      .withCopyContentToContainer([{ content: "from-a-file", target: "/run/secrets/app-password", mode: 0o444 }])
      .start();
    try {
      const log = await logsOf(started);
      const generated = [...log.matchAll(/GENERATED ROOT PASSWORD: (\S+)/g)].map((m) => m[1]);
      expect(generated).toHaveLength(1);
      const root = await connectTo(started, rootWith(generated[0]!));
      await root.end();
      const app = await connectTo(started, { password: "from-a-file" });
      await app.end();
    } finally {
      await started.stop();
    }
  });

  check("quotes, backslashes and wildcards in MARIADB_* values are taken literally", async () => {
    const hostile = { user: "o'brien\\", password: "it's a \\ 'test'", database: "a_b" };
    const started = await startImage("mariadb", flavor.name, {
      owner,
      environment: { MARIADB_USER: hostile.user, MARIADB_PASSWORD: hostile.password, MARIADB_DATABASE: hostile.database },
    });
    try {
      const root = await connectTo(started, rootWith(defaults.rootPassword));
      await root.query("CREATE DATABASE aXb");
      await root.end();
      const app = await connectTo(started, hostile);
      try {
        const [[row]] = (await app.query("SELECT DATABASE() AS db")) as unknown as [[{ db: string }]];
        expect(row.db).toBe("a_b");
        // The grant on a_b must not match aXb, as an unescaped _ would.
        await expect(app.query("USE aXb")).rejects.toMatchObject({ code: "ER_DBACCESS_DENIED_ERROR" });
      } finally {
        await app.end();
      }
    } finally {
      await started.stop();
    }
  });

  check("a first start stopped half-way is redone; a folder that isn't a database is refused", async () => {
    const volume = await createVolume(owner);
    const volumes = { [volume.name]: dataDir };
    const asMysql = (script: string) =>
      runOnce("mariadb", flavor.name, { owner, volumes, entrypoint: ["sh", "-c", script], timeoutMs: 30_000 });
    try {
      // What a kill during initialisation leaves: a system schema folder and the marker.
      expect((await asMysql(`mkdir ${dataDir}/mysql && touch ${dataDir}/.tiny-initialising`)).exitCode).toBe(0);
      const redone = await startImage("mariadb", flavor.name, { owner, volumes });
      try {
        expect(await logsOf(redone)).toMatch(/an earlier first start was stopped before it finished: emptying/);
        const db = await connectTo(redone);
        await db.end();
      } finally {
        await redone.stop({ timeout: 10_000, remove: true, removeVolumes: false });
      }

      expect((await asMysql(`rm -rf ${dataDir}/* ${dataDir}/.[!.]* && touch ${dataDir}/stray-file`)).exitCode).toBe(0);
      const refused = await runOnce("mariadb", flavor.name, { owner, volumes, timeoutMs: 60_000 });
      expect(refused.exitCode).not.toBe(0);
      expect(refused.stderr).toMatch(/holds files but no database/);
    } finally {
      await volume.remove();
    }
  });

  check("data written before a stop is there in a new container on the same volume, not initialised again", async () => {
    const volume = await createVolume(owner);
    const volumes = { [volume.name]: dataDir };
    // Docker's own stop: SIGTERM, then up to 10 s before SIGKILL.
    const stopGently = { timeout: 10_000, remove: true, removeVolumes: false };
    try {
      const first = await startImage("mariadb", flavor.name, { owner, volumes });
      const db = await connectTo(first);
      await db.query("CREATE TABLE kept (word VARCHAR(20))");
      await db.query("INSERT INTO kept VALUES ('persisted')");
      await db.end();
      expect(await logsOf(first)).toContain(initialising);
      await first.stop(stopGently);

      // Changed variables must not reset what the first start set up.
      const second = await startImage("mariadb", flavor.name, {
        owner,
        volumes,
        environment: { MARIADB_ROOT_PASSWORD: "a-different-one" },
      });
      try {
        const again = await connectTo(second);
        const [rows] = await again.query("SELECT word FROM kept");
        await again.end();
        expect(rows).toEqual([{ word: "persisted" }]);
        const log = await logsOf(second);
        expect(log).not.toContain(initialising);
        expect(log).toContain("already initialised");
        // The first server shut down cleanly on SIGTERM: nothing to recover.
        expect(log).not.toMatch(/crash recovery/i);
        const root = await connectTo(second, rootWith(defaults.rootPassword));
        await root.end();
        await expect(connectTo(second, rootWith("a-different-one"))).rejects.toMatchObject({
          code: "ER_ACCESS_DENIED_ERROR",
        });
      } finally {
        await second.stop(stopGently);
      }
    } finally {
      await volume.remove();
    }
  });
});
