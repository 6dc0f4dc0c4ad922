// Hardening as a property per row and a flavor per column: the images of a
// flavor mostly agree, so a cell says the common value and names only the
// images that differ. Setuid files are a count, their names one footnote.
import type { FlavorName } from "../../catalog.js";
import type { BenchReport, FlavorReport, Hardening } from "../../report/schema.js";
import { code, details, listOf, table } from "./blocks.js";
import { headings } from "./anchors.js";
import { vulnerabilitiesPart } from "./vulnerabilities.js";
import { flavorLabel } from "./words.js";

interface Property {
  readonly label: string;
  readonly value: (h: Hardening) => string;
}

const yesNo = (b: boolean): string => (b ? "yes" : "no");
const baseName = (path: string): string => path.split("/").at(-1) ?? path;

const properties: readonly Property[] = [
  { label: "user", value: (h) => h.user },
  { label: "runs as non-root", value: (h) => yesNo(!h.runsAsRoot) },
  { label: "HEALTHCHECK", value: (h) => yesNo(h.healthcheck) },
  { label: "setuid/setgid files¹", value: (h) => (h.setuidFiles.length === 0 ? "none" : String(h.setuidFiles.length)) },
  { label: "shell", value: (h) => (h.shell ? code(h.shell) : "none") },
  { label: "package manager", value: (h) => (h.packageManager ? code(h.packageManager) : "none") },
];

interface Measured {
  readonly image: string;
  readonly figures: FlavorReport;
}

/** Every image's figures of a flavor, in report order. */
function ofFlavor(report: BenchReport, flavor: FlavorName): Measured[] {
  return report.images.flatMap((i) => i.flavors.filter((f) => f.flavor === flavor).map((figures) => ({ image: i.name, figures })));
}

/** "app (mariadb: mysql)": the most common value, then each other value with the images that have it. */
export function summarise(values: readonly { image: string; value: string }[]): string {
  const groups = new Map<string, string[]>();
  for (const { image, value } of values) groups.set(value, [...(groups.get(value) ?? []), image]);
  const [common, ...others] = [...groups].sort((a, b) => b[1].length - a[1].length);
  if (!common) return "";
  return others.length === 0 ? common[0] : `${common[0]} (${others.map(([value, images]) => `${images.join(", ")}: ${value}`).join("; ")})`;
}

/** "original (debian): chage, chfn … (mariadb also auth_pam_tool)". */
function setuidNote(label: string, measured: readonly Measured[]): string | undefined {
  const names = measured.map((m) => ({ image: m.image, files: m.figures.hardening.setuidFiles.map(baseName) }));
  if (names.every((n) => n.files.length === 0)) return undefined;
  const common = names[0]!.files.filter((f) => names.every((n) => n.files.includes(f)));
  const extras = names.flatMap((n) => {
    const more = n.files.filter((f) => !common.includes(f));
    return more.length > 0 ? [`${n.image} also ${listOf(more)}`] : [];
  });
  return `${label}: ${common.join(", ") || "none in every image"}${extras.length > 0 ? ` (${extras.join("; ")})` : ""}`;
}

export function hardeningSection(report: BenchReport): string {
  const flavors = [...new Map(report.images.flatMap((i) => i.flavors).map((f) => [f.flavor, f])).values()].sort((a, b) =>
    a.role === b.role ? 0 : a.role === "original" ? -1 : 1,
  );
  if (flavors.length === 0) return "";
  const measured = flavors.map((f) => ofFlavor(report, f.flavor));
  const rows = properties.map((p) => [
    p.label,
    ...measured.map((m) => summarise(m.map(({ image, figures }) => ({ image, value: p.value(figures.hardening) })))),
  ]);
  const notes = flavors.flatMap((f, i) => setuidNote(flavorLabel(f), measured[i]!) ?? []);
  const summary = properties.map((p) => p.label.replace("¹", "")).join(", ");
  return [
    `## ${headings.hardening}`,
    vulnerabilitiesPart(report),
    details(
      `Per flavor: ${summary}`,
      [
        "Each cell holds for every image of the flavor but those named in parentheses.",
        table(["property", ...flavors.map(flavorLabel)], rows),
        `¹ ${notes.length > 0 ? `Setuid/setgid files, ${notes.join(". ")}.` : "No image has setuid or setgid files."}`,
      ].join("\n\n"),
    ),
  ]
    .filter(Boolean)
    .join("\n\n");
}
