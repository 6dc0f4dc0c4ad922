// The harness against engines that fail: one that hangs (answers /_ping,
// /version and /info, then nothing: hung-engine.ts) and one that isn't
// there. No Docker needed. A paused or killed real engine mid-run is
// suites/engine-faults.test.ts.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../src/catalog.js";
import { boundOf, pingEngine } from "../../src/docker-bounds.js";
import { cleanupBudgetMs, managedLabel, ownerLabel, removeOwnedBy, runLabel } from "../../src/run/cleanup.js";
import { startHungEngine, type HungEngine } from "./hung-engine.js";

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** performance.now() when it ended. */
  at: number;
}

/**
 * Runs a harness command under tsx with this environment. `terminate`, when
 * it resolves, sends it SIGTERM. Times are taken from the engine's side (the
 * first request it left unanswered), not from the start: tsx alone takes
 * seconds to start on a busy machine.
 */
function runTsx(script: string, args: readonly string[], env: NodeJS.ProcessEnv, terminate?: Promise<unknown>): Promise<Ended> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ["--import", "tsx", path.join(repoRoot, script), ...args],
      { cwd: repoRoot, env: { ...process.env, ...env }, timeout: 90_000 },
      (error, _stdout, stderr) => {
        const { code = 0, signal = null } = (error ?? {}) as { code?: number | null; signal?: NodeJS.Signals | null };
        resolve({ code, signal, stderr, at: performance.now() });
      },
    );
    void terminate?.then(() => child.kill("SIGTERM"));
  });
}

const secondsBetween = (from: number, to: number): number => (to - from) / 1000;

const lines = (text: string): string[] => text.split("\n").filter((line) => line.trim() !== "");

describe.concurrent("an engine that hangs", () => {
  let out: string;
  const engines: HungEngine[] = [];
  /** An engine of the test's own: its first unanswered request is that test's. */
  const hungEngine = async (): Promise<HungEngine> => {
    const engine = await startHungEngine();
    engines.push(engine);
    return engine;
  };

  beforeAll(async () => {
    out = await mkdtemp(path.join(tmpdir(), "tiny-hung-out-"));
  });
  afterAll(async () => {
    await Promise.all(engines.map((e) => e.close()));
    if (out) await rm(out, { recursive: true, force: true });
  });

  it("fails the bench within the call timeout, in one line naming DOCKER_HOST, and writes nothing", async () => {
    const engine = await hungEngine();
    const ended = await runTsx("src/bench/cli.ts", ["--only", "size", "--out", out], {
      DOCKER_HOST: engine.dockerHost,
      TINY_DOCKER_TIMEOUT: "1",
    });
    expect(ended.code).toBe(1);
    expect(secondsBetween(await engine.firstHang, ended.at)).toBeLessThan(1 + 2);
    expect(lines(ended.stderr)).toEqual([
      `bench: failed: the Docker engine at DOCKER_HOST=${engine.dockerHost} did not answer GET /containers/json within 1 s (TINY_DOCKER_TIMEOUT=1): it hangs, or is paused; no report was written`,
    ]);
    expect(engine.unanswered).toContain("GET /containers/json");
    expect(await readdir(out)).toEqual([]);
  });

  it("ends the bench on SIGTERM within CI's 10 s grace, hung call and all", async () => {
    const engine = await hungEngine();
    const env = { DOCKER_HOST: engine.dockerHost, TINY_DOCKER_TIMEOUT: "300" };
    const ended = await runTsx("src/bench/cli.ts", ["--only", "size", "--out", out], env, engine.firstHang);
    expect(ended.code).toBe(143);
    expect(secondsBetween(await engine.firstHang, ended.at)).toBeLessThan(10);
    expect(ended.stderr).not.toMatch(/clean-up/);
    expect(await readdir(out)).toEqual([]);
  });

  it("bounds the clean-up of a run: one line saying what is left, in its budget even with a long call timeout", async () => {
    const engine = await hungEngine();
    const ended = await runTsx("src/run/cleanup-cli.ts", ["--owner", "4242", "--run", "some-run"], {
      DOCKER_HOST: engine.dockerHost,
      TINY_DOCKER_TIMEOUT: "300",
    });
    expect(ended.code).toBe(1);
    expect(secondsBetween(await engine.firstHang, ended.at)).toBeLessThan(cleanupBudgetMs / 1000 + 2);
    expect(lines(ended.stderr)).toEqual([
      `[tiny] clean-up: not finished within ${cleanupBudgetMs / 1000} s: the Docker engine at DOCKER_HOST=${engine.dockerHost} does not answer; what this run created there goes with npm run clean once it does`,
    ]);
  });
});

