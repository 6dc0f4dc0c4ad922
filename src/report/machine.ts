// Which machine an image of a report was measured on. A report of one run was
// made on one machine, its environment; a report merged from several runs
// (merge.ts) keeps each run's machine on the images it measured, so an image
// measured on x86_64 and on aarch64 is there twice, told apart by this.
// Reports made before the architecture was recorded were all made on x86_64
// (this project's machines and GitHub's ubuntu-latest runners): that is what
// an absent one means.
import { machineFrom, type Machine } from "../measure/environment.js";
import type { BenchReport, ImageReport, OnArchitecture } from "./schema.js";

export type { Machine };

/** The architecture of a report that doesn't name one. */
export const assumedArchitecture = "x86_64";

type HasMachines = Pick<BenchReport, "environment" | "images">;

/** The machine an image was measured on: its own in a merged report, else the report's environment. */
export function machineOf(report: Pick<BenchReport, "environment">, image: ImageReport): Machine {
  return image.machine ?? machineFrom(report.environment);
}

/** The architecture an image was measured on, as the kernel names it (x86_64, aarch64). */
export function architectureOf(report: Pick<BenchReport, "environment">, image: ImageReport): string {
  return machineOf(report, image).architecture ?? assumedArchitecture;
}

/** The architectures a report's images were measured on, in the order the report lists them. */
export function architecturesOf(report: HasMachines): string[] {
  const found = report.images.map((image) => architectureOf(report, image));
  return [...new Set(found.length > 0 ? found : [report.environment.architecture ?? assumedArchitecture])];
}

/** Whether names (budgets, regressions, trend lines) must say which architecture they are of. */
export function isMultiArchitecture(report: HasMachines): boolean {
  return architecturesOf(report).length > 1;
}

/** The architecture field an entry about this image carries: only in a merged report, where images carry machines. */
export function onArchitecture(report: Pick<BenchReport, "environment">, image: ImageReport): OnArchitecture {
  return image.machine ? { architecture: architectureOf(report, image) } : {};
}

/** A key unique in any report, merged or not: image, flavor and architecture. */
export function flavorKey(image: string, flavor: string, architecture: string): string {
  return `${image}/${flavor}@${architecture}`;
}
