// Renders reports/latest.md, the page people read after every nightly run,
// as GitHub shows it: the answer first (what is compared, sizes and
// verdicts, the machine, what the words mean), then what must be acted on
// (broken budgets, regressions), the charts, every figure per image, what
// moved since earlier runs, where the bytes went, and last how it was
// measured. Every figure comes from the BenchReport; each section is a
// module of its own under markdown/.
import { behaviourSection } from "./markdown/behaviour.js";
import { alerts, changesSection } from "./markdown/changes.js";
import { sizeCharts, trendChart } from "./markdown/charts.js";
import { environmentSection, howMeasuredSection } from "./markdown/about-run.js";
import { hardeningSection } from "./markdown/hardening.js";
import { headline } from "./markdown/headline.js";
import { imageSection } from "./markdown/image-section.js";
import { jobsSection } from "./markdown/jobs.js";
import { leftOutSection } from "./markdown/left-out.js";
import { loadGeneratorSection } from "./markdown/load-generator.js";
import { unavailableSection } from "./markdown/unavailable.js";
import { vulnerabilitiesSection } from "./markdown/vulnerabilities.js";
import { whereTheBytesAre } from "./markdown/where-bytes.js";
import type { BenchReport } from "./schema.js";

export { regressionLine } from "./markdown/changes.js";

function trendSection(report: BenchReport): string {
  const charts = report.trend?.charts ?? [];
  if (charts.length === 0) return "";
  return [
    "## Trend",
    `The last ${Math.max(...charts.map((c) => c.runs.length))} runs in the history, this one last (x-axis: month-day time, UTC).`,
    ...charts.map(trendChart),
  ].join("\n\n");
}

/** The markdown report of a run, compared with earlier runs when there are any. */
/** Which run the page is of, for a reader checking it against latest.json: invisible on the page. */
export function runComment(report: BenchReport): string {
  return report.runId ? `<!-- tiny-docker-images run ${report.runId} generated ${report.generatedAt} -->` : "";
}

export function renderMarkdown(report: BenchReport): string {
  const sections = [
    headline(report),
    alerts(report),
    jobsSection(report),
    ...sizeCharts(report),
    ...report.images.map((i) => imageSection(i, report)),
    behaviourSection(report),
    changesSection(report),
    trendSection(report),
    whereTheBytesAre(report),
    leftOutSection(report),
    hardeningSection(report),
    vulnerabilitiesSection(report),
    unavailableSection(report),
    loadGeneratorSection(report),
    environmentSection(report),
    howMeasuredSection(report),
    runComment(report),
  ];
  return `${sections.filter((s) => s !== "").join("\n\n")}\n`;
}
