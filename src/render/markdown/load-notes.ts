// What an image's loads were, said once in the paragraph above its table.
import { loadsIn } from "../../report/figures.js";
import type { BenchReport, ImageReport, LoadFigures } from "../../report/schema.js";

export function loadNotes(image: ImageReport, report: BenchReport): string[] {
  const loads = loadsIn(image.flavors);
  if (loads.length === 0) return [];
  const first = (name: string): LoadFigures | undefined => image.flavors.map((f) => f.loads?.[name]).find((l) => l !== undefined);
  const said = loads.map((l) => `${l.label}: ${first(l.name)?.what ?? l.name}`);
  return [`Load${loads.length > 1 ? "s" : ""}: ${said.join("; ")}; ${report.settings.connections} connections.`];
}
