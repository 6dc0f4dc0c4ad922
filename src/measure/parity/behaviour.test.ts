import { describe, expect, it } from "vitest";
import { compareBehaviour, type BehaviourInput } from "./behaviour.js";
import { keyMatches, reasonFor, type KnownReason } from "./known-reasons.js";

const reasons: KnownReason[] = [
  { tiny: "alpine", original: "centos", keys: ["locales"], reason: "a whole section", sources: ["https://a.example/"] },
  { tiny: "alpine", original: "centos", keys: ["locales.fr_FR"], reason: "one key", sources: ["https://b.example/"] },
  { tiny: "alpine", original: "centos", keys: ["charsets.iconv *"], reason: "a prefix", sources: ["https://c.example/"] },
];

function input(original: object, tiny: object, sections = ["locales", "charsets", "runtime"]): BehaviourInput {
  return {
    probe: "PHP",
    tiny: "alpine",
    original: "centos",
    sections,
    outcomes: { original: { answer: original as never }, tiny: { answer: tiny as never } },
  };
}

describe("compareBehaviour", () => {
  it("records every differing answer with both values, in the probe's order, and counts what was compared", () => {
    const found = compareBehaviour(
      input(
        { locales: { fr_FR: false, C: "C" }, charsets: { "iconv KOI8-R": "aa" }, runtime: { ini: { memory_limit: "128M" } } },
        { locales: { fr_FR: "fr_FR", C: "C" }, charsets: { "iconv KOI8-R": "2a" }, runtime: { ini: { memory_limit: "256M" } } },
      ),
      reasons,
    );
    expect(found.compared).toBe(4);
    expect(found.failed).toBeUndefined();
    expect(found.differences).toEqual([
      { key: "locales.fr_FR", original: false, tiny: "fr_FR", reason: "one key", sources: ["https://b.example/"] },
      { key: "charsets.iconv KOI8-R", original: "aa", tiny: "2a", reason: "a prefix", sources: ["https://c.example/"] },
      { key: "runtime.ini.memory_limit", original: "128M", tiny: "256M" },
    ]);
  });

  it("keeps a key only one side has, the other side absent, not null", () => {
    const found = compareBehaviour(input({ locales: { C: "C" } }, { locales: { C: "C", extra: null } }, ["locales"]), []);
    expect(found.differences).toEqual([{ key: "locales.extra", tiny: null }]);
    expect(JSON.parse(JSON.stringify(found.differences))).toEqual([{ key: "locales.extra", tiny: null }]);
  });

  it("compares nothing and records the error when a flavor gave no answer at all", () => {
    const found = compareBehaviour(
      { ...input({}, {}), outcomes: { original: { answer: {} }, tiny: { error: "alpine gave no good answer after starting" } } },
      reasons,
    );
    expect(found).toMatchObject({
      compared: 0,
      differences: [],
      failed: [{ flavor: "alpine", error: "alpine gave no good answer after starting" }],
    });
  });
});

describe("known reasons", () => {
  it("match a key, the leaves under a key, or a prefix ending in *", () => {
    expect(keyMatches("locales", "locales.fr_FR")).toBe(true);
    expect(keyMatches("locales", "localesX")).toBe(false);
    expect(keyMatches("charsets.iconv *", "charsets.iconv KOI8-R")).toBe(true);
    expect(keyMatches("charsets.iconv *", "charsets.mbstring SJIS")).toBe(false);
  });

  // Only its own image's: each image's probe carries its reasons (probe.test.ts holds them to its sections).
  it("the most specific entry wins, and only for its own pair", () => {
    const pair = { tiny: "alpine", original: "centos" } as const;
    expect(reasonFor(reasons, pair, "locales.fr_FR")?.reason).toBe("one key");
    expect(reasonFor(reasons, pair, "locales.C")?.reason).toBe("a whole section");
    expect(reasonFor(reasons, { tiny: "scratch", original: "debian" }, "locales.fr_FR")).toBeUndefined();
  });
});
