// The one list of images and flavors. The suites, the build and the benchmark
// all read it; nothing else names an image, a flavor, a port or a readiness
// check.
import { fileURLToPath } from "node:url";
import path from "node:path";

export const repoRoot = fileURLToPath(new URL("..", import.meta.url));
export const imagesDir = path.join(repoRoot, "images");

export type FlavorName = "alpine" | "centos" | "scratch" | "debian";
export type ImageName = "base" | "nginx-php" | "mariadb" | "ab";

/** Where a flavor's upstream image comes from when it is not present locally. */
export interface Upstream {
  /** The image the Dockerfiles start from, as Docker Hub names it. */
  readonly ref: string;
  /** The build argument that carries it into the Dockerfiles. */
  readonly buildArg: string;
  /** Debian's can be bootstrapped from a Debian mirror when it can't be pulled. */
  readonly bootstrap?: "debian";
}

export interface Flavor {
  readonly name: FlavorName;
  readonly role: "tiny" | "original";
  /** The flavor it is compared with: an original for a tiny one, and back. */
  readonly pair: FlavorName;
  readonly upstream: Upstream;
  /**
   * Open-file limits (soft = hard) set for this flavor whatever the engine's
   * default, which can be near 10^9 (container runtimes started with
   * LimitNOFILE=infinity, before Docker Engine 25 and containerd 2.0). `build`:
   * each RUN step of its builds (build-image.ts); `run`: every container the
   * harness starts of it (run/container.ts).
   */
  readonly nofile?: { readonly build?: number; readonly run: number };
  readonly summary: string;
}

/**
 * EL7's yum and rpm close every possible descriptor in a loop, so a
 * `yum install` under a limit near 10^9 takes hours (moby/moby#23137,
 * docker/buildx#379). 1024, Linux's default soft limit, is plenty for them;
 * being a lowering, the centos Dockerfiles set it themselves too
 * (`ulimit -n 1024` before each yum or rpm, held by
 * src/image-build/nofile.test.ts), so a plain `docker build` is safe as well.
 */
const el7BuildNofile = 1024;

/**
 * Both sides of the alpine-centos pair run with the same limit: MariaDB takes
 * the limit as its open_files_limit and sizes its table cache from it, so a
 * pair run under two engines' defaults would not be like for like. 4096 is
 * Linux's own default hard limit, so any engine can grant it: one without
 * CAP_SYS_RESOURCE (rootless, nested) can't raise a container's limit past
 * its own, and the container then fails to start ("error setting rlimit type
 * 7"), as 65536 did on an engine whose limit is 20000. It holds nginx's 1024
 * worker_connections and PHP-FPM's 16 children; MariaDB, wanting ~32000 for its
 * default 2000 tables in 8 instances, shrinks its table cache, alike on both.
 */
const pairRunNofile = 4096;

const debianUpstream: Upstream = {
  ref: "debian:bookworm-slim",
  buildArg: "DEBIAN_IMAGE",
  bootstrap: "debian",
};

export const flavors: readonly Flavor[] = [
  {
    name: "alpine",
    role: "tiny",
    pair: "centos",
    upstream: { ref: "alpine:3.24", buildArg: "ALPINE_IMAGE" },
    nofile: { run: pairRunNofile },
    summary: "alpine:3.24 (musl, busybox, apk); needs Docker Hub",
  },
  {
    name: "centos",
    role: "original",
    pair: "alpine",
    upstream: { ref: "centos:7", buildArg: "CENTOS_IMAGE" },
    nofile: { build: el7BuildNofile, run: pairRunNofile },
    summary: "centos:7 with yum on vault.centos.org; needs Docker Hub",
  },
  {
    name: "scratch",
    role: "tiny",
    pair: "debian",
    // The build stage that picks the files is Debian.
    upstream: debianUpstream,
    summary: "FROM scratch, only the files each service needs, taken from Debian packages",
  },
  {
    name: "debian",
    role: "original",
    pair: "scratch",
    upstream: debianUpstream,
    summary: "debian:bookworm-slim with packages installed the ordinary way",
  },
];

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
  | { readonly kind: "log"; readonly message: string | RegExp }
  /** An HTTP GET that answers 200 with exactly this body. */
  | { readonly kind: "http"; readonly port: number; readonly path: string; readonly body: string }
  /** `SELECT 1` answers over TCP, as the image's account. */
  | { readonly kind: "sql"; readonly port: number };

