// A parity probe is something an image declares: `parity: { module }` in
// its image.ts names a module beside it whose default export is
// `defineProbe({...})`, asking a started container what ordinary
// applications rely on. The parity suite asks it of every flavor and
// compares the answers (answers.ts); the benchmark asks it of both flavors
// of a pair of two distributions and records what differs (behaviour.ts,
// probe-container.ts). Nothing here knows an image: what a probe asks, its
// pages and its known reasons are its image's.
import path from "node:path";
import { image, imageNames, imagesDir, type ImageName } from "../../catalog.js";
import { importFromFolder, isObject } from "../../read-images.js";
import type { ContainerFile } from "../../run/container-files.js";
import { filesOfFolder } from "../../run/harness-pages.js";
import type { Answer } from "./answers.js";
import type { KnownReason } from "./known-reasons.js";

/** Where the probe reaches a ready container: its image's first port, and the environment it started with. */
export interface ProbeTarget {
  readonly host: string;
  readonly port: number;
  readonly environment: Readonly<Record<string, string>>;
}

export interface ParityProbe {
  /** What the report calls it: "PHP", "SQL". */
  readonly name: string;
  /** Its sections, in the order its answer gives them: the answer's keys, each compared on its own. */
  readonly sections: readonly string[];
  /**
   * Pages of its own, put into every container it probes before it starts,
   * never into an image: the files of `folder` (beside the image) at `path`
   * under the image's harness pages (harnessPages.target).
   */
  readonly pages?: { readonly folder: string; readonly path: string };
  /** Every section's answer from the ready container; throws, in one line, when it gives no answer at all. */
  ask(target: ProbeTarget): Promise<Answer>;
  /**
   * What in an answer's JSON shows a mistake in the probe itself (a wrong
   * argument, a query that doesn't parse), which would fail alike on both
   * flavors and compare equal: the parity suite fails an answer that shows
   * it. "the original" when a tiny flavor may answer so for a reason of
   * its own (a function it lacks), which parity then reports.
   */
  readonly mistake?: { readonly pattern: RegExp; readonly in: "the original" | "every flavor" };
  /** Why a pair of two distributions answers it differently, known before any run (known-reasons.ts). */
  readonly knownReasons?: readonly KnownReason[];
}

/** What the module an image's `parity` names exports as default: the probe, typed. */
export function defineProbe(probe: ParityProbe): ParityProbe {
  return probe;
}

/** What is wrong with a module's default export as a probe of an image, in one line; undefined when nothing is. */
export function probeProblem(value: unknown, harnessPages: boolean): string | undefined {
  const looksLike = isObject(value) && typeof value.name === "string" && Array.isArray(value.sections) && typeof value.ask === "function";
  if (!looksLike) return "export default defineProbe({ name, sections, ask, ... })";
  if (value.pages !== undefined && !harnessPages) return "pages: the image declares no harnessPages to put them under";
  return undefined;
}

const imported = new Map<ImageName, Promise<ParityProbe | undefined>>();

async function importProbe(name: ImageName): Promise<ParityProbe | undefined> {
  const module = image(name).parity?.module;
  if (module === undefined) return undefined;
  const value = await importFromFolder(imagesDir, name, module);
  const problem = probeProblem(value, image(name).harnessPages !== undefined);
  if (problem) throw new Error(`images/${name}/${module}: ${problem}`);
  return value as ParityProbe;
}

/** The image's probe, imported once; undefined for an image that declares none. */
export function parityProbe(name: ImageName): Promise<ParityProbe | undefined> {
  if (!imported.has(name)) imported.set(name, importProbe(name));
  return imported.get(name)!;
}

/** The probes of those of these images that declare one, in the order given (the catalog's by default). */
export async function parityProbes(names: readonly ImageName[] = imageNames): Promise<Map<ImageName, ParityProbe>> {
  const probes = new Map<ImageName, ParityProbe>();
  for (const name of names) {
    const probe = await parityProbe(name);
    if (probe) probes.set(name, probe);
  }
  return probes;
}

/** The probe's own pages, as files to put into a container of the image before it starts; none when it has none. */
export function probeFiles(name: ImageName, probe: ParityProbe): ContainerFile[] {
  const target = image(name).harnessPages?.target;
  if (!probe.pages || target === undefined) return [];
  return filesOfFolder(path.join(imagesDir, name, probe.pages.folder), path.posix.join(target, probe.pages.path));
}
