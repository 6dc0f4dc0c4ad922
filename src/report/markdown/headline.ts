// The top of the page: what is compared, one row per image with its sizes
// and the performance verdict in words, the machine in plain terms, and
// what the verdict's words mean. A reader who stops here has the answer.
import { resolution } from "../../measure/paired.js";
import { bytesQuantity, formatBytes, formatPercent, formatRatio, formatSignedPercent, notApplicable } from "../format.js";
import { measuredPairs, type MeasuredPair } from "../pairs.js";
import type { BenchReport, ImageReport } from "../schema.js";
import { figure as figureOf, type Unit } from "../figures.js";
import { verdictParts, verdictWords, type VerdictPart } from "../verdict.js";
import { behaviourSentence } from "./behaviour.js";
import { line, listOf, table } from "./blocks.js";
import { imageName, shortCommit } from "./words.js";
import { architecturesOf, describeMachine, isMultiArchitecture, machineOf } from "../machine.js";

export function title(report: BenchReport): string {
  const { commit, commitDirty } = report.environment;
  const dirty = commitDirty ? " with uncommitted changes" : "";
  return `# Tiny vs original images: ${report.generatedAt.slice(0, 10)}, commit ${shortCommit(commit)}${dirty}`;
}

/** What each role is: "**tiny** (scratch): FROM scratch, …". */
function whatIsCompared(report: BenchReport): string {
  const summaries = report.flavorSummaries ?? [];
  const roles = summaries.map((s) => `**${s.role}** (${s.flavor}): ${line(s.summary)}`);
  const lead = "Each image is built in a tiny flavor and an original one, and every figure compares the two. Sizes read original → tiny.";
  return roles.length > 0 ? `${lead}\n\n${roles.map((r) => `- ${r}`).join("\n")}` : lead;
}

/** "187 → 70.3 MB", the unit once when both sides share it. */
export function sizeShift(original: number, tiny: number): string {
  const [o, t] = [bytesQuantity(original), bytesQuantity(tiny)];
  return o.unit === t.unit ? `${o.value} → ${t.value} ${t.unit}` : `${formatBytes(original)} → ${formatBytes(tiny)}`;
}

const throughputUnits: ReadonlySet<Unit> = new Set(["req/s", "queries/s"]);

/** Throughput verdicts, by their figure's unit in the registry, and the failures said beside them. */
function isThroughputOrFailures(part: VerdictPart): boolean {
  const unit = part.figure === undefined ? undefined : figureOf(part.figure)?.unit;
  return part.subject === "failures" || (unit !== undefined && throughputUnits.has(unit));
}

/** The performance verdict of a pair: throughput (and failures, if any), in words. */
function performance(report: BenchReport, image: ImageReport, p: MeasuredPair): string {
  if (report.settings.sizeOnly) return "not measured: sizes only";
  if (image.sizesOnly) return "not measured: its job's benchmark failed (sizes only)";
  // The column says it is throughput: each part needs only its verdict.
  const parts = verdictParts(p.tinyFigures!, p.originalFigures!).filter(isThroughputOrFailures);
  return parts.length > 0 ? parts.map(verdictWords).join("; ") : "no service to load";
}

function pairRow(report: BenchReport, image: ImageReport, p: MeasuredPair, several: boolean): string[] {
  const name = several ? `${imageName(report, image)} (${p.tiny} vs ${p.original})` : imageName(report, image);
  if (!p.tinyFigures || !p.originalFigures) {
    return [name, notApplicable, notApplicable, notApplicable, `${p.tinyFigures ? p.original : p.tiny} not measured`];
  }
  const [o, t] = [p.originalFigures.size, p.tinyFigures.size];
  return [
    name,
    sizeShift(o.bytes, t.bytes),
    sizeShift(o.compressedBytes, t.compressedBytes),
    formatRatio(o.bytes / t.bytes),
    performance(report, image, p),
  ];
}

function headlineTable(report: BenchReport): string {
  const rows = report.images.flatMap((i) => {
    const pairs = measuredPairs(i);
    return pairs.map((p) => pairRow(report, i, p, pairs.length > 1));
  });
  if (rows.length === 0) return "";
  return table(["image", "size", "compressed", "smaller", "throughput, tiny vs original"], rows, [
    "left",
    "right",
    "right",
    "right",
    "left",
  ]);
}

