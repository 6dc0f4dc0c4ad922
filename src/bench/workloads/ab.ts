// ab: both ab flavors of a pair against one container of the target image
// (the original's flavor where it is built, so only ab differs), on a
// network of their own, one -t run each per round.
import { endpoint, type FlavorName, type ImageName } from "../../catalog.js";
import { runAb } from "../../measure/run-ab.js";
import type { AbFigures as AbRun } from "../../measure/ab-output.js";
import { httpLoad } from "../../measure/http-load.js";
import { timeToReady } from "../../measure/startup.js";
import { burstOrder, pairsInRound, type Pair } from "../../plan.js";
import { launch } from "../../run/launch.js";
import { createNetwork } from "../../run/network.js";
import { runOnce } from "../../run/run-once.js";
import { summariseAb } from "../summarise.js";
import { pageUrl } from "./http.js";
import { burstsPerRound } from "./service.js";
import type { BenchContext, Step, Workload } from "./workload.js";

const targetAlias = "web";

interface AbSamples {
  runs: AbRun[];
  target?: string;
  software?: string;
}

/** What `ab -V` says ("This is ApacheBench, Version 2.3 <...>"). */
async function abVersion(name: ImageName, flavor: FlavorName, owner: number): Promise<string | undefined> {
  const run = await runOnce(name, flavor, { owner, command: ["-V"], timeoutMs: 30_000 });
  const version = /ApacheBench, Version (\S+)/.exec(run.stdout)?.[1];
  return version ? `ApacheBench ${version}` : undefined;
}

/** One ab run of `seconds` against url, from the load generators' CPUs. */
function abBurst(context: BenchContext, flavor: FlavorName, url: string, network: string, seconds: number): Promise<AbRun> {
  const { owner, options } = context;
  return runAb({
    flavor,
    owner,
    network,
    cpus: context.isolation?.generator,
    url,
    requests: 10_000_000,
    timeLimitSeconds: seconds,
    concurrency: options.connections,
    keepAlive: true,
    timeoutMs: (seconds + 60) * 1000,
  });
}

export function abWorkload(name: ImageName, context: BenchContext, target: ImageName, page: string): Workload {
  const { owner, options, status } = context;
  const samples = new Map<FlavorName, AbSamples>();
  const of = (flavor: FlavorName): AbSamples => {
    if (!samples.has(flavor)) samples.set(flavor, { runs: [] });
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
        await httpLoad(pageUrl(target, web, page), options.connections, 1);
        // Bursts alternating A B, B A, as the services' (service.ts): pairs for the verdict.
        // ab's -t counts whole seconds.
        const seconds = Math.max(1, Math.round(options.burstSeconds));
        for (let b = 0; b < burstsPerRound(options.durationSeconds, seconds); b++) {
          for (const flavor of burstOrder(abFlavors, b)) {
            await runOne(flavor, `${target} [${targetFlavor}] ${endpoint(target, page)}`, network.name, seconds);
          }
        }
      } finally {
        await web.remove();
      }
    } finally {
      await network.remove();
    }
  };

  const runOne = async (flavor: FlavorName, targetName: string, network: string, seconds: number): Promise<void> => {
    const s = of(flavor);
    s.software ??= await abVersion(name, flavor, owner);
    s.runs.push(await abBurst(context, flavor, `http://${targetAlias}${endpoint(target, page)}`, network, seconds));
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
      return { ...(s.software ? { software: s.software } : {}), ab: summariseAb(s.target!, s.runs) };
    },
  };
}
