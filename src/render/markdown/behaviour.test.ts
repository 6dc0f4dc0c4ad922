import { describe, expect, it } from "vitest";
import { currentReport, type Mutable } from "../../report/fixtures/index.js";
import { renderMarkdown as renderJudged } from "../render-markdown.js";
import { judged as judgedForRender } from "../../report/fixtures/index.js";
import type { BehaviourComparison, BenchReport } from "../../report/schema.js";
import { answerCells, behaviourSection, behaviourSentence, reasonCell } from "./behaviour.js";

/** Renders a report as the store hands it over: judged first. */
const renderMarkdown = (report: Parameters<typeof renderJudged>[0]): string => renderJudged(judgedForRender(report));

const musl = "https://wiki.musl-libc.org/functional-differences-from-glibc.html";

const php: BehaviourComparison = {
  tiny: "alpine",
  original: "centos",
  probe: "PHP",
  compared: 250,
  differences: [
    { key: "locales.fr_FR", original: false, tiny: "fr_FR", reason: "musl takes every locale name", sources: [musl] },
    { key: "runtime.extensions", original: ["bz2", "ctype", "xsl"], tiny: ["ctype", "xsl", "zip"] },
    { key: "runtime.ini.memory_limit", original: "128M", tiny: "256M" },
  ],
};
const sql: BehaviourComparison = {
  tiny: "alpine",
  original: "centos",
  probe: "SQL",
  compared: 0,
  differences: [],
  failed: [{ flavor: "alpine", error: "tiny/mariadb:alpine gave no good answer after starting: not ready within 90 s" }],
};

function withBehaviour(): Mutable<BenchReport> {
  const report = currentReport();
  report.images.find((i) => i.name === "nginx-php")!.behaviour = [php] as never;
  report.images.find((i) => i.name === "mariadb")!.behaviour = [sql] as never;
  return report;
}

describe("what changes moving centos → alpine", () => {
  it("lists every difference: key, both answers, and the reason with its source, or says none is known yet", () => {
    const section = behaviourSection(withBehaviour());
    expect(section).toMatch(/^## What changes moving centos → alpine\n/);
    expect(section).toContain("### nginx-php: 3 of 250 answers to the PHP probe differ");
    expect(section).toContain("| key | centos | alpine | why |");
    expect(section).toContain(
      '| `locales.fr_FR` | `false` | `"fr_FR"` | musl takes every locale name ([wiki.musl-libc.org](https://wiki.musl-libc.org/functional-differences-from-glibc.html)) |',
    );
    expect(section).toContain("| `runtime.extensions` | only here: bz2 | only here: zip | not known yet |");
    expect(section).toContain("1 with a known reason.");
  });

  it("says which flavor gave no answer at all, instead of a table", () => {
    const section = behaviourSection(withBehaviour());
    expect(section).toContain("### mariadb: not compared");
    expect(section).toContain("**alpine** gave no answer to the SQL probe of mariadb: tiny/mariadb:alpine gave no good answer");
  });

  it("counts the differences in the headline, per image, with how many are explained", () => {
    const report = withBehaviour();
    expect(behaviourSentence(report)).toBe(
      '**Behaviour, centos → alpine:** 3 of 250 probed behaviours differ (nginx-php 3), 1 of them with a known reason: see "What changes moving centos → alpine" below.' +
        " **alpine** gave no answer to the SQL probe of mariadb: tiny/mariadb:alpine gave no good answer after starting: not ready within 90 s.",
    );
    const page = renderMarkdown(report);
    expect(page.indexOf("**Behaviour, centos → alpine:**")).toBeLessThan(page.indexOf("## What changes moving centos → alpine"));
  });

  it("is absent from a report with no pair of two distributions probed", () => {
    expect(behaviourSection(currentReport())).toBe("");
    expect(behaviourSentence(currentReport())).toBe("");
    expect(renderMarkdown(currentReport())).not.toContain("What changes moving");
  });

  it("keeps long answers and long lists short in their cells, and pipes out of them", () => {
    expect(answerCells({ key: "k", original: "a|b".repeat(40), tiny: undefined })).toEqual([
      `\`${JSON.stringify("a|b".repeat(40)).slice(0, 59)}…\``,
      "(absent)",
    ]);
    const many = Array.from({ length: 12 }, (_, i) => `ext${i}`);
    expect(answerCells({ key: "k", original: many, tiny: [] })[0]).toBe(
      "only here: ext0, ext1, ext2, ext3, ext4, ext5, ext6, ext7 and 4 more",
    );
    expect(answerCells({ key: "k", original: ["a", "b"], tiny: ["b", "a"] })).toEqual(["the same items", "in another order"]);
    expect(reasonCell({ key: "k" })).toBe("not known yet");
  });
});
