// The benchmark's figures, as reports/latest.json and reports/history/*.json
// hold them. The markdown report is rendered from this and nothing else: a
// report carries every word and figure its page shows (what each image is,
// the seed's sizes, the comparison with the run before), so an old report
// renders the same today (npm run report).
// Bump schemaVersion on any change a reader of the JSON would notice.
import type { FlavorName, ImageName } from "../catalog.js";
import type { VulnerabilityCounts } from "../measure/vulnerabilities.js";
import type { Environment, Machine } from "../measure/environment.js";
import type { Exclusion } from "../measure/exclusions.js";
import type { Hardening } from "../measure/hardening.js";
import type { BehaviourComparison, BehaviourDifference } from "../measure/parity/behaviour.js";
import type { Range } from "../measure/stats.js";
import type { FolderPair, LayerBytes, PathBytes, WhereBytes } from "../measure/where-bytes.js";
import type { Unavailable } from "../plan.js";

export type {
  BehaviourComparison,
  BehaviourDifference,
  Environment,
  Exclusion,
  FolderPair,
  Hardening,
  LayerBytes,
  Machine,
  PathBytes,
  Range,
  Unavailable,
  WhereBytes,
};

/**
 * 2: images carry their summary and the seed's sizes; a report carries its comparison.
 * 3: every run's own value (`values`), in pair order; settings.burstSeconds and
 * settings.isolation; the machine's calibrated resolution. Extended since,
 * with optional fields only (an older report reads and renders the same):
 * size.leftOut; flavorSummaries; bytes (where the bytes are: per layer,
 * hidden, largest files and folders, tiny vs original by folder);
 * environment.architecture and generatorArchitecture; images[].machine,
 * the architecture on unavailable[], loadGenerator's saturated[] and wrk[],
 * and on comparison deltas and budgets (merged reports, npm run report --
 * --merge); images[].behaviour (what a pair of two distributions answers
 * differently); jobs and images[].sizesOnly (merged reports: how each CI
 * job went, and what was measured of a pair whose benchmark failed);
 * images[].seed only where the seed has the image; memory.peakBytes only
 * where a load ran; flavors[].load (an image's own load module).
 * 4: one load shape: flavors[].loads, by the names the image declares,
 * replaces http, sql, ab and load; CPU per answer is perAnswer.cpuUs, split
 * into userUs and systemUs where measured; calibration and budget figure
 * keys are loads.<name>.<measure>. read-v3.ts reads a version 3 report into
 * this shape.
 */
export const schemaVersion = 4;

export interface BenchReport {
  readonly schemaVersion: typeof schemaVersion;
  /** ISO 8601, UTC. */
  readonly generatedAt: string;
  /**
   * The run's random identity (the label on its containers; a merge gets one
   * of its own). latest.md closes with a comment naming it and generatedAt,
   * so a reader can check the two files are of one run. Absent in reports
   * written before it was recorded.
   */
  readonly runId?: string;
  readonly settings: BenchSettings;
  readonly environment: Environment;
  /** Requested images and flavors that could not be measured here, and why (in a merged report, on which architecture). */
  readonly unavailable: readonly (Unavailable & OnArchitecture)[];
  readonly images: readonly ImageReport[];
  /** Whether the load generators kept up; see LoadGeneratorCheck. */
  readonly loadGenerator: LoadGeneratorCheck;
  /** How it compares with the newest earlier run in the history it was written to; absent when there was none. */
  readonly comparison?: Comparison;
  /** Which scanner counted known vulnerabilities, or why none did; absent in reports made before scans. */
  readonly vulnerabilityScan?: VulnerabilityScan;
  /** The main figures over the last runs (history), for the trend charts; absent with no earlier run. */
  readonly trend?: Trend;
  /** Every budget of budgets.json that applies to what was measured, met or not; absent in reports made before budgets. */
  readonly budgets?: readonly BudgetResult[];
  /** This machine's resolution, from the newest calibration (npm run bench -- --calibrate), when there is one. */
  readonly calibration?: Calibration;
  /** What each measured flavor is, in a few words, for the page's opening lines; absent in older reports. */
  readonly flavorSummaries?: readonly FlavorSummary[];
  /**
   * Every paired judgement of the page, made once (evaluate.ts) and stored
   * so the page, the pull-request comment and a dashboard read the same
   * verdicts: absent in reports written before it was, which are evaluated
   * when read.
   */
  readonly evaluation?: Evaluation;
  /**
   * A merged report: how each CI job (one flavor pair on one architecture)
   * went, step by step, as the job recorded it (npm run report -- --job). A
   * job whose tests failed is still here, with what it could measure;
   * absent in a report of one run.
   */
  readonly jobs?: readonly JobOutcome[];
}

