// `npm run test:times`: how long each test file took, from the JUnit
// results the last runs wrote (reports/test-results*.xml), slowest first,
// each marked with its tier. Durations come from results, never from prose.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { tierOf, type Tier } from "./tiers.js";

export interface FileTime {
  readonly file: string;
  readonly tier: Tier;
  readonly seconds: number;
  readonly tests: number;
  readonly failures: number;
  readonly skipped: number;
}

const attribute = (tag: string, name: string): string | undefined => tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1];

/** Every <testsuite> of a JUnit document: one per test file, as vitest writes them. */
export function parseJunit(xml: string): FileTime[] {
  return [...xml.matchAll(/<testsuite\s[^>]*>/g)].map(([tag]) => {
    const file = attribute(tag, "name") ?? "";
    const number = (name: string): number => Number(attribute(tag, name) ?? 0);
    return {
      file,
      tier: tierOf(file),
      seconds: number("time"),
      tests: number("tests"),
      failures: number("failures"),
      skipped: number("skipped"),
    };
  });
}

/** One line a file, slowest first, and a total a tier. */
export function formatTimes(times: readonly FileTime[]): string {
  const sorted = [...times].sort((a, b) => b.seconds - a.seconds);
  const lines = sorted.map(
    (t) =>
      `${t.seconds.toFixed(1).padStart(8)} s  ${t.tier.padEnd(4)}  ${t.file}  (${t.tests} tests, ${t.failures} failed, ${t.skipped} skipped)`,
  );
  const tiers = (["unit", "fast", "slow"] as const).filter((tier) => times.some((t) => t.tier === tier));
  const totals = tiers.map((tier) => {
    const sum = times.filter((t) => t.tier === tier).reduce((total, t) => total + t.seconds, 0);
    return `${tier} ${sum.toFixed(1)} s`;
  });
  return [
    ...lines,
    `summed per tier: ${totals.join(", ")} (file time, hooks included; files run two at a time, so a run's wall time is less)`,
  ].join("\n");
}

function main(): void {
  const dir = path.resolve("reports");
  const files = existsSync(dir) ? readdirSync(dir).filter((name) => /^test-results.*\.xml$/.test(name)) : [];
  if (files.length === 0) {
    process.stderr.write("test:times: no reports/test-results*.xml yet: run npm test (or npm run test:all) first\n");
    process.exit(2);
  }
  for (const name of files.sort()) {
    process.stdout.write(`${path.join("reports", name)}:\n${formatTimes(parseJunit(readFileSync(path.join(dir, name), "utf8")))}\n`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
