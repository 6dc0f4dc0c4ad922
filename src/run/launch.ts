// Starts an image of a flavor for the benchmark: straight through the Docker
// API, so the moment of `docker start` is known to the millisecond and no
// readiness wait stands between it and the first answer the benchmark times.
// The container is reached at its own address on the bridge, not through
// Docker's userland port proxy, which would be one more process under load.
import type { FlavorName, ImageName } from "../catalog.js";
import { containerConfig, createContainer, networkOf, removeContainer, type ContainerOptions } from "./container.js";

export interface Launched {
  readonly id: string;
  /** Its address on its network; the host reaches it directly. */
  readonly ip: string;
  /** The environment it was started with (the catalog's and the caller's). */
  readonly environment: Readonly<Record<string, string>>;
  /** performance.now() just before Docker was asked to start it. */
  readonly startRequestedAt: number;
  /** Whether it is still running (a service that died gives no answer). */
  running(): Promise<boolean>;
  /** docker stop (SIGTERM, 10 s grace), then remove it with its anonymous volumes. */
  remove(): Promise<void>;
}

export async function launch(name: ImageName, flavorName: FlavorName, options: ContainerOptions): Promise<Launched> {
  const config = containerConfig(name, flavorName, options);
  const container = await createContainer(config);
  const remove = async (): Promise<void> => {
    await container.stop({ t: 10 }).catch(() => undefined);
    await removeContainer(container);
  };
  try {
    const startRequestedAt = performance.now();
    await container.start();
    const info = await container.inspect();
    const ip = info.NetworkSettings.Networks[networkOf(config)]?.IPAddress;
    if (!ip) throw new Error(`${config.tag} has no address on network ${networkOf(config)}`);
    return {
      id: container.id,
      ip,
      environment: config.environment,
      startRequestedAt,
      running: async () => (await container.inspect()).State.Running,
      remove,
    };
  } catch (error) {
    await remove();
    throw error;
  }
}
