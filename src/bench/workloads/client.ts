// A client image (a load of `kind: "client"`): both flavors of a pair
// against one container of the target image (the original's flavor where
// it is built, so only the client differs), on a network of their own, in
// bursts alternating between them. Each flavor waits idle in a container of
// its own and every burst runs inside it, so that container's CPU time
// around a burst is what the client spent on that burst's requests: the
// client is the image under test here. How to run it and read what it
// prints is the image's own module (images/<image>/<module>, defineClient).
import { endpoint, imagesDir, type FlavorName, type ImageName } from "../../catalog.js";
import { importFromFolder } from "../../read-images.js";
import type { ContainerFile } from "../../run/container-files.js";
import { entrypointOf, execIn } from "../../run/exec.js";
import { cpuDuring, perAnswerUs } from "../../measure/server-cpu.js";
import { httpLoad } from "../../measure/http-load.js";
import { timeToReady } from "../../measure/startup.js";
import { burstOrder, pairsInRound, type Pair } from "../../plan.js";
import { launch, type Launched } from "../../run/launch.js";
import { createNetwork } from "../../run/network.js";
import { runOnce } from "../../run/run-once.js";
import { summariseLoad, type LoadRun } from "../summarise.js";
import { pageUrl } from "./http.js";
import { burstsPerRound, sameImageTag } from "./service.js";
import type { BenchContext, Step, Workload } from "./workload.js";

const targetAlias = "web";

/** One burst a client is asked for. */
export interface ClientBurst {
  /** An http URL with a path, on the pair's network: http://web/index.php. */
  readonly url: string;
  readonly requests: number;
  readonly concurrency: number;
}

/** What a client image's module (images/<image>/<module>) exports as default, through defineClient. */
export interface Client {
  /** What a burst does, for the page: "ab -k, keep-alive". */
  readonly what: string;
  /** How a container of the image waits, idle, for bursts run inside it. */
  readonly idle: { readonly files: readonly ContainerFile[]; readonly command: readonly string[] };
  /** The arguments of one burst, after the image's entrypoint; throws one line when the burst can't be asked of it. */
  command(burst: ClientBurst): string[];
  /** What a finished burst printed, read; throws naming what is missing or wrong. */
  read(subject: string, exit: { exitCode: number; stdout: string; stderr: string }): LoadRun;
  /** Its version: the arguments that print it, and how to read it from their output. */
  readonly version?: { readonly command: readonly string[]; read(stdout: string): string | undefined };
}

export function defineClient(client: Client): Client {
  return client;
}

/** The module a client load names, imported when the benchmark needs it. */
export async function importClient(name: ImageName, module: string): Promise<Client> {
  const loaded = (await importFromFolder(imagesDir, name, module)) as Client | undefined;
  if (typeof loaded?.command !== "function" || typeof loaded.read !== "function" || !loaded.idle) {
    throw new Error(`images/${name}/${module}: export default defineClient({ what, idle, command, read })`);
  }
  return loaded;
}

/**
 * How many requests a burst sends: what the target answered in a burst's
 * time during the warm-up, a second at least, since every burst starts the
 * client anew and its start (a few tens of ms of CPU) must not weigh on its
 * CPU per request. A count rather than a time limit, so both flavors of a
 * pair send the same.
 */
export function requestsPerBurst(requestsPerSec: number, burstSeconds: number, connections: number): number {
  return Math.max(2 * connections, Math.round(requestsPerSec * Math.max(1, burstSeconds)));
}

interface ClientSamples {
  runs: LoadRun[];
  perAnswer: Record<string, number[]>;
  target?: string;
  software?: string;
}

export interface ClientLoad {
  readonly load: string;
  readonly label: string;
  readonly answer: string;
  readonly target: ImageName;
  readonly endpoint: string;
  readonly client: Client;
}

