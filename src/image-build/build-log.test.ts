import { describe, expect, it } from "vitest";
import { BuildLog } from "./build-log.js";

// Events as Docker 20.10's classic builder streams them.
const events = [
  { stream: "Step 1/3 : FROM tiny/bootstrap:debian-bookworm-slim\n" },
  { stream: " ---> af34aed83a70\n" },
  { stream: "Step 2/3 : RUN echo preparing && false\n" },
  { stream: " ---> Running in 0b1c2d3e4f50\n" },
  { stream: "preparing\n" },
  { stream: "Removing intermediate container 0b1c2d3e4f50\n" },
  {
    errorDetail: { code: 1, message: "The command '/bin/sh -c echo preparing && false' returned a non-zero code: 1" },
    error: "The command '/bin/sh -c echo preparing && false' returned a non-zero code: 1",
  },
];

describe("BuildLog", () => {
  it("names the failing step, Docker's message and the step's own output", () => {
    const log = new BuildLog();
    const steps = events.map((e) => log.take(e)).filter(Boolean);
    expect(steps).toEqual(["Step 1/3 : FROM tiny/bootstrap:debian-bookworm-slim", "Step 2/3 : RUN echo preparing && false"]);
    const failure = log.failure("tiny/base:scratch", ".cache/build-logs/base-scratch.log");
    expect(failure?.step).toBe("Step 2/3 : RUN echo preparing && false");
    expect(failure?.lastOutput).toEqual(["preparing"]);
    expect(failure?.message).toContain("building tiny/base:scratch failed at Step 2/3 : RUN echo preparing && false");
    expect(failure?.message).toContain("returned a non-zero code: 1");
    expect(failure?.message).toContain("full log: .cache/build-logs/base-scratch.log");
  });

  it("reports no failure for a build that ends well", () => {
    const log = new BuildLog();
    events.slice(0, 2).forEach((e) => log.take(e));
    expect(log.failure("tiny/base:scratch", "x.log")).toBeUndefined();
  });

  it("keeps only the last lines of a long step", () => {
    const log = new BuildLog(3);
    log.take({ stream: "Step 1/1 : RUN seq 10\n" });
    log.take({ stream: "1\n2\n3\n4\n5\n" });
    log.take({ error: "boom" });
    expect(log.failure("t", "l")?.lastOutput).toEqual(["3", "4", "5"]);
  });
});
