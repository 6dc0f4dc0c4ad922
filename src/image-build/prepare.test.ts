// Strict mode (TINY_STRICT=1, for the nightly job that must build every
// flavor): a requested flavor whose upstream image can't be had makes the
// preparation fail, naming the image and why, before anything is built.
// Checked for the flavors no bootstrap can stand in for, and only where the
// upstream really is missing: where it is present or pullable, preparing
// would build, so the check is skipped, saying so; and with no engine at all
// (the unit tests' usual machine) there is no one to ask, so it is skipped too.
import { describe, expect, it } from "vitest";
import { flavors, images } from "../catalog.js";
import { EngineError } from "../docker-bounds.js";
import { provisionFlavors } from "../provision/upstream.js";
import { readSettings, type Settings } from "../settings.js";
import { prepareImages, UnavailableInStrictMode } from "./prepare.js";

const quiet = (): void => undefined;
const root = images.find((image) => !image.parent)!.name;

describe("prepareImages in strict mode", () => {
  it.for(flavors.filter((flavor) => !flavor.upstream.bootstrap))(
    "fails for $name when $upstream.ref can't be had, saying which and why",
    async (flavor, { skip }) => {
      const settings: Settings = { ...readSettings(), images: [root], flavors: [flavor.name], strict: true };
      const provisioned = await provisionFlavors([flavor.name], settings, quiet).catch((error: unknown) => {
        if (error instanceof EngineError) return skip(`no Docker engine answers here: ${error.message}`);
        throw error;
      });
      const upstream = provisioned.get(flavor.name)!;
      if (upstream.available) skip(`${flavor.upstream.ref} is present or pullable here: strict mode has nothing to refuse`);
      else {
        const error = await prepareImages(settings, quiet).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(UnavailableInStrictMode);
        expect((error as Error).message).toContain(`${root} [${flavor.name}]: ${upstream.reason}`);
        expect(upstream.reason).toContain(flavor.upstream.ref);
      }
    },
  );
});
