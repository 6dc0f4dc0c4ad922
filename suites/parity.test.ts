// Parity by behaviour: every image that declares a probe (`parity` in its
// image.ts: a PHP page for nginx-php, SQL for mariadb) is asked it on every
// flavor, and the answers are compared section by section. What a
// difference means depends on the pair (the catalog's pairKind):
// - "same packages" (scratch vs debian): a gate. The tiny flavor must answer
//   exactly as its original, except for the differences listed, with their
//   reasons, in fixtures/parity-differences.ts. A behaviour lost by accident
//   fails here, naming the key and both answers.
// - "two distributions" (alpine vs centos): a finding. Every difference is
//   recorded (as an annotation of the section's test, with its known reason
//   from the image's probe); the benchmark puts the same record in the
//   report. Only a flavor that can't answer at all fails.
import type { StartedTestContainer } from "testcontainers";
import { describe, expect, inject, it, type TestContext } from "vitest";
import { environmentOf, image, pairKindOf, type Flavor, type FlavorName, type ImageName } from "../src/catalog.js";
import { compareAnswers, type Answer } from "../src/measure/parity/answers.js";
import { compareBehaviour } from "../src/measure/parity/behaviour.js";
import { parityProbes, probeFiles, type ParityProbe, type ProbeTarget } from "../src/measure/parity/probe.js";
import { pairs, statusOf, type Pair } from "../src/plan.js";
import { startImage } from "../src/run/start.js";
import { parityDifferences } from "./fixtures/parity-differences.js";
import { describeFlavors } from "./support/matrix.js";

const probes = await parityProbes();

/** Each flavor's answer, by image, filled by the flavor blocks and compared at the end. */
const answers = new Map<ImageName, Map<FlavorName, Answer>>([...probes.keys()].map((name) => [name, new Map()]));

/** Why a flavor has no answer to compare: not asked for, can't be built here, or its probe failed. */
function whyNoAnswer(name: ImageName, flavor: FlavorName): string {
  const state = statusOf(inject("imageStatus"), [name], flavor);
  if (state === undefined) return `${flavor} not requested (TINY_IMAGES, TINY_FLAVORS)`;
  if (!state.available) return `${flavor} unavailable: ${state.reason}`;
  return `${flavor} gave no answer: its probe failed (see ${name} [${flavor}] above)`;
}

/** Where the probe reaches a container the suite started: its first port, mapped, and the catalog's environment. */
const targetOf = (name: ImageName, container: StartedTestContainer): ProbeTarget => ({
  host: container.getHost(),
  port: container.getMappedPort(image(name).ports[0]!),
  environment: environmentOf(name),
});

/**
 * A mistake in the probe itself (a wrong argument, a query that doesn't
 * parse) would fail alike everywhere and compare equal: checked where the
 * probe says it shows.
 */
function expectNoMistake(probe: ParityProbe, flavor: Flavor, answer: Answer): void {
  if (probe.mistake && (probe.mistake.in === "every flavor" || flavor.role === "original")) {
    expect(JSON.stringify(answer)).not.toMatch(probe.mistake.pattern);
  }
}

for (const [name, probe] of probes) {
  describeFlavors(name, ({ flavor, owner, beforeAll, afterAll, check }) => {
    let container: StartedTestContainer;

    beforeAll(async () => {
      // The probe's own pages, if it has any, are put in at start: never part of an image.
      container = await startImage(name, flavor.name, { owner, files: probeFiles(name, probe) });
    });
    afterAll(async () => {
      await container?.stop();
    });

    check(`the ${probe.name} probe answers every section`, async () => {
      const answer = await probe.ask(targetOf(name, container));
      expect(Object.keys(answer)).toEqual(probe.sections);
      expectNoMistake(probe, flavor, answer);
      answers.get(name)!.set(flavor.name, answer);
    });
  });
}

/** Both flavors' answers to a section, or the test skipped with why one is missing. */
function answersOf(ctx: TestContext, name: ImageName, { tiny, original }: Pair): { original: Answer; tiny: Answer } {
  const byFlavor = answers.get(name)!;
  const missing = [original, tiny].filter((f) => !byFlavor.has(f));
  if (missing.length > 0) ctx.skip(missing.map((f) => whyNoAnswer(name, f)).join("; "));
  return { original: byFlavor.get(original)!, tiny: byFlavor.get(tiny)! };
}

/** Same packages: every difference not listed fails, and so does a listed one that has gone. */
function gate(name: ImageName, pair: Pair, section: string, ctx: TestContext): void {
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
async function finding(name: ImageName, probe: ParityProbe, pair: Pair, section: string, ctx: TestContext): Promise<void> {
  const both = answersOf(ctx, name, pair);
  const outcomes = { original: { answer: both.original }, tiny: { answer: both.tiny } };
  const found = compareBehaviour({ probe: probe.name, ...pair, sections: [section], outcomes }, probe.knownReasons ?? []);
  expect(found.compared, "both flavors answered the section").toBeGreaterThan(0);
  for (const d of found.differences) {
    const shown = (v: unknown) => (v === undefined ? "(absent)" : JSON.stringify(v));
    const why = d.reason ? `: ${d.reason}` : ": no known reason yet";
    await ctx.annotate(`${d.key}: ${pair.original} ${shown(d.original)}, ${pair.tiny} ${shown(d.tiny)}${why}`, "difference");
  }
}

for (const [name, probe] of probes) {
  for (const pair of pairs) {
    const kind = pairKindOf(pair.tiny);
    const title = kind === "same packages" ? `answers as ${pair.original}` : `differences from ${pair.original} recorded`;
    describe(`${name} parity [${pair.tiny} ${title}]`, () => {
      for (const section of probe.sections) {
        it(section, (ctx) => (kind === "same packages" ? gate(name, pair, section, ctx) : finding(name, probe, pair, section, ctx)));
      }
    });
  }
}

/** The probe section a key is under, if any. */
const sectionOf = (name: ImageName, key: string): string | undefined =>
  probes.get(name)?.sections.find((s) => key === s || key.startsWith(`${s}.`));

// The known reasons, each image's probe's, are held to its sections by the
// unit tests (src/measure/parity/probe.test.ts), which need no container.
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
});
