// What the benchmark runs, behind one small interface: a workload turns the
// flavors of one image into the steps of a round, and afterwards into that
// image's figures. The orchestrator (run-bench.ts) only sequences steps;
// index.ts picks each image's from its declaration. A load of one image is
// best a module beside it (own-load.ts); a shared kind is a file here and a
// case in index.ts.
import type { FlavorName } from "../../catalog.js";
import type { ContainerOptions } from "../../run/container.js";
import type { Isolation } from "../isolation.js";
import type { StatusMatrix } from "../../plan.js";
import type { FlavorReport } from "../../report/schema.js";
import type { GeneratorLog } from "../generator-log.js";
import type { BenchOptions } from "../options.js";

/** What every workload may use. */
export interface BenchContext {
  readonly options: BenchOptions;
  /** The main process of this run: every container is labelled with it. */
  readonly owner: number;
  /** What the build made available, for a workload that needs another image (ab's target). */
  readonly status: StatusMatrix;
  /** Where load runs note how much CPU their generator used. */
  readonly generator: GeneratorLog;
  /** Build logs and readings kept between runs (TINY_CACHE_DIR). */
  readonly cacheDir: string;
  /** The CPUs the servers under test and the load generators run on, when they are kept apart. */
  readonly isolation?: Isolation;
  /** For the calibration, which measures the load alone: skip the start made only for its start-up time. */
  readonly loadOnly?: boolean;
  /** For the calibration: what a flavor's server container runs instead (another tag, a page doing known extra work). */
  readonly serverOptions?: (flavor: FlavorName) => Pick<ContainerOptions, "tag" | "files">;
}

/** One thing the benchmark does, said on the progress line. */
export interface Step {
  readonly label: string;
  run(): Promise<void>;
}

/** The figures a workload fills in for a flavor: all but what the image's build and contents say (image-figures.ts). */
export type MeasuredFigures = Partial<
  Omit<FlavorReport, "flavor" | "role" | "pair" | "tag" | "size" | "bytes" | "vulnerabilities" | "hardening">
>;

export interface Workload {
  /** The steps of round `round` (from 1) over the image's available flavors, pairs interleaved. */
  round(flavors: readonly FlavorName[], round: number): Step[];
  /** What the rounds measured of a flavor. */
  figures(flavor: FlavorName): MeasuredFigures;
}
