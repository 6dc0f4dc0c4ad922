// The page's first screen: a GitHub alert that says the result in one
// sentence (how much smaller, what it cost, how small a difference the run
// could see), then one line each for the budgets, the regressions, what was
// not measured and what makes a figure less trustworthy, each linking to the
// section that says more. A WARNING when something needs a person, a NOTE
// otherwise.
import { formatPercent, formatRatio } from "../format.js";
import { jobSucceeded } from "../../report/jobs.js";
import { comparedPairs, type ComparedPair } from "../../report/pairs.js";
import type { BenchReport } from "../../report/schema.js";
import { budgetWords } from "../budget-words.js";
import { judgedBy, type JudgedBy } from "../../report/judgements.js";
import { disagreements, headlineParts, verdictWords, type VerdictPart } from "../verdict.js";
import { line, listOf } from "./blocks.js";
import { anchors, slug } from "./anchors.js";
import { imageName, runName, sidesOf } from "./words.js";

interface Measured {
  readonly name: string;
  readonly pair: ComparedPair;
  readonly judged: JudgedBy;
}

function comparedPairsOf(report: BenchReport): Measured[] {
  return report.images.flatMap((image) =>
    comparedPairs(image).map((pair) => ({
      name: imageName(report, image),
      pair,
      judged: judgedBy(report, image, pair.tiny),
    })),
  );
}

function sizeClause(report: BenchReport, pairs: readonly Measured[]): string {
  const sides = sidesOf(report);
  const ratios = pairs.flatMap((m) => m.judged.exact("size.bytes")?.timesSmaller ?? []).sort((a, b) => a - b);
  if (ratios.length === 0) return `${sides.many} not compared in size`;
  if (ratios.length === 1) return `${sides.one} ${formatRatio(ratios[0]!)} smaller than its original`;
  const [low, high] = [formatRatio(ratios[0]!), formatRatio(ratios.at(-1)!)];
  return `${sides.many} ${low === high ? low : `${low} to ${high}`} smaller than their originals`;
}

function costPart(m: Measured): VerdictPart | undefined {
  return headlineParts(m.pair.tinyFigures, m.pair.originalFigures, "cost", m.judged).find((p) => !p.notCompared);
}

/** What going tiny cost in CPU per answer, each image's verdict said once, the undetected ones with the widest resolution. */
function costClause(report: BenchReport, pairs: readonly Measured[]): string {
  if (report.settings.sizeOnly) return "its CPU per answer was not measured (sizes only)";
  const judged = pairs.flatMap((m) => {
    const part = costPart(m);
    return part ? [{ name: m.name, part }] : [];
  });
  if (judged.length === 0) return "no CPU per answer was compared (no load measured it in pairs)";
  // A difference speaks for the page only when it survives the page's number of judgements.
  const none = judged.filter((j) => j.part.withinNoise || !j.part.survives);
  const seen = judged.filter((j) => !j.part.withinNoise && j.part.survives);
  const costlier = seen.filter((j) => j.part.direction === "higher");
  const { going } = sidesOf(report);
  const head =
    costlier.length > 0 ? `${going} cost CPU` : seen.length > 0 ? `${going} saved CPU` : `${going} cost no CPU that this run could see`;
  // "The same within ±t", said once per threshold; the rest with the widest difference they couldn't rule out.
  const same = new Map<number, typeof none>();
  for (const j of none) if (j.part.sameWithin !== undefined) same.set(j.part.sameWithin, [...(same.get(j.part.sameWithin) ?? []), j]);
  const open = none.filter((j) => j.part.sameWithin === undefined);
  const widest = Math.max(0, ...open.map((j) => j.part.resolution ?? 0));
  const said = [
    ...seen.map((j) => `${j.name} ${verdictWords(j.part)}`),
    ...[...same].map(([t, js]) => `the same within ±${formatPercent(t)} in ${listOf(js.map((j) => j.name))}`),
    ...(open.length > 0
      ? [`no difference the page can claim in ${listOf(open.map((j) => j.name))} (±${formatPercent(widest)} at most)`]
      : []),
  ];
  return `${head}: ${listOf(said)}`;
}

function resultSentence(report: BenchReport): string {
  const pairs = comparedPairsOf(report);
  if (pairs.length === 0) return "**No pair was measured in both flavors: nothing is compared.**";
  return `**${sizeClause(report, pairs)}; ${costClause(report, pairs)}.**`;
}

interface StatusLine {
  readonly text: string;
  /** Needs a person: makes the block a WARNING. */
  readonly warn: boolean;
}