/** How a CI step ended, in GitHub Actions' words (steps.<id>.outcome). */
export type StepOutcome = "success" | "failure" | "cancelled" | "skipped";

/** How the page judged each pair's paired figures, and how many claims survive their number. */
export interface Evaluation {
  /**
   * 2: t from the calibration's same-image offset, resolutions and the
   * calibration's own judgement stored. An evaluation without it is made
   * again when the report is read.
   */
  readonly evaluationVersion: 2;
  /** The interval's coverage, each judgement's own (0.95). */
  readonly confidence: number;
  /** The family-wise error rate the page's claims are held to over all its judgements, by Holm's step-down (0.05). */
  readonly familyAlpha: number;
  readonly judgements: readonly Judgement[];
  /** Sizes, counts and failures of every measured pair: exact, so their change and ratio with no interval (evaluate/exact.ts). */
  readonly exact: readonly ExactComparison[];
  /** The wrk check's gap per run, (autocannon − wrk) ÷ wrk, in loadGenerator.wrk's order; and the widest of them. */
  readonly wrkGaps?: { readonly each: readonly number[]; readonly widest: number };
  /** The seed blog post's ratio per image it had: its CentOS 7 size ÷ its Alpine size. */
  readonly seedRatios?: readonly { readonly image: ImageName; readonly timesSmaller: number }[];
  /** The calibration the thresholds came from, judged by the same rule (evaluate/calibration.ts). */
  readonly calibration?: readonly CalibrationJudgement[];
}

/** A figure that repeats exactly from build to build, compared in one pair: no interval, only the change and the ratios. */
export interface ExactComparison extends OnArchitecture {
  readonly image: ImageName;
  readonly tiny: FlavorName;
  readonly original: FlavorName;
  readonly figure: string;
  readonly tinyValue: number;
  readonly originalValue: number;
  /** tiny − original. */
  readonly change: number;
  /** The change as a fraction of the original; null when that is 0. */
  readonly fraction: number | null;
  /** tiny ÷ original; null when the original is 0. */
  readonly ratio: number | null;
  /** original ÷ tiny: "3.1x smaller"; null when the tiny is 0. */
  readonly timesSmaller: number | null;
}

/**
 * One paired figure of one pair: the ratio tiny ÷ original with its 95%
 * interval (Hodges–Lehmann, Wilcoxon signed-rank), the practical threshold
 * t it was held to, and the outcome: "higher"/"lower" only when the whole
 * interval lies beyond ±t, "same" when it lies within ±t, "undetected"
 * otherwise, "too-few" when the pairs can't reach 95%.
 */
export interface Judgement extends OnArchitecture {
  readonly image: ImageName;
  readonly tiny: FlavorName;
  readonly original: FlavorName;
  /** A key of the figure registry, e.g. "loads.php.cpuUs". */
  readonly figure: string;
  readonly n: number;
  readonly ratio: number;
  readonly low: number;
  readonly high: number;
  /** The interval's actual coverage: below the target with too few pairs. */
  readonly coverage: number;
  /** t, a fraction (0.05 = ±5%), and where it came from. */
  readonly threshold: { readonly value: number; readonly source: "calibration" | "declared" };
  readonly outcome: "higher" | "lower" | "same" | "undetected" | "too-few";
  /**
   * A CPU per answer whose interval can't be true beside its load's
   * throughput's (x% more CPU is about x% less throughput on a busy server):
   * that figure's key. One of the two measured the machine.
   */
  readonly disagreesWith?: string;
  /** How many times higher or lower the tiny flavor's figure is, 1 or more: the ratio, or its inverse below 1 ("starts 1.2x faster"). */
  readonly times: number;
  /** The farthest the interval reached from 1 (0.04 = 4%): a smaller difference could go unseen. */
  readonly resolution: number;
  /** Exact one-sided p-value that the ratio lies beyond t on the estimate's side; Holm's step-down uses it doubled. */
  readonly p: number;
  /** A claimed difference that survives the page's number of judgements (Holm): the only kind the status line and headline repeat. */
  readonly survives: boolean;
  /**
   * The bursts fall into two regimes (a gap of over 25% between two groups
   * of at least a fifth of them each, in both flavors): each group's
   * median, low first. The medians may then land in different regimes
   * while each pair sits in one, which the paired ratio compares.
   */
  readonly regimes?: readonly number[];
}

