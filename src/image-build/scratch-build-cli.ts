// `npm run dockerfiles`: writes images/shared/scratch-build.Dockerfile's parts
// into every images/<image>/scratch.Dockerfile that asks for them, and says
// which files changed.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "../catalog.js";
import { ScratchBuildError, scratchDockerfile, scratchImages } from "./scratch-build.js";

try {
  for (const image of scratchImages()) {
    const { file, current, rendered } = scratchDockerfile(image);
    if (rendered === current) continue;
    writeFileSync(file, rendered);
    process.stderr.write(`wrote ${path.relative(repoRoot, file)}\n`);
  }
} catch (error) {
  if (!(error instanceof ScratchBuildError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}
