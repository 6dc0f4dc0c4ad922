// nginx-php and mariadb of one flavor on one Docker network, as an
// application would run them: PHP reaches MariaDB by its network alias and
// writes and reads rows through PDO and through mysqli.
import type { StartedTestContainer } from "testcontainers";
import { expect } from "vitest";
import { endpoint, image } from "../src/catalog.js";
import { createNetwork, type OwnedResource } from "../src/run/network.js";
import { startImage } from "../src/run/start.js";
import { connectTo, defaults } from "./support/mariadb.js";
import { describeFlavors } from "./support/matrix.js";

const alias = "db";
const [webPort] = image("nginx-php").ports as [number];

describeFlavors(["nginx-php", "mariadb"], ({ flavor, owner, beforeAll, afterAll, check }) => {
  let network: OwnedResource;
  let db: StartedTestContainer;
  let web: StartedTestContainer;
  const page = (query: string): Promise<Response> =>
    fetch(`http://${web.getHost()}:${web.getMappedPort(webPort)}${endpoint("nginx-php", "db")}?${query}`);

  beforeAll(async () => {
    network = await createNetwork(owner);
    db = await startImage("mariadb", flavor.name, { owner, network: { name: network.name, alias } });
    web = await startImage("nginx-php", flavor.name, {
      owner,
      network: { name: network.name, alias: "web" },
      environment: {
        MARIADB_HOST: alias,
        MARIADB_DATABASE: defaults.database,
        MARIADB_USER: defaults.user,
        MARIADB_PASSWORD: defaults.password,
      },
    });
  });
  afterAll(async () => {
    await web?.stop();
    await db?.stop();
    await network?.remove();
  });

  check("a PHP page writes rows through PDO and mysqli and reads each back through the other", async () => {
    const note = `from PHP 🐘 ${flavor.name}`;
    const response = await page(new URLSearchParams({ note }).toString());
    const body = (await response.json()) as Record<string, unknown>;
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body.server).toMatch(/MariaDB/);
    expect(body.writtenByPdoReadByMysqli).toMatchObject({ driver: "pdo", note });
    expect(body.writtenByMysqliReadByPdo).toMatchObject({ driver: "mysqli", note });
  });

  check("the rows PHP wrote are in MariaDB, as MariaDB's own client sees them", async () => {
    const note = `checked from the host ${Date.now()}`;
    expect((await page(new URLSearchParams({ note }).toString())).status).toBe(200);
    const client = await connectTo(db);
    try {
      const [rows] = await client.query("SELECT driver FROM php_rows WHERE note = ? ORDER BY id", [note]);
      expect(rows).toEqual([{ driver: "pdo" }, { driver: "mysqli" }]);
    } finally {
      await client.end();
    }
  });

  check("without MARIADB_HOST the page says what to set, instead of a PHP error", async () => {
    // The web container of this block has it; ask one that doesn't.
    const bare = await startImage("nginx-php", flavor.name, { owner });
    try {
      const response = await fetch(`http://${bare.getHost()}:${bare.getMappedPort(webPort)}${endpoint("nginx-php", "db")}`);
      expect(response.status).toBe(503);
      const body = (await response.json()) as { error?: string };
      expect(Object.keys(body)).toEqual(["error"]);
      expect(body.error).toContain("MARIADB_HOST");
    } finally {
      await bare.stop();
    }
  });
});