/** The 2016 post's ratios, so a reader sees how this compares with the idea that started it. */
function seedSentence(report: BenchReport): string {
  const images = report.images.filter((i) => i.flavors.length > 0);
  if (images.length === 0) return "";
  const ratios = images.map((i) => `${i.name} ${formatRatio(i.seed.originalMB / i.seed.tinyMB)}`);
  return `Sizes are uncompressed, as \`docker images\` shows them (1 MB = 1,000,000 bytes); compressed is the gzipped \`docker save\`, about what a pull transfers. For reference, the 2016 post's CentOS 7 → Alpine images were smaller by ${listOf(ratios)} (its Alpine nginx-php lacked mysqli, pdo_mysql, opcache and mbstring, which every flavor here has).`;
}

/** "1" → 1, "0-1" → 2, "0,2-3" → 3: the CPUs a cpuset string names. */
export function cpusIn(cpuset: string): number {
  return cpuset.split(",").reduce((n, part) => {
    const [low, high] = part.split("-").map(Number);
    return n + (high === undefined ? 1 : high - low! + 1);
  }, 0);
}

function cores(n: number): string {
  return `${n} ${n === 1 ? "core" : "cores"}`;
}

/** The machine in plain terms: how many cores, and who had which. */
export function machineSentence(report: BenchReport): string {
  if (isMultiArchitecture(report)) return machinesSentence(report);
  const e = report.environment;
  const host = `${cores(e.cpuCount)} (${e.cpuModel}) and ${formatBytes(e.memoryBytes)} of memory`;
  const machine = `one ${architecturesOf(report)[0]} machine`;
  if (report.settings.sizeOnly) return `Built and read on ${machine} with ${host}; no container was started.`;
  const remote = e.serverEngine;
  if (remote) {
    return `The servers ran on another machine (${cores(remote.cpuCount)}, ${formatBytes(remote.memoryBytes)}), the load generators on this one (${host}).`;
  }
  const split = report.settings.isolation;
  if (split) {
    return `Measured on ${machine} with ${host}: the servers had ${cores(cpusIn(split.server))} and the load generators ${cores(cpusIn(split.generator))} of their own.`;
  }
  return `Measured on ${machine} with ${host}, shared by the servers and the load generators.`;
}

/** A report merged from several machines: each pair was measured side by side on one of them. */
function machinesSentence(report: BenchReport): string {
  const machines = [...new Set(report.images.map((i) => describeMachine(machineOf(report, i))))];
  return `Merged from ${machines.length} machines, each pair measured side by side on one of them (each image's section names its machine): ${machines.join("; ")}.`;
}

/** What "no difference detected (±x%)" means, and how small a difference this machine can see. */
function meaning(report: BenchReport): string {
  if (report.settings.sizeOnly) return "";
  const s = report.settings;
  const words = `**"No difference detected (±x%)"**: under the same load, the two flavors took turns in ${s.burstSeconds} s bursts, and the 95% interval of tiny ÷ original includes "the same"; it reaches x% on its wider side, so a difference smaller than x% could go unseen in this run. A difference is claimed only when the interval excludes "the same".`;
  const c = report.calibration;
  if (!c) return `${words} This machine's resolution is not calibrated (\`npm run bench -- --calibrate\`).`;
  const slowed = `a server slowed by a CPU quota of ${c.slowed.cpuQuota.toFixed(2)} cores (expected loss ${formatPercent(c.slowed.expectedLoss)}) was ${c.slowed.detected ? "told apart" : "not told apart"} (${formatSignedPercent(c.slowed.ratio - 1)})`;
  return `${words} On this machine, the same image against itself could not be told apart from a ${formatPercent(resolution(c.sameImage))} difference in the PHP page's throughput (calibrated ${c.generatedAt.slice(0, 10)}, ${c.sameImage.n} pairs), and ${slowed}.`;
}

export function headline(report: BenchReport): string {
  return [
    title(report),
    whatIsCompared(report),
    headlineTable(report),
    behaviourSentence(report),
    seedSentence(report),
    machineSentence(report),
    meaning(report),
  ]
    .filter((s) => s !== "")
    .join("\n\n");
}
