// The calibration's known loss: a copy of nginx-php's PHP page that does a
// fixed amount of extra CPU work per request, sized on this machine so that
// it is a set share (5%) of the page's own CPU per request. A CPU quota
// can't make a known loss on a server that isn't CPU-bound; extra work per
// request can, on any server, and it is what a costlier libc or build does.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { endpoint, imagesDir, type ImageName } from "../catalog.js";
import { median } from "../measure/stats.js";
import type { ContainerFile } from "../run/container-files.js";

/** Where the page's container serves from. */
const docroot = "/var/www/html";

/** The source of an image's PHP page, as the harness serves it. */
export async function pageSource(name: ImageName): Promise<{ path: string; source: string }> {
  const page = endpoint(name, "php");
  return { path: path.posix.join(docroot, page), source: await readFile(path.join(imagesDir, name, "www", page), "utf8") };
}

/** PHP that does `iterations` rounds of integer arithmetic the engine can't skip, and prints nothing. */
export function workLoop(iterations: number): string {
  if (!Number.isInteger(iterations) || iterations < 0) throw new Error(`known work needs a whole number of iterations, not ${iterations}`);
  return `<?php $known_work = 0; for ($i = 0; $i < ${iterations}; $i++) { $known_work = ($known_work * 31 + $i) % 1000003; } ?>`;
}

/** The page at `at` (the page's own path by default): the work loop, then the page unchanged. */
export function knownWorkPage(page: { path: string; source: string }, iterations: number, at = page.path): ContainerFile {
  return { path: at, content: `${workLoop(iterations)}${page.source}` };
}

/** How the known work was sized: CPU per request of the page, and of one iteration. */
export interface Sizing {
  /** The page's own CPU per request, µs (median of the sizing bursts). */
  readonly pageUs: number;
  /** One iteration's CPU, µs: (probe page − page) / probe iterations. */
  readonly usPerIteration: number;
  /** The iterations that make `share` of the page's CPU per request. */
  readonly iterations: number;
}

/** The iterations that add `share` of the page's CPU per request, from paired sizing bursts. */
export function sizeWork(pageUs: readonly number[], probeUs: readonly number[], probeIterations: number, share: number): Sizing {
  const n = Math.min(pageUs.length, probeUs.length);
  if (n === 0) throw new Error("sizing the known work needs at least one burst of each page");
  const page = median(pageUs.slice(0, n));
  const perIteration = median(Array.from({ length: n }, (_, i) => (probeUs[i]! - pageUs[i]!) / probeIterations));
  if (!(perIteration > 0)) throw new Error("the probe page cost no more CPU than the page: the known work can't be sized");
  return { pageUs: page, usPerIteration: perIteration, iterations: Math.round((share * page) / perIteration) };
}
