// What an image's load was, said once in the paragraph above its table.
import type { BenchReport, FlavorReport, ImageReport } from "../schema.js";
import { code } from "./blocks.js";

export function loadNotes(image: ImageReport, report: BenchReport): string[] {
  const first = <T>(get: (f: FlavorReport) => T | undefined): T | undefined => image.flavors.map(get).find((v) => v !== undefined);
  const each = `${report.settings.connections} connections`;
  const notes: string[] = [];
  const http = first((f) => f.http);
  if (http) notes.push(`Load: autocannon on ${code(http.php.path)} and ${code(http.static.path)}, ${each}.`);
  const sql = first((f) => f.sql);
  if (sql) notes.push(`Load: mysql2, each worker doing ${sql.mix}, ${each}.`);
  const ab = first((f) => f.ab);
  if (ab) notes.push(`Load: each flavor's ab against ${ab.target.replace(/\[(\w+)\]/, "($1)")}, ${each}.`);
  return notes;
}
