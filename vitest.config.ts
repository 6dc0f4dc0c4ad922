import { defineConfig } from "vitest/config";
import { slowSuites } from "./suites/support/tiers.js";

const slow = [...slowSuites];
const unitFiles = ["src/**/*.test.ts", "suites/support/**/*.test.ts", "images/**/*.test.ts"];
const engineClientFiles = [
  "src/docker.test.ts",
  "src/bench/options.test.ts",
  "src/image-build/prepare.test.ts",
  "suites/support/engine-faults.test.ts",
];

// What a suite project shares: the images built once before any suite
// starts a container, and every container labelled with the run.
const containers = {
  // Builds every available image once, before any suite starts a container.
  globalSetup: ["suites/support/global-setup.ts"],
  setupFiles: ["suites/support/run-identity.ts"],
  // Two files at a time: the suites mostly wait (container starts,
  // MariaDB's first-start initialisation), so a second file uses the
  // time. Their one timed check (docker stop in under 3 s, against
  // Docker's 10 s kill) and the bench run's sanity checks hold under
  // that load; figures worth reading come from npm run bench alone.
  fileParallelism: true,
};

export default defineConfig({
  test: {
    // Containers start in beforeAll; a cold start on 2 cores is slow.
    hookTimeout: 180_000,
    testTimeout: 60_000,
    // The matrix reads best one line per check, with skip reasons shown.
    reporters: ["verbose", "junit"],
    // Not the reporter's own option, so that `--outputFile.junit` (npm run
    // test:slow) can write elsewhere.
    outputFile: { junit: "reports/test-results.xml" },
    // At least two at once even on 2 cores, where vitest's default is one.
    maxWorkers: 2,
    projects: [
      {
        // `npm run test:unit`: parsers, the report, the plan; no Docker engine needed.
        extends: true,
        // suites/support/: the suites' own helpers, tested without containers too.
        // One module graph a worker, not one a file: importing it again for
        // every file took two thirds of the unit tests' time.
        test: { name: "unit", include: unitFiles, exclude: engineClientFiles, isolate: false },
      },
      {
        // The unit tests that point the one Docker client at fake or absent
        // engines: each file gets its own, as the client is made once a process.
        extends: true,
        test: { name: "unit-engine", include: engineClientFiles },
      },
      {
        // `npm test`: every image's smoke, parity and application suites.
        extends: true,
        test: { name: "suites", include: ["suites/**/*.test.ts"], exclude: ["suites/support/**", ...slow], ...containers },
      },
      {
        // `npm run test:all` adds it.
        extends: true,
        test: { name: "slow", include: slow, ...containers },
      },
    ],
  },
});
