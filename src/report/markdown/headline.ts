// The top of the page: what is compared, one row per image with its sizes
// and the performance verdict in words, the machine in plain terms, and
// what the verdict's words mean. A reader who stops here has the answer.
import { resolution } from "../../measure/paired.js";
import { bytesQuantity, formatBytes, formatPercent, formatRatio, formatSignedPercent, notApplicable } from "../format.js";
import { measuredPairs, type MeasuredPair } from "../pairs.js";
import type { BenchReport, Calibration, ImageReport } from "../schema.js";
import { figure as figureOf } from "../figures.js";
import { cellWords, verdictParts } from "../verdict.js";
import { behaviourSentence } from "./behaviour.js";
import { listOf, table } from "./blocks.js";
import { imageName, shortCommit } from "./words.js";
import { anchors } from "./anchors.js";
import { architecturesOf, describeMachine, isMultiArchitecture, machineOf } from "../machine.js";

export function title(report: BenchReport): string {
  const { commit, commitDirty } = report.environment;
  const dirty = commitDirty ? " with uncommitted changes" : "";
  return `# Tiny vs original images, ${report.generatedAt.slice(0, 10)} (${shortCommit(commit)}${dirty})`;
}

/** "187 → 70.3 MB", the unit once when both sides share it. */
export function sizeShift(original: number, tiny: number): string {
  const [o, t] = [bytesQuantity(original), bytesQuantity(tiny)];
  return o.unit === t.unit ? `${o.value} → ${t.value} ${t.unit}` : `${formatBytes(original)} → ${formatBytes(tiny)}`;
}

/** The verdict of the pair's headline figure of one kind (its main load's cost or throughput), in words; failures go with cost. */
function headlineVerdict(report: BenchReport, image: ImageReport, p: MeasuredPair, column: "cost" | "throughput"): string {
  if (report.settings.sizeOnly) return "not measured: sizes only";
  if (image.sizesOnly) return "not measured: its job's benchmark failed (sizes only)";
  const parts = verdictParts(p.tinyFigures!, p.originalFigures!);
  const chosen = parts.filter((part) => part.figure !== undefined && figureOf(part.figure)?.headline === column);
  const failures = column === "cost" ? parts.filter((part) => part.subject === "failures") : [];
  const said = [...chosen, ...failures].map(cellWords);
  return said.length > 0 ? said.join("; ") : "no load";
}

function pairRow(report: BenchReport, image: ImageReport, p: MeasuredPair, several: boolean): string[] {
  const name = several ? `${imageName(report, image)} (${p.tiny} vs ${p.original})` : imageName(report, image);
  if (!p.tinyFigures || !p.originalFigures) {
    return [name, notApplicable, notApplicable, `${p.tinyFigures ? p.original : p.tiny} not measured`, notApplicable];
  }
  const [o, t] = [p.originalFigures.size, p.tinyFigures.size];
  return [
    name,
    sizeShift(o.bytes, t.bytes),
    formatRatio(o.bytes / t.bytes),
    headlineVerdict(report, image, p, "cost"),
    headlineVerdict(report, image, p, "throughput"),
  ];
}

function headlineTable(report: BenchReport): string {
  const rows = report.images.flatMap((i) => {
    const pairs = measuredPairs(i);
    return pairs.map((p) => pairRow(report, i, p, pairs.length > 1));
  });
  if (rows.length === 0) return "";
  const judged = (words: string): string => (report.settings.sizeOnly ? words : `[${words}](#${anchors.howMeasured})`);
  const header = ["image", "size", "smaller", judged("CPU per answer"), judged("throughput (2nd opinion)")];
  return table(header, rows, ["left", "right", "right", "left", "left"]);
}

/** The 2016 post's ratios, so a reader sees how this compares with the idea that started it. */
export function seedSentence(report: BenchReport): string {
  const images = report.images.filter((i) => i.flavors.length > 0);
  const ratios = images.flatMap((i) => (i.seed ? [`${i.name} ${formatRatio(i.seed.originalMB / i.seed.tinyMB)}`] : []));
  if (ratios.length === 0) return "";
  return `For reference, the 2016 post's CentOS 7 → Alpine images were smaller by ${listOf(ratios)} (its Alpine nginx-php lacked mysqli, pdo_mysql, opcache and mbstring, which every flavor here has).`;
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

/** The calibration in one sentence: the resolution of each calibrated figure and whether the known loss was seen. */
export function calibrationSentence(c: Calibration): string {
  const parts = c.figures.map((f) => {
    const label = figureOf(f.figure)?.label ?? f.figure;
    const seen = f.knownWork.detected ? "detected" : "not detected";
    return `${label}: the same image against itself ±${formatPercent(resolution(f.sameImage))}, ${formatPercent(c.knownLoss)} more work per request ${seen} (${formatSignedPercent(f.knownWork.ratio - 1)})`;
  });
  return `Calibrated on this machine ${c.generatedAt.slice(0, 10)} with ${c.figures[0]?.sameImage.n ?? 0} pairs: ${parts.join("; ")}.`;
}

/** What the verdicts' words mean, and how small a difference this machine can see. */
export function meaning(report: BenchReport): string {
  if (report.settings.sizeOnly) return "";
  const s = report.settings;
  const words = `The two flavors took turns under the same load in ${s.burstSeconds} s bursts, and each pair of bursts gives one ratio, tiny ÷ original. **CPU per answer** is the CPU time the server (for ab: ab itself) spent per request or query, the figure a busy machine moves least; throughput is the second opinion. **"No difference detected (±x%)"**: the 95% interval of the ratio includes "the same" and reaches x% on its wider side, so a smaller difference could go unseen; a difference is claimed only when the interval excludes "the same".`;
  // Reports written before calibration version 2 hold a CPU-quota calibration this page no longer explains.
  const c = report.calibration?.calibrationVersion === 2 ? report.calibration : undefined;
  return c ? `${words} ${calibrationSentence(c)}` : words;
}

export function headline(report: BenchReport): string {
  return [headlineTable(report), behaviourSentence(report)].filter((s) => s !== "").join("\n\n");
}
