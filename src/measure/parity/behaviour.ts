// A pair of two distributions (alpine vs centos) answers the parity probes
// differently by construction: another libc, other builds, other versions.
// Every difference is recorded here, with both answers and, where one is
// known in advance (the image's probe's known reasons: known-reasons.ts),
// its reason and source, so the report can say what changes moving from the
// original to the tiny flavor. A flavor whose probe gives no answer at all
// is recorded as failed.
import type { FlavorName } from "../../catalog.js";
import { differingLeaves, leafCount, type Answer } from "./answers.js";
import { reasonFor, type KnownReason } from "./known-reasons.js";

export interface BehaviourDifference {
  /** The probe's key: section, then the path in its answer ("locales.de_DE.UTF-8"). */
  readonly key: string;
  /** The original's answer (any JSON value); absent when it has no such key. */
  readonly original?: unknown;
  /** The tiny flavor's answer; absent when it has no such key. */
  readonly tiny?: unknown;
  /** Why they differ, when it was known before the run (the image's probe's known reasons). */
  readonly reason?: string;
  /** Where that reason is documented: links. */
  readonly sources?: readonly string[];
}

/** What one probe found on the two flavors of a pair of two distributions. */
export interface BehaviourComparison {
  readonly tiny: FlavorName;
  readonly original: FlavorName;
  /** Which probe, by the name its image's probe gives it ("PHP", "SQL"). */
  readonly probe: string;
  /** How many answers (leaves) the two flavors gave between them; 0 when one gave none. */
  readonly compared: number;
  /** Every answer that differs, in the probe's order. */
  readonly differences: readonly BehaviourDifference[];
  /** A flavor whose probe gave no answer at all, and why: then nothing was compared. */
  readonly failed?: readonly { readonly flavor: FlavorName; readonly error: string }[];
}

/** A flavor's answer, or the error that kept it from answering. */
export type ProbeOutcome = { readonly answer: Answer } | { readonly error: string };

export interface BehaviourInput {
  readonly probe: string;
  readonly tiny: FlavorName;
  readonly original: FlavorName;
  /** The probe's sections, in order. */
  readonly sections: readonly string[];
  readonly outcomes: { readonly original: ProbeOutcome; readonly tiny: ProbeOutcome };
}

/** Every difference between the two flavors' answers, each with its known reason (among the image's) when there is one. */
export function compareBehaviour(input: BehaviourInput, reasons: readonly KnownReason[]): BehaviourComparison {
  const { probe, tiny, original, sections, outcomes } = input;
  const failed = (["original", "tiny"] as const).flatMap((side) => {
    const outcome = outcomes[side];
    return "error" in outcome ? [{ flavor: input[side], error: outcome.error }] : [];
  });
  if (failed.length > 0 || !("answer" in outcomes.original) || !("answer" in outcomes.tiny)) {
    return { tiny, original, probe, compared: 0, differences: [], failed };
  }
  const [ours, theirs] = [outcomes.original.answer, outcomes.tiny.answer];
  const differences = sections.flatMap((section) =>
    differingLeaves(section, ours[section], theirs[section]).map((d): BehaviourDifference => {
      const known = reasonFor(reasons, { tiny, original }, d.key);
      return {
        key: d.key,
        ...(d.original === undefined ? {} : { original: d.original }),
        ...(d.tiny === undefined ? {} : { tiny: d.tiny }),
        ...(known ? { reason: known.reason, sources: known.sources } : {}),
      };
    }),
  );
  const compared = sections.reduce((n, section) => n + leafCount(section, ours[section], theirs[section]), 0);
  return { tiny, original, probe, compared, differences };
}
