// The end of the page: the machine in full and how every figure was
// measured, so a reader can judge the numbers.
import { formatBytes } from "../format.js";
import type { BenchReport } from "../schema.js";
import { code, details } from "./blocks.js";
import { headings } from "./anchors.js";
import { machineSentence, meaning, seedSentence } from "./headline.js";
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

function environmentList(report: BenchReport): string {
  const e = report.environment;
  const date = e.date.replace("T", " ").replace(/(\.\d+)?Z$/, " UTC");
  return [
    `- date: ${date}`,
    `- commit: ${code(e.commit)}, ${e.commitDirty ? "with uncommitted changes" : "clean working tree"}`,
    `- CPUs: ${e.cpuCount} × ${e.cpuModel}; used: ${cpusUsed(report)}`,
    `- memory: ${formatBytes(e.memoryBytes)}`,
    `- kernel: ${e.kernel}`,
    `- Docker: ${e.dockerVersion}, API ${e.dockerApiVersion}, storage driver ${e.dockerStorageDriver}`,
    `- Node.js: ${e.nodeVersion}`,
  ].join("\n");
}

const compressedSize =
  "- Size: as `docker images` shows it (1 MB = 1,000,000 bytes); compressed size: the gzipped `docker save` of the image, about what a pull transfers.";

/** The rule every "tiny vs original" cell follows, and what a change across runs is. */
const rules = [
  '**One rule for every cell.** Sizes and failure counts are exact differences. A runtime figure measured in pairs (CPU per answer, throughput, start-up) is judged by its pairs; one without pairs (memory, latency) reads "not compared", its values beside. Runtime figures are medians over every burst (start-up: over every start); autocannon and ab time whole milliseconds.',
  "**Changes across runs** list only what the machine doesn't move: any change of a size (sizes repeat exactly from build to build), and a pair's ratio, tiny ÷ original, whose 95% interval no longer overlaps the earlier run's. Absolute throughput from another night is never a change by itself. A regression is a change past its threshold in `budgets.json`, the worse way.",
].join("\n\n");

function methodList(report: BenchReport): string {
  const s = report.settings;
  return [
    `- The two flavors of a pair are measured over ${s.rounds} rounds, alternating which goes first, so a slow moment of the machine and the order itself weigh on both alike.`,
    `- In each round both containers of a pair run at once, and each load is cut into ${s.burstSeconds ?? s.durationSeconds} s bursts that alternate between them: every burst of the tiny flavor has one of the original beside it. A verdict's ratio is the Hodges–Lehmann estimate of the pairs' log ratios, its 95% interval the Wilcoxon signed-rank one (exact).`,
    `- Every load runs ${s.durationSeconds} s per round with ${s.connections} connections: autocannon for HTTP, mysql2 through a pool for SQL, ab for the ab image. CPU per answer: the container's CPU time over a burst (its cgroup), divided by the answers it gave.`,
    "- Start-up: from `docker start` to the first good answer, the readiness check the suites wait for too.",
    "- Memory: from the Docker stats API, the container's usage minus its page cache; idle after start-up, peak while under load.",
    compressedSize,
    howBytesAreRead,
    howLeftOutIsMeasured,
    "- The figures compare the flavors with each other on this machine, not with other machines.",
  ].join("\n");
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
  const e = report.environment;
  return [
    `## ${headings.howMeasured}`,
    generator.line,
    details(
      `${report.settings.sizeOnly ? "The method" : "The verdicts' words, the method, the load generator"} and the machine (${e.cpuCount} CPUs, ${e.kernel}, Docker ${e.dockerVersion})`,
      body.filter(Boolean).join("\n\n"),
    ),
  ]
    .filter(Boolean)
    .join("\n\n");
}
