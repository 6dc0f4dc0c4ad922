// Dependencies point one way: a module imports from its own stage or the
// stages before it in the pipeline, never from a later one.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** The stages in pipeline order; a file's stage is its folder, or its name at the top of src/. */
const stages = [
  ["image-declaration", "read-images", "catalog"],
  ["settings", "plan", "docker", "docker-bounds"],
  // Image archives (docker save/load) and their normalisation: the bootstrap's and the builds'.
  ["image-archive"],
  ["provision"],
  ["image-build"],
  ["run"],
  ["measure"],
  // The report's model: its schema, the figure registry, pairs, machines, budgets.json, finding a stored judgement.
  ["report"],
  // Judging, once: every verdict, change, trend point and budget, stored as data.
  ["evaluate"],
  // Words from those judgements: no statistics here (render-judges-nothing below).
  ["render"],
  // Reading and writing reports whole; npm run report.
  ["store"],
  ["bench"],
  // Two images a user names, measured by the benchmark's machinery.
  ["compare"],
  // How a reader sees a report: its page as GitHub renders it.
  ["preview"],
] as const;

const src = path.dirname(new URL(import.meta.url).pathname);

function stageOf(file: string): number {
  const top = path.relative(src, file).split(path.sep)[0]!.replace(/\.ts$/, "");
  const index = stages.findIndex((names) => (names as readonly string[]).includes(top));
  if (index < 0) throw new Error(`${path.relative(src, file)} is in no stage: add it to layers.test.ts`);
  return index;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "fixtures" ? [] : sourceFiles(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

function localImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"/gms)].map((m) =>
    path.resolve(path.dirname(file), m[1]!.replace(/\.js$/, ".ts")),
  );
}

describe("imports", () => {
  it("point from each stage only to itself and earlier stages", () => {
    // Found at all: a pattern that matched nothing would pass vacuously.
    expect(sourceFiles(src).flatMap(localImports).length).toBeGreaterThan(100);
    const wrongWay = sourceFiles(src).flatMap((file) =>
      localImports(file)
        .filter((target) => stageOf(target) > stageOf(file))
        .map((target) => `${path.relative(src, file)} imports ${path.relative(src, target)}`),
    );
    expect(wrongWay).toEqual([]);
  });

  it("never load a module only for its side effects", () => {
    const bare = sourceFiles(src).filter((file) => /^import\s+"[^"]+";/m.test(readFileSync(file, "utf8")));
    expect(bare.map((f) => path.relative(src, f))).toEqual([]);
  });
});

/**
 * What judging looks like in code: a statistic, a threshold chosen, a ratio
 * of two measured figures. Render only words what evaluate/ stored.
 */
const judging: readonly { readonly pattern: RegExp; readonly why: string }[] = [
  {
    pattern: /\b(pairedDifference|signedRankAbove|holm|median|regimesOf|evaluate|judgedPair|evaluationOf)\(/,
    why: "a statistic or a judgement made",
  },
  { pattern: /\b(thresholdOf|calibratedThreshold|outcomeOf|resolution)\(|\.practical\b/, why: "a threshold chosen" },
  { pattern: /\.(bytes|value|medianMs|perSec)\s*\/\s*\w/, why: "a ratio of two measured figures" },
  // A field divided by another field: "w.a - w.b) / w.b", "seed.originalMB / seed.tinyMB".
  { pattern: /[\w)]\s+\/\s+\w+\.\w+(?!\()/, why: "a ratio of two stored figures" },
];

/** Imports of code (not types) from the stages that judge or measure. */
function judgingImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^import\s+(?!type\s)[^;]*?from\s+"(\.[^"]+)"/gms)]
    .map((m) => path.resolve(path.dirname(file), m[1]!.replace(/\.js$/, ".ts")))
    .filter((target) => /^(evaluate|measure)$/.test(path.relative(src, target).split(path.sep)[0]!))
    .filter((target) => !/measure\/vulnerabilities\.ts$/.test(target));
}

describe("render", () => {
  it("judges nothing: no statistics, thresholds or ratios, and no code from evaluate/ or measure/", () => {
    const files = sourceFiles(path.join(src, "render"));
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((file) => {
      const name = path.relative(src, file);
      const lines = readFileSync(file, "utf8").split("\n");
      const code = lines.flatMap((line, i) => (/^\s*(\/\/|\*|\/\*\*)/.test(line) ? [] : [{ line, at: i + 1 }]));
      return [
        ...judgingImports(file).map((target) => `${name} imports ${path.relative(src, target)}`),
        ...code.flatMap(({ line, at }) => judging.filter((j) => j.pattern.test(line)).map((j) => `${name}:${at}: ${j.why}`)),
      ];
    });
    expect(found).toEqual([]);
  });

  it("would see a judgement if one were there", () => {
    expect(judging.some((j) => j.pattern.test("const ratio = o.bytes / t.bytes;"))).toBe(true);
    expect(judging.some((j) => j.pattern.test("const d = pairedDifference(t, o);"))).toBe(true);
    expect(judging.some((j) => j.pattern.test("Math.abs(w.autocannonRequestsPerSec - w.requestsPerSec) / w.requestsPerSec"))).toBe(true);
    expect(judging.some((j) => j.pattern.test("formatRatio(i.seed.originalMB / i.seed.tinyMB)"))).toBe(true);
    expect(judging.some((j) => j.pattern.test("const text = formatRatio(e.timesSmaller);"))).toBe(false);
  });
});
