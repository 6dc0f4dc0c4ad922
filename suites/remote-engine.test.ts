// The benchmark with its servers on another Docker engine (DOCKER_HOST=tcp://…)
// and its load generators here, the way TechEmpower keeps load generation off
// the server's machine. A second engine on this machine stands in for the
// remote one (scripts/docker-second-engine.sh: its own bridge, data and
// socket), listening on 127.0.0.2, so an address assumed to be "localhost"
// would not reach it. Needs root (it starts dockerd); skipped with the
// reason otherwise.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Dockerode from "dockerode";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { imageTag, repoRoot } from "../src/catalog.js";
import { docker } from "../src/docker.js";
import type { BenchReport } from "../src/report/schema.js";
import { ownerLabel } from "../src/run/cleanup.js";
import { containerEvents } from "./support/events.js";

const run = promisify(execFile);
const script = path.join(repoRoot, "scripts/docker-second-engine.sh");
const engineName = "remote";
const address = { host: "127.0.0.2", port: 23750 };
const dockerHost = `tcp://${address.host}:${address.port}`;
const image = "nginx-php";

/** Why this suite can't run here, or undefined when it can. */
async function unsupported(flavors: readonly string[]): Promise<string | undefined> {
  if (process.getuid?.() !== 0) return "starting a second Docker engine needs root";
  if (flavors.length === 0) return `no flavor of ${image} is available to run`;
  try {
    await run("sh", ["-c", "command -v dockerd && command -v docker"]);
  } catch {
    return "dockerd or the docker CLI is not installed";
  }
  return undefined;
}

/** The images a bench of nginx-php needs, present on the main engine: upstream, base and nginx-php. */
async function imagesToCopy(): Promise<string[]> {
  const present = (await (await docker()).listImages()).flatMap((i) => i.RepoTags ?? []);
  return present.filter((tag) => /^(tiny\/(bootstrap|base|nginx-php)|debian):/.test(tag));
}

/** Copies images with the docker CLI, as a user would: save on one engine, load on the other. */
async function copyImages(tags: readonly string[]): Promise<void> {
  await run("sh", ["-c", `docker save "$@" | DOCKER_HOST=${dockerHost} docker load -q`, "copy", ...tags], { timeout: 5 * 60_000 });
}

describe(`npm run bench with the servers on another engine (${dockerHost})`, () => {
  const status = inject("imageStatus")[image] ?? {};
  const flavors = Object.entries(status)
    .filter(([, state]) => state?.available)
    .map(([flavor]) => flavor);
  let skipped: string | undefined;
  let out: string;
  let report: BenchReport;
  let mainEngineCreated: string[];
  let remoteEngineCreated: string[];
  const remote = new Dockerode({ host: address.host, port: address.port });

  beforeAll(async () => {
    skipped = await unsupported(flavors);
    if (skipped) return;
    await run("sh", [script, "up", engineName, "172.31.0.1/16", `${address.host}:${address.port}`], { timeout: 90_000 });
    await copyImages(await imagesToCopy());
    out = await mkdtemp(path.join(tmpdir(), "tiny-remote-"));
    const since = Math.floor(Date.now() / 1000);
    // The main engine's host override (localhost) must not follow the bench there.
    const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_HOST: dockerHost };
    delete env.TESTCONTAINERS_HOST_OVERRIDE;
    const args = ["--images", image, "--flavors", flavors.join(","), "--rounds", "1", "--duration", "1", "--out", out];
    const bench = run(process.execPath, ["--import", "tsx", path.join(repoRoot, "src/bench/cli.ts"), ...args], {
      cwd: repoRoot,
      env,
      timeout: 8 * 60_000,
      killSignal: "SIGINT",
    });
    await bench;
    // The bench labels what it creates with its process id; other suites run beside this one.
    const label = `${ownerLabel}=${bench.child.pid}`;
    mainEngineCreated = await containerEvents({ since, event: "create", label });
    remoteEngineCreated = await containerEvents({ since, event: "create", label, engine: remote });
    report = JSON.parse(await readFile(path.join(out, "latest.json"), "utf8")) as BenchReport;
  }, 12 * 60_000);

  afterAll(async () => {
    if (out) await rm(out, { recursive: true, force: true });
    if (!skipped) await run("sh", [script, "down", engineName], { timeout: 60_000 });
  });

  const check = (name: string, fn: () => Promise<void> | void) =>
    it(name, async (ctx) => {
      if (skipped) ctx.skip(skipped);
      await fn();
    });

  check("measures every available flavor, loaded over the remote engine's published ports", () => {
    const measured = report.images.find((i) => i.name === image)?.flavors ?? [];
    expect(measured.map((f) => f.flavor).sort()).toEqual([...flavors].sort());
    for (const flavor of measured) {
      expect(flavor.loads?.php?.perSec, flavor.flavor).toBeGreaterThan(0);
      expect(flavor.startup?.medianMs, flavor.flavor).toBeGreaterThan(0);
    }
  });

  check("runs no server on this machine's engine, and every one on the remote engine", () => {
    expect(mainEngineCreated).toEqual([]);
    expect(remoteEngineCreated.filter((from) => from.startsWith(`tiny/${image}:`)).length).toBeGreaterThan(0);
  });

  check("says where the servers ran, and doesn't split this machine's CPUs for them", () => {
    expect(report.environment.serverEngine?.host).toBe(dockerHost);
    expect(report.environment.serverEngine?.cpuCount).toBeGreaterThan(0);
    expect(report.settings.isolation).toBeUndefined();
  });

  check("leaves no container, network or volume behind on the remote engine", async () => {
    const [containers, networks, volumes] = await Promise.all([
      remote.listContainers({ all: true }),
      remote.listNetworks(),
      remote.listVolumes(),
    ]);
    expect(containers.map((c) => c.Image)).toEqual([]);
    expect(networks.map((n) => n.Name).sort()).toEqual(["bridge", "host", "none"]);
    expect(volumes.Volumes ?? []).toEqual([]);
  });

  check("built nothing: the images it measured are the ones copied over", async () => {
    for (const flavor of flavors) {
      const tag = imageTag(image, flavor as Parameters<typeof imageTag>[1]);
      const [here, there] = await Promise.all([(await docker()).getImage(tag).inspect(), remote.getImage(tag).inspect()]);
      expect(there.Id, tag).toBe(here.Id);
    }
  });
});
