// The end of the page: the machine in full and how every figure was
// measured, so a reader can judge the numbers.
import { formatBytes } from "../format.js";
import type { BenchReport } from "../schema.js";
import { code } from "./blocks.js";

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

export function environmentSection(report: BenchReport): string {
  const e = report.environment;
  const date = e.date.replace("T", " ").replace(/(\.\d+)?Z$/, " UTC");
  return [
    "## Environment",
    [
      `- date: ${date}`,
      `- commit: ${code(e.commit)}, ${e.commitDirty ? "with uncommitted changes" : "clean working tree"}`,
      `- CPUs: ${e.cpuCount} × ${e.cpuModel}`,
      `- CPUs used: ${cpusUsed(report)}`,
      `- memory: ${formatBytes(e.memoryBytes)}`,
      `- kernel: ${e.kernel}`,
      `- Docker: ${e.dockerVersion}, API ${e.dockerApiVersion}, storage driver ${e.dockerStorageDriver}`,
      `- Node.js: ${e.nodeVersion}`,
    ].join("\n"),
  ].join("\n\n");
}

const compressedSize = "- Compressed size: the gzipped `docker save` of the image, about what a pull transfers.";

export function howMeasuredSection(report: BenchReport): string {
  const s = report.settings;
  if (s.sizeOnly) {
    return [
      "## How measured",
      [
        "- Sizes only (`--only size`): the images were built where missing and read; no container was started and no load was run.",
        compressedSize,
      ].join("\n"),
    ].join("\n\n");
  }
  return [
    "## How measured",
    [
      `- The two flavors of a pair are measured interleaved over ${s.rounds} rounds, alternating which goes first (A B, B A, A B …), so a slow moment of the machine and the order itself weigh on both alike; a figure is the median of its runs.`,
      `- In each round both containers of a pair run at once, and each load is cut into ${s.burstSeconds ?? s.durationSeconds} s bursts that alternate between them (A B, B A …): every burst of the tiny flavor has one of the original right beside it. A verdict compares those pairs: the median of tiny ÷ original with a 95% interval from the pairs' order statistics (a sign test, exact and distribution-free). A difference is claimed only when the interval excludes "the same"; otherwise it says "no difference detected (±x%)", x being the largest difference the interval could not rule out.`,
      '- Idle memory has no paired runs: "within noise (±x%)" there means the two flavors\' ranges over the rounds overlap, x being the widest a round strayed from its median.',
      `- Every load run lasts ${s.durationSeconds} s with ${s.connections} connections: autocannon for HTTP, mysql2 through a pool for SQL, ab for the ab image.`,
      "- Start-up: from `docker start` to the first good answer, the readiness check the suites wait for too (`/health.php` through nginx and PHP-FPM answering `ok`, `SELECT 1` as the application user).",
      "- Memory: from the Docker stats API, the container's usage minus its page cache; idle after start-up, peak while under load.",
      compressedSize,
      `- The figures compare the flavors with each other on this machine, not with other machines.`,
    ].join("\n"),
  ].join("\n\n");
}