export function clientWorkload(name: ImageName, context: BenchContext, spec: ClientLoad): Workload {
  const samples = new Map<FlavorName, ClientSamples>();
  const of = (flavor: FlavorName): ClientSamples => {
    if (!samples.has(flavor)) samples.set(flavor, { runs: [], perAnswer: {} });
    return samples.get(flavor)!;
  };
  const burstsOf = clientBursts(name, context, spec, of);
  return {
    round: (flavors, round): Step[] =>
      pairsInRound(flavors, round).map(({ pair, order }) => ({
        label: `${name} [${order.join(", ")}] against ${spec.target}`,
        run: () => burstsOf(pair, order),
      })),
    figures: (flavor) => {
      const s = samples.get(flavor);
      if (!s || s.runs.length === 0) return {};
      const what = `each flavor's ${name} against ${s.target}, ${spec.client.what}`;
      const words = { kind: "client", label: spec.label, answer: spec.answer, what };
      return { ...(s.software ? { software: s.software } : {}), loads: { [spec.load]: summariseLoad(words, s.runs, s.perAnswer) } };
    },
  };
}

/** Runs a pair's bursts: the target up and warmed, an idle client container per flavor, bursts alternating. */
function clientBursts(name: ImageName, context: BenchContext, spec: ClientLoad, of: (flavor: FlavorName) => ClientSamples) {
  const { owner, options, status } = context;
  const { target, client } = spec;
  const path = endpoint(target, spec.endpoint);

  const runOne = async (flavor: FlavorName, container: Launched, targetName: string, requests: number): Promise<void> => {
    const s = of(flavor);
    s.software ??= await versionOf(name, flavor, client, owner);
    const burst = { url: `http://${targetAlias}${path}`, requests, concurrency: options.connections };
    const subject = `${name} [${flavor}] against ${burst.url}`;
    const argv = [...(await entrypointOf(container.id)), ...client.command(burst)];
    // Far beyond a burst at the warm-up's pace: a target that stalls fails the run, not the night.
    const timeoutMs = (options.burstSeconds * 20 + 60) * 1000;
    const span = await cpuDuring(container.id, () => execIn(container.id, argv, timeoutMs));
    const run = client.read(subject, span.result);
    s.runs.push(run);
    for (const [m, v] of Object.entries(perAnswerUs(span.used, run.answers))) (s.perAnswer[m] ??= []).push(v);
    s.target = targetName;
  };

  return async (pair: Pair, flavors: readonly FlavorName[]): Promise<void> => {
    const targetFlavor = [pair.original, pair.tiny].find((f) => status[target]?.[f]?.available);
    if (!targetFlavor) throw new Error(`no ${target} [${pair.original}] or [${pair.tiny}] to run ${name} against`);
    const network = await createNetwork(owner);
    try {
      const web = await launch(target, targetFlavor, {
        owner,
        network: { name: network.name, alias: targetAlias },
        cpus: context.isolation?.server,
      });
      try {
        await timeToReady(target, targetFlavor, web);
        // A server that grows its workers under load (PHP-FPM): not on the first burst's time.
        const warm = await httpLoad(pageUrl(target, web, spec.endpoint), options.connections, 1);
        const requests = requestsPerBurst(warm.requestsPerSec, options.burstSeconds, options.connections);
        const idle = new Map<FlavorName, Launched>();
        try {
          for (const flavor of flavors) idle.set(flavor, await idleClient(name, flavor, context, network.name, client));
          // Bursts alternating A B, B A, as the services' (service.ts), and as many: pairs for the verdict.
          for (let b = 0; b < burstsPerRound(options.durationSeconds, options.burstSeconds); b++) {
            for (const flavor of burstOrder(flavors, b))
              await runOne(flavor, idle.get(flavor)!, `${target} (${targetFlavor}) \`${path}\``, requests);
          }
        } finally {
          for (const container of idle.values()) await container.remove();
        }
      } finally {
        await web.remove();
      }
    } finally {
      await network.remove();
    }
  };
}

/** An idle client container of a flavor on the pair's network, on the load generators' CPUs. */
function idleClient(name: ImageName, flavor: FlavorName, context: BenchContext, network: string, client: Client): Promise<Launched> {
  return launch(name, flavor, {
    owner: context.owner,
    network: { name: network },
    cpus: context.isolation?.generator,
    ...client.idle,
    ...sameImageTag(name, flavor, context),
  });
}

/** What the client says it is, asked once per flavor. */
async function versionOf(name: ImageName, flavor: FlavorName, client: Client, owner: number): Promise<string | undefined> {
  if (!client.version) return undefined;
  const run = await runOnce(name, flavor, { owner, command: client.version.command, timeoutMs: 30_000 });
  return client.version.read(run.stdout);
}
