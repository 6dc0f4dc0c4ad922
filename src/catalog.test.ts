import { describe, expect, it } from "vitest";
import { flavors, imageRepository, pairKindOf } from "./catalog.js";

describe("imageRepository", () => {
  it("is tiny unless TINY_IMAGE_REPOSITORY names another", () => {
    expect(imageRepository({})).toBe("tiny");
    expect(imageRepository({ TINY_IMAGE_REPOSITORY: "tiny-wip" })).toBe("tiny-wip");
  });

  it("refuses a name Docker would refuse, naming the variable", () => {
    expect(() => imageRepository({ TINY_IMAGE_REPOSITORY: "Tiny/WIP" })).toThrow("TINY_IMAGE_REPOSITORY=Tiny/WIP");
  });
});

describe("pairKindOf", () => {
  it("is said once per pair, on its tiny flavor, and read from either flavor", () => {
    for (const f of flavors) expect(f.pairKind === undefined, f.name).toBe(f.role === "original");
    expect(pairKindOf("scratch")).toBe("same packages");
    expect(pairKindOf("debian")).toBe("same packages");
    expect(pairKindOf("alpine")).toBe("two distributions");
    expect(pairKindOf("centos")).toBe("two distributions");
  });
});
