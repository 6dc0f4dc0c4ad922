// Every call to the Docker engine ends in bounded time. Neither dockerode nor
// Testcontainers sets a deadline, so an engine that accepts a connection and
// never answers (a hung or paused daemon) hung the harness and its clean-up.
// The bound is put on the one client both use (docker.ts), at the one place
// every request passes (the modem's dial), so no call site changes: a call
// gets no answer within the call timeout, or a stream that answered stops
// flowing and the engine no longer answers /_ping, and it fails in one line
// naming the engine.
import { AsyncLocalStorage } from "node:async_hooks";
import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import nodePath from "node:path";
import type { Duplex } from "node:stream";

/** A failure of the engine itself (no answer, gone, refused), as one line naming it. */
export class EngineError extends Error {
  override name = "EngineError";
}

/** The engine as a user would name it: DOCKER_HOST when set, otherwise the socket. */
export function engineName(env: NodeJS.ProcessEnv = process.env): string {
  const host = env.DOCKER_HOST?.trim();
  return host ? `DOCKER_HOST=${host}` : defaultSocket;
}

const defaultSocket = "/var/run/docker.sock";

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

/** How long a call may take, as the settings say (settings.ts, TINY_DOCKER_TIMEOUT). */
export interface EngineBounds {
  readonly callTimeoutMs: number;
}

/** How a request is bounded: until its answer starts, and (a stream) between chunks. */
export interface CallBound {
  /** Until the engine answers (the whole call, when it is not a stream); undefined: the caller bounds it. */
  readonly answerMs?: number;
  /** A stream that has answered may be quiet this long while the engine still answers /_ping. */
  readonly idleMs?: number;
}

/**
 * How long each kind of request may take. Most answer in well under a
 * second; a few rightly take longer and get their own bound: a stop waits
 * for the container's grace period, an image save or import prepares the
 * whole image before its first byte, a build step may print nothing for
 * minutes, and a container's wait, a followed log and an exec last as long
 * as what runs (their callers bound them: run-once's timeout, the suites').
 */
export function boundOf(method: string, path: string, timeoutMs: number): CallBound {
  const [route = "", query = ""] = path.split("?");
  const params = new URLSearchParams(query);
  const follow = ["1", "true"].includes(params.get("follow") ?? "");
  const stream = !["0", "false"].includes(params.get("stream") ?? "true");
  if (/\/containers\/[^/]+\/wait$/.test(route)) return {};
  if (/\/containers\/[^/]+\/(stop|restart)$/.test(route)) return { answerMs: Number(params.get("t") ?? 10) * 1000 + timeoutMs };
  if (/\/build$/.test(route)) return { answerMs: timeoutMs, idleMs: 30 * 60_000 };
  // An image's name may hold slashes (tiny/nginx-php:debian): dockerode puts it in the path as it is.
  if (/\/images\/(create|load|get)$/.test(route) || /\/images\/.+\/get$/.test(route)) {
    return { answerMs: 10 * timeoutMs, idleMs: 10 * timeoutMs };
  }
  if (/\/containers\/[^/]+\/logs$/.test(route) && follow) return { answerMs: timeoutMs };
  if (/\/containers\/[^/]+\/stats$/.test(route) && stream) return { answerMs: timeoutMs, idleMs: timeoutMs };
  if (/\/(events|containers\/[^/]+\/attach|exec\/[^/]+\/start)$/.test(route)) return { answerMs: timeoutMs };
  return { answerMs: timeoutMs, idleMs: timeoutMs };
}

/** A request as it reads in a message: method and path, without the query or full ids. */
function shownCall(method: string, path: string): string {
  return `${method} ${path.split("?")[0]!.replace(/([0-9a-f]{12})[0-9a-f]{52}/g, "$1")}`;
}

