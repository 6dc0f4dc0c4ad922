// The calibration's known loss: a copy of the calibrated image's page that
// does a fixed amount of extra CPU work per request, sized on this machine
// so that it is a set share (5%) of the page's own CPU per request. A CPU
// quota can't make a known loss on a server that isn't CPU-bound; extra
// work per request can, on any server, and it is what a costlier libc or
// build does. What the work is, in the page's own language, is the image's:
// a module beside it (`calibration: { page, module }` in its image.ts)
// whose default export is defineKnownWork({...}); putting it in front of
// the page, and sizing it, is the same for any image.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { endpoint, image, images, imagesDir, repoRoot, type Image, type ImageName } from "../catalog.js";
import { median } from "../measure/stats.js";
import { importFromFolder, isObject } from "../read-images.js";
import type { ContainerFile } from "../run/container-files.js";

/** The extra work, as the image's page language writes it. */
export interface KnownWork {
  /** Code to put before the page's source that does `iterations` rounds of work the server can't skip, and prints nothing. */
  before(iterations: number): string;
}

/** What the module an image's `calibration` names exports as default: the work, typed. */
export function defineKnownWork(work: KnownWork): KnownWork {
  return work;
}

type Calibration = NonNullable<Image["calibration"]>;

/** The image calibrated, the first that declares a calibration, what it declares, and the endpoint its load runs (read-images.ts checked it is an HTTP load). */
export function calibratedImage(): { name: ImageName; calibration: Calibration; page: string } {
  const found = images.find((i) => i.calibration !== undefined);
  if (!found?.calibration) {
    throw new Error(
      "the calibration needs an image that declares one (calibration: { load, module } in images/<image>/image.ts): none does",
    );
  }
  const load = found.loads?.[found.calibration.load];
  if (load?.kind !== "http")
    throw new Error(`images/${found.name}/image.ts: calibration: load ${found.calibration.load} is not one of its HTTP loads`);
  return { name: found.name, calibration: found.calibration, page: load.endpoint };
}

/** The work the image's calibration module writes. */
export async function importKnownWork(name: ImageName, module: string): Promise<KnownWork> {
  const work = await importFromFolder(imagesDir, name, module);
  if (!isObject(work) || typeof work.before !== "function")
    throw new Error(`images/${name}/${module}: export default defineKnownWork({ before })`);
  return work as unknown as KnownWork;
}

/** Where the image's harness pages are, in the repository and in a container. */
function harnessPagesOf(name: ImageName): { folder: string; target: string } {
  const pages = image(name).harnessPages;
  if (!pages) throw new Error(`${name} has no harness pages (catalog: harnessPages) to run known work in`);
  return pages;
}

/** Where in a container a page at this URL path is, among the image's harness pages. */
export const pagePath = (name: ImageName, urlPath: string): string => path.posix.join(harnessPagesOf(name).target, urlPath);

/** A URL path beside the page's, served the same way (the same extension), for the sizing probe's copy. */
export const probePathBeside = (urlPath: string): string =>
  path.posix.join(path.posix.dirname(urlPath), `known-work-probe${path.posix.extname(urlPath)}`);

/** The source of one of an image's pages (an endpoint's name), as the harness serves it. */
export async function pageSource(name: ImageName, page: string): Promise<{ path: string; source: string }> {
  const urlPath = endpoint(name, page);
  const source = await readFile(path.join(repoRoot, harnessPagesOf(name).folder, urlPath), "utf8");
  return { path: pagePath(name, urlPath), source };
}

/** The page at `at` (the page's own path by default): the work for `iterations`, then the page unchanged. */
export function knownWorkPage(work: KnownWork, page: { path: string; source: string }, iterations: number, at = page.path): ContainerFile {
  if (!Number.isInteger(iterations) || iterations < 0) throw new Error(`known work needs a whole number of iterations, not ${iterations}`);
  return { path: at, content: `${work.before(iterations)}${page.source}` };
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
