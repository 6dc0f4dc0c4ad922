// An image's own load: a small module beside the image
// (images/<image>/<module>, declared as `load: { kind: "module", module }`)
// that says how to send one request and, if it likes, how to prepare the
// server and ask its version. The harness does the rest the way it does
// for every service (service.ts): start-up, idle memory, paired bursts, the
// server's CPU per request; and closedLoop here times the requests. Its
// figures are the report's `load` (report/figures.ts: load.*).
import { image, imagesDir, type FlavorName, type ImageName } from "../../catalog.js";
import { timedLoop } from "../../measure/timed-loop.js";
import { importFromFolder } from "../../read-images.js";
import { summariseLoad, type LoadRun } from "../summarise.js";
import { serviceWorkload } from "./service.js";
import type { BenchContext, Workload } from "./workload.js";

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
export async function closedLoop(load: OwnLoad, target: LoadTarget, connections: number, seconds: number): Promise<LoadRun> {
  const clients = await Promise.all(Array.from({ length: connections }, () => load.connect(target)));
  try {
    const { answers, perSec, ...rest } = await timedLoop(connections, seconds, "request", (w, i) => clients[w]!.request(i));
    return { requests: answers, requestsPerSec: perSec, ...rest };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
}

/** The module a declaration names, imported when the benchmark needs it. */
export async function importOwnLoad(name: ImageName, module: string): Promise<OwnLoad> {
  const loaded = (await importFromFolder(imagesDir, name, module)) as OwnLoad | undefined;
  if (typeof loaded?.connect !== "function" || typeof loaded.what !== "string") {
    throw new Error(`images/${name}/${module}: export default defineLoad({ what, connect, ... })`);
  }
  return loaded;
}

export function ownWorkload(name: ImageName, context: BenchContext, load: OwnLoad): Workload {
  const { connections } = context.options;
  const port = image(name).ports[0]!;
  const runs = new Map<FlavorName, LoadRun[]>();
  return serviceWorkload(name, context, {
    runs: ["load"],
    warmUp: async (container) => {
      const target = container.address(port);
      await load.prepare?.(target);
      await closedLoop(load, target, connections, 1);
    },
    burst: async (container, flavor, _run, seconds) => {
      const run = await closedLoop(load, container.address(port), connections, seconds);
      runs.set(flavor, [...(runs.get(flavor) ?? []), run]);
      context.generator.note(name, flavor, "own load", run.generatorCpu);
      return run.requests;
    },
    software: async (container) => load.software?.(container.address(port)),
    figures: (flavor, cpuUs) => {
      const done = runs.get(flavor);
      return done ? { load: summariseLoad(load.what, done, cpuUs("load")) } : {};
    },
  });
}
