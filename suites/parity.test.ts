// Parity by behaviour: the same probe runs on every flavor of nginx-php (a
// PHP page) and of mariadb (SQL), and the answers are compared section by
// section. What a difference means depends on the pair (the catalog's
// pairKind):
// - "same packages" (scratch vs debian): a gate. The tiny flavor must answer
//   exactly as its original, except for the differences listed, with their
//   reasons, in fixtures/parity-differences.ts. A behaviour lost by accident
//   fails here, naming the key and both answers.
// - "two distributions" (alpine vs centos): a finding. Every difference is
//   recorded (as an annotation of the section's test, with its known reason
//   from src/measure/parity/known-reasons.ts); the benchmark puts the same
//   record in the report. Only a flavor that can't answer at all fails.
import type { StartedTestContainer } from "testcontainers";
import { describe, expect, inject, it, type TestContext } from "vitest";
import { image, pairKindOf, type FlavorName, type ImageName } from "../src/catalog.js";
import { compareAnswers, type Answer } from "../src/measure/parity/answers.js";
import { compareBehaviour } from "../src/measure/parity/behaviour.js";
import { knownReasons } from "../src/measure/parity/known-reasons.js";
import { askPhpProbe, phpProbeFiles, phpSections } from "../src/measure/parity/php-probe.js";
import { sqlProbe, sqlSections } from "../src/measure/parity/sql-probe.js";
import { pairs, statusOf, type Pair } from "../src/plan.js";
import { imageContainer, startImage } from "../src/run/start.js";
import { parityDifferences } from "./fixtures/parity-differences.js";
import { connectTo, defaults, rootWith } from "./support/mariadb.js";
import { describeFlavors } from "./support/matrix.js";

const [webPort] = image("nginx-php").ports as [number];

const sections: Record<"nginx-php" | "mariadb", readonly string[]> = {
  "nginx-php": phpSections,
  mariadb: Object.keys(sqlSections),
};

/** Each flavor's answer, by image, filled by the flavor blocks and compared at the end. */
const answers = new Map<ImageName, Map<FlavorName, Answer>>([
  ["nginx-php", new Map()],
  ["mariadb", new Map()],
]);

/** Why a flavor has no answer to compare: not asked for, can't be built here, or its probe failed. */
function whyNoAnswer(name: ImageName, flavor: FlavorName): string {
  const state = statusOf(inject("imageStatus"), [name], flavor);
  if (state === undefined) return `${flavor} not requested (TINY_IMAGES, TINY_FLAVORS)`;
  if (!state.available) return `${flavor} unavailable: ${state.reason}`;
  return `${flavor} gave no answer: its probe failed (see ${name} [${flavor}] above)`;
}

