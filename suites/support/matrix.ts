// Declares one block per flavor, `<image> [<flavor>]`, so the output reads
// as a matrix. For a flavor that can't be built here every check is still
// listed, as skipped with the reason.
import { afterAll, beforeAll, describe, inject, it } from "vitest";
import { flavors, image, type Flavor, type ImageName } from "../../src/catalog.js";

export interface FlavorBlock {
  readonly flavor: Flavor;
  /** The main process of this run: label containers with it. */
  readonly owner: number;
  readonly beforeAll: (fn: () => Promise<void>) => void;
  readonly afterAll: (fn: () => Promise<void>) => void;
  readonly check: (name: string, fn: () => Promise<void>) => void;
}

export function describeFlavors(name: ImageName, body: (block: FlavorBlock) => void): void {
  const status = inject("imageStatus")[name];
  const owner = inject("runOwner");
  image(name); // fails early on a name the catalog doesn't know
  for (const flavor of flavors) {
    const state = status?.[flavor.name];
    describe(`${name} [${flavor.name}]`, () => {
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
      body({ flavor, owner, beforeAll, afterAll, check: (checkName, fn) => it(checkName, fn) });
    });
  }
}