/** One CI job's record of itself: its pair, its machine, each step's outcome, the tests that failed. */
export interface JobOutcome {
  /** The flavors the job was for, e.g. ["alpine", "centos"]. */
  readonly flavors: readonly FlavorName[];
  /** The kernel's name for the job's machine: x86_64, aarch64. */
  readonly architecture: string;
  /** Each step by name ("tests", "benchmark", "sizes") and how it ended. */
  readonly steps: Readonly<Record<string, StepOutcome>>;
  /** How many tests failed, from the JUnit results; absent when there were none to read. */
  readonly failedTestCount?: number;
  /** The first of them, by name ("nginx-php [alpine] > serves PHP"). */
  readonly failedTests?: readonly string[];
}

export interface FlavorSummary {
  readonly flavor: FlavorName;
  readonly role: "tiny" | "original";
  /** e.g. "debian:bookworm-slim with packages installed the ordinary way". */
  readonly summary: string;
}

/** Where a merged report's entry was measured (kernel's name: x86_64, aarch64); absent in a report of one run. */
export interface OnArchitecture {
  readonly architecture?: string;
}

export interface VulnerabilityScan {
  /** "Trivy 0.58.1", when it was there. */
  readonly scanner?: string;
  /** Why no (or not every) image was scanned: the scanner missing, its database out of reach. */
  readonly skipped?: string;
}

/** The main figures over the last runs, oldest first, the current run last. */
export interface Trend {
  readonly charts: readonly TrendChart[];
}

export interface TrendChart {
  readonly title: string;
  readonly unit: string;
  /** The runs on the x-axis, oldest first. */
  readonly runs: readonly RunRef[];
  /** One line per image (per flavor in reports before 2026-12-04), a value per run; `image` picks its colour. */
  readonly series: readonly TrendSeries[];
}

export interface TrendSeries {
  readonly name: string;
  readonly image?: string;
  readonly values: readonly number[];
  /** A ratio's: each night's stored 95% interval, [low, high] (reports from before 2026-12-07 have none). */
  readonly intervals?: readonly (readonly [number, number])[];
  /** A ratio's: the nights whose interval excludes 1. */
  readonly excludesOne?: readonly boolean[];
}

/** One budget held against one measured figure, as numbers; render/budget-words.ts words it. */
export interface BudgetCheck extends OnArchitecture {
  readonly image: ImageName;
  /** The flavor the figure is of (for a ratio, the tiny one). */
  readonly flavor: FlavorName;
  /** The image's tag: "tiny/<image>:scratch". */
  readonly tag: string;
  /** What is held: a size in bytes, a count of layers, or how many times smaller the tiny flavor is than `original`. */
  readonly held: "bytes" | "compressedBytes" | "layers" | "timesSmaller";
  /** For a ratio: the original flavor it is held against. */
  readonly original?: FlavorName;
  readonly actual: number;
  /** The budget: at most this (bytes, layers), or at least this (timesSmaller). */
  readonly limit: number;
  readonly passed: boolean;
}

/** A budget result of a report written before 2026-12-07: its words only. */
export interface WordedBudgetResult extends OnArchitecture {
  /** What is held, in words: "tiny/<image>:scratch size ≤ 70 MB". */
  readonly name: string;
  readonly image: ImageName;
  readonly flavor: FlavorName;
  /** The figure, as that report showed it: "61.2 MB", "3.1x smaller". */
  readonly actual: string;
  /** The budget: "≤ 70 MB", "≥ 2.5x". */
  readonly limit: string;
  readonly passed: boolean;
}

export type BudgetResult = BudgetCheck | WordedBudgetResult;

/**
 * What a calibration found (npm run bench -- --calibrate): the difference
 * this machine, with these settings, can tell apart. The page an image
 * declares for it (its image.ts's `calibration`), the original's image on
 * both sides of a pair: once as it is (no difference exists), once with one
 * side's page doing `knownLoss` more CPU work per request.
 */
