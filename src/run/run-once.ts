// Runs an image of a flavor once, to its exit, the way `docker run --rm`
// would: for a client such as ab, and for a service that must refuse to start.
import { imageTag, type FlavorName, type ImageName } from "../catalog.js";
import { docker } from "../provision/docker.js";
import { ownedLabels } from "./cleanup.js";
import { outputOf } from "./inspect.js";

export interface RunOnceOptions {
  /** The main process of the run the container belongs to. */
  readonly owner: number;
  /** Arguments to the image's entrypoint (its CMD otherwise). */
  readonly args?: readonly string[];
  /** Run this instead of the image's entrypoint. */
  readonly entrypoint?: readonly string[];
  readonly environment?: Readonly<Record<string, string>>;
  /** A network (run/network.ts) to join, so other containers are reached by alias. */
  readonly network?: string;
  /** Named volumes (run/network.ts) to mount: volume name -> path in the container. */
  readonly volumes?: Readonly<Record<string, string>>;
  /** Kill it and fail after this long. */
  readonly timeoutMs?: number;
}

export interface RunOnceResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
}

export async function runOnce(name: ImageName, flavorName: FlavorName, options: RunOnceOptions): Promise<RunOnceResult> {
  const dockerode = await docker();
  const tag = imageTag(name, flavorName);
  const container = await dockerode.createContainer({
    Image: tag,
    ...(options.args ? { Cmd: [...options.args] } : {}),
    ...(options.entrypoint ? { Entrypoint: [...options.entrypoint] } : {}),
    Env: Object.entries(options.environment ?? {}).map(([key, value]) => `${key}=${value}`),
    Labels: ownedLabels(options.owner),
    HostConfig: {
      NetworkMode: options.network ?? "bridge",
      Binds: Object.entries(options.volumes ?? {}).map(([volume, target]) => `${volume}:${target}`),
    },
  });
  try {
    const started = performance.now();
    await container.start();
    const timeoutMs = options.timeoutMs ?? 120_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        void container.kill().catch(() => undefined);
        reject(new Error(`${tag} did not exit within ${timeoutMs / 1000} s; it was killed`));
      }, timeoutMs);
    });
    const { StatusCode } = (await Promise.race([container.wait(), timedOut]).finally(() =>
      clearTimeout(timer),
    )) as { StatusCode: number };
    const durationMs = performance.now() - started;
    const { stdout, stderr } = await outputOf(container.id);
    return { exitCode: StatusCode, stdout, stderr, durationMs };
  } finally {
    await container.remove({ force: true, v: true }).catch(() => undefined);
  }
}
