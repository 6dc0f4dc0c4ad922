// The benchmark: builds what is missing, measures what doesn't change
// between runs (size, contents) once, then runs the rounds. In each round
// every flavor of an image is measured once, a pair's tiny and original one
// right after each other, the tiny one first in odd rounds and last in even
// ones (A B, B A, ...), so drift on a shared machine and the order itself
// weigh on both alike.
import { setTimeout as sleep } from "node:timers/promises";
import { prepareImages } from "../build/prepare.js";
import {
  endpoint,
  flavor as flavorOf,
  flavors as allFlavors,
  image,
  imageTag,
  type FlavorName,
  type ImageName,
} from "../catalog.js";
import type { AbFigures as AbResult } from "../measure/ab-output.js";
import { readEnvironment } from "../measure/environment.js";
import { firstAnswer, type SqlAccount } from "../measure/first-answer.js";
import { httpLoad, type HttpRun } from "../measure/http-load.js";
import { readContents, type ImageContents } from "../measure/image-contents.js";
import { measureSize, type ImageSize } from "../measure/image-size.js";
import { memoryNow, samplePeakMemory } from "../measure/memory.js";
import { runAb } from "../measure/run-ab.js";
import { hardeningOf } from "../measure/hardening.js";
import { prepareSqlLoad, sqlLoad, type SqlRun } from "../measure/sql-load.js";
import { abSoftware, serviceSoftware } from "../measure/software.js";
import { median } from "../measure/stats.js";
import { wrkMissing, wrkRequestsPerSec } from "../measure/wrk.js";
import type { BenchReport, FlavorReport, Hardening, LoadGeneratorCheck, Unavailable } from "../report/schema.js";
import { schemaVersion } from "../report/schema.js";
import { launch, type Launched } from "../run/launch.js";
import { createNetwork } from "../run/network.js";
import { readSettings } from "../settings.js";
import type { BenchOptions } from "./options.js";
import { summariseAb, summariseHttp, summariseMemory, summariseSql, summariseStartup } from "./summarise.js";

export interface BenchProgress {
  /** How many steps follow the build, once that is known. */
  plan(steps: number): void;
  /** Says what the next step is. */
  step(label: string): void;
  /** A line of detail (build output). */
  detail(line: string): void;
}

/** Above this share of a core, a load generator is taken to have limited the figures. */
const saturationThreshold = 0.9;
/** Time for a started service to settle before its idle memory is read. */
const settleMs = 2_000;
const abTargetAlias = "web";

interface Samples {
  startupMs: number[];
  idleBytes: number[];
  peakBytes: number[];
  php: HttpRun[];
  static: HttpRun[];
  sql: SqlRun[];
  ab: AbResult[];
  abTarget?: string;
  software?: string;
}

const emptySamples = (): Samples => ({ startupMs: [], idleBytes: [], peakBytes: [], php: [], static: [], sql: [], ab: [] });

/** Tiny and original of each pair next to each other, in the catalog's order; the other way round in even rounds. */
function interleaved(available: readonly FlavorName[], round = 1): FlavorName[] {
  const order: FlavorName[] = [];
  for (const f of allFlavors) {
    if (f.role !== "tiny") continue;
    const pair = [f.name, f.pair].filter((name) => available.includes(name));
    order.push(...(round % 2 === 0 ? pair.reverse() : pair));
  }
  return order;
}

function sqlAccount(): SqlAccount {
  const env = image("mariadb").environment ?? {};
  const { MARIADB_USER: user, MARIADB_PASSWORD: password, MARIADB_DATABASE: database } = env;
  if (!user || !password || !database) throw new Error("the catalog's mariadb environment lacks its user, password or database");
  return { user, password, database };
}