/** What the benchmark loads an image with (bench/workloads/). */
export type Workload =
  /** autocannon against these endpoints of the image. */
  | { readonly kind: "http"; readonly pages: readonly ("php" | "static")[] }
  /** mysql2 through a pool, as the image's account. */
  | { readonly kind: "sql" }
  /** The image is a load generator: run against `page` of a `target` image of the same pair. */
  | { readonly kind: "ab"; readonly target: ImageName; readonly page: string };

export interface Image {
  readonly name: ImageName;
  /** The image of the same flavor it builds FROM, passed as BASE_IMAGE. */
  readonly parent?: ImageName;
  /** Images of the same flavor it is run against (ab loads nginx-php): built whenever it is. */
  readonly targets?: readonly ImageName[];
  readonly ports: readonly number[];
  /** The command a smoke test runs it with, when not its own. */
  readonly command?: readonly string[];
  /** Absent for a client that runs once and exits (ab: run/run-once.ts). */
  readonly readiness?: Readiness;
  readonly workload?: Workload;
  /** What it needs in its environment to start, the way the suites and the benchmark start it. */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * The account a container's environment (the one above, or a test's
   * override of it) creates for applications: what readiness and the SQL
   * workload connect as.
   */
  readonly account?: (environment: Readonly<Record<string, string>>) => Account | undefined;
  /** Named paths the image serves (the suites and the benchmark use them). */
  readonly endpoints?: Readonly<Record<string, string>>;
  /** The seed blog post's sizes (2016), in MB: CentOS 7 before, Alpine after. */
  readonly seed: { readonly originalMB: number; readonly tinyMB: number };
  readonly summary: string;
}

export const images: readonly Image[] = [
  {
    name: "base",
    seed: { originalMB: 244, tinyMB: 13 },
    ports: [],
    // base has no service: keep it alive so the suite can exec into it.
    command: ["sh", "-c", "echo ready && exec sleep 2147483647"],
    readiness: { kind: "log", message: "ready" },
    summary: "a shell, CA certificates, time zone data, a non-root user",
  },
  {
    name: "nginx-php",
    seed: { originalMB: 446, tinyMB: 76 },
    parent: "base",
    ports: [80],
    readiness: { kind: "http", port: 80, path: "/health.php", body: "ok" },
    workload: { kind: "http", pages: ["php", "static"] },
    endpoints: {
      /** JSON: PHP version, SAPI, loaded extensions. */
      php: "/index.php",
      static: "/static/gradient.png",
      form: "/form.php",
      xml: "/xml.php",
      /** A PHP file in the uploads folder, which must never run. */
      upload: "/uploads/not-executed.php",
      /** The same below an application's folder, as WordPress keeps them (wp-content/uploads/). */
      nestedUpload: "/wp-content/uploads/not-executed.php",
      /** Writes and reads rows in MariaDB through PDO and mysqli (MARIADB_* say where). */
      db: "/db.php",
      /** Counts requests in a PHP session, JSON: {"n": 1} on the first. */
      session: "/session.php",
    },
    summary: "nginx and PHP-FPM under one supervisor, serving PHP and static files on port 80",
  },
  {
    name: "mariadb",
    seed: { originalMB: 432, tinyMB: 189 },
    parent: "base",
    ports: [3306],
    // A query, not the log line: the server that initialises the data
    // directory listens on no port, and only the real one answers.
    readiness: { kind: "sql", port: 3306 },
    workload: { kind: "sql" },
    environment: {
      MARIADB_ROOT_PASSWORD: "tiny-root-secret",
      MARIADB_DATABASE: "app",
      MARIADB_USER: "app",
      MARIADB_PASSWORD: "tiny-app-secret",
    },
    account: (env) =>
      env.MARIADB_USER && env.MARIADB_DATABASE
        ? { user: env.MARIADB_USER, password: env.MARIADB_PASSWORD ?? "", database: env.MARIADB_DATABASE }
        : undefined,
    summary: "MariaDB server on port 3306, initialised on first start from MARIADB_* variables",
  },
  {
    name: "ab",
    seed: { originalMB: 261, tinyMB: 14 },
    // The debian flavor builds FROM base; the scratch one starts from nothing.
    parent: "base",
    targets: ["nginx-php"],
    ports: [],
    workload: { kind: "ab", target: "nginx-php", page: "php" },
    summary: "Apache Bench (ab) as the entrypoint",
  },
];

