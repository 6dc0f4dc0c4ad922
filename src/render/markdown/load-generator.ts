// Whether the load generators kept up, and which figures to trust when one
// didn't: runs where a generator saturated its core, grouped by what they
// loaded; the cores each server kept busy; wrk's second opinion.
import { formatPercent, formatRate, formatSignedPercent, notApplicable } from "../format.js";
import type { BenchReport, FlavorReport, LoadGeneratorCheck } from "../../report/schema.js";
import { line, table } from "./blocks.js";
import { flavorLabel } from "./words.js";

function saturatedTable(check: LoadGeneratorCheck): string {
  const groups = new Map<string, { image: string; run: string; count: number; max: number }>();
  for (const s of check.saturated) {
    const key = `${s.image}\n${s.run}`;
    const g = groups.get(key) ?? { image: s.image, run: s.run, count: 0, max: 0 };
    groups.set(key, { ...g, count: g.count + 1, max: Math.max(g.max, s.cpu) });
  }
  return table(
    ["image", "load", "bursts over the limit", "highest"],
    [...groups.values()].map((g) => [g.image, g.run, String(g.count), `${formatPercent(g.max)} of a core`]),
    ["left", "left", "right", "right"],
  );
}

function saturation(check: LoadGeneratorCheck): string[] {
  const limit = formatPercent(check.threshold);
  if (check.saturated.length === 0) {
    return [
      `The load generator was never the bottleneck: it used at most ${formatPercent(check.maxCpu)} of a core (the limit is ${limit}).`,
    ];
  }
  return [
    `In ${check.saturated.length} bursts the generator used more than ${limit} of its core, so their throughput is a lower bound.`,
    "The server may have had more to give in those bursts. The comparison still holds, because both flavors of a pair met the same generator in alternating bursts and a limit weighs on both alike; the absolute figures are what to doubt.",
    saturatedTable(check),
  ];
}

function serverCores(report: BenchReport): string[] {
  const servers = report.images.flatMap((i) =>
    i.flavors.flatMap((f) => (f.serverCores === undefined ? [] : [`${i.name} ${flavorLabel(f)} ${f.serverCores.toFixed(2)}`])),
  );
  if (servers.length === 0) return [];
  return [
    `Cores each server kept busy under load, the median over its bursts: ${servers.join(", ")}. Near the cores it had, the load measured the server; well below, the server waited on the generator or on something else.`,
  ];
}

/** A flavor's role as the report says it: a report renders alone, without the catalog (compare's flavors are in none). */
function roleIn(report: BenchReport, name: FlavorReport["flavor"]): FlavorReport["role"] {
  return report.images.flatMap((i) => i.flavors).find((f) => f.flavor === name)?.role ?? "original";
}

function wrkCheck(report: BenchReport, check: LoadGeneratorCheck): string[] {
  if (!check.wrk || check.wrk.length === 0) return [`No wrk comparison: ${line(check.wrkSkipped ?? "none was made").replace(/\.$/, "")}.`];
  const gaps = report.evaluation?.wrkGaps;
  return [
    `wrk, a multi-threaded generator, loaded the same page as a second opinion: autocannon and wrk agree within ${gaps ? formatPercent(gaps.widest) : notApplicable}. The verdicts use autocannon, whose bursts alternate between the flavors; wrk runs once per flavor, so it checks autocannon's level, not the comparison.`,
    table(
      ["flavor", "wrk", "autocannon", "autocannon vs wrk"],
      check.wrk.map((w, i) => [
        flavorLabel({ flavor: w.flavor, role: roleIn(report, w.flavor) }),
        formatRate(w.requestsPerSec),
        formatRate(w.autocannonRequestsPerSec),
        gaps?.each[i] === undefined ? notApplicable : formatSignedPercent(gaps.each[i]),
      ]),
      ["left", "right", "right", "right"],
    ),
  ];
}

/** Under "How measured": whether the generator kept up, in a line, and the rest for the fold. */
export function loadGeneratorPart(report: BenchReport): { line: string; more: string } {
  if (report.settings.sizeOnly) return { line: "", more: "" };
  const check = report.loadGenerator;
  const [first, ...rest] = saturation(check);
  return { line: first!, more: [...rest, ...serverCores(report), ...wrkCheck(report, check)].join("\n\n") };
}