export interface Calibration {
  /** 2: a known-work copy instead of a CPU quota; a file without it is not read. */
  readonly calibrationVersion: 2;
  readonly generatedAt: string;
  readonly settings: Pick<BenchSettings, "rounds" | "durationSeconds" | "burstSeconds" | "connections" | "isolation">;
  /** The share of the page's own CPU per request the copy adds (0.05). */
  readonly knownLoss: number;
  /** How the extra work was sized on this machine. */
  readonly sizing: {
    /** The page's CPU per request, µs. */
    readonly pageUs: number;
    /** One iteration of the work loop, µs. */
    readonly usPerIteration: number;
    /** Iterations the copy's page runs per request. */
    readonly iterations: number;
  };
  /** Each calibrated figure (a registry key): the CPU per request first, then throughput. */
  readonly figures: readonly CalibratedFigure[];
}

/** One calibrated figure, judged by the page's rule (evaluate/calibration.ts): t, and each run's outcome against it. */
export interface CalibrationJudgement {
  readonly figure: string;
  readonly n: number;
  /** t for this kind of figure on this machine (0.01 = ±1%). */
  readonly threshold: number;
  /** How far the same image's interval against itself reached from 1. */
  readonly sameImageResolution: number;
  readonly sameImage: Judgement["outcome"];
  readonly knownWork: Judgement["outcome"];
  /** The known extra work came out as a claim the expected way: the power the rule keeps. */
  readonly detected: boolean;
}

export interface CalibratedFigure {
  readonly figure: string;
  /** The same image on both sides: the interval's widest distance from 1 is the noise. */
  readonly sameImage: PairedResult;
  /** One side doing the known extra work: its CPU per request should be `knownLoss` higher, its throughput lower. */
  readonly knownWork: PairedResult;
  /** Which way the known work should move the figure; files from before it was written are read by the figure's key. */
  readonly expected?: "higher" | "lower";
}

export interface PairedResult {
  readonly n: number;
  readonly ratio: number;
  readonly low: number;
  readonly high: number;
  readonly detected: boolean;
  /** Every burst's value of each side, in pair order, for a later look at the method. */
  readonly tiny?: readonly number[];
  readonly original?: readonly number[];
}

export interface BenchSettings {
  /** `--only size`: sizes, contents and layers only, no container started; the runtime settings below were not used. */
  readonly sizeOnly?: boolean;
  /** `--same-image`, an A/A run: each pair's original image ran on both sides, so every claimed runtime difference is a false one. */
  readonly sameImage?: boolean;
  readonly rounds: number;
  /** Seconds of load per flavor, per load run, per round (autocannon, mysql2, ab). */
  readonly durationSeconds: number;
  /** The bursts that load is cut into, alternating between the two flavors of a pair. */
  readonly burstSeconds: number;
  /** The CPUs the servers and the load generators had; absent when they shared every CPU. */
  readonly isolation?: { readonly server: string; readonly generator: string };
  /** Open connections per load run. */
  readonly connections: number;
  readonly images: readonly ImageName[];
  readonly flavors: readonly FlavorName[];
}

export interface ImageReport {
  readonly name: ImageName;
  /** What it is, in a few words. */
  readonly summary: string;
  /**
   * The seed blog post's sizes (2016), in MB: CentOS 7 before, Alpine after,
   * and what its Alpine image lacked that every flavor here has (`note`,
   * since schema 4); absent for an image the seed didn't have.
   */
  readonly seed?: { readonly originalMB: number; readonly tinyMB: number; readonly note?: string };
  readonly flavors: readonly FlavorReport[];
  /**
   * The machine it was measured on, in a report merged from several runs
   * (npm run report -- --merge): one entry per image and run, each run one
   * machine, so an image measured on x86_64 and on aarch64 is listed twice.
   * Absent in a report of one run: its environment is the machine.
   * report/machine.ts's machineOf reads either.
   */
  readonly machine?: Machine;
  /**
   * A pair of two distributions (alpine vs centos), not a size-only run:
   * what the parity probes answered differently on its two flavors, every
   * difference with both answers and a reason where one is known
   * (measure/parity/behaviour.ts); one entry per probe. Absent for pairs
   * built from the same packages, whose parity is a test
   * (suites/parity.test.ts), and in older reports.
   */
  readonly behaviour?: readonly BehaviourComparison[];
  /** A merged report: measured by a size-only run (its job's benchmark failed), so it has no runtime figures. */
  readonly sizesOnly?: true;
}

