// What an image folder says about its image: images/<image>/image.ts
// exports `defineImage({...})` and the catalog (catalog.ts) finds it by
// scanning images/*/, so adding an image edits no list. Typed when written,
// checked when read (checkDeclaration): a bad field fails with one line
// naming the file and the field. Imports nothing of the harness at run time,
// so a declaration can be read before the catalog exists.

/**
 * The flavors images are made in (the four of catalog.ts), and the two sides
 * of `npm run compare` (src/compare/), which no folder declares: two images a
 * user names, registered at run time.
 */
export type FlavorName = "alpine" | "centos" | "scratch" | "debian" | "original" | "candidate";
/** An image's folder name under images/; any name that is also a Docker repository path component. */
export type ImageName = string;

/** An account a service's environment creates, for the clients that talk to it. */
export interface Account {
  readonly user: string;
  readonly password: string;
  readonly database: string;
}

/**
 * How the harness knows a started container is ready: the suites wait for
 * it before their first check and the benchmark times start-up to it, both
 * through run/readiness.ts.
 */
export type Readiness =
  /** A line the container prints once it is ready. */
  (
    | { readonly kind: "log"; readonly message: string | RegExp }
    /**
     * An HTTP GET that answers 200 with exactly this body; with no body, any
     * 2xx (an image nobody here wrote: its page is not ours to know). In that
     * form a 4xx is final: the server is up and says the path is wrong.
     */
    | { readonly kind: "http"; readonly port: number; readonly path: string; readonly body?: string }
    /** `SELECT 1` answers over TCP, as the image's account. */
    | { readonly kind: "sql"; readonly port: number }
  ) & {
    /** How long a start may take before it is a failure; default readyTimeoutDefault. */
    readonly timeoutSeconds?: number;
  };

/** Seconds a start may take to readiness when the declaration doesn't say: MariaDB's first start initialises its data. */
export const readyTimeoutDefault = 90;

/**
 * One thing the benchmark loads an image with, on top of the start-up time
 * and idle memory every service gets (bench/workloads/). Every kind yields
 * the same figures (report/schema.ts's LoadFigures: answers/s, CPU per
 * answer, latencies, failures, every burst's values), under the name the
 * image gives it in `loads`.
 */
export type Load =
  /** autocannon against one of the image's endpoints, by its name there. */
  (
    | { readonly kind: "http"; readonly endpoint: string }
    /** mysql2 through a pool, as the image's account, on its first port. */
    | { readonly kind: "sql" }
    /**
     * The image is a client: each flavor runs against `endpoint` of a `target`
     * image of the same pair, in a container of its own, and its own CPU per
     * answer is what is measured. images/<image>/<module>'s default export
     * (`defineClient`, bench/workloads/client.ts) says how to run it and read
     * what it prints.
     */
    | { readonly kind: "client"; readonly target: ImageName; readonly endpoint: string; readonly module: string }
    /**
     * images/<image>/<module>, whose default export is `defineLoad({...})`
     * (bench/workloads/own-load.ts): a client the harness runs in-process.
     */
    | { readonly kind: "module"; readonly module: string }
  ) & {
    /** How the page names it in a row ("PHP page", "SQL"); default: its name in `loads`. */
    readonly label?: string;
    /** What one answer is, in the page's words ("request", "query"); default: request, or query for sql. */
    readonly answer?: string;
  };

/** The kinds of load there are: what read-images.ts accepts. */
export const loadKinds = ["http", "sql", "client", "module"] as const;

