// Parity by behaviour: the same probe runs on every flavor of nginx-php (a
// PHP page) and of mariadb (SQL), and each tiny flavor must answer exactly
// as its original does, section by section, except for the differences
// listed, with their reasons, in fixtures/parity-differences.ts. A behaviour
// lost by accident fails here, naming the key and both answers.
import path from "node:path";
import type { StartedTestContainer } from "testcontainers";
import { describe, expect, inject, it } from "vitest";
import { image, type FlavorName, type ImageName } from "../src/catalog.js";
import { pairs, statusOf } from "../src/plan.js";
import { imageContainer, startImage } from "../src/run/start.js";
import { parityDifferences } from "./fixtures/parity-differences.js";
import { connectTo, defaults, rootWith } from "./support/mariadb.js";
import { sqlProbe, sqlSections } from "./support/mariadb-probe.js";
import { describeFlavors } from "./support/matrix.js";
import { compareAnswers, type Answer } from "./support/parity.js";

const fixtures = path.join(import.meta.dirname, "fixtures/parity");
const probePath = "/parity";
const [webPort] = image("nginx-php").ports as [number];

/** The PHP probe's sections (fixtures/parity/probe.php), and the session, which takes two requests. */
const phpSections = [
  "sessions",
  "locales",
  "charsets",
  "time zones",
  "name lookups",
  "processes",
  "temp files",
  "crypto",
  "file types",
  "requests to itself",
  "mail",
  "runtime",
] as const;

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

/** A session written in one request and read back in the next, with the cookie the first set. */
async function sessionRoundTrip(base: string): Promise<Answer> {
  const first = await fetch(`${base}${probePath}/session.php?write=kept`);
  const cookie = first.headers.getSetCookie().map((c) => c.split(";")[0]);
  const written = (await first.json()) as Answer;
  const second = await fetch(`${base}${probePath}/session.php`, { headers: { cookie: cookie.join("; ") } });
  const read = (await second.json()) as Answer;
  return { written, "cookie set": cookie.length === 1, "read back": read.value ?? null, "read back error": read.error ?? null };
}

describeFlavors("nginx-php", ({ flavor, owner, beforeAll, afterAll, check }) => {
  let web: StartedTestContainer;

  beforeAll(async () => {
    // The probe is a test fixture, copied in at start: never part of an image.
    web = await (
      await imageContainer("nginx-php", flavor.name, { owner })
    )
      .withCopyDirectoriesToContainer([{ source: fixtures, target: `/var/www/html${probePath}` }])
      .start();
  });
  afterAll(async () => {
    await web?.stop();
  });

  check("the PHP probe answers every section", async () => {
    const base = `http://${web.getHost()}:${web.getMappedPort(webPort)}`;
    const response = await fetch(`${base}${probePath}/probe.php`);
    const text = await response.text();
    expect(response.status, text).toBe(200);
    const answer = { sessions: await sessionRoundTrip(base), ...(JSON.parse(text) as Answer) };
    expect(Object.keys(answer).sort()).toEqual([...phpSections].sort());
    // A mistake in the probe itself (a wrong argument, a key that never
    // exists) would show in the original too, and must not compare equal.
    if (flavor.role === "original") expect(text).not.toMatch(/"(TypeError|ArgumentCountError|ErrorException: Undefined \w+)\b/);
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

for (const name of ["nginx-php", "mariadb"] as const) {
  for (const { tiny, original } of pairs) {
    describe(`${name} parity [${tiny} answers as ${original}]`, () => {
      for (const section of sections[name]) {
        it(section, (ctx) => {
          const byFlavor = answers.get(name)!;
          const missing = [original, tiny].filter((f) => !byFlavor.has(f));
          if (missing.length > 0) ctx.skip(missing.map((f) => whyNoAnswer(name, f)).join("; "));
          const listed = parityDifferences.filter((d) => d.image === name && d.tiny === tiny).map((d) => d.key);
          const { unexpected, stale } = compareAnswers(
            section,
            { flavor: original, answer: byFlavor.get(original)![section] },
            { flavor: tiny, answer: byFlavor.get(tiny)![section] },
            listed,
          );
          expect([...unexpected, ...stale], "differences not listed in fixtures/parity-differences.ts").toEqual([]);
        });
      }
    });
  }
}

describe("parity differences list", () => {
  it("names only sections the probes have, and gives each a reason", () => {
    for (const difference of parityDifferences) {
      const section = sections[difference.image as keyof typeof sections]?.find(
        (s) => difference.key === s || difference.key.startsWith(`${s}.`),
      );
      expect(section, `${difference.key} names no section of the ${difference.image} probe`).toBeDefined();
      expect(difference.reason.length, difference.key).toBeGreaterThan(20);
    }
  });
});
