import { describe, expect, it } from "vitest";
import { burstOrder, interleaved, pairOf, pairs, pairsInRound, runPlan, statusOf, type StatusMatrix } from "./plan.js";

const matrix: StatusMatrix = {
  base: { scratch: { available: true }, debian: { available: true }, alpine: { available: false, reason: "no registry" } },
  "nginx-php": {
    scratch: { available: true },
    debian: { available: true },
    alpine: { available: false, reason: "its parent is unavailable" },
  },
  mariadb: { debian: { available: true } },
  ab: {},
};

describe("the run plan", () => {
  it("pairs every tiny flavor with its original, from the catalog", () => {
    expect(pairs).toEqual([
      { tiny: "alpine", original: "centos" },
      { tiny: "scratch", original: "debian" },
    ]);
    expect(pairOf("debian")).toEqual({ tiny: "scratch", original: "debian" });
  });

  it("interleaves pairs, tiny first in odd rounds and last in even ones", () => {
    const all = ["debian", "centos", "scratch", "alpine"] as const;
    expect(interleaved(all, 1)).toEqual(["alpine", "centos", "scratch", "debian"]);
    expect(interleaved(all, 2)).toEqual(["centos", "alpine", "debian", "scratch"]);
    expect(interleaved(["debian"], 2)).toEqual(["debian"]);
  });

  it("gives each pair present in a round its order, and alternates bursts within it", () => {
    expect(pairsInRound(["debian", "scratch"], 1)).toEqual([
      { pair: { tiny: "scratch", original: "debian" }, order: ["scratch", "debian"] },
    ]);
    expect(pairsInRound(["debian", "scratch"], 2)[0]?.order).toEqual(["debian", "scratch"]);
    expect(pairsInRound(["centos"], 1)).toEqual([{ pair: { tiny: "alpine", original: "centos" }, order: ["centos"] }]);
    expect([0, 1, 2].map((b) => burstOrder(["scratch", "debian"], b))).toEqual([
      ["scratch", "debian"],
      ["debian", "scratch"],
      ["scratch", "debian"],
    ]);
  });

  it("lists the available flavors per image and the unavailable ones with their reasons", () => {
    const plan = runPlan(matrix, ["base", "nginx-php", "mariadb"], ["alpine", "scratch", "debian"]);
    expect([...plan.available]).toEqual([
      ["base", ["scratch", "debian"]],
      ["nginx-php", ["scratch", "debian"]],
      ["mariadb", ["debian"]],
    ]);
    expect(plan.unavailable).toEqual([
      { image: "base", flavor: "alpine", reason: "no registry" },
      { image: "nginx-php", flavor: "alpine", reason: "its parent is unavailable" },
    ]);
  });

  it("says why images that work together can't run, naming the one that can't", () => {
    expect(statusOf(matrix, ["nginx-php", "mariadb"], "debian")).toEqual({ available: true });
    expect(statusOf(matrix, ["nginx-php", "mariadb"], "scratch")).toBeUndefined();
    expect(statusOf(matrix, ["base", "nginx-php"], "alpine")).toEqual({ available: false, reason: "base [alpine]: no registry" });
    expect(statusOf(matrix, ["base"], "alpine")).toEqual({ available: false, reason: "no registry" });
  });
});
