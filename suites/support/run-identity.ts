// Runs in every suite's worker before its tests: whatever the suite creates
// is labelled with the run's identity, as global-setup.ts's clean-up removes
// by it (a worker may have been started before the identity was made).
import { inject } from "vitest";

process.env.TINY_RUN_ID = inject("runId");
