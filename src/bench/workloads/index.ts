// Which workload measures which image: its declaration says
// (images/<image>/image.ts's `load`); a service with none still gets its
// start-up time and idle memory. The one place that knows the load kinds.
import { image, images, isService, type FlavorName, type Image, type ImageName } from "../../catalog.js";
import type { RunPlan } from "../../plan.js";
import { wrkCheck, type WrkCheck } from "../wrk-check.js";
import { abWorkload } from "./ab.js";
import { httpWorkload } from "./http.js";
import { importOwnLoad, ownWorkload } from "./own-load.js";
import { idleService } from "./service.js";
import { sqlWorkload } from "./sql.js";
import type { BenchContext, Workload } from "./workload.js";

/** The image's workload, or undefined for an image the benchmark only sizes (base). */
export async function workloadFor(name: ImageName, context: BenchContext): Promise<Workload | undefined> {
  const load = image(name).load;
  switch (load?.kind) {
    case undefined:
      return isService(name) ? idleService(name, context) : undefined;
    case "http":
      return httpWorkload(name, context, load.pages);
    case "sql":
      return sqlWorkload(name, context);
    case "ab":
      return abWorkload(name, context, load.target, load.page);
    case "module":
      return ownWorkload(name, context, await importOwnLoad(name, load.module));
  }
}

/** An image loaded over HTTP, and its main page (the first it declares): the wrk check's. */
export interface MainPage {
  readonly image: ImageName;
  readonly page: "php" | "static";
}

/** The first image the declarations load over HTTP, among `names`, and its main page. */
export function mainHttpPage(names: readonly ImageName[] = images.map((i) => i.name)): MainPage | undefined {
  const found = names.map(image).find((i): i is Image & { load: { kind: "http" } } => i.load?.kind === "http");
  const page = found?.load.pages[0];
  return found && page ? { image: found.name, page } : undefined;
}

/** wrk against the main HTTP page of the run, beside autocannon's figure for it, once the rounds are done. */
export async function autocannonCheck(
  plan: RunPlan,
  workloads: ReadonlyMap<ImageName, Workload>,
  context: BenchContext,
): Promise<WrkCheck> {
  const main = context.options.sizeOnly ? undefined : mainHttpPage([...plan.available.keys()]);
  const measured = main && workloads.get(main.image);
  const autocannon = (f: FlavorName): number | undefined => measured?.figures(f).http?.[main!.page].requestsPerSec;
  return wrkCheck(main, (main && plan.available.get(main.image)) ?? [], context, autocannon);
}
