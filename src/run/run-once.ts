// Runs an image of a flavor once, to its exit, the way `docker run --rm`
// would: for a client such as ab, and for a service that must refuse to start.
import type { FlavorName, ImageName } from "../catalog.js";
import { containerConfig, createContainer, removeContainer, type ContainerOptions } from "./container.js";
import { outputOf } from "./inspect.js";

export interface RunOnceOptions extends ContainerOptions {
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
  const config = containerConfig(name, flavorName, options);
  const tag = config.tag;
  const container = await createContainer(config);
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
    const { StatusCode } = (await Promise.race([container.wait(), timedOut]).finally(() => clearTimeout(timer))) as { StatusCode: number };
    const durationMs = performance.now() - started;
    const { stdout, stderr } = await outputOf(container.id);
    return { exitCode: StatusCode, stdout, stderr, durationMs };
  } finally {
    await removeContainer(container);
  }
}
