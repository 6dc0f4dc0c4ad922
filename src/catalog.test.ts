import { describe, expect, it } from "vitest";
import { imageRepository } from "./catalog.js";

describe("imageRepository", () => {
  it("is tiny unless TINY_IMAGE_REPOSITORY names another", () => {
    expect(imageRepository({})).toBe("tiny");
    expect(imageRepository({ TINY_IMAGE_REPOSITORY: "tiny-wip" })).toBe("tiny-wip");
  });

  it("refuses a name Docker would refuse, naming the variable", () => {
    expect(() => imageRepository({ TINY_IMAGE_REPOSITORY: "Tiny/WIP" })).toThrow("TINY_IMAGE_REPOSITORY=Tiny/WIP");
  });
});