export async function runBench(options: BenchOptions, owner: number, progress: BenchProgress): Promise<BenchReport> {
  const generatedAt = new Date();
  const settings = { ...readSettings(), images: options.images, flavors: options.flavors, strict: options.strict };
  progress.step("building what is missing");
  const status = await prepareImages(settings, (line) => progress.detail(line), options.images);

  const unavailable: Unavailable[] = [];
  const available = new Map<ImageName, FlavorName[]>();
  for (const name of options.images) {
    const ready: FlavorName[] = [];
    for (const flavorName of options.flavors) {
      const state = status[name]?.[flavorName];
      if (state?.available) ready.push(flavorName);
      else if (state) unavailable.push({ image: name, flavor: flavorName, reason: state.reason });
    }
    available.set(name, interleaved(ready));
  }

  const tinyFlavors = allFlavors.filter((f) => f.role === "tiny");
  const abPairs = (flavorNames: readonly FlavorName[]): Array<{ tiny: FlavorName; pair: FlavorName[] }> =>
    tinyFlavors
      .map((tiny) => ({ tiny: tiny.name, pair: flavorNames.filter((f) => f === tiny.name || f === tiny.pair) }))
      .filter(({ pair }) => pair.length > 0);
  const webFlavors = available.get("nginx-php") ?? [];
  const wrkProblem = webFlavors.length === 0 ? "no nginx-php flavor was measured" : await wrkMissing();
  const perRound = [...available].reduce(
    (total, [name, flavorNames]) =>
      total + (name === "ab" ? abPairs(flavorNames).length : name === "base" ? 0 : flavorNames.length),
    0,
  );
  const staticSteps = [...available.values()].reduce((total, flavorNames) => total + flavorNames.length, 0);
  progress.plan(staticSteps + options.rounds * perRound + (wrkProblem ? 0 : webFlavors.length));

  const sizes = new Map<string, ImageSize>();
  const contents = new Map<string, ImageContents>();
  const hardening = new Map<string, Hardening>();
  const samples = new Map<string, Samples>();
  const key = (name: ImageName, flavorName: FlavorName): string => `${name}:${flavorName}`;
  const samplesOf = (name: ImageName, flavorName: FlavorName): Samples => {
    const k = key(name, flavorName);
    if (!samples.has(k)) samples.set(k, emptySamples());
    return samples.get(k)!;
  };
  const saturated: LoadGeneratorCheck["saturated"][number][] = [];
  let maxCpu = 0;
  const noteCpu = (name: ImageName, flavorName: FlavorName, run: string, cpu: number): void => {
    maxCpu = Math.max(maxCpu, cpu);
    if (cpu > saturationThreshold) saturated.push({ image: name, flavor: flavorName, run, cpu });
  };

  for (const [name, flavorNames] of available) {
    for (const flavorName of flavorNames) {
      progress.step(`${name} [${flavorName}]: size and contents`);
      const inside = await readContents(name, flavorName, owner);
      sizes.set(key(name, flavorName), await measureSize(name, flavorName));
      contents.set(key(name, flavorName), inside);
      hardening.set(key(name, flavorName), await hardeningOf(imageTag(name, flavorName), inside));
      if (name === "ab") samplesOf(name, flavorName).software = await abSoftware(flavorName, owner);
    }
  }

  const account = sqlAccount();
  const startTimed = async (name: ImageName, flavorName: FlavorName): Promise<Launched> => {
    const answer = image(name).firstAnswer;
    if (!answer) throw new Error(`${name} has no first answer in the catalog to time its start-up by`);
    const container = await launch(name, flavorName, { owner });
    try {
      const answeredAt = await firstAnswer(answer, container, answer.kind === "sql" ? account : undefined);
      samplesOf(name, flavorName).startupMs.push(answeredAt - container.startRequestedAt);
      return container;
    } catch (error) {
      await container.remove();
      throw new Error(`${imageTag(name, flavorName)} gave no good answer after starting: ${(error as Error).message}`);
    }
  };

  const measureService = async (name: ImageName, flavorName: FlavorName): Promise<void> => {
    const s = samplesOf(name, flavorName);
    // Two starts a round: one only for its start-up time, one that also takes load.
    await (await startTimed(name, flavorName)).remove();
    const container = await startTimed(name, flavorName);
    try {
      s.software ??= await serviceSoftware(name, container, account);
      await sleep(settleMs);
      s.idleBytes.push(await memoryNow(container.id));
      // A second of unmeasured load first: PHP's opcache compiles the page on
      // first use, and InnoDB settles after the table is filled.
      if (name === "mariadb") {
        await prepareSqlLoad(container.ip, 3306, account);
        await sqlLoad(container.ip, 3306, account, options.connections, 1);
      } else if (name === "nginx-php") {
        await httpLoad(`http://${container.ip}${endpoint(name, "php")}`, options.connections, 1);
      }
      const peak = await samplePeakMemory(container.id);
      try {
        if (name === "nginx-php") {
          for (const page of ["php", "static"] as const) {
            const run = await httpLoad(
              `http://${container.ip}${endpoint(name, page)}`,
              options.connections,
              options.durationSeconds,
            );
            s[page].push(run);
            noteCpu(name, flavorName, `autocannon ${page}`, run.generatorCpu);
          }
        } else if (name === "mariadb") {
          const run = await sqlLoad(container.ip, 3306, account, options.connections, options.durationSeconds);
          s.sql.push(run);
          noteCpu(name, flavorName, "mysql2", run.generatorCpu);
        }
      } finally {
        s.peakBytes.push(await peak.stop());
      }
    } finally {
      await container.remove();
    }
  };

  /** Both ab flavors of a pair against one nginx-php (the original's, if built), so only ab differs. */
  const measureAbPair = async (abFlavors: readonly FlavorName[], tiny: FlavorName): Promise<void> => {
    const targetFlavor = [flavorOf(tiny).pair, tiny].find((f) => status["nginx-php"]?.[f]?.available);
    if (!targetFlavor) throw new Error(`no nginx-php [${tiny}] or [${flavorOf(tiny).pair}] to run ab against`);
    const target = flavorOf(targetFlavor);
    const network = await createNetwork(owner);
    try {
      const web = await launch("nginx-php", target.name, { owner, network: { name: network.name, alias: abTargetAlias } });
      try {
        const answer = image("nginx-php").firstAnswer!;
        await firstAnswer(answer, web);
        const path = endpoint("nginx-php", "php");
        // PHP-FPM starts 4 workers and grows to 16 under load: not on the first ab's time.
        await httpLoad(`http://${web.ip}${path}`, options.connections, 1);
        for (const abFlavor of abFlavors) {
          const result = await runAb({
            flavor: abFlavor,
            owner,
            network: network.name,
            url: `http://${abTargetAlias}${path}`,
            requests: 10_000_000,
            timeLimitSeconds: options.durationSeconds,
            concurrency: options.connections,
            keepAlive: true,
            timeoutMs: (options.durationSeconds + 60) * 1000,
          });
          const s = samplesOf("ab", abFlavor);
          s.ab.push(result);
          s.abTarget = `nginx-php [${target.name}] ${path}`;
        }
      } finally {
        await web.remove();
      }
    } finally {
      await network.remove();
    }
  };

  for (let round = 1; round <= options.rounds; round++) {
    const of = `round ${round}/${options.rounds}`;
    for (const [name, flavorNames] of available) {
      if (name === "nginx-php" || name === "mariadb") {
        for (const flavorName of interleaved(flavorNames, round)) {
          progress.step(`${of} · ${name} [${flavorName}]: start-up, memory, load`);
          await measureService(name, flavorName);
        }
      } else if (name === "ab") {
        for (const { tiny, pair } of abPairs(flavorNames)) {
          const ordered = round % 2 === 0 ? [...pair].reverse() : pair;
          progress.step(`${of} · ab [${ordered.join(", ")}] against nginx-php`);
          await measureAbPair(ordered, tiny);
        }
      }
    }
  }

  const loadGenerator = await checkWithWrk();

  const images = [...available].map(([name, flavorNames]) => ({
    name,
    flavors: flavorNames.map((flavorName): FlavorReport => {
      const f = flavorOf(flavorName);
      const size = sizes.get(key(name, flavorName))!;
      const inside = contents.get(key(name, flavorName))!;
      const s = samplesOf(name, flavorName);
      return {
        flavor: flavorName,
        role: f.role,
        pair: f.pair,
        tag: imageTag(name, flavorName),
        ...(s.software ? { software: s.software } : {}),
        size: { ...size, files: inside.files, packages: inside.packages },
        ...(s.startupMs.length > 0 ? { startup: summariseStartup(s.startupMs) } : {}),
        ...(s.idleBytes.length > 0 ? { memory: summariseMemory(s.idleBytes, s.peakBytes) } : {}),
        ...(s.php.length > 0
          ? {
              http: {
                php: summariseHttp(endpoint("nginx-php", "php"), s.php),
                static: summariseHttp(endpoint("nginx-php", "static"), s.static),
              },
            }
          : {}),
        ...(s.sql.length > 0 ? { sql: summariseSql(s.sql) } : {}),
        ...(s.ab.length > 0 ? { ab: summariseAb(s.abTarget!, s.ab) } : {}),
        hardening: hardening.get(key(name, flavorName))!,
      };
    }),
  }));

  return {
    schemaVersion,
    generatedAt: generatedAt.toISOString(),
    settings: {
      rounds: options.rounds,
      durationSeconds: options.durationSeconds,
      connections: options.connections,
      images: options.images,
      flavors: options.flavors,
    },
    environment: await readEnvironment(generatedAt),
    unavailable,
    images,
    loadGenerator: { ...loadGenerator, maxCpu, saturated, threshold: saturationThreshold },
  };

  async function checkWithWrk(): Promise<Pick<LoadGeneratorCheck, "wrk" | "wrkSkipped">> {
    if (wrkProblem) return { wrkSkipped: wrkProblem };
    const wrk: NonNullable<LoadGeneratorCheck["wrk"]>[number][] = [];
    for (const flavorName of webFlavors) {
      progress.step(`nginx-php [${flavorName}]: wrk against the PHP page, to check autocannon`);
      const container = await launch("nginx-php", flavorName, { owner });
      try {
        await firstAnswer(image("nginx-php").firstAnswer!, container);
        const url = `http://${container.ip}${endpoint("nginx-php", "php")}`;
        await httpLoad(url, options.connections, 1);
        wrk.push({
          flavor: flavorName,
          requestsPerSec: await wrkRequestsPerSec(url, options.connections, options.durationSeconds),
          autocannonRequestsPerSec: median(samplesOf("nginx-php", flavorName).php.map((r) => r.requestsPerSec)),
        });
      } finally {
        await container.remove();
      }
    }
    return { wrk };
  }
}
