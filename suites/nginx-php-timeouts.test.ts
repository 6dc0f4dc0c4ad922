// No request runs for ever: one stuck past PHP-FPM's request_terminate_timeout
// (40 s, as shipped) is ended by PHP-FPM, and nginx answers 502 before its
// own fastcgi_read_timeout (60 s) would. In the slow tier: it waits the
// shipped timer out, 40 to 53 s a flavor. npm test checks the order of the
// two settings from the files (images/nginx-php/timeouts.test.ts).
import type { StartedTestContainer } from "testcontainers";
import { expect } from "vitest";
import { image } from "../src/catalog.js";
import { logsOf } from "../src/run/inspect.js";
import { startImage } from "../src/run/start.js";
import { describeFlavors } from "./support/matrix.js";
import { checkFiles, checkPages } from "./support/nginx-php.js";

const [port] = image("nginx-php").ports as [number];

/** A request started now, and when and how it ended. */
async function timedRequest(url: string): Promise<{ status: number; seconds: number }> {
  const started = performance.now();
  const seconds = (): number => (performance.now() - started) / 1000;
  try {
    // Bounded: past nginx's 60 s nothing should still be waiting.
    const response = await fetch(url, { signal: AbortSignal.timeout(90_000) });
    await response.arrayBuffer();
    return { status: response.status, seconds: seconds() };
  } catch {
    return { status: 0, seconds: seconds() };
  }
}

describeFlavors("nginx-php", ({ flavor, owner, beforeAll, afterAll, check }) => {
  let container: StartedTestContainer;

  beforeAll(async () => {
    container = await startImage("nginx-php", flavor.name, { owner, files: checkFiles() });
  });
  afterAll(async () => {
    await container?.stop();
  });

  check(
    "a request stuck past request_terminate_timeout (40 s) is ended by PHP-FPM, before nginx gives up at 60 s",
    async () => {
      const url = `http://${container.getHost()}:${container.getMappedPort(port)}${checkPages.sleep.url}`;
      const { status, seconds } = await timedRequest(url);
      expect(status, `after ${seconds.toFixed(1)} s`).toBe(502);
      expect(seconds).toBeGreaterThanOrEqual(39);
      expect(seconds).toBeLessThan(59);
      expect(await logsOf(container)).toMatch(/check-sleep\.php.*execution timed out/);
    },
    120_000,
  );
});
