// Per tiny image built from whole packages: what its exclusion lists left
// out, one row per reason (rules that share a reason are one row), largest
// first, the small ones summed on one line, and how the bytes left out and
// kept add up against what the original installed.
import { formatBytes, formatCount } from "../format.js";
import type { BenchReport, Exclusion, FlavorReport, ImageReport } from "../../report/schema.js";
import { code, details, listOf, table } from "./blocks.js";
import { flavorLabel } from "./words.js";
import { headings } from "./anchors.js";

/** Rows shown per image; the rest are summed on one line. */
const leftOutRows = 12;
/** Rules named in a row; the rest are counted. */
const namedRules = 3;

function exclusionRule(e: Exclusion): string {
  if (e.kind === "path") return code(e.pattern);
  const also = e.alsoPackages?.length ? ` (and ${e.alsoPackages.map(code).join(", ")})` : "";
  return `package ${code(e.pattern)}${also}`;
}

interface ReasonRow {
  readonly rules: Exclusion[];
  readonly bytes: number;
  readonly files: number;
}

/**
 * A reason that points at another rule in its file ("glibc's debugging aids
 * (above)"), read as the reason it points at, as the page sorts rules by
 * bytes and "above" would point anywhere; one that points at nothing loses
 * the pointer.
 */
function fullReason(reason: string, rules: readonly Exclusion[]): string {
  const pointer = /^(.*?) \((?:left out )?above\)$/.exec(reason);
  if (!pointer) return reason;
  const head = rules.find((r) => r.reason.startsWith(pointer[1]!) && !/\(above\)$/.test(r.reason));
  return head?.reason ?? pointer[1]!;
}

/** The rules grouped by reason and list, largest group first. */
function byReason(rules: readonly Exclusion[]): ReasonRow[] {
  const groups = new Map<string, ReasonRow>();
  for (const rule of rules) {
    const e = { ...rule, reason: fullReason(rule.reason, rules) };
    const key = `${e.rule}\n${e.reason}`;
    const g = groups.get(key) ?? { rules: [], bytes: 0, files: 0 };
    groups.set(key, { rules: [...g.rules, e], bytes: g.bytes + e.bytes, files: g.files + e.files });
  }
  return [...groups.values()].sort((a, b) => b.bytes - a.bytes);
}

function ruleNames(rules: readonly Exclusion[]): string {
  const named = rules.slice(0, namedRules).map(exclusionRule);
  const more = rules.length - named.length;
  return more > 0 ? `${named.join(", ")} and ${more} more` : listOf(named);
}

function rows(image: ImageReport, groups: readonly ReasonRow[]): string[][] {
  const body = groups.slice(0, leftOutRows).map((g) => {
    const e = g.rules[0]!;
    return [
      ruleNames(g.rules),
      formatBytes(g.bytes),
      formatCount(g.files),
      e.rule === image.name ? e.reason : `${e.reason} (${e.rule}'s list)`,
    ];
  });
  const rest = groups.slice(leftOutRows);
  if (rest.length > 0) {
    const sum = (read: (g: ReasonRow) => number): number => rest.reduce((total, g) => total + read(g), 0);
    const count = sum((g) => g.rules.length);
    body.push([
      `${count} more rules`,
      formatBytes(sum((g) => g.bytes)),
      formatCount(sum((g) => g.files)),
      "smaller ones, listed in the image's manifest",
    ]);
  }
  return body;
}

/** Left out + kept against what the original holds (over base, when the tiny image is on base too): the arithmetic; How measured says why they differ. */
function reconcile(total: number, tiny: FlavorReport, original: FlavorReport | undefined): string {
  if (!original) return "";
  const onBase = tiny.size.sharedWithBaseBytes > 0 && original.size.sharedWithBaseBytes > 0;
  const kept = tiny.size.bytes - (onBase ? tiny.size.sharedWithBaseBytes : 0);
  const installed = original.size.bytes - (onBase ? original.size.sharedWithBaseBytes : 0);
  const what = onBase ? `added over base by the ${flavorLabel(original)} image` : `in the whole ${flavorLabel(original)} image`;
  return `${formatBytes(total)} left out + ${formatBytes(kept)} kept = ${formatBytes(total + kept)}, against ${formatBytes(installed)} ${what}.`;
}

interface LeftOut {
  /** "base 17 MB (15 rules)", for the one line in view. */
  readonly gist: string;
  readonly body: string;
}

function leftOutTable(image: ImageReport, f: FlavorReport, rules: readonly Exclusion[]): LeftOut {
  const total = rules.reduce((sum, e) => sum + e.bytes, 0);
  const original = image.flavors.find((o) => o.flavor === f.pair);
  const body = [
    `**${image.name}**: ${formatBytes(total)} left out by ${rules.length} rules`,
    table(["rules", "saved", "files", "why"], rows(image, byReason(rules)), ["left", "right", "right", "left"]),
    reconcile(total, f, original),
  ];
  return { gist: `${image.name} ${formatBytes(total)} (${rules.length} rules)`, body: body.filter(Boolean).join("\n\n") };
}

/** How the section's figures are taken, said in "How measured". */
export const howLeftOutIsMeasured =
  `- What the tiny images left out: whole Debian packages minus the rules of ${code("images/<image>/exclusions.txt")} (then base's), ` +
  `each with its reason; the build measures what each rule left out into ${code("/usr/share/tiny-docker-images/exclusions/<image>.tsv")}. ` +
  "Left out + kept can exceed what the original installs, where the tiny image's packages include ones the original's base layers already hold, " +
  "and fall short of it, where the original holds packages the tiny image's list never names, package-manager data and hidden bytes.";

export function leftOutSection(report: BenchReport): string {
  const tables = report.images.flatMap((i) =>
    i.flavors.filter((f) => f.size.leftOut && f.size.leftOut.length > 0).map((f) => leftOutTable(i, f, f.size.leftOut!)),
  );
  if (tables.length === 0) return "";
  // One fold for every image: the line in view says how much each left out.
  return [
    `## ${headings.leftOut}`,
    details(`Left out: ${tables.map((t) => t.gist).join(", ")}`, tables.map((t) => t.body).join("\n\n")),
  ].join("\n\n");
}
