import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { figure as figureOf } from "../report/figures.js";
import { figureKeyFromV3 } from "./read-v3.js";
import { readCalibration, readReport } from "./read-report.js";
import { renderMarkdown } from "../render/render-markdown.js";
import { judgedBy } from "../report/judgements.js";
import { verdictParts } from "../render/verdict.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
/** A real night's report, written by schema version 3 and committed before version 4. */
const nightV3 = path.join(repoRoot, "reports", "history", "2026-12-04T10-54-55Z.json");

describe("a version 3 report", () => {
  it("reads into one load shape, each load under the name its image now declares", async () => {
    const report = await readReport(nightV3);
    expect(report.schemaVersion).toBe(4);
    const loadsOf = (image: string) => Object.keys(report.images.find((i) => i.name === image)!.flavors[0]!.loads ?? {});
    expect([loadsOf("nginx-php"), loadsOf("mariadb"), loadsOf("ab"), loadsOf("base")]).toEqual([["php", "static"], ["sql"], ["ab"], []]);
    const php = report.images.find((i) => i.name === "nginx-php")!.flavors[0]!.loads!.php!;
    expect(php).toMatchObject({ kind: "http", label: "PHP page", answer: "request", what: "autocannon on `/index.php`" });
    expect(php.perAnswer?.cpuUs?.values.length).toBe(php.values?.length);
    expect(php.failures).toBe(Object.values(php.failureKinds!).reduce((a, b) => a + b, 0));
    for (const f of report.images.flatMap((i) => i.flavors)) expect(f).not.toHaveProperty("http");
  });

  it("renders: every paired load judged, its calibration and verdicts keyed by the new names", async () => {
    const report = await readReport(nightV3);
    const markdown = renderMarkdown(report);
    expect(markdown).toContain("PHP page CPU per request");
    expect(markdown).toContain("SQL CPU per query");
    expect(markdown).toContain("ab CPU per request");
    expect(report.calibration?.figures.map((f) => f.figure)).toEqual(["loads.php.cpuUs", "loads.php.perSec"]);
    const ab = report.images.find((i) => i.name === "ab")!;
    const [tiny, original] = ["scratch", "debian"].map((f) => ab.flavors.find((x) => x.flavor === f)!);
    // Judged through the stored evaluation (read-report judged it on reading): a verdict, not "not compared".
    const cpu = verdictParts(tiny!, original!, judgedBy(report, ab, "scratch")).find((p) => p.figure === "loads.ab.cpuUs");
    expect(cpu?.notCompared).toBeUndefined();
    // The issue's own example: "ab 1% less CPU per request (−3% to −0.2%)", a claim the old rule made, is no claim now.
    expect(cpu?.text).toBe("CPU per request: no difference detected (−1%, 95% interval −3% to −0.2%)");
    expect(report.evaluation?.evaluationVersion).toBe(2);
  });

  it("renames its figure keys and leaves the others", async () => {
    expect(figureKeyFromV3("http.php.requestsPerSec")).toBe("loads.php.perSec");
    expect(figureKeyFromV3("http.static.cpuUs")).toBe("loads.static.cpuUs");
    expect(figureKeyFromV3("sql.queriesPerSec")).toBe("loads.sql.perSec");
    expect(figureKeyFromV3("ab.failures")).toBe("loads.ab.failures");
    expect(figureKeyFromV3("size.bytes")).toBe("size.bytes");
    expect(figureOf("loads.php.cpuUs")?.label).toBe("php CPU per request");
    const calibration = await readCalibration(path.join(repoRoot, "reports", "calibration.json"));
    expect(calibration.figures.every((f) => f.figure.startsWith("loads."))).toBe(true);
  });
});
