// A real application nobody here wrote: WordPress, as Debian packages it,
// served by nginx-php against mariadb of the same flavor on one network. It
// is installed through its own web installer, a user logs in to wp-admin,
// and a post published through its REST API is read back from the front
// page. WordPress's files are a test fixture (fixtures/wordpress/), copied
// into the web container at start, never part of an image.
import { Readable } from "node:stream";
import type { StartedTestContainer } from "testcontainers";
import { expect, type TestContext } from "vitest";
import { image } from "../src/catalog.js";
import { createNetwork, type OwnedResource } from "../src/run/network.js";
import { imageContainer, startImage } from "../src/run/start.js";
import { Browser } from "./support/browser.js";
import { filesOf, fixtureImage } from "./support/fixture-image.js";
import { defaults } from "./support/mariadb.js";
import { describeFlavors } from "./support/matrix.js";

const site = "/wordpress";
// The first run builds the fixture image (apt installs WordPress and what it
// depends on): minutes on 2 busy cores, not the seconds a container start takes.
const fixtureBuildTimeoutMs = 900_000;
const [webPort] = image("nginx-php").ports as [number];
const admin = { user: "tiny-admin", password: "a long test password 4 WordPress", email: "admin@example.com" };

/** WordPress's files as a tar of one folder, `wordpress/`, or why they can't be had here. Built once per run. */
let files: Promise<{ tar: Buffer } | { skip: string }> | undefined;
const wordpressFiles = (owner: number): Promise<{ tar: Buffer } | { skip: string }> =>
  (files ??= fixtureImage("wordpress").then(async (fixture) =>
    "skip" in fixture ? fixture : { tar: await filesOf(fixture.tag, "/wordpress", owner) },
  ));

describeFlavors(["nginx-php", "mariadb"], ({ flavor, owner, beforeAll, afterAll, check }) => {
  let skip: string | undefined;
  let network: OwnedResource;
  let db: StartedTestContainer;
  let web: StartedTestContainer;
  let browser: Browser;
  const wpCheck = (name: string, fn: () => Promise<void>): void =>
    check(name, async (ctx: TestContext) => {
      if (skip) ctx.skip(skip);
      await fn();
    });

  beforeAll(async () => {
    const wordpress = await wordpressFiles(owner);
    if ("skip" in wordpress) {
      skip = wordpress.skip;
      return;
    }
    network = await createNetwork(owner);
    db = await startImage("mariadb", flavor.name, { owner, network: { name: network.name, alias: "db" } });
    const environment = {
      MARIADB_HOST: "db",
      MARIADB_DATABASE: defaults.database,
      MARIADB_USER: defaults.user,
      MARIADB_PASSWORD: defaults.password,
    };
    web = await (
      await imageContainer("nginx-php", flavor.name, { owner, network: { name: network.name }, environment })
    )
      .withCopyArchivesToContainer([{ tar: Readable.from(wordpress.tar), target: "/var/www/html" }])
      .start();
    browser = new Browser(`http://${web.getHost()}:${web.getMappedPort(webPort)}`);
  }, fixtureBuildTimeoutMs);
  afterAll(async () => {
    await web?.stop();
    await db?.stop();
    await network?.remove();
  });

  wpCheck("WordPress's installer asks for the site's details", async () => {
    const response = await browser.get(`${site}/wp-admin/install.php`);
    const page = await response.text();
    expect(response.status, page.slice(0, 500)).toBe(200);
    expect(page).toContain('name="weblog_title"');
  });

  wpCheck("the web installer installs the site into MariaDB", async () => {
    const response = await browser.post(`${site}/wp-admin/install.php?step=2`, {
      weblog_title: `Tiny ${flavor.name}`,
      user_name: admin.user,
      admin_password: admin.password,
      admin_password2: admin.password,
      pw_weak: "1",
      admin_email: admin.email,
      blog_public: "0",
      language: "",
    });
    const page = await response.text();
    expect(response.status, page.slice(0, 500)).toBe(200);
    expect(page).toContain("Success!");
  });

  wpCheck("the admin logs in through wp-login.php and wp-admin shows the dashboard", async () => {
    await browser.get(`${site}/wp-login.php`); // sets WordPress's test cookie
    const login = await browser.post(`${site}/wp-login.php`, {
      log: admin.user,
      pwd: admin.password,
      "wp-submit": "Log In",
      redirect_to: `${site}/wp-admin/`,
      testcookie: "1",
    });
    expect(login.status, (await login.text()).slice(0, 500)).toBe(302);
    expect(login.headers.get("location")).toContain("/wp-admin/");
    expect(browser.has("wordpress_logged_in_")).toBe(true);
    const dashboard = await browser.get(`${site}/wp-admin/`);
    const page = await dashboard.text();
    expect(dashboard.status, page.slice(0, 500)).toBe(200);
    expect(page).toMatch(/<h1>Dashboard<\/h1>/);
  });

  wpCheck("a post published through the REST API, with wp-admin's nonce, is on the front page", async () => {
    // The nonce wp-admin gives its own scripts; plain permalinks reach the API through ?rest_route=.
    const nonce = (await (await browser.get(`${site}/wp-admin/admin-ajax.php?action=rest-nonce`)).text()).trim();
    expect(nonce).toMatch(/^[0-9a-f]{10}$/);
    const title = `Published on ${flavor.name}`;
    const created = await browser.request(`${site}/?rest_route=/wp/v2/posts`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-wp-nonce": nonce },
      body: JSON.stringify({ title, content: "Grüße from a tiny image 🐳", status: "publish" }),
    });
    const post = (await created.json()) as { id?: number; status?: string };
    expect(created.status, JSON.stringify(post).slice(0, 500)).toBe(201);
    expect(post.status).toBe("publish");
    const front = await browser.get(`${site}/`);
    expect(front.status).toBe(200);
    expect(await front.text()).toContain(title);
    const single = await browser.get(`${site}/?p=${post.id}`);
    expect(single.status).toBe(200);
    expect(await single.text()).toContain("Grüße from a tiny image 🐳");
  });
});
