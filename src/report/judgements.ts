// Finding a stored judgement (BenchReport.evaluation, made by
// evaluate/evaluate.ts): the page, JUnit and the trend look verdicts up
// here and never judge again.
import { onArchitecture } from "./machine.js";
import type { BenchReport, Evaluation, ExactComparison, ImageReport, Judgement } from "./schema.js";

/** A pair's judgements by figure key; `exact` its exact comparisons (sizes, counts). */
export interface JudgedBy {
  (figure: string): Judgement | undefined;
  readonly exact: (figure: string) => ExactComparison | undefined;
}

/** A JudgedBy from its two lookups. */
export function judgedByOf(
  paired: (figure: string) => Judgement | undefined,
  exact: (figure: string) => ExactComparison | undefined,
): JudgedBy {
  return Object.assign((figure: string) => paired(figure), { exact });
}

/** The stored judgement of one figure of one pair, or undefined. */
export function judgementOf(
  evaluation: Evaluation | undefined,
  image: string,
  tiny: string,
  figure: string,
  architecture?: string,
): Judgement | undefined {
  return evaluation?.judgements.find(
    (j) => j.image === image && j.tiny === tiny && j.figure === figure && (architecture === undefined || j.architecture === architecture),
  );
}

/** One pair's stored judgements: none when the report was never judged (the store judges every report it writes or reads). */
export function judgedBy(report: BenchReport, image: ImageReport, tiny: string): JudgedBy {
  const architecture = onArchitecture(report, image).architecture;
  const onIt = (e: { image: string; tiny: string; architecture?: string }) =>
    e.image === image.name && e.tiny === tiny && (architecture === undefined || e.architecture === architecture);
  return judgedByOf(
    (figure) => judgementOf(report.evaluation, image.name, tiny, figure, architecture),
    (figure) => report.evaluation?.exact?.find((e) => onIt(e) && e.figure === figure),
  );
}
