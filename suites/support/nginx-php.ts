// What the nginx-php suite puts into its containers beside the harness's
// pages, to check the image's own defaults, and how it reads the
// supervisor's process tree.
import { image } from "../../src/catalog.js";
import type { ContainerFile } from "../../src/run/container-files.js";
import type { ContainerProcess } from "../../src/run/inspect.js";

const docroot = image("nginx-php").harnessPages!.target;

/** The suite's own PHP pages, by URL path. */
export const checkPages = {
  /**
   * Ages the session ?id= names past session.gc_maxlifetime, then runs
   * PHP's own collection, as a request does once in gc_divisor /
   * gc_probability; says what the session settings are and what happened.
   */
  gc: {
    url: "/check-session-gc.php",
    source: `<?php
$dir = session_save_path() ?: sys_get_temp_dir();
$file = $dir . '/sess_' . basename((string) ($_GET['id'] ?? ''));
$existed = file_exists($file);
$aged = $existed && touch($file, time() - 2 * (int) ini_get('session.gc_maxlifetime'));
session_start();
$collected = session_gc();
header('Content-Type: application/json');
echo json_encode([
    'probability' => (int) ini_get('session.gc_probability'),
    'divisor' => (int) ini_get('session.gc_divisor'),
    'existed' => $existed,
    'aged' => $aged,
    'collected' => $collected,
    'left' => file_exists($file),
]);
`,
  },
  /** A request stuck far longer than request_terminate_timeout. */
  sleep: { url: "/check-sleep.php", source: "<?php sleep(300); echo 'finished';" },
} as const;

/** What an application copied into the docroot might carry: never served. */
export const dotfiles: Readonly<Record<string, string>> = {
  "/.env": "DB_PASSWORD=env-secret",
  "/.git/config": "[remote] url = git-secret",
  "/.git/HEAD": "ref: git-head-secret",
  "/app/.htaccess": "htaccess-secret",
  "/app/.user.ini": "; user-ini-secret",
};

/** Served although it starts with a dot: RFC 8615's well-known URIs. */
export const wellKnown = { url: "/.well-known/check.txt", content: "well-known-answer" };

/** All of the above, as files for the container. */
export function checkFiles(): ContainerFile[] {
  return [
    ...Object.values(checkPages).map((page) => ({ path: `${docroot}${page.url}`, content: page.source })),
    ...Object.entries(dotfiles).map(([url, content]) => ({ path: `${docroot}${url}`, content })),
    { path: `${docroot}${wellKnown.url}`, content: wellKnown.content },
  ];
}

export interface ServiceTree {
  readonly tini: ContainerProcess;
  readonly supervisor: ContainerProcess;
  /** Each service's master, a child of the supervisor, and its workers. */
  readonly services: Readonly<Record<"nginx" | "php-fpm", { master: ContainerProcess; workers: readonly number[] }>>;
  /** nginx and php-fpm processes that are neither a master under the supervisor nor one of a master's workers. */
  readonly strays: readonly ContainerProcess[];
}

function one(processes: readonly ContainerProcess[], what: string): ContainerProcess {
  if (processes.length !== 1) throw new Error(`expected one ${what}, found ${processes.length}: ${JSON.stringify(processes)}`);
  return processes[0]!;
}

/** tini, the supervisor under it, and nginx's and php-fpm's masters and workers; throws naming what is missing. */
export function serviceTree(processes: readonly ContainerProcess[]): ServiceTree {
  const tini = one(
    processes.filter((p) => p.command === "tini"),
    "tini",
  );
  const supervisor = one(
    processes.filter((p) => p.command === "supervisor" && p.ppid === tini.pid),
    "supervisor under tini",
  );
  const service = (command: "nginx" | "php-fpm") => {
    const master = one(
      processes.filter((p) => p.command === command && p.ppid === supervisor.pid),
      `${command} master under the supervisor`,
    );
    return { master, workers: processes.filter((p) => p.command === command && p.ppid === master.pid).map((p) => p.pid) };
  };
  const services = { nginx: service("nginx"), "php-fpm": service("php-fpm") };
  const known = new Set(Object.values(services).flatMap((s) => [s.master.pid, ...s.workers]));
  const strays = processes.filter((p) => (p.command === "nginx" || p.command === "php-fpm") && !known.has(p.pid));
  return { tini, supervisor, services, strays };
}