function budgetLine(report: BenchReport): StatusLine | undefined {
  const results = report.budgets ?? [];
  if (results.length === 0) return undefined;
  const broken = results.filter((b) => !b.passed);
  const link = `([budgets](#${anchors.changes}))`;
  if (broken.length === 0) return { text: `Budgets: all ${results.length} of \`budgets.json\` met ${link}.`, warn: false };
  const names = broken.slice(0, 3).map((b) => line(budgetWords(b).name));
  const more = broken.length > 3 ? ` and ${broken.length - 3} more` : "";
  return { text: `Budgets: **${broken.length} of ${results.length} broken**: ${names.join("; ")}${more} ${link}.`, warn: true };
}

function regressionsStatus(report: BenchReport): StatusLine {
  const c = report.comparison;
  const link = `([changes](#${anchors.changes}))`;
  if (!c) return { text: "Regressions: no earlier run to compare with.", warn: false };
  // The section names the runs; here their number is enough.
  const runs = c.baseline ?? [c.previous];
  const against = runs.length === 1 ? runName(c.previous) : `the last ${runs.length} comparable runs`;
  const regressions = c.deltas.filter((d) => d.regression);
  if (regressions.length > 0) return { text: `Regressions: **${regressions.length}** against ${against} ${link}.`, warn: true };
  if (c.conditionChanges.length > 0) {
    return { text: `Regressions: none in size against ${against}; the machine changed, so no ratio was compared ${link}.`, warn: false };
  }
  return { text: `Regressions: none against ${against} ${link}.`, warn: false };
}

function notMeasuredLines(report: BenchReport): StatusLine[] {
  const lines: StatusLine[] = [];
  const flavors = [...new Set(report.unavailable.map((u) => u.flavor))];
  if (flavors.length > 0) {
    lines.push({ text: `Not measured: ${listOf(flavors)}, which could not be built here ([why](#${anchors.notMeasured})).`, warn: false });
  }
  const scan = report.vulnerabilityScan;
  if (scan?.skipped) lines.push({ text: `Not scanned for known vulnerabilities ([why](#${anchors.hardening})).`, warn: false });
  return lines;
}

function trustLines(report: BenchReport): StatusLine[] {
  const lines: StatusLine[] = [];
  const failed = (report.jobs ?? []).filter((j) => !jobSucceeded(j));
  if (failed.length > 0)
    lines.push({ text: `**${failed.length} of the nightly run's jobs failed** ([jobs](#${anchors.jobs})).`, warn: true });
  const saturated = report.settings.sizeOnly ? 0 : report.loadGenerator.saturated.length;
  if (saturated > 0) {
    lines.push({
      text: `Trust: the load generator was at its limit in ${saturated} bursts, whose throughput is a lower bound ([check](#${anchors.howMeasured})).`,
      warn: false,
    });
  }
  const disagreeing = comparedPairsOf(report).filter((m) => disagreements(m.pair.tinyFigures, m.pair.originalFigures, m.judged).length > 0);
  if (disagreeing.length > 0) {
    lines.push({
      text: `Trust: CPU per answer and throughput disagree for ${listOf(disagreeing.map((m) => m.name))}; the CPU figure is the one to believe (see ${listOf(disagreeing.map((m) => `[${m.name}](#${slug(m.name)})`))}).`,
      warn: true,
    });
  }
  if (report.environment.commitDirty) lines.push({ text: "Trust: measured with uncommitted changes in the working tree.", warn: true });
  if (!report.settings.sizeOnly && report.calibration?.calibrationVersion !== 2) {
    lines.push({
      text: `Resolution: not calibrated on this machine; each ± is this run's own ([how measured](#${anchors.howMeasured})).`,
      warn: false,
    });
  }
  return lines;
}

/** How many paired judgements the page made, how many claim a difference, and how many of those survive their number. */
function judgementsLine(report: BenchReport): StatusLine | undefined {
  const all = report.evaluation?.judgements ?? [];
  if (all.length === 0) return undefined;
  const claimed = all.filter((j) => j.outcome === "higher" || j.outcome === "lower").length;
  const survive = all.filter((j) => j.survives).length;
  const differ =
    claimed === 0 ? "none claims a difference" : `${claimed} ${claimed === 1 ? "claims" : "claim"} a difference beyond its threshold`;
  const kept = claimed === 0 ? "" : `, ${survive} of them ${survive === 1 ? "survives" : "survive"} Holm's correction for their number`;
  return {
    text: `Judgements: ${all.length} paired figures on this page; ${differ}${kept} ([how measured](#${anchors.howMeasured})).`,
    warn: false,
  };
}

export function statusBlock(report: BenchReport): string {
  const lines = [
    budgetLine(report),
    regressionsStatus(report),
    judgementsLine(report),
    ...notMeasuredLines(report),
    ...trustLines(report),
  ].filter((l): l is StatusLine => l !== undefined);
  const kind = lines.some((l) => l.warn) ? "WARNING" : "NOTE";
  return [`> [!${kind}]`, `> ${resultSentence(report)}`, ">", ...lines.map((l) => `> - ${l.text}`)].join("\n");
}
