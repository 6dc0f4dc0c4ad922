// A Docker engine that hangs, for tests: an HTTP server on a unix socket that
// answers /_ping, /version and /info as a real engine would, then never
// answers anything else (a daemon stuck on its lock). No Docker needed. Given
// containers, it lists them and takes their removal instead (the clean-up's
// calls), and hangs on the rest.
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";

export interface HungEngine {
  /** unix:///…/docker.sock, for DOCKER_HOST. */
  readonly dockerHost: string;
  /** The requests it received and never answered, as "GET /containers/json". */
  readonly unanswered: string[];
  /** Resolves with performance.now() when the first request goes unanswered. */
  readonly firstHang: Promise<number>;
  /** The ids of the containers removed (DELETE /containers/<id>). */
  readonly removed: string[];
  close(): Promise<void>;
}

const info = {
  ID: "hung-engine",
  Name: "hung-engine",
  ServerVersion: "20.10.24",
  OperatingSystem: "Fake Linux",
  OSType: "linux",
  Architecture: "x86_64",
  NCPU: 2,
  MemTotal: 2 * 1024 ** 3,
  IndexServerAddress: "https://index.docker.io/v1/",
  Labels: [],
  Runtimes: { runc: {} },
};

const answers: Record<string, unknown> = {
  "/_ping": "OK",
  "/version": { Version: "20.10.24", ApiVersion: "1.41", MinAPIVersion: "1.12", Os: "linux", Arch: "amd64" },
  "/info": info,
};

/** A container as GET /containers/json lists it: its id and labels. */
export interface ListedContainer {
  readonly Id: string;
  readonly Labels: Record<string, string>;
}

export async function startHungEngine(containers?: readonly ListedContainer[]): Promise<HungEngine> {
  const dir = await mkdtemp(path.join(tmpdir(), "tiny-hung-engine-"));
  const socketPath = path.join(dir, "docker.sock");
  const unanswered: string[] = [];
  const removed: string[] = [];
  const listed: Record<string, unknown> = containers
    ? {
        "/containers/json": containers.map((c) => ({ ...c, Image: "tiny/base:scratch", Names: [`/${c.Id}`] })),
        "/networks": [],
        "/volumes": { Volumes: [] },
      }
    : {};
  const held = new Set<http.ServerResponse>();
  let hung: (at: number) => void = () => undefined;
  const firstHang = new Promise<number>((resolve) => (hung = resolve));
  const server = http.createServer((request, response) => {
    // Clients may put an API version in front: /v1.41/info.
    const route = (request.url ?? "/").split("?")[0]!.replace(/^\/v[\d.]+\//, "/");
    const gone = containers && request.method === "DELETE" ? /^\/containers\/([^/]+)$/.exec(route) : null;
    if (gone) {
      removed.push(gone[1]!);
      response.writeHead(204).end();
      return;
    }
    const answer = answers[route] ?? listed[route];
    if (answer !== undefined) {
      const body = typeof answer === "string" ? answer : JSON.stringify(answer);
      response.writeHead(200, { "Content-Type": typeof answer === "string" ? "text/plain" : "application/json", "Api-Version": "1.41" });
      response.end(body);
      return;
    }
    unanswered.push(`${request.method} ${route}`);
    hung(performance.now());
    request.resume();
    held.add(response);
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    dockerHost: `unix://${socketPath}`,
    unanswered,
    firstHang,
    removed,
    async close() {
      for (const response of held) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
