import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["suites/**/*.test.ts", "src/**/*.test.ts"],
    // Builds every available image once, before any suite starts a container.
    globalSetup: ["suites/support/global-setup.ts"],
    // Containers start in beforeAll; a cold start on 2 cores is slow.
    hookTimeout: 180_000,
    testTimeout: 60_000,
    // One file at a time: suites time start-ups and stops, and the bench run
    // measures load; on 2 cores, files running side by side would skew both.
    fileParallelism: false,
    // The matrix reads best one line per check, with skip reasons shown.
    reporters: ["verbose", ["junit", { outputFile: "reports/test-results.xml" }]],
  },
});
