// What every flavor of nginx-php promises: PHP runs (never shown as source),
// static files are exact, errors are honest, uploads don't execute, nothing
// runs as root, and the supervisor neither hangs on stop nor hides a death.
// And that it is safe as it ships: no page but a neutral one, no dotfile
// served, sessions collected, every signal survived or obeyed. (No request
// running for ever: nginx-php-timeouts.test.ts, in the slow tier, for it
// waits the shipped 40 s out.)
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Wait, type StartedTestContainer } from "testcontainers";
import { describe, expect, it } from "vitest";
import { endpoint, image, repoRoot, type FlavorName } from "../src/catalog.js";
import { pairs } from "../src/plan.js";
import { logsOf, processesOf, signalContainer, stateOf, stopTimed, waitForState } from "../src/run/inspect.js";
import { imageContainer, startImage } from "../src/run/start.js";
import { describeFlavors } from "./support/matrix.js";
import { checkFiles, checkPages, dotfiles, serviceTree, wellKnown, type ServiceTree } from "./support/nginx-php.js";

const required = ["ctype", "curl", "json", "mbstring", "mysqli", "pdo_mysql", "zend opcache"];
const spec = image("nginx-php");
const [port] = spec.ports as [number];
const docroot = spec.harnessPages!.target;
interface PhpInfo {
  php: string;
  extensions: string[];
}
const phpByFlavor = new Map<FlavorName, PhpInfo>();

const baseUrl = (container: StartedTestContainer): string => `http://${container.getHost()}:${container.getMappedPort(port)}`;

/** Polls the container's process tree until `done` holds of it; the last tree either way (throwing if it has no supervisor and services). */
async function treeWhen(container: StartedTestContainer, done: (tree: ServiceTree) => boolean, timeoutMs: number): Promise<ServiceTree> {
  const deadline = Date.now() + timeoutMs;
  do {
    const tree = await processesOf(container).then(serviceTree, () => undefined);
    if (tree && done(tree)) return tree;
    await new Promise((resolve) => setTimeout(resolve, 250));
  } while (Date.now() < deadline);
  return serviceTree(await processesOf(container));
}

