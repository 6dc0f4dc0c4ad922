// Which workload measures which image: its declaration says
// (images/<image>/image.ts's `loads`); a service with none still gets its
// start-up time and idle memory. The one place that knows the load kinds.
import { image, images, isService, type FlavorName, type Image, type ImageName } from "../../catalog.js";
import type { Load } from "../../image-declaration.js";
import type { RunPlan } from "../../plan.js";
import { wrkCheck, type WrkCheck } from "../wrk-check.js";
import { clientWorkload, importClient } from "./client.js";
import { httpDriver } from "./http.js";
import { importOwnLoad, ownDriver } from "./own-load.js";
import { idleService, serviceWorkload, type LoadDriver } from "./service.js";
import { sqlDriver } from "./sql.js";
import type { BenchContext, Workload } from "./workload.js";

/** What the page calls a load and its answers, where its declaration doesn't say. */
export function loadWords(name: string, load: Load): { label: string; answer: string } {
  return { label: load.label ?? name, answer: load.answer ?? (load.kind === "sql" ? "query" : "request") };
}

/** The driver of one load a service declares. */
async function driverFor(
  name: ImageName,
  context: BenchContext,
  key: string,
  load: Exclude<Load, { kind: "client" }>,
): Promise<LoadDriver> {
  const { label, answer } = loadWords(key, load);
  switch (load.kind) {
    case "http":
      return httpDriver(name, context, key, load.endpoint, label, answer);
    case "sql":
      return sqlDriver(name, context, key, label, answer);
    case "module":
      return ownDriver(name, context, key, await importOwnLoad(name, load.module), label, answer);
  }
}

/** The image's workload, or undefined for an image the benchmark only sizes (base). */
export async function workloadFor(name: ImageName, context: BenchContext): Promise<Workload | undefined> {
  const loads = Object.entries(image(name).loads ?? {});
  const [first] = loads;
  if (first?.[1].kind === "client") {
    const [key, load] = first as [string, Extract<Load, { kind: "client" }>];
    const client = await importClient(name, load.module);
    return clientWorkload(name, context, { load: key, ...loadWords(key, load), target: load.target, endpoint: load.endpoint, client });
  }
  if (loads.length === 0) return isService(name) ? idleService(name, context) : undefined;
  const drivers: LoadDriver[] = [];
  for (const [key, load] of loads) drivers.push(await driverFor(name, context, key, load as Exclude<Load, { kind: "client" }>));
  return serviceWorkload(name, context, drivers);
}

/** An image loaded over HTTP, and its main HTTP load (the first it declares): the wrk check's. */
export interface MainPage {
  readonly image: ImageName;
  /** The load's name in its `loads`. */
  readonly load: string;
  /** The endpoint it loads, by name. */
  readonly page: string;
}

/** The first image the declarations load over HTTP, among `names`, and its first HTTP load. */
export function mainHttpPage(names: readonly ImageName[] = images.map((i) => i.name)): MainPage | undefined {
  for (const found of names.map((n): Image => image(n))) {
    const http = Object.entries(found.loads ?? {}).find(([, l]) => l.kind === "http");
    if (http && http[1].kind === "http") return { image: found.name, load: http[0], page: http[1].endpoint };
  }
  return undefined;
}

/** wrk against the main HTTP page of the run, beside autocannon's figure for it, once the rounds are done. */
export async function autocannonCheck(
  plan: RunPlan,
  workloads: ReadonlyMap<ImageName, Workload>,
  context: BenchContext,
): Promise<WrkCheck> {
  const main = context.options.sizeOnly ? undefined : mainHttpPage([...plan.available.keys()]);
  const measured = main && workloads.get(main.image);
  const autocannon = (f: FlavorName): number | undefined => measured?.figures(f).loads?.[main!.load]?.perSec;
  return wrkCheck(main, (main && plan.available.get(main.image)) ?? [], context, autocannon);
}
