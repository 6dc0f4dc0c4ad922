// An image's own load: a small module beside the image
// (images/<image>/<module>, declared in `loads` as `{ kind: "module", module }`)
// that says how to send one request and, if it likes, how to prepare the
// server and ask its version. The harness does the rest the way it does
// for every service (service.ts): start-up, idle memory, paired bursts, the
// server's CPU per request; and closedLoop here times the requests. Its
// figures are the report's, under the load's name, as every load's.
import path from "node:path";
import { folderOf, image, repoRoot, type ImageName } from "../../catalog.js";
import { timedLoop } from "../../measure/timed-loop.js";
import { importFromFolder } from "../../read-images.js";
import type { LoadRun } from "../summarise.js";
import type { LoadDriver } from "./service.js";
import type { BenchContext } from "./workload.js";

/** Where the harness reaches the container's first port. */
export interface LoadTarget {
  readonly host: string;
  readonly port: number;
}

/** One client connection of the load: sends requests one after the other. */
export interface LoadClient {
  /** One request and its answer; throws when the answer is wrong (counted as an error). */
  request(i: number): Promise<void>;
  close(): Promise<void>;
}

export interface OwnLoad {
  /** What a request is, for the report: "GET and SET of 100-byte values over RESP, 1:1". */
  readonly what: string;
  /** Opens one client connection. */
  connect(target: LoadTarget): Promise<LoadClient>;
  /** Unmeasured work first (fill a keyspace, warm a cache); default: none. */
  prepare?(target: LoadTarget): Promise<void>;
  /** The software as it reports itself ("Redis 7.0.15"), asked once per flavor. */
  software?(target: LoadTarget): Promise<string | undefined>;
}

/** What images/<image>/<module> exports as default. */
export function defineLoad(load: OwnLoad): OwnLoad {
  return load;
}

/** `connections` clients each sending requests back to back for `seconds`: a closed loop, as autocannon and the SQL mix run. */
export async function closedLoop(
  load: OwnLoad,
  target: LoadTarget,
  connections: number,
  seconds: number,
): Promise<LoadRun & { generatorCpu: number }> {
  const clients = await Promise.all(Array.from({ length: connections }, () => load.connect(target)));
  try {
    const { errors, ...rest } = await timedLoop(connections, seconds, "request", (w, i) => clients[w]!.request(i));
    return { ...rest, failures: { errors } };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
}

/** The module a declaration names, imported when the benchmark needs it. */
export async function importOwnLoad(name: ImageName, module: string): Promise<OwnLoad> {
  const folder = folderOf(name);
  const loaded = (await importFromFolder(path.dirname(folder), path.basename(folder), module)) as OwnLoad | undefined;
  if (typeof loaded?.connect !== "function" || typeof loaded.what !== "string") {
    throw new Error(`${path.relative(repoRoot, path.join(folder, module))}: export default defineLoad({ what, connect, ... })`);
  }
  return loaded;
}

export function ownDriver(name: ImageName, context: BenchContext, load: string, own: OwnLoad, label: string, answer: string): LoadDriver {
  const { connections } = context.options;
  const port = image(name).ports[0]!;
  return {
    name: load,
    words: { kind: "module", label, answer, what: own.what },
    warmUp: async (container) => {
      const target = container.address(port);
      await own.prepare?.(target);
      await closedLoop(own, target, connections, 1);
    },
    burst: (container, seconds) => closedLoop(own, container.address(port), connections, seconds),
    software: async (container) => own.software?.(container.address(port)),
  };
}
