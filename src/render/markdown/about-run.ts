// The last appendix, "How measured", which every verdict links to: in view,
// whether the load generator kept up and whether any answer failed; folded,
// what the verdicts' words mean, the rules every cell follows, the machine,
// the method and the environment, each said here and nowhere else.
import { formatBytes, formatPercent, formatRatio, formatSignedPercent } from "../format.js";
import { figure as figureOf, figuresOf } from "../../report/figures.js";
import { architecturesOf, isMultiArchitecture, machineOf } from "../../report/machine.js";
import type { BenchReport, Calibration, CalibrationJudgement } from "../../report/schema.js";
import { code, details, listOf } from "./blocks.js";
import { describeMachine } from "./words.js";
import { headings } from "./anchors.js";
import { loadGeneratorPart } from "./load-generator.js";
import { howBytesAreRead } from "./where-bytes.js";
import { howLeftOutIsMeasured } from "./left-out.js";

function cpusUsed(report: BenchReport): string {
  const { isolation, sizeOnly } = report.settings;
  if (sizeOnly) return "none: sizes only, no container was started";
  const remote = report.environment.serverEngine;
  if (remote) {
    return `servers under test on the engine at ${code(remote.host)} (${remote.cpuCount} CPUs, ${formatBytes(remote.memoryBytes)}, ${remote.os}, ${remote.kernel}), load generators on this machine`;
  }
  if (isolation) return `servers under test on CPU ${isolation.server}, load generators on CPU ${isolation.generator}`;
  return "servers and load generators shared every CPU";
}

/** The 2016 post's ratios, so a reader sees how this compares with the idea that started it. */
export function seedSentence(report: BenchReport): string {
  const images = report.images.filter((i) => i.flavors.length > 0);
  const seed = report.evaluation?.seedRatios ?? [];
  const ratios = images.flatMap((i) => seed.filter((r) => r.image === i.name).map((r) => `${i.name} ${formatRatio(r.timesSmaller)}`));
  if (ratios.length === 0) return "";
  const notes = images.flatMap((i) => (i.seed?.note ? [i.seed.note] : []));
  return `For reference, the 2016 post's CentOS 7 → Alpine images were smaller by ${listOf(ratios)}${notes.length > 0 ? ` (${notes.join("; ")}, which every flavor here has)` : ""}.`;
}

