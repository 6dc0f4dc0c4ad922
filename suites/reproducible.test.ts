// A reproducible flavor's image (scratch) is what its inputs make, whenever
// and wherever it is built: its packages are the lock's (images/<image>/
// packages.lock), and built again from nothing, without the build cache, it
// gets the same image ID; when it doesn't, the check names the first file
// (or config field) that differs. Its creation time is the lock's epoch.
// Slow tier: each rebuild installs its packages afresh.
import path from "node:path";
import { expect } from "vitest";
import { flavors, images, imagesDir, imageTag } from "../src/catalog.js";
import { docker } from "../src/docker.js";
import { readLock } from "../src/provision/package-lock.js";
import { reproduce } from "../src/image-build/reproduce.js";
import { provisionFlavors } from "../src/provision/upstream.js";
import { readSettings } from "../src/settings.js";
import { describeFlavors } from "./support/matrix.js";

const reproducible = flavors.filter((f) => f.reproducible);
const settings = readSettings();

for (const { name } of images.filter((i) => reproducible.some((f) => i.flavors.includes(f.name)))) {
  describeFlavors(name, ({ flavor, check }) => {
    if (!flavor.reproducible) {
      // Installed the ordinary way (apt-get or yum in a Dockerfile), by choice: the builder's clock and the mirror's day are in it.
      check("reproducible from its inputs", (ctx) =>
        ctx.skip(`not by design: the ${flavor.name} flavor is built the ordinary way, stamped with the build's time`),
      );
      return;
    }

    check("its creation time is its lock's epoch", async () => {
      const lock = readLock(path.join(imagesDir, name));
      expect(lock, `images/${name}/packages.lock`).toBeDefined();
      const created = (await (await docker()).getImage(imageTag(name, flavor.name)).inspect()).Created;
      expect(new Date(created).toISOString()).toBe(lock!.epoch.toISOString());
    });

    check(
      "built again from nothing, without the build cache, it has the same image ID",
      async () => {
        const upstream = (await provisionFlavors([flavor.name], settings, () => undefined)).get(flavor.name);
        if (!upstream?.available) throw new Error(`its upstream is unavailable: ${upstream?.reason ?? "unknown"}`);
        const result = await reproduce({
          image: name,
          flavor: flavor.name,
          buildArgs: upstream.buildArgs,
          cacheDir: settings.cacheDir,
          ...(settings.debianSnapshot ? { debianSnapshot: settings.debianSnapshot } : {}),
          ...(settings.platform ? { platform: settings.platform.docker } : {}),
          progress: (line) => process.stderr.write(`[tiny] ${line}\n`),
        });
        expect(result.difference ?? "", `${result.id} rebuilt as ${result.rebuiltId}`).toBe("");
        expect(result.rebuiltId).toBe(result.id);
      },
      15 * 60_000,
    );
  });
}