describe("an engine that isn't there", () => {
  it("is named in one line, with no clean-up claimed for a run that created nothing", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "tiny-gone-out-"));
    try {
      const ended = await runTsx("src/bench/cli.ts", ["--only", "size", "--out", out], { DOCKER_HOST: "tcp://127.0.0.1:1" });
      expect(ended.code).toBe(1);
      expect(lines(ended.stderr)).toEqual([
        "bench: failed: the Docker engine at DOCKER_HOST=tcp://127.0.0.1:1 is not reachable (connect ECONNREFUSED 127.0.0.1:1): start it, or point DOCKER_HOST at one that runs (on Debian, as root: sh scripts/docker-up.sh); no report was written",
      ]);
      expect(await readdir(out)).toEqual([]);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it("fails a ping at once, naming the socket", async () => {
    await expect(pingEngine(1_000, { DOCKER_HOST: "unix:///nonexistent/docker.sock" })).rejects.toThrow(
      /^the Docker engine at DOCKER_HOST=unix:\/\/\/nonexistent\/docker.sock is not reachable \(connect ENOENT/,
    );
  });
});

describe("a run's clean-up on a shared engine", () => {
  it("removes only what carries its own identity, not another run's of the same pid", async () => {
    const labels = (run: string) => ({ [managedLabel]: "true", [ownerLabel]: "1", [runLabel]: run });
    const engine = await startHungEngine([
      { Id: "mine", Labels: labels("run-a") },
      { Id: "theirs", Labels: labels("run-b") },
      { Id: "unlabelled-run", Labels: { [managedLabel]: "true", [ownerLabel]: "1" } },
    ]);
    process.env.DOCKER_HOST = engine.dockerHost;
    try {
      expect(await removeOwnedBy(1, "run-a")).toEqual({ containers: 1, networks: 0, volumes: 0 });
      expect(engine.removed).toEqual(["mine"]);
    } finally {
      delete process.env.DOCKER_HOST;
      await engine.close();
    }
  });
});

describe("boundOf", () => {
  const t = 30_000;
  it("bounds an ordinary call by the call timeout, answer and stream alike", () => {
    expect(boundOf("GET", "/containers/json?all=true", t)).toEqual({ answerMs: t, idleMs: t });
    expect(boundOf("DELETE", "/containers/abc?force=true&v=true", t)).toEqual({ answerMs: t, idleMs: t });
  });

  it("gives the calls that rightly take long their own bounds", () => {
    expect(boundOf("POST", "/containers/abc/stop?t=10", t)).toEqual({ answerMs: 40_000 });
    expect(boundOf("POST", "/build?t=tiny%2Fbase%3Ascratch", t)).toEqual({ answerMs: t, idleMs: 30 * 60_000 });
    expect(boundOf("GET", "/images/tiny%2Fbase%3Ascratch/get", t)).toEqual({ answerMs: 10 * t, idleMs: 10 * t });
    expect(boundOf("GET", "/images/tiny/nginx-php:debian/get", t)).toEqual({ answerMs: 10 * t, idleMs: 10 * t });
    expect(boundOf("POST", "/images/create?fromSrc=-", t)).toEqual({ answerMs: 10 * t, idleMs: 10 * t });
    // Their callers bound these: run-once's timeout, the suites' own.
    expect(boundOf("POST", "/containers/abc/wait", t)).toEqual({});
    expect(boundOf("GET", "/containers/abc/logs?follow=true&stdout=true", t)).toEqual({ answerMs: t });
    expect(boundOf("POST", "/exec/abc/start", t)).toEqual({ answerMs: t });
    expect(boundOf("GET", "/containers/abc/stats?stream=false", t)).toEqual({ answerMs: t, idleMs: t });
  });
});
