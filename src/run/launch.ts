// Starts an image of a flavor for the benchmark: straight through the Docker
// API, so the moment of `docker start` is known to the millisecond and no
// readiness wait stands between it and the first answer the benchmark times.
// The container is reached at its own address on the bridge, not through
// Docker's userland port proxy, which would be one more process under load.
import { image, imageTag, type FlavorName, type ImageName } from "../catalog.js";
import { docker } from "../provision/docker.js";
import { ownedLabels } from "./cleanup.js";

export interface LaunchOptions {
  readonly owner: number;
  /** Added to, and overriding, the catalog's environment for the image. */
  readonly environment?: Readonly<Record<string, string>>;
  readonly network?: { readonly name: string; readonly alias: string };
}

export interface Launched {
  readonly id: string;
  /** Its address on its network; the host reaches it directly. */
  readonly ip: string;
  /** performance.now() just before Docker was asked to start it. */
  readonly startRequestedAt: number;
  /** Whether it is still running (a service that died gives no answer). */
  running(): Promise<boolean>;
  /** docker stop (SIGTERM, 10 s grace), then remove it with its anonymous volumes. */
  remove(): Promise<void>;
}

export async function launch(name: ImageName, flavorName: FlavorName, options: LaunchOptions): Promise<Launched> {
  const spec = image(name);
  const dockerode = await docker();
  const networkName = options.network?.name ?? "bridge";
  const environment = { ...spec.environment, ...options.environment };
  const container = await dockerode.createContainer({
    Image: imageTag(name, flavorName),
    ...(spec.command ? { Cmd: [...spec.command] } : {}),
    Env: Object.entries(environment).map(([key, value]) => `${key}=${value}`),
    Labels: ownedLabels(options.owner),
    HostConfig: { NetworkMode: networkName },
    ...(options.network
      ? { NetworkingConfig: { EndpointsConfig: { [networkName]: { Aliases: [options.network.alias] } } } }
      : {}),
  });
  const remove = async (): Promise<void> => {
    await container.stop({ t: 10 }).catch(() => undefined);
    await container.remove({ force: true, v: true }).catch(() => undefined);
  };
  try {
    const startRequestedAt = performance.now();
    await container.start();
    const info = await container.inspect();
    const ip = info.NetworkSettings.Networks[networkName]?.IPAddress;
    if (!ip) throw new Error(`${imageTag(name, flavorName)} has no address on network ${networkName}`);
    return {
      id: container.id,
      ip,
      startRequestedAt,
      running: async () => (await container.inspect()).State.Running,
      remove,
    };
  } catch (error) {
    await remove();
    throw error;
  }
}
