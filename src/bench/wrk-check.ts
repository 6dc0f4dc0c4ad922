// wrk, multi-threaded, against the same page autocannon loaded (the main
// page of the image loaded over HTTP: workloads/index.ts): a second opinion
// on whether autocannon, single-threaded, kept up. After the rounds, once
// per flavor of that image.
import type { FlavorName } from "../catalog.js";
import { httpLoad } from "../measure/http-load.js";
import { timeToReady } from "../measure/startup.js";
import { wrkMissing, wrkRequestsPerSec } from "../measure/wrk.js";
import type { LoadGeneratorCheck } from "../report/schema.js";
import { launch } from "../run/launch.js";
import { pageUrl } from "./workloads/http.js";
import type { MainPage } from "./workloads/index.js";
import type { BenchContext, Step } from "./workloads/workload.js";

type WrkFigures = Pick<LoadGeneratorCheck, "wrk" | "wrkSkipped">;

export interface WrkCheck {
  readonly steps: readonly Step[];
  /** After the steps ran: wrk's figures beside autocannon's, or why there are none. */
  result(): WrkFigures;
}

export async function wrkCheck(
  main: MainPage | undefined,
  flavors: readonly FlavorName[],
  context: BenchContext,
  autocannon: (flavor: FlavorName) => number | undefined,
): Promise<WrkCheck> {
  const problem = !main || flavors.length === 0 ? "no image loaded over HTTP was measured" : await wrkMissing();
  if (problem || !main) return { steps: [], result: () => ({ wrkSkipped: problem }) };
  const { image: name, page } = main;
  const { options, owner } = context;
  const wrk: NonNullable<LoadGeneratorCheck["wrk"]>[number][] = [];
  const steps = flavors.map((flavor) => ({
    label: `${name} [${flavor}]: wrk against its ${page} page, to check autocannon`,
    run: async () => {
      const container = await launch(name, flavor, { owner, cpus: context.isolation?.server });
      try {
        await timeToReady(name, flavor, container);
        const url = pageUrl(name, container, page);
        await httpLoad(url, options.connections, 1);
        const requestsPerSec = await wrkRequestsPerSec(url, options.connections, options.durationSeconds);
        wrk.push({ flavor, requestsPerSec, autocannonRequestsPerSec: autocannon(flavor) ?? 0 });
      } finally {
        await container.remove();
      }
    },
  }));
  return { steps, result: () => ({ wrk }) };
}
