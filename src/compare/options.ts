// `npm run compare` options: two image references and how to load them,
// parsed, checked and defaulted in one place. Any mistake is one line that
// says what was wrong and what would be right (UsageError, exit code 2),
// before anything touches the engine. The measuring options mean what they
// mean to `npm run bench`, whose checks they reuse.
import path from "node:path";
import { parseArgs } from "node:util";
import { repoRoot } from "../catalog.js";
import { engineLocation } from "../docker.js";
import { parseBenchArgs, UsageError, type BenchOptions } from "../bench/options.js";
import type { Account } from "../image-declaration.js";

export { UsageError };

export interface CompareOptions {
  /** The image the candidate is compared with, as the engine names it (nginx:1.25, sha256:…). */
  readonly original: string;
  readonly candidate: string;
  /** The port both serve on, in the container. */
  readonly port?: number;
  /** The path the HTTP load asks for, and readiness waits to answer 2xx. */
  readonly httpPath?: string;
  /** The account the SQL mix connects as (--sql user:password@database). */
  readonly sql?: Account;
  /** Added to both containers' environment (--env NAME=VALUE, repeatable). */
  readonly environment: Readonly<Record<string, string>>;
  /** A declaration file for what flags can't say (declaration-file.ts). */
  readonly declareFile?: string;
  /** Seconds a start may take to its first good answer; absent: the declaration file's, else compareDefaults'. */
  readonly readyTimeoutSeconds?: number;
  /** Read and add to <out>/history/: a comparison with the run before, and the trend. */
  readonly history: boolean;
  /** What the benchmark's machinery is run with: rounds, bursts, connections, --out. */
  readonly bench: BenchOptions;
}

/**
 * Measured (docs/compare.md, "How long, how sure"): at these, two static
 * web servers on a 2-core VM took 2 min 47 s from nothing cached, with CPU
 * per answer within ±4.9% (112 pairs). Pairs narrow the interval, not
 * seconds of load, so the load is cut into the benchmark's 0.25 s bursts
 * over more rounds: 30 pairs (0.5 s bursts) gave about ±8% here.
 */
/** The run-time image the pair is (runtime-image.ts): the report's heading for it; no image folder has the name. */
export const comparedName = "compared";

export const compareDefaults = {
  rounds: 4,
  durationSeconds: 7,
  burstSeconds: 0.25,
  readyTimeoutSeconds: 60,
  out: "reports/compare",
} as const;

export const compareHelp = `Usage: npm run compare -- <original> <candidate> --port <port> (--http <path> | --sql <user:password@database>) [options]

Measures two images present in the local engine as the benchmark measures a
tiny image beside its original: sizes (and compressed), where the bytes are,
layers, files, packages, hardening, start-up, memory, and CPU per answer and
throughput under the given load in paired bursts. Writes <out>/latest.md and
<out>/latest.json. Nothing is built or pulled.

Load (one of):
  --http <path>        autocannon GETs this path; ready once it answers 2xx (a 4xx fails at once)
  --sql <u:p@db>       a MariaDB/MySQL mix of point selects and inserts, as this account (its
                       environment must create it: --env); ready once SELECT 1 answers
  --declare <file.ts>  a file exporting defineImage({ ... }) for what flags can't say:
                       environment, command, readiness, ports, endpoints, loads (a load
                       module, by a path beside the file); flags given too win

Options:
  --port <port>        the container port both images serve on (required without --declare)
  --env <NAME=VALUE>   added to both containers' environment; repeatable
  --ready-timeout <s>  seconds a start may take to its first good answer, 1-600 (default: ${compareDefaults.readyTimeoutSeconds})
  --rounds <n>         rounds, each image started and loaded once per round, 1-50 (default: ${compareDefaults.rounds})
  --duration <s>       seconds of load per image per round, 1-600 (default: ${compareDefaults.durationSeconds})
  --burst <s>          cut it into bursts alternating between the two images, 0.2-60 (default: ${compareDefaults.burstSeconds})
  --connections <n>    connections of the load, 1-256 (default: 16)
  --shared-cpus        let servers and the load generator share every CPU
  --out <dir>          where the report goes (default: ${compareDefaults.out}/); a folder holding
                       files the report writer didn't write is refused
  --history            keep the report in <out>/history/ and compare it with the run before
  -h, --help           show this text

Progress goes to stderr; stdout gets where the report is. docs/compare.md says more.`;

