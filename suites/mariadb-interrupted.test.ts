// The mariadb entrypoint killed (SIGKILL) at named points of a first start,
// mid-wipe included, and started again; two containers on one volume (one
// server runs, the other stops in one line); a first start as root and the
// next as mysql. Every time the database comes
// up fully initialised (accounts, database, time zones, healthcheck), and
// rows a user wrote after a good start are never touched. The points are
// hit every time by suites/support/mariadb-interrupt.sh, which the suite
// brings in as the entrypoint: the image ships no hook.
import { expect, vi } from "vitest";
import type { FlavorName } from "../src/catalog.js";
import { createVolume } from "../src/run/network.js";
import { runOnce } from "../src/run/run-once.js";
import { KillableMariadb, type KillableOptions, type KillPoint } from "./support/mariadb-interrupt.js";
import { connectTo, defaults, rootWith, type Reachable } from "./support/mariadb.js";
import { describeFlavors } from "./support/matrix.js";

// A first start initialises in about 10 s, up to ~30 s on 2 busy cores;
// some checks make several.
vi.setConfig({ testTimeout: 300_000 });
const startupMs = 150_000;
const dataDir = "/var/lib/mysql";
const initialising = "initialising the database";
const serverLock = ".tiny-server-lock";

const count = (text: string, part: string): number => text.split(part).length - 1;

/** Accounts, the application's database and the time zones, as a first start makes them. */
async function expectInitialised(container: Reachable): Promise<void> {
  const root = await connectTo(container, rootWith(defaults.rootPassword));
  try {
    const [accounts] = await root.query("SELECT CONCAT(User, '@', Host) AS account FROM mysql.global_priv ORDER BY account");
    expect(accounts).toEqual(
      [`${defaults.user}@%`, "healthcheck@localhost", "mariadb.sys@localhost", "root@%", "root@localhost"].map((account) => ({ account })),
    );
    const [[zones]] = (await root.query(
      "SELECT COUNT(*) AS names, CAST(CONVERT_TZ('2026-07-01 12:00:00', 'UTC', 'Europe/Paris') AS CHAR) AS paris FROM mysql.time_zone_name",
    )) as unknown as [[{ names: number; paris: string | null }]];
    expect(zones.names).toBeGreaterThan(500);
    expect(zones.paris).toBe("2026-07-01 14:00:00");
  } finally {
    await root.end();
  }
  const app = await connectTo(container);
  try {
    const [[where]] = (await app.query("SELECT DATABASE() AS db")) as unknown as [[{ db: string }]];
    expect(where.db).toBe(defaults.database);
  } finally {
    await app.end();
  }
}

/** Runs a shell command as mysql in a one-off container on the volumes; its standard output. */
async function inVolume(flavor: FlavorName, owner: number, volumes: Record<string, string>, command: string): Promise<string> {
  const result = await runOnce("mariadb", flavor, { owner, volumes, entrypoint: ["sh", "-c", command], timeoutMs: 60_000 });
  expect(result.exitCode, result.stderr).toBe(0);
  return result.stdout;
}

/** The entrypoint's own files still in the data directory: only its lock once a start got through. */
async function bookkeeping(flavor: FlavorName, owner: number, volumes: Record<string, string>): Promise<string[]> {
  const names = await inVolume(flavor, owner, volumes, `ls -A ${dataDir}`);
  return names.split("\n").filter((name) => name.startsWith(".tiny-") || name.endsWith(".new"));
}

