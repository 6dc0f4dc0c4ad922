import { describe, expect, it } from "vitest";
import { flavors, hasFlavor, image, imageNames, imageRepository, images, isService, pairKindOf, parseImageList } from "./catalog.js";

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

describe("parseImageList", () => {
  it("takes the names of image folders, and refuses another naming the valid ones", () => {
    expect(parseImageList("base, nginx-php", "TINY_IMAGES")).toEqual(["base", "nginx-php"]);
    expect(() => parseImageList("base,no-such-image", "TINY_IMAGES")).toThrow(
      `TINY_IMAGES: unknown image no-such-image; valid images are ${imageNames.join(", ")}`,
    );
  });
});

describe("isService and hasFlavor", () => {
  it("follow the declarations: a service listens and says when it is ready; flavors are those declared", () => {
    expect(isService("nginx-php") && isService("mariadb")).toBe(true);
    expect(isService("base") || isService("ab")).toBe(false);
    for (const i of images) {
      expect(isService(i.name), i.name).toBe(i.ports.length > 0 && i.readiness !== undefined);
      for (const f of flavors) expect(hasFlavor(i.name, f.name)).toBe(i.flavors.includes(f.name));
    }
    expect(() => image("no-such-image")).toThrow("unknown image no-such-image: no images/no-such-image/image.ts");
  });
});
