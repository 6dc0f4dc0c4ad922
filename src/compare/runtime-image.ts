// The two images a user names, as the catalog holds an image of ours: one
// run-time image (catalog.ts, registerRunTimeImage) whose two flavors,
// "original" and "candidate", are tagged with the user's references, so the
// benchmark's plan, workloads and report measure them as they measure a
// pair of ours. Its declaration is made from the flags, over what a
// --declare file says.
import path from "node:path";
import { registerRunTimeImage, type Flavor, type RunTimeImage } from "../catalog.js";
import type { Image, Load, Readiness } from "../image-declaration.js";
import { compareDefaults, comparedName, type CompareOptions } from "./options.js";
import type { DeclaredRun } from "./declaration-file.js";

/** The load the flags declare, under the name the report shows it by. */
function flagLoads(options: CompareOptions): Record<string, Load> {
  if (options.httpPath) return { http: { kind: "http", endpoint: "page", label: `GET ${options.httpPath}` } };
  if (options.sql) return { sql: { kind: "sql", label: "SQL mix" } };
  return {};
}

/** What the flags say readiness is (the port answering the path with 2xx, or SELECT 1), else the file's. */
function readinessOf(options: CompareOptions, declared: DeclaredRun, port: number | undefined): Readiness | undefined {
  const given: Readiness | undefined =
    port === undefined
      ? undefined
      : options.httpPath
        ? { kind: "http", port, path: options.httpPath }
        : options.sql
          ? { kind: "sql", port }
          : undefined;
  const readiness = given ?? declared.readiness;
  if (!readiness) return undefined;
  const timeoutSeconds = options.readyTimeoutSeconds ?? declared.readiness?.timeoutSeconds ?? compareDefaults.readyTimeoutSeconds;
  return { ...readiness, timeoutSeconds };
}

/** The declaration of the pair: the file's, with the flags over it. */
export function comparedImage(options: CompareOptions, declared: DeclaredRun = {}): Image {
  const port = options.port ?? declared.ports?.[0];
  const ports = port === undefined ? [] : [port, ...(declared.ports ?? []).filter((p) => p !== port)];
  const readiness = readinessOf(options, declared, port);
  const { sql } = options;
  const account = sql ? () => sql : declared.account;
  return {
    name: comparedName,
    summary: declared.summary ?? `${options.candidate} measured beside ${options.original} (npm run compare)`,
    flavors: ["original", "candidate"],
    ports,
    ...(readiness ? { readiness } : {}),
    ...(declared.command ? { command: declared.command } : {}),
    environment: { ...declared.environment, ...options.environment },
    ...(account ? { account } : {}),
    endpoints: { ...declared.endpoints, ...(options.httpPath ? { page: options.httpPath } : {}) },
    loads: { ...declared.loads, ...flagLoads(options) },
    ...(options.declareFile ? { folder: path.dirname(options.declareFile) } : {}),
  };
}

/** The two flavors: the original, and the candidate in the tiny's place. */
export function comparedFlavors(options: CompareOptions): Flavor[] {
  return [
    { name: "original", role: "original", pair: "candidate", summary: `${options.original}, as given` },
    // Unknown relation: answers may differ by construction, so a difference is a finding, not a bug.
    { name: "candidate", role: "tiny", pair: "original", pairKind: "two distributions", summary: `${options.candidate}, as given` },
  ];
}

/** Registers the pair with the catalog: from here the plan and the report find it as they find an image of ours. */
export function registerCompared(options: CompareOptions, declared?: DeclaredRun): RunTimeImage {
  const entry = {
    image: comparedImage(options, declared),
    flavors: comparedFlavors(options),
    tags: { original: options.original, candidate: options.candidate },
  };
  registerRunTimeImage(entry);
  return entry;
}
