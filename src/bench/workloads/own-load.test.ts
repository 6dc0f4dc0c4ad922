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
    expect(run.requests).toBeGreaterThan(20);
    // Every client's 5th request fails: about a quarter of the answered ones.
    expect(run.errors).toBeGreaterThan(run.requests / 8);
    expect(run.errors).toBeLessThan(run.requests / 2);
    expect(run.requestsPerSec).toBeGreaterThan(run.requests);
    expect(run.p99Ms).toBeGreaterThanOrEqual(run.p50Ms);
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
  it("keeps what the load is, the medians, the errors' total and every burst's requests/s", () => {
    const run = (requestsPerSec: number, errors: number) => ({
      requests: 10,
      requestsPerSec,
      p50Ms: 1,
      p99Ms: 3,
      errors,
      generatorCpu: 0.2,
    });
    const figures = summariseLoad("GET and SET", [run(100, 1), run(300, 0), run(200, 2)], [5, 6, 7]);
    expect(figures).toMatchObject({ what: "GET and SET", requestsPerSec: 200, errors: 3, runs: 3, values: [100, 300, 200] });
    expect(figures.cpu).toEqual({ medianUs: 6, values: [5, 6, 7] });
    expect(figures.range.requestsPerSec).toEqual({ min: 100, max: 300 });
  });
});