export interface FlavorReport {
  readonly flavor: FlavorName;
  readonly role: "tiny" | "original";
  /** The flavor it is compared with. */
  readonly pair: FlavorName;
  /** e.g. "tiny/nginx-php:scratch". */
  readonly tag: string;
  /** The image measured, by ID ("sha256:…"); absent in reports written before it was recorded. */
  readonly imageId?: string;
  /**
   * A reproducible flavor (scratch: built from its lock, normalised) built
   * again from nothing by `npm run bench -- --reproduce`: whether it came
   * out the same image ID, and where it first differed when not. Absent when
   * no rebuild was asked for.
   */
  readonly reproduction?: { readonly rebuiltId: string; readonly reproduced: boolean; readonly difference?: string };
  /**
   * The software measured, as it reports itself ("PHP 8.2.29",
   * "MariaDB 10.11.19-MariaDB-0+deb12u1", "ApacheBench 2.3"): a pair running
   * different versions compares more than its flavors. Absent for base.
   */
  readonly software?: string;
  readonly size: SizeFigures;
  /** Where its bytes are, read from its layers; absent in reports made before it was measured. */
  readonly bytes?: WhereBytes;
  /** Images with a service (ports and a readiness check), load or not: container start to first good answer. */
  readonly startup?: StartupFigures;
  readonly memory?: MemoryFigures;
  /** What each load its image declares measured, by the load's name, in the declaration's order. */
  readonly loads?: Readonly<Record<string, LoadFigures>>;
  /**
   * Services: the median cores the server kept busy during its load bursts
   * (Docker stats). Near the CPUs it had, the load measured the server; well
   * below, it waited on its load generator or on something else.
   */
  readonly serverCores?: number;
  /** Known vulnerabilities by severity (report.vulnerabilityScan says by what); absent when not scanned. */
  readonly vulnerabilities?: VulnerabilityCounts;
  readonly hardening: Hardening;
}

export interface SizeFigures {
  /** Uncompressed, as `docker images` counts it. */
  readonly bytes: number;
  /** The gzipped `docker save` of the image: about what a pull transfers. */
  readonly compressedBytes: number;
  readonly layers: number;
  /** Regular files in the image's filesystem. */
  readonly files: number;
  /** Installed packages per the image's package database; 0 where there is none. */
  readonly packages: number;
  /** Bytes of the layers it shares with its flavor's base image (a pull of both fetches them once). */
  readonly sharedWithBaseBytes: number;
  /**
   * An image built from whole Debian packages (scratch): what each rule of
   * its exclusion lists left out of them, largest first. Absent for other images.
   */
  readonly leftOut?: readonly Exclusion[];
}

export interface StartupFigures {
  /** Median, from `docker start` to the first good answer (PHP page 200, SQL query result). */
  readonly medianMs: number;
  readonly range: Range;
  readonly samples: number;
  /** Every start, in order: the n-th start of a tiny flavor pairs with the n-th of its original. */
  readonly values?: readonly number[];
}

export interface MemoryFigures {
  /** Median after start-up with no load: the cgroup's usage minus its page cache. */
  readonly idleBytes: number;
  readonly idleRange: Range;
  /** Highest usage seen while under load (stats sampled once a second), median over the rounds; absent for a service with no load. */
  readonly peakBytes?: number;
}

/**
 * A measure taken of every burst and divided by its answers: the CPU time
 * the server container (for a client image, the client's own container)
 * spent per answer, in µs, and its parts.
 */
export interface PerAnswer {
  /** The median over the bursts. */
  readonly median: number;
  /** Every burst's value, in pair order: the n-th burst of a tiny flavor ran right beside the n-th of its original. */
  readonly values: readonly number[];
}

/**
 * What one load an image declares measured of a flavor, whatever its kind
 * (autocannon on a page, the SQL mix, a client image, a load module): one
 * shape, so every figure of it is read, judged and shown alike.
 */
export interface LoadFigures {
  /** The declared kind: "http", "sql", "client", "module". */
  readonly kind: string;
  /** Its rows' label: "PHP page", "SQL". */
  readonly label: string;
  /** What one answer is: "request", "query". */
  readonly answer: string;
  /** What it did, for the paragraph above the table: "autocannon on `/index.php`". */
  readonly what: string;
  /**
   * Per answer, per burst: cpuUs (the CPU it cost), every burst in pair
   * order; userUs and systemUs where the engine splits it, over the bursts a
   * scheduler tick fell in (bench/summarise.ts), never paired or judged.
   */
  readonly perAnswer?: Readonly<Record<string, PerAnswer>>;
  /** Medians over the bursts. */
  readonly perSec: number;
  readonly p50Ms?: number;
  readonly p99Ms: number;
  /** Answers that failed, over the bursts. */
  readonly failures: number;
  /** Their kinds where the load tells them apart, e.g. { errors, timeouts, "non-2xx" }; they add up to `failures`. */
  readonly failureKinds?: Readonly<Record<string, number>>;
  readonly runs: number;
  /** Answers/s of every burst, in pair order. */
  readonly values?: readonly number[];
  readonly range: { readonly perSec: Range; readonly p50Ms?: Range; readonly p99Ms?: Range };
}

