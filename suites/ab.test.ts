// What every flavor of ab promises: it is Apache Bench, it loads nginx-php of
// the same flavor without a failed request, and when it can't reach a server
// the harness says so in ab's words.
import type { StartedTestContainer } from "testcontainers";
import { expect, inject, it } from "vitest";
import { endpoint, type FlavorName } from "../src/catalog.js";
import { runAb } from "../images/ab/run-ab.js";
import { createNetwork, type OwnedResource } from "../src/run/network.js";
import { runOnce } from "../src/run/run-once.js";
import { startImage } from "../src/run/start.js";
import { describeFlavors, type FlavorBlock } from "./support/matrix.js";

const requests = 2000;
const concurrency = 16;

/** Why nginx-php of a flavor can't be ab's target in this run, if it can't: TINY_IMAGES may leave it out. */
function targetMissing(flavorName: FlavorName): string | undefined {
  const target = inject("imageStatus")["nginx-php"]?.[flavorName];
  if (target === undefined) return "nginx-php not requested (TINY_IMAGES)";
  return target.available ? undefined : `nginx-php [${flavorName}] unavailable: ${target.reason}`;
}

describeFlavors("ab", ({ flavor, owner, beforeAll, afterAll, check }) => {
  check("ab -V runs and reports its version", async () => {
    const run = await runOnce("ab", flavor.name, { owner, command: ["-V"] });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^This is ApacheBench, Version \d+\.\d+\b/);
  });

  // When ab itself can't run here, `check` already skips with that reason.
  const missing = targetMissing(flavor.name);
  const abAvailable = inject("imageStatus").ab?.[flavor.name]?.available === true;
  const checkAgainstWeb: FlavorBlock["check"] = missing && abAvailable ? (name) => it(name, (ctx) => ctx.skip(missing)) : check;

  let network: OwnedResource;
  let web: StartedTestContainer;
  if (!missing) {
    beforeAll(async () => {
      network = await createNetwork(owner);
      web = await startImage("nginx-php", flavor.name, { owner, network: { name: network.name, alias: "web" } });
    });
    afterAll(async () => {
      await web?.stop();
      await network?.remove();
    });
  }
  const ab = (url: string, load: { requests: number; concurrency: number; keepAlive: boolean }) =>
    runAb({ image: "ab", flavor: flavor.name, owner, network: network.name, url, ...load });

  for (const page of ["php", "static"]) {
    const url = `http://web${endpoint("nginx-php", page)}`;
    checkAgainstWeb(`-k -n ${requests} -c ${concurrency} against ${url}: every request completes, none fails`, async () => {
      const figures = await ab(url, { requests, concurrency, keepAlive: true });
      expect(figures).toMatchObject({
        completeRequests: requests,
        failedRequests: { total: 0 },
        writeErrors: 0,
        non2xxResponses: 0,
      });
      expect(figures.requestsPerSecond).toBeGreaterThan(0);
    });
  }

  checkAgainstWeb("against a port where nothing listens, the error says the connection was refused", async () => {
    const url = "http://web:8080/";
    await expect(ab(url, { requests: 10, concurrency: 2, keepAlive: false })).rejects.toThrow(
      new Error(`ab [${flavor.name}] against ${url} failed: apr_socket_recv: Connection refused (111)`),
    );
  });
});
