// The report of a run, put together from what the stages measured: the
// catalog's words for each image (so the page renders from the report
// alone), each flavor's figures, and how the run went.
import { checkBudgets } from "../evaluate/budget-check.js";
import { loadBudgets } from "../report/budgets.js";
import { flavor as flavorOf, image, imageTag, type FlavorName, type ImageName } from "../catalog.js";
import type { Environment } from "../measure/environment.js";
import { compareFolders, type WhereBytes } from "../measure/where-bytes.js";
import type { RunPlan } from "../plan.js";
import type { Isolation } from "./isolation.js";
import {
  schemaVersion,
  type BenchReport,
  type BehaviourComparison,
  type Calibration,
  type FlavorReport,
  type FlavorSummary,
  type ImageReport,
  type LoadGeneratorCheck,
} from "../report/schema.js";
import { saturationThreshold, type GeneratorLog } from "./generator-log.js";
import type { ImageFigures } from "./image-figures.js";
import type { BenchOptions } from "./options.js";
import type { ScanSteps } from "./vulnerability-scan.js";
import type { MeasuredFigures } from "./workloads/workload.js";

export interface Measured {
  readonly generatedAt: Date;
  readonly options: BenchOptions;
  readonly plan: RunPlan;
  readonly environment: Environment;
  readonly imageFigures: (name: ImageName, flavor: FlavorName) => ImageFigures;
  readonly workloadFigures: (name: ImageName, flavor: FlavorName) => MeasuredFigures;
  readonly generator: GeneratorLog;
  readonly wrk: Pick<LoadGeneratorCheck, "wrk" | "wrkSkipped">;
  readonly isolation?: Isolation;
  readonly calibration?: Calibration;
  readonly vulnerabilities: Pick<ScanSteps, "countsOf" | "result">;
  /** What the parity probes found on an image's pairs of two distributions (behaviour-steps.ts); undefined when none was probed. */
  readonly behaviour?: (name: ImageName) => readonly BehaviourComparison[] | undefined;
  /** What a rebuild from nothing made of a reproducible flavor (reproduce-steps.ts), when one was asked for. */
  readonly reproduction?: (name: ImageName, flavor: FlavorName) => FlavorReport["reproduction"];
}

/** Where its bytes are; a tiny flavor whose original was measured too adds the two side by side, folder by folder. */
function bytesOf(name: ImageName, flavor: FlavorName, measured: Measured): WhereBytes | undefined {
  const { bytes, folders } = measured.imageFigures(name, flavor);
  const { role, pair } = flavorOf(flavor);
  const paired = role === "tiny" && measured.plan.available.get(name)?.includes(pair) ? measured.imageFigures(name, pair) : undefined;
  if (!bytes || !folders || !paired?.folders) return bytes;
  return { ...bytes, vsPair: { pair, folders: compareFolders(folders, paired.folders) } };
}

function flavorReport(name: ImageName, flavor: FlavorName, measured: Measured): FlavorReport {
  const { role, pair } = flavorOf(flavor);
  const { size, hardening, imageId } = measured.imageFigures(name, flavor);
  const reproduction = measured.reproduction?.(name, flavor);
  const bytes = bytesOf(name, flavor, measured);
  const { software, ...figures } = measured.workloadFigures(name, flavor);
  const vulnerabilities = measured.vulnerabilities.countsOf(name, flavor);
  return {
    flavor,
    role,
    pair,
    tag: imageTag(name, flavor),
    ...(imageId ? { imageId } : {}),
    ...(reproduction ? { reproduction } : {}),
    ...(software ? { software } : {}),
    size,
    ...(bytes ? { bytes } : {}),
    ...figures,
    ...(vulnerabilities ? { vulnerabilities } : {}),
    hardening,
  };
}

function imageReport(name: ImageName, flavors: readonly FlavorName[], measured: Measured): ImageReport {
  const { summary, seed } = image(name);
  const behaviour = measured.behaviour?.(name);
  return { name, summary, seed, flavors: flavors.map((f) => flavorReport(name, f, measured)), ...(behaviour ? { behaviour } : {}) };
}

export function assembleReport(measured: Measured): BenchReport {
  const { options, plan, generator } = measured;
  const images = [...plan.available].map(([name, flavors]) => imageReport(name, flavors, measured));
  return {
    schemaVersion,
    generatedAt: measured.generatedAt.toISOString(),
    settings: {
      ...(options.sizeOnly ? { sizeOnly: true } : {}),
      ...(options.sameImage ? { sameImage: true } : {}),
      rounds: options.rounds,
      durationSeconds: options.durationSeconds,
      burstSeconds: options.burstSeconds,
      ...(measured.isolation ? { isolation: measured.isolation } : {}),
      connections: options.connections,
      images: options.images,
      flavors: options.flavors,
    },
    environment: measured.environment,
    unavailable: plan.unavailable,
    images,
    budgets: checkBudgets({ images, environment: measured.environment }, loadBudgets()),
    vulnerabilityScan: measured.vulnerabilities.result(),
    loadGenerator: { ...measured.wrk, maxCpu: generator.maxCpu, saturated: generator.saturated, threshold: saturationThreshold },
    ...(measured.calibration ? { calibration: measured.calibration } : {}),
    flavorSummaries: measuredFlavors(images),
  };
}

/** What each flavor that was measured is, tiny ones first, for the page's opening lines. */
function measuredFlavors(images: readonly ImageReport[]): FlavorSummary[] {
  const names = [...new Set(images.flatMap((i) => i.flavors.map((f) => f.flavor)))];
  return names
    .map(flavorOf)
    .sort((a, b) => (a.role === b.role ? 0 : a.role === "tiny" ? -1 : 1))
    .map((f) => ({ flavor: f.name, role: f.role, summary: f.summary }));
}