export const flavorNames: readonly FlavorName[] = flavors.map((f) => f.name);
export const imageNames: readonly ImageName[] = images.map((i) => i.name);

export function flavor(name: FlavorName): Flavor {
  const found = flavors.find((f) => f.name === name);
  if (!found) throw new Error(`unknown flavor ${name}`);
  return found;
}

export function image(name: ImageName): Image {
  const found = images.find((i) => i.name === name);
  if (!found) throw new Error(`unknown image ${name}`);
  return found;
}

/**
 * The repository images are tagged in: "tiny", or TINY_IMAGE_REPOSITORY, so
 * two checkouts that change an image can share one engine without building
 * over each other's tags.
 */
export function imageRepository(env: NodeJS.ProcessEnv = process.env): string {
  const value = env.TINY_IMAGE_REPOSITORY;
  if (value === undefined || value === "") return "tiny";
  if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(value)) {
    throw new Error(`TINY_IMAGE_REPOSITORY=${value}: use lower-case letters, digits and single . _ - between them (e.g. tiny-wip)`);
  }
  return value;
}

/** The tag a built image gets, so a person can `docker run` it by hand. */
export function imageTag(name: ImageName, flavorName: FlavorName): string {
  return `${imageRepository()}/${name}:${flavorName}`;
}

/** images/<image>/<flavor>.Dockerfile, relative to images/. */
export function dockerfileOf(name: ImageName, flavorName: FlavorName): string {
  return `${name}/${flavorName}.Dockerfile`;
}

/** The catalog's environment for an image, with a caller's additions and overrides. */
export function environmentOf(name: ImageName, overrides: Readonly<Record<string, string>> = {}): Record<string, string> {
  return { ...image(name).environment, ...overrides };
}

/** The application account a container of the image started with this environment has, if any. */
export function accountOf(name: ImageName, overrides: Readonly<Record<string, string>> = {}): Account | undefined {
  return image(name).account?.(environmentOf(name, overrides));
}

export function endpoint(name: ImageName, key: string): string {
  const path = image(name).endpoints?.[key];
  if (!path) throw new Error(`${name} has no endpoint ${key}`);
  return path;
}

/** Images in an order where every parent comes before its children. */
export function buildOrder(names: readonly ImageName[] = imageNames): ImageName[] {
  const ordered: ImageName[] = [];
  const visit = (name: ImageName): void => {
    if (ordered.includes(name)) return;
    const parent = image(name).parent;
    if (parent) visit(parent);
    ordered.push(name);
    image(name).targets?.forEach(visit);
  };
  names.forEach(visit);
  return ordered;
}

function parseList<T extends string>(text: string, what: string, kind: string, valid: readonly T[]): T[] {
  const names = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !valid.includes(n as T));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(`${what}: unknown ${kind} ${unknown.join(", ") || "(none given)"}; valid ${kind}s are ${valid.join(", ")}`);
  }
  return [...new Set(names)] as T[];
}

/** Parses a comma list of flavor names (an env var, a CLI option). */
export function parseFlavorList(text: string, what: string): FlavorName[] {
  return parseList(text, what, "flavor", flavorNames);
}

/** Parses a comma list of image names (an env var, a CLI option). */
export function parseImageList(text: string, what: string): ImageName[] {
  return parseList(text, what, "image", imageNames);
}
