import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { benchProgress } from "./progress.js";

function capture(): { stream: Writable; lines: () => string[] } {
  let text = "";
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      text += chunk.toString();
      callback();
    },
  });
  return { stream, lines: () => text.split("\n").filter((l) => l !== "") };
}

describe("benchProgress", () => {
  it("writes one plain line per step, off a terminal too: how far along, and how long the step before took", () => {
    const { stream, lines } = capture();
    let clock = 0;
    const progress = benchProgress(stream, () => clock);
    progress.step("building what is missing");
    progress.detail("tiny/base:scratch: up to date");
    clock = 30_000;
    progress.plan(4);
    progress.step("sizes");
    clock = 40_000;
    progress.step("nginx-php [scratch, debian]: load");
    clock = 100_000;
    progress.step("mariadb [debian, scratch]: load");
    clock = 101_000;
    progress.finish();
    expect(lines()).toEqual([
      "[bench 0s] building what is missing",
      "  tiny/base:scratch: up to date",
      "[bench 1/4 · 30s · last step 30s] sizes",
      "[bench 2/4 · 40s · last step 10s · ~30s left] nginx-php [scratch, debian]: load",
      "[bench 3/4 · 1m40s · last step 1m00s · ~1m10s left] mariadb [debian, scratch]: load",
      "[bench 1m41s] done; last step 1s",
    ]);
  });
});