const optionSpec = {
  port: { type: "string" },
  http: { type: "string" },
  sql: { type: "string" },
  env: { type: "string", multiple: true },
  declare: { type: "string" },
  "ready-timeout": { type: "string" },
  rounds: { type: "string" },
  duration: { type: "string" },
  burst: { type: "string" },
  connections: { type: "string" },
  "shared-cpus": { type: "boolean" },
  out: { type: "string" },
  history: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

function parseCommandLine(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], strict: true, allowPositionals: true, options: optionSpec });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split(". ")[0]}; see --help for the options`);
  }
}

function portOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) throw new UsageError(`--port ${text}: a TCP port number, 1-65535`);
  return port;
}

function httpPathOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (!text.startsWith("/") || /\s/.test(text)) throw new UsageError(`--http ${text}: a path starting with / (e.g. /index.html)`);
  return text;
}

function accountOf(text: string | undefined): Account | undefined {
  if (text === undefined) return undefined;
  const match = /^([^:@]+):([^@]*)@(.+)$/.exec(text);
  if (!match) throw new UsageError(`--sql ${text}: give user:password@database`);
  return { user: match[1]!, password: match[2]!, database: match[3]! };
}

function environmentOf(entries: readonly string[] | undefined): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const entry of entries ?? []) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(entry);
    if (!match) throw new UsageError(`--env ${entry}: give NAME=VALUE`);
    environment[match[1]!] = match[2]!;
  }
  return environment;
}

function readyTimeoutOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || value < 1 || value > 600) throw new UsageError(`--ready-timeout ${text}: seconds from 1 to 600`);
  return value;
}

/** The benchmark's own checks for what the two share, with compare's defaults. */
function benchOptionsOf(values: ReturnType<typeof parseCommandLine>["values"], env: NodeJS.ProcessEnv): BenchOptions {
  const pass = (option: string, value: string | undefined, fallback: string | number): string[] => [
    `--${option}`,
    String(value ?? fallback),
  ];
  const parsed = parseBenchArgs(
    [
      ...pass("rounds", values.rounds, compareDefaults.rounds),
      ...pass("duration", values.duration, compareDefaults.durationSeconds),
      ...pass("burst", values.burst, compareDefaults.burstSeconds),
      ...(values.connections === undefined ? [] : pass("connections", values.connections, "")),
      ...(values["shared-cpus"] ? ["--shared-cpus"] : []),
    ],
    env,
  );
  if (parsed === "help") throw new Error("unreachable: no --help was passed");
  if (values.out !== undefined && values.out.trim() === "") throw new UsageError("--out: give a directory");
  // npm runs scripts in the package's folder; a relative --out means where the user typed it.
  const outDir = values.out === undefined ? path.join(repoRoot, compareDefaults.out) : path.resolve(env.INIT_CWD ?? "", values.out);
  return { ...parsed, images: [comparedName], flavors: ["original", "candidate"], outDir, strict: false, failOn: [] };
}

/** The options, or "help"; throws UsageError on a mistake. */
export function parseCompareArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CompareOptions | "help" {
  const { values, positionals } = parseCommandLine(argv);
  if (values.help) return "help";
  if (positionals.length !== 2) {
    throw new UsageError(`give two images, the original and the candidate (got ${positionals.length}); see --help`);
  }
  const [original, candidate] = positionals as [string, string];
  if (original === candidate) throw new UsageError(`${original} twice: give two different images`);
  const port = portOf(values.port);
  const httpPath = httpPathOf(values.http);
  const sql = accountOf(values.sql);
  if (values.declare === undefined) {
    if (port === undefined) throw new UsageError("--port: say which container port the images serve on");
    if (!httpPath && !sql) throw new UsageError("give a load: --http <path> or --sql <user:password@database> (or --declare <file.ts>)");
    if (httpPath && sql) throw new UsageError("--http and --sql: one load on one port; a --declare file can declare both");
  }
  try {
    engineLocation(env);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return {
    original,
    candidate,
    ...(port === undefined ? {} : { port }),
    ...(httpPath ? { httpPath } : {}),
    ...(sql ? { sql } : {}),
    environment: environmentOf(values.env),
    ...(values.declare === undefined ? {} : { declareFile: path.resolve(env.INIT_CWD ?? "", values.declare) }),
    ...(values["ready-timeout"] === undefined ? {} : { readyTimeoutSeconds: readyTimeoutOf(values["ready-timeout"]) }),
    history: values.history ?? false,
    bench: benchOptionsOf(values, env),
  };
}
