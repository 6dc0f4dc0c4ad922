// What an engine says happened to containers over a span of time (Docker's
// events API): how a suite proves that a run started no container, or none
// on a given engine.
import type Dockerode from "dockerode";
import { docker } from "../../src/docker.js";

export interface ContainerEventQuery {
  /** Seconds since the epoch. */
  readonly since: number;
  /** "create", "start", ... */
  readonly event: string;
  /** e.g. `${ownerLabel}=${pid}`. */
  readonly label?: string;
  /** Another engine than the suites' own. */
  readonly engine?: Dockerode;
}

/** The images of the containers the query matched, in order. */
export async function containerEvents(query: ContainerEventQuery): Promise<string[]> {
  const engine = query.engine ?? (await docker());
  const filters = { type: ["container" as const], event: [query.event], ...(query.label ? { label: [query.label] } : {}) };
  const until = Math.ceil(Date.now() / 1000);
  const stream = await engine.getEvents({ since: query.since, until, filters });
  const text = await new Promise<string>((resolve, reject) => {
    let all = "";
    stream.on("data", (chunk: Buffer) => (all += chunk.toString()));
    stream.on("end", () => resolve(all));
    stream.on("error", reject);
  });
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => (JSON.parse(line) as { from?: string }).from ?? "");
}