const transportCodes = new Set(["ECONNREFUSED", "ENOENT", "EACCES", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND"]);

/** Whether an error is the engine's connection failing (not an HTTP answer such as 404). */
export function isTransportError(error: unknown): boolean {
  if (error instanceof EngineError) return true;
  const { code, statusCode } = error as { code?: string; statusCode?: number };
  if (statusCode !== undefined) return false;
  return transportCodes.has(code ?? "") || /socket hang up|aborted/.test((error as Error)?.message ?? "");
}

/** The one line for an engine whose connection failed during `what`. */
export function transportMessage(error: unknown, what: string, env: NodeJS.ProcessEnv = process.env): string {
  const { code, message } = error as { code?: string; message?: string };
  const engine = `the Docker engine at ${engineName(env)}`;
  if (code === "ECONNREFUSED" || code === "ENOENT") {
    return `${engine} is not reachable (${message}): start it, or point DOCKER_HOST at one that runs (on Debian, as root: sh scripts/docker-up.sh)`;
  }
  if (code === "EACCES") return `${engine} refused this user (${message}): run as a member of the docker group, or as root`;
  return `${engine} closed the connection during ${what} (${message ?? code}): it stopped or restarted`;
}

/** Resolves when the engine answers GET /_ping, or rejects with one line naming it. */
export function pingEngine(timeoutMs: number, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const target = connectionOf(env);
  const client = target.tls ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get({ ...target.options, path: "/_ping", timeout: timeoutMs }, (response) => {
      response.resume();
      response.on("end", () =>
        response.statusCode === 200
          ? resolve()
          : reject(new EngineError(`the Docker engine at ${engineName(env)} answered /_ping with HTTP ${response.statusCode}`)),
      );
    });
    request.on("timeout", () => {
      request.destroy();
      reject(
        new EngineError(
          `the Docker engine at ${engineName(env)} did not answer /_ping within ${seconds(timeoutMs)} (TINY_DOCKER_TIMEOUT): it hangs, or is paused`,
        ),
      );
    });
    request.on("error", (error) => reject(isTransportError(error) ? new EngineError(transportMessage(error, "/_ping", env)) : error));
  });
}

/**
 * Where node:http reaches the engine: DOCKER_HOST's socket or host and port,
 * or the default socket; over TLS with DOCKER_CERT_PATH's keys when
 * DOCKER_TLS_VERIFY is set, as the docker CLI and docker-modem do.
 */
function connectionOf(env: NodeJS.ProcessEnv): { tls: boolean; options: https.RequestOptions } {
  const host = env.DOCKER_HOST?.trim();
  if (!host) return { tls: false, options: { socketPath: defaultSocket } };
  if (host.startsWith("unix://")) return { tls: false, options: { socketPath: host.slice("unix://".length) } };
  const url = new URL(host);
  const tls = Boolean(env.DOCKER_TLS_VERIFY) || url.protocol === "https:";
  const options: https.RequestOptions = { host: url.hostname.replace(/^\[(.*)\]$/, "$1"), port: Number(url.port || (tls ? 2376 : 2375)) };
  if (tls && env.DOCKER_CERT_PATH) {
    const read = (name: string): Buffer => readFileSync(nodePath.join(env.DOCKER_CERT_PATH!, name));
    Object.assign(options, { ca: read("ca.pem"), cert: read("cert.pem"), key: read("key.pem") });
  }
  return { tls, options };
}

/** A deadline over several calls (the clean-up's), which every call made inside it shares. */
const scope = new AsyncLocalStorage<AbortSignal>();

/**
 * Runs `work` with every engine call it makes ending by `ms` from now: past
 * it, they fail with the message, and so does `work`.
 */
