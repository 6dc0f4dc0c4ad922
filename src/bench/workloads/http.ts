// HTTP: autocannon against each page the catalog names for the image (the
// PHP page and a static file), one run per page per round.
import { endpoint, image, type FlavorName, type ImageName } from "../../catalog.js";
import { httpLoad, type HttpRun } from "../../measure/http-load.js";
import type { Launched } from "../../run/launch.js";
import { summariseHttp } from "../summarise.js";
import { serviceWorkload, type ServiceWorkload } from "./service.js";
import type { BenchContext } from "./workload.js";

type Page = "php" | "static";

/** The image's address for one of its pages, as the harness reaches the container. */
export function pageUrl(name: ImageName, container: Pick<Launched, "address">, page: string): string {
  const { host, port } = container.address(image(name).ports[0] ?? 80);
  return `http://${host}:${port}${endpoint(name, page)}`;
}

export interface HttpWorkload extends ServiceWorkload {
  /** Requests/s of every burst of a page, in order. */
  valuesOf(flavor: FlavorName, page: Page): readonly number[];
}

export function httpWorkload(name: ImageName, context: BenchContext, pages: readonly Page[]): HttpWorkload {
  const { connections } = context.options;
  const runs = new Map<FlavorName, Map<Page, HttpRun[]>>();
  const runsOf = (flavor: FlavorName, page: Page): HttpRun[] => {
    const byPage = runs.get(flavor) ?? new Map<Page, HttpRun[]>();
    runs.set(flavor, byPage);
    if (!byPage.has(page)) byPage.set(page, []);
    return byPage.get(page)!;
  };
  const [first] = pages;
  const workload = serviceWorkload(name, context, {
    runs: pages,
    warmUp: async (container) => {
      if (first) await httpLoad(pageUrl(name, container, first), connections, 1);
    },
    burst: async (container, flavor, page, seconds) => {
      const run = await httpLoad(pageUrl(name, container, page), connections, seconds);
      runsOf(flavor, page as Page).push(run);
      context.generator.note(name, flavor, `autocannon ${page}`, run.generatorCpu);
      return run.answers;
    },
    // The PHP page answers with its version in JSON; an image without one says nothing.
    software: async (container) => {
      if (!pages.includes("php")) return undefined;
      const response = await fetch(pageUrl(name, container, "php"));
      const info = (await response.json()) as { php?: string };
      return info.php ? `PHP ${info.php}` : undefined;
    },
    figures: (flavor, cpuUs) => {
      if (!runs.has(flavor)) return {};
      const summary = (page: Page) => summariseHttp(endpoint(name, page), runsOf(flavor, page), cpuUs(page));
      return { http: { php: summary("php"), static: summary("static") } };
    },
  });
  return { ...workload, valuesOf: (flavor, page) => runsOf(flavor, page).map((r) => r.requestsPerSec) };
}
