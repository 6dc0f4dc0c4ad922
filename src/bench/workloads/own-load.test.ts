import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { closedLoop, defineLoad } from "./own-load.js";
import { summariseLoad } from "../summarise.js";

/** A load whose every 5th request fails, each taking about a millisecond, counting its open clients. */
function fakeLoad() {
  const state = { open: 0, opened: 0 };
  const load = defineLoad({
    what: "a fake request",
    connect: () => {
      state.open++;
      state.opened++;
      return Promise.resolve({
        request: async (i: number) => {
          await sleep(1);
          if (i % 5 === 4) throw new Error("wrong answer");
        },
        close: () => Promise.resolve(void state.open--),
      });
    },
  });
  return { load, state };
}

describe("closedLoop", () => {
  it("runs one client per connection back to back for the time given, counting answers and errors apart, and closes them", async () => {
    const { load, state } = fakeLoad();
    const run = await closedLoop(load, { host: "127.0.0.1", port: 1 }, 3, 0.2);
    expect(state.opened).toBe(3);
    expect(state.open).toBe(0);
    expect(run.answers).toBeGreaterThan(20);
    // Every client's 5th request fails: about a quarter of the answered ones.
    expect(run.failures.errors).toBeGreaterThan(run.answers / 8);
    expect(run.failures.errors).toBeLessThan(run.answers / 2);
    expect(run.perSec).toBeGreaterThan(run.answers);
    expect(run.p99Ms).toBeGreaterThanOrEqual(run.p50Ms!);
  });

  it("fails naming the errors when no request succeeds", async () => {
    const load = defineLoad({
      what: "always wrong",
      connect: () => Promise.resolve({ request: () => Promise.reject(new Error("no")), close: () => Promise.resolve() }),
    });
    await expect(closedLoop(load, { host: "127.0.0.1", port: 1 }, 1, 0.05)).rejects.toThrow(
      /no request succeeded in 0.05 s \(\d+ errors\)/,
    );
  });
});

describe("summariseLoad", () => {
  const words = { kind: "module", label: "RESP", answer: "request", what: "GET and SET" };
  const run = (perSec: number, errors: number, timeouts = 0) => ({
    answers: 10,
    perSec,
    p50Ms: 1,
    p99Ms: 3,
    failures: { errors, timeouts },
  });

  it("keeps what the load is, the medians, the failures' total by kind and every burst's answers/s", () => {
    const figures = summariseLoad(words, [run(100, 1), run(300, 0, 2), run(200, 2)], { cpuUs: [5, 6, 7] });
    expect(figures).toMatchObject({ ...words, perSec: 200, failures: 5, runs: 3, values: [100, 300, 200] });
    expect(figures.failureKinds).toEqual({ errors: 3, timeouts: 2 });
    expect(figures.perAnswer).toEqual({ cpuUs: { median: 6, values: [5, 6, 7] } });
    expect(figures.range.perSec).toEqual({ min: 100, max: 300 });
  });

  it("keeps a split known for at least half the bursts, over those bursts, and leaves out one known for fewer", () => {
    const bursts = [run(100, 0), run(200, 0), run(300, 0)];
    const figures = summariseLoad(words, bursts, { cpuUs: [5, 6, 7], userUs: [4], systemUs: [1, 2] });
    expect(Object.keys(figures.perAnswer ?? {})).toEqual(["cpuUs", "systemUs"]);
    expect(figures.perAnswer?.systemUs).toEqual({ median: 1.5, values: [1, 2] });
  });

  it("keeps one count where the load tells no kinds apart, and no per-answer measure without bursts", () => {
    const figures = summariseLoad(words, [{ answers: 1, perSec: 1, p99Ms: 1, failures: { errors: 4 } }], { cpuUs: [] });
    expect(figures.failures).toBe(4);
    expect(figures.failureKinds).toBeUndefined();
    expect(figures.perAnswer).toBeUndefined();
    expect(figures.p50Ms).toBeUndefined();
  });
});
