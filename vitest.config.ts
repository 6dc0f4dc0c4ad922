import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Containers start in beforeAll; a cold start on 2 cores is slow.
    hookTimeout: 180_000,
    testTimeout: 60_000,
    // The matrix reads best one line per check, with skip reasons shown.
    reporters: ["verbose", ["junit", { outputFile: "reports/test-results.xml" }]],
    projects: [
      {
        // `npm run test:unit`: parsers, the report, the plan; no Docker engine needed.
        extends: true,
        test: { name: "unit", include: ["src/**/*.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "suites",
          include: ["suites/**/*.test.ts"],
          // Builds every available image once, before any suite starts a container.
          globalSetup: ["suites/support/global-setup.ts"],
          // One file at a time: suites time start-ups and stops, and the bench run
          // measures load; on 2 cores, files running side by side would skew both.
          fileParallelism: false,
        },
      },
    ],
  },
});
