// What every flavor's base image promises: a shell, CA certificates that
// parse, time zone data, and a non-root user to run as.
import { X509Certificate } from "node:crypto";
import type { StartedTestContainer } from "testcontainers";
import { expect } from "vitest";
import { startImage } from "../src/run/start.js";
import { describeFlavors } from "./support/matrix.js";

describeFlavors("base", ({ flavor, owner, beforeAll, afterAll, check }) => {
  let container: StartedTestContainer;

  beforeAll(async () => {
    container = await startImage("base", flavor.name, { owner });
  });
  afterAll(async () => {
    await container?.stop();
  });

  const sh = (script: string, env?: Record<string, string>) => container.exec(["sh", "-c", script], { env });

  check("a shell command runs, and its exit status comes back", async () => {
    const ok = await sh('echo "$((6 * 7))" | tr 4 x');
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toBe("x2\n");
    expect((await sh("exit 3")).exitCode).toBe(3);
  });

  check("the CA bundle is present and every certificate parses", async () => {
    const bundle = await sh('cat "$SSL_CERT_FILE"');
    expect(bundle.exitCode, bundle.stderr).toBe(0);
    const pems = bundle.stdout.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    expect(pems.length).toBeGreaterThan(100);
    const subjects = pems.map((pem) => new X509Certificate(pem).subject);
    expect(subjects.some((s) => s.includes("CN=ISRG Root X1"))).toBe(true);
  });

  check("TZ=Europe/London gives +0100 in summer and +0000 in winter", async () => {
    // 2024-07-01 and 2024-01-01, 00:00 UTC
    const offsets = await sh("date -d @1719792000 +%z && date -d @1704067200 +%z", { TZ: "Europe/London" });
    expect(offsets.exitCode, offsets.stderr).toBe(0);
    expect(offsets.stdout.split("\n").filter(Boolean)).toEqual(["+0100", "+0000"]);
  });

  check("it runs as the non-root user app, which exists", async () => {
    const who = await sh('id -u && id -un && grep "^app:" /etc/passwd | cut -d: -f3');
    expect(who.exitCode, who.stderr).toBe(0);
    const [uid, name, passwdUid] = who.stdout.split("\n");
    expect(Number(uid)).not.toBe(0);
    expect(name).toBe("app");
    expect(passwdUid).toBe(uid);
  });
});