describeFlavors("nginx-php", ({ flavor, owner, beforeAll, afterAll, check }) => {
  let web: StartedTestContainer;

  beforeAll(async () => {
    // The probe's pages are put in at start: never part of an image.
    web = await (await imageContainer("nginx-php", flavor.name, { owner, files: await phpProbeFiles() })).start();
  });
  afterAll(async () => {
    await web?.stop();
  });

  check("the PHP probe answers every section", async () => {
    const answer = await askPhpProbe(`http://${web.getHost()}:${web.getMappedPort(webPort)}`);
    expect(Object.keys(answer).sort()).toEqual([...phpSections].sort());
    // A mistake in the probe itself (a wrong argument, a key that never
    // exists) would show in the original too, and must not compare equal.
    if (flavor.role === "original") {
      expect(JSON.stringify(answer)).not.toMatch(/"(TypeError|ArgumentCountError|ErrorException: Undefined \w+)\b/);
    }
    answers.get("nginx-php")!.set(flavor.name, answer);
  });
});

describeFlavors("mariadb", ({ flavor, owner, beforeAll, afterAll, check }) => {
  let db: StartedTestContainer;

  beforeAll(async () => {
    db = await startImage("mariadb", flavor.name, { owner });
  });
  afterAll(async () => {
    await db?.stop();
  });

  check("the SQL probe answers every section", async () => {
    // root: installing a plugin and reading the mysql and sys schemas need it.
    const client = await connectTo(db, rootWith(defaults.rootPassword));
    try {
      const answer = await sqlProbe(client);
      expect(Object.keys(answer)).toEqual(sections.mariadb);
      // A mistake in the probe would fail alike everywhere and compare equal.
      expect(JSON.stringify(answer)).not.toContain("ER_PARSE_ERROR");
      answers.get("mariadb")!.set(flavor.name, answer);
    } finally {
      await client.end();
    }
  });
});

/** Both flavors' answers to a section, or the test skipped with why one is missing. */
function answersOf(ctx: TestContext, name: ImageName, { tiny, original }: Pair): { original: Answer; tiny: Answer } {
  const byFlavor = answers.get(name)!;
  const missing = [original, tiny].filter((f) => !byFlavor.has(f));
  if (missing.length > 0) ctx.skip(missing.map((f) => whyNoAnswer(name, f)).join("; "));
  return { original: byFlavor.get(original)!, tiny: byFlavor.get(tiny)! };
}

/** Same packages: every difference not listed fails, and so does a listed one that has gone. */
function gate(name: "nginx-php" | "mariadb", pair: Pair, section: string, ctx: TestContext): void {
  const both = answersOf(ctx, name, pair);
  const listed = parityDifferences.filter((d) => d.image === name && d.tiny === pair.tiny).map((d) => d.key);
  const { unexpected, stale } = compareAnswers(
    section,
    { flavor: pair.original, answer: both.original[section] },
    { flavor: pair.tiny, answer: both.tiny[section] },
    listed,
  );
  expect([...unexpected, ...stale], "differences not listed in fixtures/parity-differences.ts").toEqual([]);
}

/** Two distributions: every difference is recorded, with its known reason; none fails. */
async function finding(name: "nginx-php" | "mariadb", pair: Pair, section: string, ctx: TestContext): Promise<void> {
  const both = answersOf(ctx, name, pair);
  const outcomes = { original: { answer: both.original }, tiny: { answer: both.tiny } };
  const found = compareBehaviour({ image: name, probe: name, ...pair, sections: [section], outcomes }, knownReasons);
  expect(found.compared, "both flavors answered the section").toBeGreaterThan(0);
  for (const d of found.differences) {
    const shown = (v: unknown) => (v === undefined ? "(absent)" : JSON.stringify(v));
    const why = d.reason ? `: ${d.reason}` : ": no known reason yet";
    await ctx.annotate(`${d.key}: ${pair.original} ${shown(d.original)}, ${pair.tiny} ${shown(d.tiny)}${why}`, "difference");
  }
}

for (const name of ["nginx-php", "mariadb"] as const) {
  for (const pair of pairs) {
    const kind = pairKindOf(pair.tiny);
    const title = kind === "same packages" ? `answers as ${pair.original}` : `differences from ${pair.original} recorded`;
    describe(`${name} parity [${pair.tiny} ${title}]`, () => {
      for (const section of sections[name]) {
        it(section, (ctx) => (kind === "same packages" ? gate(name, pair, section, ctx) : finding(name, pair, section, ctx)));
      }
    });
  }
}

/** The probe section a key is under, if any. */
const sectionOf = (image: ImageName, key: string): string | undefined =>
  sections[image as keyof typeof sections]?.find((s) => key === s || key.startsWith(`${s}.`));

describe("parity differences list", () => {
  it("names only sections the probes have, and gives each a reason", () => {
    for (const difference of parityDifferences) {
      expect(
        sectionOf(difference.image, difference.key),
        `${difference.key} names no section of the ${difference.image} probe`,
      ).toBeDefined();
      expect(difference.reason.length, difference.key).toBeGreaterThan(20);
      expect(pairKindOf(difference.tiny), `${difference.key}: a list of accepted differences is for a same-packages pair`).toBe(
        "same packages",
      );
    }
  });

  it("known reasons name only sections the probes have, for a pair of two distributions", () => {
    for (const known of knownReasons) {
      expect(pairKindOf(known.tiny), known.reason).toBe("two distributions");
      for (const key of known.keys) expect(sectionOf(known.image, key.replace(/\*$/, "")), `${key} names no probe section`).toBeDefined();
    }
  });
});
