// The Docker API client, shared with Testcontainers so both talk to the same
// engine the same way. Everything that talks to Docker goes through docker().
import type Dockerode from "dockerode";
import { getContainerRuntimeClient } from "testcontainers";
import { boundModem, EngineError, engineName, pingEngine, settledWithin, type BoundedModem } from "./docker-bounds.js";
import { dockerTimeoutMs } from "./settings.js";

export { EngineError, engineName, withinDeadline } from "./docker-bounds.js";

/** Where the engine is, as DOCKER_HOST names it. */
export interface EngineLocation {
  /** On another machine, or standing in for one (tcp://): its containers are reached at `host` on published ports. */
  readonly remote: boolean;
  /** The address this machine reaches the engine's published ports at. */
  readonly host: string;
  /** DOCKER_HOST as given, or "local socket". */
  readonly name: string;
}

/**
 * Reads DOCKER_HOST: unset or a unix socket is this machine's engine;
 * tcp:// (or http(s)://) is an engine elsewhere, whose containers this
 * machine can't reach on their bridge. Anything else is refused in one line.
 */
export function engineLocation(env: NodeJS.ProcessEnv = process.env): EngineLocation {
  const value = env.DOCKER_HOST?.trim();
  if (!value || value.startsWith("unix://") || value.startsWith("npipe://")) {
    return { remote: false, host: "localhost", name: value || "local socket" };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`DOCKER_HOST=${value} is not a URL; give unix:///path/to/docker.sock or tcp://host:port`);
  }
  if (!["tcp:", "http:", "https:"].includes(url.protocol)) {
    throw new Error(
      `DOCKER_HOST=${value}: only unix:// and tcp:// engines are supported; forward an ssh engine with ssh -L and give tcp://`,
    );
  }
  return { remote: true, host: url.hostname.replace(/^\[(.*)\]$/, "$1"), name: value };
}

/**
 * Testcontainers reads these when it first connects. Without a registry its
 * reaper image can't be pulled (the harness removes what it creates itself,
 * run/cleanup.ts), and behind a container host it would pull alpine to find
 * the host address, which DOCKER_HOST already gives. A value the user set wins.
 */
export function configureTestcontainers(env: NodeJS.ProcessEnv = process.env): void {
  env.TESTCONTAINERS_RYUK_DISABLED ??= "true";
  env.TESTCONTAINERS_HOST_OVERRIDE ??= engineLocation(env).host;
}

let client: Promise<Dockerode> | undefined;
let bounded: BoundedModem | undefined;

/**
 * The engine's client, Testcontainers configured first; call it before
 * starting a Testcontainers container too. The engine is asked /_ping first,
 * with a deadline: Testcontainers' own probing has none, and says only that
 * no strategy worked. Every call made through the client is bounded from
 * then on (docker-bounds.ts), Testcontainers' included.
 */
export function docker(): Promise<Dockerode> {
  configureTestcontainers();
  client ??= connect().catch((error: unknown) => {
    client = undefined;
    throw error;
  });
  return client;
}

async function connect(): Promise<Dockerode> {
  const callTimeoutMs = dockerTimeoutMs();
  await pingEngine(callTimeoutMs);
  const runtime = await settledWithin(
    getContainerRuntimeClient(),
    callTimeoutMs,
    `the Docker engine at ${engineName()} answered /_ping but not Testcontainers' questions (/info) within ${callTimeoutMs / 1000} s (TINY_DOCKER_TIMEOUT)`,
  ).catch((error: unknown) => {
    if (error instanceof EngineError) throw error;
    throw new EngineError(
      `the Docker engine at ${engineName()} answers /_ping, but Testcontainers can't use it (${(error as Error).message})`,
    );
  });
  const dockerode = runtime.container.dockerode;
  bounded = boundModem(dockerode.modem, { callTimeoutMs });
  return dockerode;
}

/**
 * Asks the engine /_ping afresh (bounded), and when it answers, lets calls
 * through again that an unanswered one had made fail at once: a clean-up
 * after a slow call must still try.
 */
export async function recheckEngine(): Promise<void> {
  await pingEngine(dockerTimeoutMs());
  bounded?.reset();
}

/** Whether this process has created a container, network or volume: if not, there is nothing of its own to clean up. */
export function createdOnEngine(): boolean {
  return bounded?.created() ?? false;
}

/** The image's ID, or undefined when it is not present locally. */
export async function localImageId(ref: string): Promise<string | undefined> {
  try {
    return (await (await docker()).getImage(ref).inspect()).Id;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return undefined;
    throw error;
  }
}

/** Reads a Docker JSON-lines progress stream to its end; rejects on an error event. */
export async function followProgress(stream: NodeJS.ReadableStream): Promise<void> {
  const dockerode = await docker();
  await new Promise<void>((resolve, reject) => {
    dockerode.modem.followProgress(stream, (error: Error | null, events: Array<{ error?: string }>) => {
      const failed = error?.message ?? events.find((e) => e.error)?.error;
      if (failed) reject(new Error(failed));
      else resolve();
    });
  });
}

/** For a removal's catch: gone already (404) or being removed by someone else (409) meets the goal; anything else is thrown. */
export function ignoreGone(error: unknown): void {
  const status = (error as { statusCode?: number }).statusCode;
  if (status !== 404 && status !== 409) throw error as Error;
}