describeFlavors("nginx-php", ({ flavor, owner, beforeAll, afterAll, check }) => {
  let container: StartedTestContainer;
  const get = (key: string): Promise<Response> => fetch(baseUrl(container) + endpoint("nginx-php", key));

  beforeAll(async () => {
    container = await startImage("nginx-php", flavor.name, { owner, files: checkFiles() });
  });
  afterAll(async () => {
    await container?.stop();
  });

  check("a PHP page is executed and reports the PHP version and extensions", async () => {
    const response = await get("php");
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain("<?php");
    const info = JSON.parse(text) as { php: string; sapi: string; extensions: string[]; opcache: boolean };
    expect(info.php).toMatch(/^8\.\d+\.\d+/);
    expect(info.sapi).toBe("fpm-fcgi");
    expect(info.extensions).toEqual(expect.arrayContaining(required));
    expect(info.opcache).toBe(true);
    phpByFlavor.set(flavor.name, { php: info.php, extensions: info.extensions });
  });

  check("a static file comes back byte for byte, as image/png", async () => {
    const response = await get("static");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    const expected = await readFile(path.join(repoRoot, spec.harnessPages!.folder, endpoint("nginx-php", "static")));
    expect(Buffer.from(await response.arrayBuffer()).equals(expected)).toBe(true);
  });

  check("a missing page and a missing PHP script are both 404", async () => {
    const missingPage = await fetch(`${baseUrl(container)}/no-such-page.html`);
    expect(missingPage.status).toBe(404);
    const missingScript = await fetch(`${baseUrl(container)}/no-such-script.php`);
    expect(missingScript.status).toBe(404);
    expect(await missingScript.text()).not.toContain("File not found.");
  });

  check("a POST of form fields reaches PHP", async () => {
    const response = await fetch(baseUrl(container) + endpoint("nginx-php", "form"), {
      method: "POST",
      body: new URLSearchParams({ name: "Zoë", answer: "42" }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ method: "POST", fields: { name: "Zoë", answer: "42" } });
  });

  check("a PHP session keeps its data from one request to the next (session files in /var/lib/php/sessions)", async () => {
    const first = await get("session");
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ n: 1 });
    const cookie = first.headers.get("set-cookie")?.split(";")[0];
    expect(cookie, "no session cookie").toMatch(/^PHPSESSID=/);
    const second = await fetch(baseUrl(container) + endpoint("nginx-php", "session"), { headers: { cookie: cookie! } });
    expect(await second.json()).toEqual({ n: 2 });
  });

  check("a small file upload reaches PHP intact", async () => {
    const content = Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 251));
    const form = new FormData();
    form.set("note", "upload");
    form.set("file", new Blob([content]), "bytes.bin");
    const response = await fetch(baseUrl(container) + endpoint("nginx-php", "form"), { method: "POST", body: form });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { files: Record<string, { name: string; size: number; sha256: string }> };
    expect(body.files.file).toEqual({
      name: "bytes.bin",
      size: content.length,
      error: 0,
      sha256: createHash("sha256").update(content).digest("hex"),
    });
  });

  check("a PHP file under uploads/, at the top or in an application's folder, is neither executed nor sent", async () => {
    for (const key of ["upload", "nestedUpload"]) {
      const response = await get(key);
      const text = await response.text();
      expect(response.status, key).toBe(403);
      expect(text).not.toContain("EXECUTED");
      expect(text).not.toContain("<?php");
    }
  });

  check("nginx hides its version and PHP does not announce itself", async () => {
    const response = await get("php");
    expect(response.headers.get("server")).toBe("nginx");
    expect(response.headers.get("x-powered-by")).toBeNull();
  });

  check("XML in UTF-8, ISO-8859-1, ISO-8859-15 and windows-1252 parses; iconv converts", async () => {
    const response = await get("xml");
    const text = "Grüße, café";
    expect(await response.json()).toEqual({
      "UTF-8": text,
      "ISO-8859-1": text,
      "ISO-8859-15": text,
      "windows-1252": text,
      iconv: Buffer.from(text, "latin1").toString("hex"),
    });
  });

  check("every process runs as the non-root user, nginx and php-fpm among them", async () => {
    const processes = await processesOf(container);
    expect(processes.filter((p) => p.uid === 0)).toEqual([]);
    const commands = processes.map((p) => p.command);
    expect(commands).toEqual(expect.arrayContaining(["nginx", "php-fpm"]));
  });

  check("Docker's HEALTHCHECK reports it healthy", async () => {
    const state = await waitForState(container, (s) => s.health === "healthy", 30_000);
    expect(state.health).toBe("healthy");
  });

  check("docker stop returns in under 3 seconds and the container exits 0", async () => {
    const own = await startImage("nginx-php", flavor.name, { owner });
    try {
      const seconds = await stopTimed(own);
      expect(seconds).toBeLessThan(3);
      expect((await stateOf(own)).exitCode).toBe(0);
    } finally {
      await own.stop();
    }
  });

  check("the PHP CLI answers by the name update-alternatives gives it, php, as in Debian's own", async () => {
    const cli = await container.exec(["php", "-r", "echo PHP_VERSION;"]);
    expect(cli.exitCode, cli.output).toBe(0);
    expect(cli.output.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  check("a killed PHP-FPM makes the container exit non-zero", async () => {
    const own = await startImage("nginx-php", flavor.name, { owner });
    try {
      const kill = await own.exec(["sh", "-c", 'kill -KILL "$(cat /tmp/php-fpm.pid)"']);
      expect(kill.exitCode, kill.output).toBe(0);
      const state = await waitForState(own, (s) => !s.running, 10_000);
      expect(state.running).toBe(false);
      expect(state.exitCode).not.toBe(0);
    } finally {
      await own.stop();
    }
  });

  check("as it ships, its docroot holds one neutral page, and the HEALTHCHECK needs nothing else", async () => {
    const shipped = await (
      await imageContainer("nginx-php", flavor.name, { owner, harnessPages: false })
    )
      .withWaitStrategy(Wait.forHealthCheck())
      .start();
    try {
      const listing = await shipped.exec(["ls", "-A", docroot]);
      expect(listing.output.trim().split(/\s+/)).toEqual(["index.html"]);
      const home = await fetch(`${baseUrl(shipped)}/`);
      expect(home.status).toBe(200);
      expect(await home.text()).not.toMatch(/php|nginx|\d+\.\d+\.\d+/i);
      for (const page of ["/index.php", "/db.php", "/health.php", "/php-fpm-ping"]) {
        const response = await fetch(baseUrl(shipped) + page);
        expect({ page, status: response.status }).toEqual({ page, status: 404 });
        expect(await response.text()).not.toContain("pong");
      }
    } finally {
      await shipped.stop();
    }
  });

  check("dotfiles and dot-folders are never served, however deep; /.well-known/ is", async () => {
    for (const [url, secret] of Object.entries(dotfiles)) {
      const response = await fetch(baseUrl(container) + url);
      expect({ url, status: response.status }).toEqual({ url, status: 404 });
      expect(await response.text()).not.toContain(secret);
    }
    expect((await fetch(`${baseUrl(container)}/.git/`)).status).toBe(404);
    const known = await fetch(baseUrl(container) + wellKnown.url);
    expect(known.status).toBe(200);
    expect(await known.text()).toBe(wellKnown.content);
  });

  check("PHP collects sessions itself: a session idle past gc_maxlifetime is deleted", async () => {
    const first = await get("session");
    const id = /PHPSESSID=([^;]+)/.exec(first.headers.get("set-cookie") ?? "")?.[1];
    expect(id, "no session cookie").toBeDefined();
    const gc = await fetch(`${baseUrl(container)}${checkPages.gc.url}?id=${id}`);
    const { collected, ...result } = (await gc.json()) as Record<string, unknown>;
    expect(result).toEqual({ probability: 1, divisor: 1000, existed: true, aged: true, left: false });
    expect(collected).toBeGreaterThanOrEqual(1);
    // Its data went with it: the same cookie starts counting again.
    const again = await fetch(baseUrl(container) + endpoint("nginx-php", "session"), { headers: { cookie: `PHPSESSID=${id}` } });
    expect(await again.json()).toEqual({ n: 1 });
  });

  check("docker kill -s HUP reloads nginx and PHP-FPM (new workers, same masters) and it keeps serving", async () => {
    const own = await startImage("nginx-php", flavor.name, { owner });
    try {
      const before = serviceTree(await processesOf(own));
      await signalContainer(own, "HUP");
      const replaced = (service: "nginx" | "php-fpm", tree: ServiceTree): boolean =>
        tree.services[service].workers.length > 0 &&
        !tree.services[service].workers.some((w) => before.services[service].workers.includes(w));
      const after = await treeWhen(own, (t) => replaced("nginx", t) && replaced("php-fpm", t), 20_000);
      expect((await stateOf(own)).running).toBe(true);
      expect(after.supervisor.pid).toBe(before.supervisor.pid);
      for (const service of ["nginx", "php-fpm"] as const) {
        expect({ service, master: after.services[service].master.pid }).toEqual({ service, master: before.services[service].master.pid });
        expect({ service, replaced: replaced(service, after) }).toEqual({ service, replaced: true });
      }
      expect(after.strays).toEqual([]);
      const response = await fetch(baseUrl(own) + endpoint("nginx-php", "php"));
      expect(response.status).toBe(200);
      expect(await logsOf(own)).toContain("supervisor: reloading nginx and PHP-FPM");
    } finally {
      await own.stop();
    }
  });

  check("every other signal leaves it running, both services under the supervisor, still serving", async () => {
    const own = await startImage("nginx-php", flavor.name, { owner });
    const signals = ["USR1", "USR2", "WINCH", "ALRM", "PIPE", "VTALRM", "PROF", "XCPU", "XFSZ", "IO", "PWR", "SYS", "TRAP", "ABRT"];
    signals.push("TSTP", "TTIN", "TTOU", "STKFLT", "RTMIN+3", "RTMAX");
    try {
      for (const signal of signals) {
        await signalContainer(own, signal);
        // One at a time: each is handled before the next arrives.
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const tree = await treeWhen(own, (t) => t.services.nginx.workers.length > 0 && t.services["php-fpm"].workers.length > 0, 10_000);
      expect((await stateOf(own)).running).toBe(true);
      expect(tree.strays).toEqual([]);
      const response = await fetch(baseUrl(own) + endpoint("nginx-php", "php"));
      expect(response.status).toBe(200);
      expect(await logsOf(own)).toContain("supervisor: ignoring signal ALRM");
    } finally {
      await own.stop();
    }
  });
});

describe("nginx-php [all flavors]", () => {
  it("every flavor loads the same PHP extensions", (ctx) => {
    if (phpByFlavor.size < 2) {
      ctx.skip(`needs two flavors that served PHP; had ${[...phpByFlavor.keys()].join(", ") || "none"}`);
    }
    const [first, ...others] = [...phpByFlavor.values()];
    for (const [name, info] of [...phpByFlavor.entries()].slice(1)) {
      expect({ flavor: name, extensions: info.extensions }).toEqual({ flavor: name, extensions: first!.extensions });
    }
    expect(others.length).toBeGreaterThan(0);
  });

  it("each tiny flavor runs the same PHP minor version as its original", (ctx) => {
    const minor = (version: string): string => version.split(".").slice(0, 2).join(".");
    const served = pairs.filter((p) => phpByFlavor.has(p.tiny) && phpByFlavor.has(p.original));
    if (served.length === 0) ctx.skip("no tiny flavor served PHP together with its original");
    for (const { tiny, original } of served) {
      expect({ flavor: tiny, php: minor(phpByFlavor.get(tiny)!.php) }).toEqual({
        flavor: tiny,
        php: minor(phpByFlavor.get(original)!.php),
      });
    }
  });
});
