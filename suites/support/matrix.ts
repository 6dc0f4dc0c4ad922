// Declares one block per flavor, `<image> [<flavor>]`, so the output reads
// as a matrix, for each flavor the images are made in. For a flavor that can't be built here every check is still
// listed, as skipped with the reason. A suite of images working together
// (`nginx-php + mariadb [<flavor>]`) runs where all of them are available.
import { afterAll, beforeAll, describe, inject, it, type TestContext } from "vitest";
import { flavors, hasFlavor, image, type Flavor, type ImageName } from "../../src/catalog.js";
import { statusOf } from "../../src/plan.js";

export interface FlavorBlock {
  readonly flavor: Flavor;
  /** The main process of this run: label containers with it. */
  readonly owner: number;
  /** vitest's beforeAll; a timeout for one that builds more than it starts. */
  readonly beforeAll: (fn: () => Promise<void>, timeoutMs?: number) => void;
  readonly afterAll: (fn: () => Promise<void>) => void;
  /** A check; `ctx.skip(reason)` inside it when something it needs can't be had here. A timeout for a slow one. */
  readonly check: (name: string, fn: (ctx: TestContext) => Promise<void>, timeoutMs?: number) => void;
}

export function describeFlavors(names: ImageName | readonly ImageName[], body: (block: FlavorBlock) => void): void {
  const list = typeof names === "string" ? [names] : names;
  const owner = inject("runOwner");
  list.forEach((name) => image(name)); // fails early on a name the catalog doesn't know
  // Only the flavors every image of the list is made in (their declarations' flavors).
  for (const flavor of flavors.filter((f) => list.every((name) => hasFlavor(name, f.name)))) {
    const state = statusOf(inject("imageStatus"), list, flavor.name);
    describe(`${list.join(" + ")} [${flavor.name}]`, () => {
      if (state === undefined) {
        it("not requested", (ctx) => ctx.skip("not requested (TINY_IMAGES, TINY_FLAVORS)"));
        return;
      }
      if (!state.available) {
        const reason = `unavailable: ${state.reason}`;
        body({
          flavor,
          owner,
          beforeAll: () => undefined,
          afterAll: () => undefined,
          check: (checkName) => it(checkName, (ctx) => ctx.skip(reason)),
        });
        return;
      }
      body({ flavor, owner, beforeAll, afterAll, check: (checkName, fn, timeoutMs) => it(checkName, fn, timeoutMs) });
    });
  }
}
