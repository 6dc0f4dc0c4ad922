// The calibration's known extra work for nginx-php's PHP page (its
// image.ts's `calibration`): PHP that loops over integer arithmetic the
// engine can't skip, and prints nothing, put in front of a copy of the page.
import { defineKnownWork } from "../../src/bench/known-work.js";

export default defineKnownWork({
  before: (iterations) =>
    `<?php $known_work = 0; for ($i = 0; $i < ${iterations}; $i++) { $known_work = ($known_work * 31 + $i) % 1000003; } ?>`,
});
