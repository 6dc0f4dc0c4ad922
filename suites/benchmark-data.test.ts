// The history branch, for real, against a bare repository standing in for
// GitHub: the first run creates the branch, later runs pull every earlier
// run and push only what is new, and the code's branch is never touched.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../src/catalog.js";

const run = promisify(execFile);
const script = path.join(repoRoot, "scripts/benchmark-data.sh");

describe("scripts/benchmark-data.sh", () => {
  let dir: string;
  let origin: string;
  const git = (cwd: string, ...args: string[]) => run("git", args, { cwd }).then((r) => r.stdout.trim());
  const data = (cwd: string, action: "pull" | "push") => run("sh", [script, action], { cwd });

  /** A clone of the code's branch, as a CI job has it, with `files` written to reports/history/. */
  async function job(name: string, files: readonly string[]): Promise<string> {
    const clone = path.join(dir, name);
    await run("git", ["clone", "--quiet", origin, clone]);
    await mkdir(path.join(clone, "reports/history"), { recursive: true });
    for (const file of files) await writeFile(path.join(clone, "reports/history", file), `{"run":"${file}"}\n`);
    return clone;
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "tiny-data-"));
    origin = path.join(dir, "origin.git");
    await run("git", ["init", "--quiet", "--bare", "--initial-branch=main", origin]);
    const seed = path.join(dir, "seed");
    await run("git", ["init", "--quiet", "--initial-branch=main", seed]);
    await writeFile(path.join(seed, "README.md"), "code\n");
    await git(seed, "add", ".");
    await git(seed, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "--quiet", "-m", "code");
    await git(seed, "push", "--quiet", origin, "main");
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("pulls nothing, and says so, before the branch exists", async () => {
    const first = await job("first-pull", []);
    const { stderr } = await data(first, "pull");
    expect(stderr).toContain("no benchmark-data branch on origin yet");
    expect(await readdir(path.join(first, "reports/history"))).toEqual([]);
  });

  it("creates the branch with the first run, holding history/ alone", async () => {
    const first = await job("first", ["2026-11-27T03-17-00Z.json"]);
    await data(first, "push");
    const files = await git(dir, "--git-dir", origin, "ls-tree", "-r", "--name-only", "benchmark-data");
    expect(files.split("\n")).toEqual(["history/2026-11-27T03-17-00Z.json"]);
  });

  it("gives the next run every earlier one, and pushes only what is new", async () => {
    const second = await job("second", []);
    await data(second, "pull");
    expect(await readdir(path.join(second, "reports/history"))).toEqual(["2026-11-27T03-17-00Z.json"]);
    await writeFile(path.join(second, "reports/history/2026-11-28T03-17-00Z.json"), "{}\n");
    await data(second, "push");
    const log = await git(dir, "--git-dir", origin, "log", "--format=%s", "benchmark-data");
    expect(log.split("\n")).toEqual(["history: 1 run(s)", "history: 1 run(s)"]);
    const { stderr } = await data(second, "push");
    expect(stderr).toContain("nothing new to push");
  });

  it("leaves the code's branch and the job's working tree as they were", async () => {
    expect(await git(dir, "--git-dir", origin, "log", "--format=%s", "main")).toBe("code");
    const second = path.join(dir, "second");
    expect(await git(second, "status", "--porcelain", "--", ".", ":!reports")).toBe("");
    // The worktree the push used is gone again.
    expect((await git(second, "worktree", "list")).split("\n")).toHaveLength(1);
  });
});
