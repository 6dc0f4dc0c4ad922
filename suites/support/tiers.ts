// Which suites are the slow tier, named once: vitest.config.ts runs them
// only in `npm run test:all` and `npm run test:slow`, and `npm run
// test:times` marks them.

/** Fault injection (interrupted MariaDB starts, hung, paused, killed and remote engines), production timers waited out, tiny images rebuilt from nothing, and whole benchmark runs. */
export const slowSuites: readonly string[] = [
  "suites/mariadb-interrupted.test.ts",
  "suites/nginx-php-timeouts.test.ts",
  "suites/reproducible.test.ts",
  "suites/engine-faults.test.ts",
  "suites/remote-engine.test.ts",
  "suites/bench.test.ts",
  "suites/calibration.test.ts",
  "suites/standins.test.ts",
  "suites/compare.test.ts",
];

export type Tier = "unit" | "fast" | "slow";

/** The tier a test file belongs to, by its path from the repository's root. */
export function tierOf(file: string): Tier {
  if (slowSuites.includes(file)) return "slow";
  return file.startsWith("suites/") && !file.startsWith("suites/support/") ? "fast" : "unit";
}
