// HTTP: autocannon against one endpoint the image declares, a load of
// `kind: "http"`. The service workload (service.ts) runs its bursts and
// takes the server's CPU around them.
import { endpoint, image, type ImageName } from "../../catalog.js";
import { httpLoad } from "../../measure/http-load.js";
import type { Launched } from "../../run/launch.js";
import type { LoadDriver } from "./service.js";
import type { BenchContext } from "./workload.js";

/** The image's address for one of its endpoints, as the harness reaches the container. */
export function pageUrl(name: ImageName, container: Pick<Launched, "address">, page: string): string {
  const { host, port } = container.address(image(name).ports[0] ?? 80);
  return `http://${host}:${port}${endpoint(name, page)}`;
}

/** A page whose JSON answer names its runtime's version ({"php": "8.2.29"}) says so; any other says nothing. */
async function softwareFrom(url: string): Promise<string | undefined> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  const info = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  const found = Object.entries(info).find((e): e is [string, string] => typeof e[1] === "string" && /^\d+\.\d+\.\d+/.test(e[1]));
  return found ? `${found[0].toUpperCase()} ${found[1]}` : undefined;
}

/** autocannon on `endpointName` of the image: the load `load` of its `loads`. */
export function httpDriver(
  name: ImageName,
  context: BenchContext,
  load: string,
  endpointName: string,
  label: string,
  answer: string,
): LoadDriver {
  const { connections } = context.options;
  return {
    name: load,
    words: { kind: "http", label, answer, what: `autocannon on \`${endpoint(name, endpointName)}\`` },
    warmUp: async (container) => {
      await httpLoad(pageUrl(name, container, endpointName), connections, 1);
    },
    burst: async (container, seconds) => {
      const run = await httpLoad(pageUrl(name, container, endpointName), connections, seconds);
      const failures = { errors: run.errors, timeouts: run.timeouts, "non-2xx": run.non2xx };
      return {
        answers: run.answers,
        perSec: run.requestsPerSec,
        p50Ms: run.p50Ms,
        p99Ms: run.p99Ms,
        failures,
        generatorCpu: run.generatorCpu,
      };
    },
    software: (container) => softwareFrom(pageUrl(name, container, endpointName)),
  };
}