/** "1" → 1, "0-1" → 2, "0,2-3" → 3: the CPUs a cpuset string names. */
function cpusIn(cpuset: string): number {
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

/** The calibration in one sentence, as evaluate/calibration.ts judged it: each calibrated figure's t and whether the known loss came out beyond it. */
function calibrationSentence(c: Calibration, judged: readonly CalibrationJudgement[], report: BenchReport): string {
  const flavors = report.images.flatMap((i) => i.flavors);
  const parts = judged.flatMap((f) => {
    const runs = c.figures.find((k) => k.figure === f.figure);
    if (!runs) return [];
    const label = figureOf(f.figure, flavors)?.label ?? f.figure;
    const same = `the same image against itself ${formatSignedPercent(runs.sameImage.ratio - 1).replace("±0%", "0%")} (its interval reaching ±${formatPercent(f.sameImageResolution)}), t = ±${formatPercent(f.threshold)}`;
    const known = `${formatPercent(c.knownLoss)} more work per request ${f.detected ? "claimed" : "not claimed"} (${formatSignedPercent(runs.knownWork.ratio - 1)})`;
    return [`${label}: ${same}; ${known}`];
  });
  return `Calibrated on this machine ${c.generatedAt.slice(0, 10)} with ${judged[0]?.n ?? 0} pairs: ${parts.join("; ")}.`;
}

/** What the verdicts' words mean, and how small a difference this machine can see. */
export function meaning(report: BenchReport): string {
  if (report.settings.sizeOnly) return "";
  const s = report.settings;
  const words = `The two flavors took turns under the same load in ${s.burstSeconds} s bursts, and each pair of bursts gives one ratio, tiny ÷ original. **CPU per answer** is the CPU time the server (for a client image: the client itself) spent per request or query, the figure a busy machine moves least; throughput is the second opinion. Its **user / system** split says whether a cost is the program's or the kernel's (a different allocator or libc shows up as system time); the kernel charges CPU time to a mode at its scheduler's ticks, so each burst's split is good to about one tick (1-10 ms, by the kernel's HZ) and is shown as context, never judged. Each paired figure is held to a practical threshold ±t, the smallest difference worth a claim: from this machine's calibration of that kind of figure when there is one (1%, unless the same image against itself landed off 1 beyond its interval: then that offset, to the next whole percent), else the figure's declared default (3% for CPU per answer and throughput, 10% for start-up). **"x% less (95% interval …)"** only when the whole interval lies beyond ±t; **"the same within ±t"** when it lies within; **"no difference detected"** otherwise. Every cell gives the paired estimate and its interval, the comparison itself; the two flavors' medians beside it are context. The page makes many such judgements at once, so a difference reaches the status line and the headline only when it survives Holm's step-down over all of them at 5% family-wise (exact one-sided Wilcoxon signed-rank tests against ±t); a cell still shows its own interval.`;
  // Reports written before calibration version 2 hold a CPU-quota calibration this page no longer explains.
  const c = report.calibration?.calibrationVersion === 2 ? report.calibration : undefined;
  const judged = report.evaluation?.calibration;
  return c && judged ? `${words} ${calibrationSentence(c, judged, report)}` : words;
}

function environmentList(report: BenchReport): string {
  const e = report.environment;
  const date = e.date.replace("T", " ").replace(/(\.\d+)?Z$/, " UTC");
  return [
    `- date: ${date}`,
    `- commit: ${code(e.commit)}, ${e.commitDirty ? "with uncommitted changes" : "clean working tree"}`,
    `- CPUs used: ${cpusUsed(report)}`,
    `- kernel: ${e.kernel}`,
    `- Docker: ${e.dockerVersion}, API ${e.dockerApiVersion}, storage driver ${e.dockerStorageDriver}`,
    `- Node.js: ${e.nodeVersion}`,
  ].join("\n");
}

const compressedSize =
  "- Size: as `docker images` shows it (1 MB = 1,000,000 bytes); compressed size: the gzipped `docker save` of the image, about what a pull transfers.";

/** The rule every "tiny vs original" cell follows, and what a change across runs is. */
const rules = [
  '**One rule for every cell.** Sizes and failure counts are exact differences. A runtime figure measured in pairs (CPU per answer, throughput, start-up) is judged by its pairs; one without pairs (memory, latency) reads "not compared", its values beside. Runtime figures are medians over every burst (start-up: over every start); the load generators time whole milliseconds.',
  "**Changes across runs** list only what the machine doesn't move: a size that moved by a thousandth or more (sizes repeat exactly from build to build; less is a timestamp or a build ID), and a pair's ratio, tiny ÷ original, whose 95% interval no longer overlaps the earlier run's. Absolute throughput from another night is never a change by itself. A regression is a change past its threshold in `budgets.json`, the worse way.",
].join("\n\n");

function methodList(report: BenchReport): string {
  const s = report.settings;
  return [
    `- The two flavors of a pair are measured over ${s.rounds} rounds, alternating which goes first, so a slow moment of the machine and the order itself weigh on both alike.`,
    "- In each round both containers of a pair run at once and the bursts alternate between them. A verdict's ratio is the Hodges–Lehmann estimate of the pairs' log ratios, its 95% interval the Wilcoxon signed-rank one (exact).",
    "- Spread (folded under each image's table): a figure's lowest and highest value over its bursts (start-up: over its starts; idle memory: over its rounds).",
    `- Every load runs ${s.durationSeconds} s per round with ${s.connections} connections: each as the paragraph above its image's table says (autocannon for HTTP, mysql2 through a pool for SQL, a client image's own program). CPU per answer: the container's CPU time over a burst (its cgroup), divided by the answers it gave.`,
    "- Start-up: from `docker start` to the first good answer, the readiness check the suites wait for too.",
    "- Memory: from the Docker stats API, the container's usage minus its page cache; idle after start-up, peak while under load.",
    compressedSize,
    howBytesAreRead,
    howLeftOutIsMeasured,
    "- The figures compare the flavors with each other on this machine, not with other machines.",
  ].join("\n");
}

/** "No answer failed in any burst.", said once for the page; a failure is a row of its image's table. */
function failures(report: BenchReport): string {
  if (report.settings.sizeOnly) return "";
  const flavors = report.images.flatMap((i) => i.flavors);
  const counts = figuresOf(flavors).filter((f) => f.kind === "failures");
  const measured = flavors.some((f) => counts.some((c) => c.read(f) !== undefined));
  const none = flavors.every((f) => counts.every((c) => (c.read(f) ?? 0) === 0));
  return measured && none ? "No answer failed in any burst." : "";
}

/** The appendix every verdict links to: what the words mean, how the figures were taken, on what machine. */
export function howMeasuredSection(report: BenchReport): string {
  const generator = loadGeneratorPart(report);
  const body = report.settings.sizeOnly
    ? [
        [
          "- Sizes only (`--only size`): the images were built where missing and read; no container was started and no load was run.",
          compressedSize,
          howBytesAreRead,
          howLeftOutIsMeasured,
        ].join("\n"),
        machineSentence(report),
        seedSentence(report),
        environmentList(report),
      ]
    : [meaning(report), rules, machineSentence(report), methodList(report), generator.more, seedSentence(report), environmentList(report)];
  return [
    `## ${headings.howMeasured}`,
    [generator.line, failures(report)].filter(Boolean).join(" "),
    details(
      `${report.settings.sizeOnly ? "The method" : "The verdicts' words, the method, the load generator"} and the machine`,
      body.filter(Boolean).join("\n\n"),
    ),
  ]
    .filter(Boolean)
    .join("\n\n");
}