/** Waits until one of them has stopped; returns it (a check fails if none does in time). */
async function firstToStop(containers: readonly KillableMariadb[], timeoutMs: number): Promise<KillableMariadb> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const container of containers) if (!(await container.running())) return container;
    if (Date.now() > deadline) throw new Error(`none of ${containers.length} containers stopped within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A start that found another server on its volume: stopped, ≠ 0, one line naming the directory and the holder. */
async function expectRefused(loser: KillableMariadb, holder: KillableMariadb): Promise<void> {
  expect(await loser.running()).toBe(false);
  expect(await loser.exitCode()).not.toBe(0);
  const said = (await loser.logs()).trim().split("\n");
  expect(said).toHaveLength(1);
  expect(said[0]).toContain(`error: another server runs on ${dataDir} (container ${await holder.hostname()}, pid `);
}

/** A fresh volume and the containers started on it, all removed afterwards. */
async function onVolume(
  owner: number,
  body: (
    volumes: Record<string, string>,
    start: (options?: Omit<KillableOptions, "owner" | "volumes">) => Promise<KillableMariadb>,
  ) => Promise<void>,
  flavor: FlavorName,
): Promise<void> {
  const volume = await createVolume(owner);
  const volumes = { [volume.name]: dataDir };
  const started: KillableMariadb[] = [];
  try {
    await body(volumes, async (options = {}) => {
      const container = await KillableMariadb.start(flavor, { owner, volumes, ...options });
      started.push(container);
      return container;
    });
  } finally {
    for (const container of started) await container.remove();
    await volume.remove();
  }
}

describeFlavors("mariadb", ({ flavor, owner, check }) => {
  const cases: ReadonlyArray<{ point: KillPoint; again: "same" | "new" }> = [
    { point: "bootstrap-start", again: "same" },
    { point: "bootstrap-middle", again: "new" },
    { point: "time-zones", again: "same" },
    { point: "accounts", again: "new" },
  ];
  for (const { point, again } of cases) {
    const how = again === "same" ? "the same container" : "a new container";
    check(`killed (SIGKILL) at ${point} of a first start, then started as ${how}: initialised in full`, async () => {
      await onVolume(
        owner,
        async (volumes, start) => {
          const first = await start({ interruptAt: point });
          await first.waitForLog(new RegExp(`PAUSED at ${point}`), startupMs);
          await first.kill();
          let next = first;
          if (again === "same") await first.start();
          else next = await start();
          await next.ready(startupMs);
          const log = await next.logs();
          expect(log).toContain("an earlier first start was stopped before it finished: emptying");
          // The killed start's lock went with it: nothing to wait out.
          expect(log).not.toContain("another server");
          await expectInitialised(next);
          expect(await next.health(60_000)).toBe("healthy");
          expect(await bookkeeping(flavor.name, owner, volumes)).toEqual([serverLock]);
        },
        flavor.name,
      );
    });
  }

  check("killed (SIGKILL) mid-wipe of what a killed first start left, then started again: initialised in full", async () => {
    await onVolume(
      owner,
      async (volumes, start) => {
        const first = await start({ interruptAt: "accounts" });
        await first.waitForLog(/PAUSED at accounts/, startupMs);
        await first.kill();
        // Folders of files, so that the wipe is caught at work (one folder gone,
        // the rest not), whatever it removes first.
        await inVolume(
          flavor.name,
          owner,
          volumes,
          `cd ${dataDir} && d=0 && while [ $d -lt 100 ]; do mkdir -p junk/d$d && f=0 && while [ $f -lt 30 ]; do : >junk/d$d/f$f; f=$((f + 1)); done; d=$((d + 1)); done`,
        );
        const wiping = await start({ interruptAt: "wipe" });
        const [, left, total, listing] = await wiping.waitForLog(
          /FROZEN mid-wipe: (\d+) of (\d+) junk folders left; in \S+: (.*)/,
          startupMs,
        );
        expect(Number(left)).toBeGreaterThan(0);
        expect(Number(left)).toBeLessThan(Number(total));
        // The marker goes last: a wipe killed here is redone.
        expect(listing).toContain(`${dataDir}/.tiny-initialising`);
        await wiping.kill();

        const next = await start();
        await next.ready(startupMs);
        expect(await next.logs()).toContain("emptying");
        await expectInitialised(next);
        expect(await bookkeeping(flavor.name, owner, volumes)).toEqual([serverLock]);
      },
      flavor.name,
    );
  });

  check("killed (SIGKILL) just after a first start, then with a user's rows in: never initialised again, the rows kept", async () => {
    await onVolume(
      owner,
      async (volumes, start) => {
        const container = await start({ interruptAt: "server" });
        await container.waitForLog(/PAUSED at server/, startupMs);
        await container.kill();
        await container.start();
        await container.ready(startupMs);
        const db = await connectTo(container);
        await db.query("CREATE TABLE kept (word VARCHAR(20))");
        await db.query("INSERT INTO kept VALUES ('persisted')");
        await db.end();
        // The server itself killed: InnoDB recovers, the entrypoint leaves the data alone.
        await container.kill();
        await container.start();
        await container.ready(startupMs);
        const again = await connectTo(container);
        const [rows] = await again.query("SELECT word FROM kept");
        await again.end();
        expect(rows).toEqual([{ word: "persisted" }]);
        const log = await container.logs();
        expect(count(log, initialising)).toBe(1);
        expect(log).not.toContain("emptying");
        await expectInitialised(container);
      },
      flavor.name,
    );
  });

  // Three times: which of the two wins is the engine's to decide, and either way one runs.
  check(
    "two containers started at once on one empty volume, three times: one server answers, the other stops in one line naming it",
    async () => {
      for (let attempt = 1; attempt <= 3; attempt++) {
        await onVolume(
          owner,
          async (_volumes, start) => {
            const both = await Promise.all([start(), start()]);
            const loser = await firstToStop(both, startupMs);
            const winner = both.find((c) => c !== loser)!;
            await expectRefused(loser, winner);
            await winner.ready(startupMs);
            expect(count(await winner.logs(), initialising)).toBe(1);
            await expectInitialised(winner);
          },
          flavor.name,
        );
      }
    },
  );

  check("a second container on the volume of a running server: stops in one line naming it, and the server goes on", async () => {
    await onVolume(
      owner,
      async (_volumes, start) => {
        const server = await start();
        await server.ready(startupMs);
        const second = await start();
        await firstToStop([second], startupMs);
        await expectRefused(second, server);
        await expectInitialised(server);
      },
      flavor.name,
    );
  });

  check("a first start as root, then one as mysql (the default user): the healthcheck passes", async () => {
    await onVolume(
      owner,
      async (volumes, start) => {
        const asRoot = await start({ user: "root" });
        await asRoot.ready(startupMs);
        await asRoot.stop();
        expect(await inVolume(flavor.name, owner, volumes, `find ${dataDir} ! -user mysql`)).toBe("");
        expect(await inVolume(flavor.name, owner, volumes, `stat -c '%U %a' ${dataDir}/.my-healthcheck.cnf`)).toBe("mysql 600\n");
        const asMysql = await start();
        await asMysql.ready(startupMs);
        expect(await asMysql.health(60_000)).toBe("healthy");
        await expectInitialised(asMysql);
      },
      flavor.name,
    );
  });

  check("a first start as root killed (SIGKILL) at time-zones, then one as mysql: taken over, initialised in full, healthy", async () => {
    await onVolume(
      owner,
      async (volumes, start) => {
        const asRoot = await start({ user: "root", interruptAt: "time-zones" });
        await asRoot.waitForLog(/PAUSED at time-zones/, startupMs);
        await asRoot.kill();
        const asMysql = await start();
        await asMysql.ready(startupMs);
        expect(await asMysql.logs()).toContain("emptying");
        expect(await asMysql.health(60_000)).toBe("healthy");
        await expectInitialised(asMysql);
        expect(await inVolume(flavor.name, owner, volumes, `find ${dataDir} ! -user mysql`)).toBe("");
      },
      flavor.name,
    );
  });
});
