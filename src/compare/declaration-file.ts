// `--declare <file.ts>`: what the flags can't say about two images a user
// names (their environment, a command, a readiness of another kind, a load
// module), in the shape an image folder's image.ts has (defineImage), minus
// what only a folder of ours can mean (flavors, parent, builds, probes).
// Checked as read-images.ts checks a folder's: one line per problem.
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ImageDeclaration } from "../image-declaration.js";
import { isObject, isStringList, loadFieldProblems, readinessProblems } from "../read-images.js";

/** The fields a declaration file may give: what describes running and loading an image, not building it. */
export type DeclaredRun = Partial<
  Pick<ImageDeclaration, "summary" | "environment" | "command" | "readiness" | "ports" | "endpoints" | "loads" | "account">
>;

/** What a declaration file exports as default: typed when written, checked when read. */
export function defineComparison(declared: DeclaredRun): DeclaredRun {
  return declared;
}

const allowed = ["summary", "environment", "command", "readiness", "ports", "endpoints", "loads", "account"];

function problemsOf(d: Record<string, unknown>, folder: string): string[] {
  const problems = Object.keys(d)
    .filter((k) => !allowed.includes(k))
    .map((k) => `${k}: not for compare (it takes ${allowed.join(", ")})`);
  const want = (field: string, ok: boolean, what: string): void => {
    if (d[field] !== undefined && !ok) problems.push(`${field}: ${what}`);
  };
  want("summary", typeof d.summary === "string", "a few words");
  want("environment", isObject(d.environment) && Object.values(d.environment).every((v) => typeof v === "string"), "names to strings");
  want("command", isStringList(d.command), "a list of strings (argv)");
  want("ports", Array.isArray(d.ports) && d.ports.every((p) => Number.isInteger(p) && p > 0 && p < 65536), "a list of TCP ports");
  want("endpoints", isObject(d.endpoints) && Object.values(d.endpoints).every((v) => typeof v === "string"), "names to paths");
  want("account", typeof d.account === "function", "a function of the environment giving { user, password, database }");
  if (d.readiness !== undefined) problems.push(...readinessProblems(d.readiness));
  if (d.loads !== undefined && !isObject(d.loads)) problems.push("loads: names to loads");
  for (const [key, load] of Object.entries(isObject(d.loads) ? d.loads : {})) {
    const own = loadFieldProblems(key, load);
    if (own.length === 0 && (load as { kind: string }).kind === "client") own.push(`loads.${key}: a client load needs images of ours`);
    const module = (load as { module?: string }).module;
    if (own.length === 0 && module && !existsSync(path.join(folder, module)))
      own.push(`loads.${key}.module: ${module} is not beside the file`);
    problems.push(...own);
  }
  return problems;
}

/** The file's default export, checked; throws one line per problem, each naming the file. */
export async function readDeclarationFile(file: string): Promise<DeclaredRun> {
  if (!existsSync(file)) throw new Error(`--declare ${file}: no such file`);
  let value: unknown;
  try {
    value = ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
  } catch (error) {
    throw new Error(`--declare ${file}: can't be imported (${(error as Error).message.split("\n")[0]})`);
  }
  if (!isObject(value)) throw new Error(`--declare ${file}: export default defineImage({ ... })`);
  const problems = problemsOf(value, path.dirname(file));
  if (problems.length > 0) throw new Error(problems.map((p) => `${file}: ${p}`).join("\n"));
  return value;
}