export async function withinDeadline<T>(ms: number, message: string, work: () => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const expired = new Promise<never>((_, reject) => {
    controller.signal.addEventListener("abort", () => reject(controller.signal.reason as Error), { once: true });
  });
  expired.catch(() => undefined);
  const timer = setTimeout(() => controller.abort(new EngineError(message)), ms);
  timer.unref();
  try {
    return await Promise.race([scope.run(controller.signal, work), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Rejects with the message when the promise hasn't settled within `ms`. */
export async function settledWithin<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new EngineError(message)), ms);
    timer.unref();
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

type Callback = (error: Error | null, result?: unknown) => void;
interface DialOptions {
  path: string;
  method: string;
  isStream?: boolean;
  hijack?: boolean;
  abortSignal?: AbortSignal;
}
interface Modem {
  dial(options: DialOptions, callback: Callback): void;
}

/** What the bounded modem tells its owner, and the one thing it takes. */
export interface BoundedModem {
  /** Whether this process created a container, network or volume. */
  created(): boolean;
  /** Forgets an unanswered call: the engine answered /_ping since (a clean-up's first question). */
  reset(): void;
}

const creates = /\/(containers|networks|volumes)\/create$/;

/**
 * Puts the bounds on every request a dockerode modem makes from now on. A
 * stream that has answered is watched: quiet for a call timeout, the engine
 * is asked /_ping, and a stream of an engine that no longer answers fails.
 */
export function boundModem(modem: Modem, bounds: EngineBounds, env: NodeJS.ProcessEnv = process.env): BoundedModem {
  const dial = modem.dial.bind(modem);
  let created = false;
  // After a call went unanswered, the calls of the next call timeout fail at
  // once with its error instead of each waiting out its own bound: a run's
  // error path (stop, remove, clean-up) then ends in seconds, not minutes.
  let unanswered: { at: number; error: EngineError } | undefined;
  modem.dial = (options, callback) => {
    const timeoutMs = bounds.callTimeoutMs;
    if (unanswered && Date.now() - unanswered.at < timeoutMs) return callback(unanswered.error);
    const bound = boundOf(options.method, options.path, timeoutMs);
    const call = shownCall(options.method, options.path);
    const controller = new AbortController();
    const timer =
      bound.answerMs === undefined
        ? undefined
        : setTimeout(
            () =>
              controller.abort(
                new EngineError(
                  `the Docker engine at ${engineName(env)} did not answer ${call} within ${seconds(bound.answerMs!)} (TINY_DOCKER_TIMEOUT=${timeoutMs / 1000}): it hangs, or is paused`,
                ),
              ),
            bound.answerMs,
          );
    const signals = [controller.signal, options.abortSignal, scope.getStore()].filter((s): s is AbortSignal => s !== undefined);
    const signal = AbortSignal.any(signals);
    dial({ ...options, abortSignal: signal }, (error, result) => {
      clearTimeout(timer);
      if (error) {
        // The caller's own abort is the caller's to explain.
        if (options.abortSignal?.aborted) return callback(error);
        const reason = signals.find((s) => s.aborted)?.reason as Error | undefined;
        if (reason instanceof EngineError) {
          if (controller.signal.aborted) unanswered = { at: Date.now(), error: reason };
          return callback(reason);
        }
        return callback(
          isTransportError(error) ? Object.assign(new EngineError(transportMessage(error, call, env)), { cause: error }) : error,
        );
      }
      unanswered = undefined;
      if (options.method === "POST" && creates.test(options.path.split("?")[0]!)) created = true;
      if ((options.isStream || options.hijack) && result && typeof (result as Duplex).on === "function") {
        watchStream(result as Duplex, bound, bounds, call, env);
      }
      callback(null, result);
    });
  };
  return { created: () => created, reset: () => (unanswered = undefined) };
}

/**
 * Fails a stream whose engine stopped answering, or that stayed quiet past
 * its idle bound. Progress is read from the socket's byte count: a "data"
 * listener would start the stream flowing before its reader is there.
 */
function watchStream(stream: Duplex, bound: CallBound, bounds: EngineBounds, call: string, env: NodeJS.ProcessEnv): void {
  const timeoutMs = bounds.callTimeoutMs;
  const socket = (stream as Duplex & { socket?: { bytesRead: number } | null }).socket ?? (stream as Duplex & { bytesRead?: number });
  const bytesRead = (): number => socket?.bytesRead ?? 0;
  let seen = bytesRead();
  let lastProgress = Date.now();
  let checking = false;
  const fail = (message: string): void => void stream.destroy(new EngineError(message));
  const interval = setInterval(
    () => {
      if (bytesRead() !== seen) {
        seen = bytesRead();
        lastProgress = Date.now();
        return;
      }
      const quiet = Date.now() - lastProgress;
      if (bound.idleMs !== undefined && quiet >= bound.idleMs) {
        return fail(`the Docker engine at ${engineName(env)} sent nothing on ${call} for ${seconds(quiet)}`);
      }
      if (quiet < timeoutMs || checking) return;
      checking = true;
      pingEngine(timeoutMs, env).then(
        () => (checking = false),
        (error: Error) => fail(`${error.message} (during ${call})`),
      );
    },
    Math.min(timeoutMs, 5_000),
  );
  interval.unref();
  // A connection the engine dropped (it was killed) reads, to every listener, as the engine's failure.
  stream.prependListener("error", (error: Error) => {
    if (!(error instanceof EngineError) && isTransportError(error)) error.message = transportMessage(error, call, env);
  });
  stream.on("close", () => clearInterval(interval));
}
