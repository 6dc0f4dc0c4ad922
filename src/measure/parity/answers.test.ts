import { describe, expect, it } from "vitest";
import { compareAnswers, differingLeaves, leafCount, leaves } from "./answers.js";

const original = (answer: unknown) => ({ flavor: "debian" as const, answer });
const tiny = (answer: unknown) => ({ flavor: "scratch" as const, answer });

describe("parity comparison", () => {
  it("names every leaf by its path; lists are leaves", () => {
    expect([...leaves({ a: { b: 1, c: [1, 2] }, d: null }, "s")]).toEqual([
      ["s.a.b", 1],
      ["s.a.c", [1, 2]],
      ["s.d", null],
    ]);
  });

  it("equal answers have no differences", () => {
    const answer = { x: 1, y: { z: ["a"] } };
    expect(compareAnswers("s", original(answer), tiny(structuredClone(answer)), [])).toEqual({ unexpected: [], stale: [] });
  });

  it("a difference names the key and both values; a list says what only one side has", () => {
    const { unexpected } = compareAnswers("s", original({ x: 1, list: ["a", "b"] }), tiny({ x: 2, list: ["b", "c"] }), []);
    expect(unexpected).toEqual(["s.x: debian 1, scratch 2", 's.list: only debian has ["a"], only scratch has ["c"]']);
  });

  it("a key one side lacks is a difference", () => {
    const { unexpected } = compareAnswers("s", original({ x: 1 }), tiny({ x: 1, error: "boom" }), []);
    expect(unexpected).toEqual(['s.error: debian (absent), scratch "boom"']);
  });

  it("a listed key, or a listed section, covers the leaves below it", () => {
    const differing = [original({ x: 1, y: { z: 1 } }), tiny({ x: 2, y: { z: 2 } })] as const;
    expect(compareAnswers("s", ...differing, ["s.x", "s.y"]).unexpected).toEqual([]);
    expect(compareAnswers("s", ...differing, ["s"]).unexpected).toEqual([]);
    expect(compareAnswers("s", ...differing, ["s.xx"]).unexpected).toHaveLength(2);
  });

  it("a listed difference that is gone is stale; one for another section is not this one's concern", () => {
    const { stale } = compareAnswers("s", original({ x: 1 }), tiny({ x: 1 }), ["s.x", "t.x"]);
    expect(stale).toEqual(["s.x is listed as a difference but scratch answers as debian does"]);
  });
});

describe("differences recorded whole", () => {
  it("give each differing leaf with both answers, undefined for a side without it, and count the leaves compared", () => {
    const [ours, theirs] = [
      { x: 1, y: [1], z: { a: "same" } },
      { x: 2, y: [1], w: false, z: { a: "same" } },
    ];
    expect(differingLeaves("s", ours, theirs)).toEqual([
      { key: "s.x", original: 1, tiny: 2 },
      { key: "s.w", original: undefined, tiny: false },
    ]);
    expect(leafCount("s", ours, theirs)).toBe(4);
  });
});
