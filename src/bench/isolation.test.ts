import { describe, expect, it } from "vitest";
import { cpusIn, splitCpus } from "./isolation.js";

describe("splitCpus", () => {
  it("gives the servers the upper half and the generators the lower half", () => {
    expect(splitCpus(2)).toEqual({ server: "1", generator: "0" });
    expect(splitCpus(3)).toEqual({ server: "2", generator: "0-1" });
    expect(splitCpus(8)).toEqual({ server: "4-7", generator: "0-3" });
  });
  it("counts the CPUs of a list it wrote", () => {
    expect(cpusIn("1")).toBe(1);
    expect(cpusIn("4-7")).toBe(4);
    expect(cpusIn(splitCpus(8)!.server)).toBe(4);
  });
  it("splits nothing on one CPU", () => {
    expect(splitCpus(1)).toBeUndefined();
  });
});