/**
 * A load generator that saturates its core measures itself, not the server.
 * Each load run records the generator's CPU use; a run where it used most of
 * a core is listed here, and the report says so.
 */
export interface LoadGeneratorCheck {
  /** Highest share of one core the generator used in any run, 0..1. */
  readonly maxCpu: number;
  /** Runs where it used more than `threshold` of a core. */
  readonly saturated: readonly ({
    readonly image: ImageName;
    readonly flavor: FlavorName;
    readonly run: string;
    readonly cpu: number;
  } & OnArchitecture)[];
  readonly threshold: number;
  /** wrk against the same PHP page, when wrk is installed: a second opinion on autocannon. */
  readonly wrk?: readonly ({
    readonly flavor: FlavorName;
    readonly requestsPerSec: number;
    readonly autocannonRequestsPerSec: number;
  } & OnArchitecture)[];
  /** Why there is no wrk comparison, when there is none. */
  readonly wrkSkipped?: string;
}

/** Which run: when, and at which commit. */
export interface RunRef {
  readonly generatedAt: string;
  readonly commit: string;
  readonly commitDirty: boolean;
}

/** What moved since the baseline; labels, units and directions come from the figure registry (figures.ts). */
export interface Comparison {
  /** The newest run of the baseline. */
  readonly previous: RunRef;
  /**
   * The runs each figure is compared with the median of, newest first: the
   * last few made under the same conditions. Absent in reports written
   * before baselines: the previous run alone.
   */
  readonly baseline?: readonly RunRef[];
  /** Every figure both runs have for the same image and flavor. */
  readonly deltas: readonly FigureDelta[];
  /** Differences in machine or load settings; when there are any, runtime deltas compare different conditions. */
  readonly conditionChanges: readonly ConditionChange[];
  /** Measured in only one of the runs, so not compared. */
  readonly onlyInCurrent: readonly ({ readonly image: ImageName; readonly flavor: FlavorName } & OnArchitecture)[];
  readonly onlyInPrevious: readonly ({ readonly image: ImageName; readonly flavor: FlavorName } & OnArchitecture)[];
}

export interface FigureDelta extends OnArchitecture {
  readonly image: ImageName;
  readonly flavor: FlavorName;
  /** A key of the figure registry, e.g. "loads.php.perSec". */
  readonly figure: string;
  /** The baseline's figure: the median over its runs. */
  readonly previous: number;
  readonly current: number;
  /** The change as a signed fraction of the previous figure; null when that was 0. */
  readonly fraction: number | null;
  /**
   * More than the figure's noise, so the page lists it: a regression; a
   * size past a thousandth; failures exactly; a pair's ratio whose stored
   * interval no longer overlaps the earlier run's; never an absolute
   * runtime figure.
   */
  readonly moved: boolean;
  /** The signed fraction it was held against (+0.05, −0.15), when it has one. */
  readonly threshold?: number;
  /**
   * Sizes and failures: past the threshold in the worse direction. A pair's
   * ratio (`pair`): moved beyond both runs' intervals and past the threshold
   * in the worse direction. An absolute runtime figure is context only and
   * never a regression: the machine moves it.
   */
  readonly regression: boolean;
  /**
   * Present when the delta is a pair's ratio, tiny ÷ original, measured in
   * paired bursts: `flavor` is the tiny flavor, previous and current are the
   * ratios of the newest comparable earlier run and of this one.
   */
  readonly pair?: RatioChange;
}

export interface RatioChange {
  readonly original: FlavorName;
  /** The 95% intervals of the two ratios. */
  readonly previousInterval: Range;
  readonly currentInterval: Range;
  /** The intervals don't overlap: the ratio moved beyond both runs' noise. */
  readonly changed: boolean;
}

/** A machine or load setting that differs between the runs. */
export interface ConditionChange {
  readonly label: string;
  readonly previous: string;
  readonly current: string;
}
