// The headline under the status block: one row per image, its size original
// → tiny and the two paired verdicts (CPU per answer, throughput) in words,
// their headings linking to where the words are defined.
import { bytesQuantity, formatBytes, formatRatio, notApplicable } from "../format.js";
import { measuredPairs, type MeasuredPair } from "../../report/pairs.js";
import type { BenchReport, ImageReport } from "../../report/schema.js";
import { judgedBy } from "../../report/judgements.js";
import { cellWords, headlineParts, verdictParts } from "../verdict.js";
import { behaviourSentence } from "./behaviour.js";
import { table } from "./blocks.js";
import { imageName, shortCommit, sidesOf } from "./words.js";
import { anchors } from "./anchors.js";

export function title(report: BenchReport): string {
  const { commit, commitDirty } = report.environment;
  const dirty = commitDirty ? " with uncommitted changes" : "";
  return `# ${sidesOf(report).title}, ${report.generatedAt.slice(0, 10)} (${shortCommit(commit)}${dirty})`;
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
  const judged = judgedBy(report, image, p.tiny);
  const chosen = headlineParts(p.tinyFigures!, p.originalFigures!, column, judged);
  const failures =
    column === "cost" ? verdictParts(p.tinyFigures!, p.originalFigures!, judged).filter((part) => part.subject === "failures") : [];
  // The column's heading says the interval is 95%: the cell says only its ends. A
  // claim the page's number of judgements doesn't carry is not the headline's.
  const said = [...chosen, ...failures].map((part) =>
    part.direction && !part.survives
      ? `no difference the page can claim (${cellWords(part).replace(" (", ", ")}`
      : // The first screen gives the interval only; the image's table below gives the estimate too.
        (part.brief ?? cellWords(part)),
  );
  return said.length > 0 ? said.join("; ") : "no load";
}

function pairRow(report: BenchReport, image: ImageReport, p: MeasuredPair, several: boolean): string[] {
  const name = several ? `${imageName(report, image)} (${p.tiny} vs ${p.original})` : imageName(report, image);
  if (!p.tinyFigures || !p.originalFigures) {
    return [name, notApplicable, notApplicable, `${p.tinyFigures ? p.original : p.tiny} not measured`, notApplicable];
  }
  const [o, t] = [p.originalFigures.size, p.tinyFigures.size];
  const smaller = judgedBy(report, image, p.tiny).exact("size.bytes")?.timesSmaller;
  return [
    name,
    sizeShift(o.bytes, t.bytes),
    smaller === undefined || smaller === null ? notApplicable : formatRatio(smaller),
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
  const header = ["image", "size", "smaller", judged("CPU per answer (95% interval)"), judged("throughput (2nd opinion)")];
  return table(header, rows, ["left", "right", "right", "left", "left"]);
}

export function headline(report: BenchReport): string {
  return [headlineTable(report), behaviourSentence(report)].filter((s) => s !== "").join("\n\n");
}
