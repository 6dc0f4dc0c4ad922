// ab: both ab flavors of a pair against one container of the target image
// (the original's flavor where it is built, so only ab differs), on a
// network of their own, in bursts alternating between them. Each ab flavor
// waits idle in a container of its own (run-ab.ts's abIdle) and every burst
// runs inside it, so that container's CPU time around a burst is what ab
// spent on that burst's requests: ab is the image under test here.
import { endpoint, type FlavorName, type ImageName } from "../../catalog.js";
import { abIdle, runAbIn } from "../../measure/run-ab.js";
import type { AbOutput } from "../../measure/ab-output.js";
import { cpuDuring, cpuPerAnswerUs } from "../../measure/server-cpu.js";
import { httpLoad } from "../../measure/http-load.js";
import { timeToReady } from "../../measure/startup.js";
import { burstOrder, pairsInRound, type Pair } from "../../plan.js";
import { launch, type Launched } from "../../run/launch.js";
import { createNetwork } from "../../run/network.js";
import { runOnce } from "../../run/run-once.js";
import { summariseAb } from "../summarise.js";
import { pageUrl } from "./http.js";
import { burstsPerRound } from "./service.js";
import type { BenchContext, Step, Workload } from "./workload.js";

const targetAlias = "web";

interface AbSamples {
  runs: AbOutput[];
  /** ab's own CPU per request in each burst, µs, in pair order. */
  cpuUs: number[];
  target?: string;
  software?: string;
}

/** What `ab -V` says ("This is ApacheBench, Version 2.3 <...>"). */
async function abVersion(name: ImageName, flavor: FlavorName, owner: number): Promise<string | undefined> {
  const run = await runOnce(name, flavor, { owner, command: ["-V"], timeoutMs: 30_000 });
  const version = /ApacheBench, Version (\S+)/.exec(run.stdout)?.[1];
  return version ? `ApacheBench ${version}` : undefined;
}

/** An idle ab container of a flavor on the pair's network, on the load generators' CPUs. */
function idleAb(name: ImageName, flavor: FlavorName, context: BenchContext, network: string): Promise<Launched> {
  return launch(name, flavor, { owner: context.owner, network: { name: network }, cpus: context.isolation?.generator, ...abIdle });
}

/**
 * How many requests an ab burst sends: what the target answered in a burst's
 * time during the warm-up, a second at least, since every burst starts ab
 * anew and its start (a few tens of ms of CPU) must not weigh on its CPU per
 * request. A count rather than ab's -t, so both ab flavors of a pair send
 * the same.
 */
export function requestsPerBurst(requestsPerSec: number, burstSeconds: number, connections: number): number {
  return Math.max(2 * connections, Math.round(requestsPerSec * Math.max(1, burstSeconds)));
}

/** One ab run of `requests` against url inside an idle ab container, and ab's CPU per request in it. */
async function abBurst(context: BenchContext, flavor: FlavorName, ab: Launched, url: string, requests: number) {
  const span = await cpuDuring(ab.id, () =>
    runAbIn(ab.id, {
      flavor,
      url,
      requests,
      concurrency: context.options.connections,
      keepAlive: true,
      // Far beyond a burst at the warm-up's pace: a target that stalls fails the run, not the night.
      timeoutMs: (context.options.burstSeconds * 20 + 60) * 1000,
    }),
  );
  return { run: span.result, cpuUs: cpuPerAnswerUs(span.cpuNs, Math.max(1, span.result.completeRequests))! };
}

export function abWorkload(name: ImageName, context: BenchContext, target: ImageName, page: string): Workload {
  const { owner, options, status } = context;
  const samples = new Map<FlavorName, AbSamples>();
  const of = (flavor: FlavorName): AbSamples => {
    if (!samples.has(flavor)) samples.set(flavor, { runs: [], cpuUs: [] });
    return samples.get(flavor)!;
  };

  const runPair = async (pair: Pair, abFlavors: readonly FlavorName[]): Promise<void> => {
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
        // PHP-FPM starts 4 workers and grows to 16 under load: not on the first ab's time.
        const warm = await httpLoad(pageUrl(target, web, page), options.connections, 1);
        const requests = requestsPerBurst(warm.requestsPerSec, options.burstSeconds, options.connections);
        const abs = new Map<FlavorName, Launched>();
        try {
          for (const flavor of abFlavors) abs.set(flavor, await idleAb(name, flavor, context, network.name));
          // Bursts alternating A B, B A, as the services' (service.ts), and as many: pairs for the verdict.
          for (let b = 0; b < burstsPerRound(options.durationSeconds, options.burstSeconds); b++) {
            for (const flavor of burstOrder(abFlavors, b)) {
              await runOne(flavor, abs.get(flavor)!, `${target} [${targetFlavor}] ${endpoint(target, page)}`, requests);
            }
          }
        } finally {
          for (const ab of abs.values()) await ab.remove();
        }
      } finally {
        await web.remove();
      }
    } finally {
      await network.remove();
    }
  };

  const runOne = async (flavor: FlavorName, ab: Launched, targetName: string, requests: number): Promise<void> => {
    const s = of(flavor);
    s.software ??= await abVersion(name, flavor, owner);
    const burst = await abBurst(context, flavor, ab, `http://${targetAlias}${endpoint(target, page)}`, requests);
    s.runs.push(burst.run);
    s.cpuUs.push(burst.cpuUs);
    s.target = targetName;
  };

  return {
    round: (flavors, round): Step[] =>
      pairsInRound(flavors, round).map(({ pair, order }) => ({
        label: `${name} [${order.join(", ")}] against ${target}`,
        run: () => runPair(pair, order),
      })),
    figures: (flavor) => {
      const s = samples.get(flavor);
      if (!s || s.runs.length === 0) return {};
      return { ...(s.software ? { software: s.software } : {}), ab: summariseAb(s.target!, s.runs, s.cpuUs) };
    },
  };
}