export interface ImageDeclaration {
  /** What it is, in a few words: the report's and the suites' one line about it. */
  readonly summary: string;
  /** The flavors it is made in: images/<image>/<flavor>.Dockerfile each. Any subset; a tiny one with its original, to be compared. */
  readonly flavors: readonly FlavorName[];
  /** The image of the same flavor it builds FROM, passed as BASE_IMAGE. */
  readonly parent?: ImageName;
  /** Images of the same flavor it is run against (ab loads nginx-php): built whenever it is. */
  readonly targets?: readonly ImageName[];
  /** The ports its service listens on; none for a client or a base. An image with ports and readiness runs a service. */
  readonly ports?: readonly number[];
  /** The command a smoke test runs it with, when not its own. */
  readonly command?: readonly string[];
  /** Absent for a client that runs once and exits (ab: run/run-once.ts). */
  readonly readiness?: Readiness;
  /**
   * What the benchmark loads it with, by name: the report's rows, verdicts,
   * budgets and trend follow these names. The first is its main load, the
   * headline's. A client (`kind: "client"`) has that one load only.
   */
  readonly loads?: Readonly<Record<string, Load>>;
  /** What its software says it is when the benchmark asks (suites/bench.test.ts holds every flavor to it); absent: it says nothing. */
  readonly software?: RegExp;
  /** What it needs in its environment to start, the way the suites and the benchmark start it. */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * The account a container's environment (the one above, or a test's
   * override of it) creates for applications: what readiness and the SQL
   * load connect as.
   */
  readonly account?: (environment: Readonly<Record<string, string>>) => Account | undefined;
  /**
   * The harness's own pages, which the image doesn't ship: a folder of this
   * repository that every container the harness starts gets, put in before
   * it starts (run/container.ts), and where it goes in the container.
   * Readiness and the endpoints below may be among them.
   */
  readonly harnessPages?: { readonly folder: string; readonly target: string };
  /** Named paths the image serves (the suites and the benchmark use them). */
  readonly endpoints?: Readonly<Record<string, string>>;
  /**
   * The open-files limit (soft = hard) its containers run with on a flavor
   * that sets one whatever the engine's default (catalog.ts: the
   * alpine-centos pair), when nofileDefault is too few for its service; at
   * most nofileCeiling.
   */
  readonly nofile?: number;
  /**
   * What `npm run bench -- --calibrate` measures (bench/calibrate.ts): this
   * HTTP load of its `loads`, whose endpoint is one of its harness pages,
   * against a copy doing a known amount of extra work per request, which images/<image>/<module>
   * writes in the page's language (its default export is
   * `defineKnownWork({...})`, bench/known-work.ts). The first image that
   * declares one is the one calibrated.
   */
  readonly calibration?: { readonly load: string; readonly module: string };
  /**
   * Its parity probe: images/<image>/<module>, whose default export is
   * `defineProbe({...})` (measure/parity/probe.ts), asked of every flavor
   * by the parity suite and, for a pair of two distributions, by the
   * benchmark. An image with none is compared by its files only.
   */
  readonly parity?: { readonly module: string };
  /** The seed blog post's sizes (2016), in MB: CentOS 7 before, Alpine after; only the seed's four images have them. */
  readonly seed?: {
    readonly originalMB: number;
    readonly tinyMB: number;
    /** What the seed's tiny image lacked that every flavor here has, for the page's sentence about the seed. */
    readonly note?: string;
  };
}

/** An image as the catalog holds it: its declaration, named by its folder. */
export interface Image extends ImageDeclaration {
  readonly name: ImageName;
  readonly ports: readonly number[];
  /** Where the modules it names are, when not images/<name>/: a run-time image's declaration file's folder (npm run compare). */
  readonly folder?: string;
}

/** What images/<image>/image.ts exports as default: the declaration, typed. */
export function defineImage(declaration: ImageDeclaration): ImageDeclaration {
  return declaration;
}

/** Folder names that are also valid in a Docker tag's repository path. */
export const imageNamePattern = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/** The open-files limit a container gets where its flavor sets one and its image declares none: Linux's default soft limit, what any process starts with. */
export const nofileDefault = 1024;

/**
 * The most open files an image may declare: Linux's own default hard limit,
 * so any engine can grant it. One without CAP_SYS_RESOURCE (rootless,
 * nested) can't raise a container's limit past its own, and the container
 * then fails to start ("error setting rlimit type 7"), as 65536 did on an
 * engine whose limit is 20000.
 */
export const nofileCeiling = 4096;
