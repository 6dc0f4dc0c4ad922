// Renders reports/latest.md, the page people read after every nightly run,
// in at most four screens as GitHub shows it with every <details> closed:
// the status (the result in a sentence, budgets, regressions, what was not
// measured, what to trust less), the headline table and one size chart, one
// section per image, then the appendices, folded, each said once and linked
// from where the page needs it. Every figure comes from the BenchReport;
// each section is a module of its own under markdown/.
import { behaviourSection } from "./markdown/behaviour.js";
import { changesSection } from "./markdown/changes.js";
import { sizeChart } from "./markdown/charts.js";
import { howMeasuredSection } from "./markdown/about-run.js";
import { hardeningSection } from "./markdown/hardening.js";
import { headline, title } from "./markdown/headline.js";
import { imageSection } from "./markdown/image-section.js";
import { jobsSection } from "./markdown/jobs.js";
import { leftOutSection } from "./markdown/left-out.js";
import { statusBlock } from "./markdown/status.js";
import { unavailableSection } from "./markdown/unavailable.js";
import { whereTheBytesAre } from "./markdown/where-bytes.js";
import type { BenchReport } from "../report/schema.js";

/** Which run the page is of, for a reader checking it against latest.json: invisible on the page. */
export function runComment(report: BenchReport): string {
  return report.runId ? `<!-- tiny-docker-images run ${report.runId} generated ${report.generatedAt} -->` : "";
}

/** The markdown report of a run, compared with earlier runs when there are any. */
export function renderMarkdown(report: BenchReport): string {
  const sections = [
    title(report),
    statusBlock(report),
    headline(report),
    sizeChart(report),
    ...report.images.map((i) => imageSection(i, report)),
    changesSection(report),
    behaviourSection(report),
    jobsSection(report),
    whereTheBytesAre(report),
    leftOutSection(report),
    hardeningSection(report),
    unavailableSection(report),
    howMeasuredSection(report),
    runComment(report),
  ];
  return `${sections.filter((s) => s !== "").join("\n\n")}\n`;
}
