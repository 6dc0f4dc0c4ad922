// The one way a container of a catalog image is described and created: the
// catalog's command, environment and harness pages, the caller's additions,
// the run's clean-up labels. The benchmark, run-once and the content reader create it
// through the Docker API (createContainer); the suites start the same
// description through Testcontainers (start.ts).
import type Dockerode from "dockerode";
import { environmentOf, image, imageTag, runNofile, type FlavorName, type ImageName } from "../catalog.js";
import { docker } from "../docker.js";
import { ownedLabels } from "./cleanup.js";
import { putFiles, withOverrides, type ContainerFile } from "./container-files.js";
import { harnessPages } from "./harness-pages.js";

export interface ContainerOptions {
  /** The main process of the run the container belongs to. */
  readonly owner: number;
  /** Added to, and overriding, the catalog's environment; `replaceEnvironment` drops the catalog's. */
  readonly environment?: Readonly<Record<string, string>>;
  readonly replaceEnvironment?: boolean;
  /** Arguments to the entrypoint, instead of the catalog's command or the image's CMD. */
  readonly command?: readonly string[];
  /** Run this instead of the image's entrypoint. */
  readonly entrypoint?: readonly string[];
  /** A network (run/network.ts) to join, reachable there by the alias. */
  readonly network?: { readonly name: string; readonly alias?: string };
  /** Named volumes (run/network.ts) to mount: volume name -> path in the container. */
  readonly volumes?: Readonly<Record<string, string>>;
  /** The CPUs it may run on ("1", "2-3"): the benchmark keeps servers and load generators apart. */
  readonly cpus?: string;
  /** A CPU quota in billionths of a CPU (Docker's NanoCpus): the calibration's known slow-down. */
  readonly nanoCpus?: number;
  /** Another image than the flavor's own (the calibration runs one image on both sides of a pair). */
  readonly tag?: string;
  /** Container ports to publish on free ports of the engine's host: how a remote engine's containers are reached. */
  readonly publish?: readonly number[];
  /** Files put into it before it starts, after the catalog's harness pages: one at a page's path replaces it. */
  readonly files?: readonly ContainerFile[];
  /**
   * false: the image as it ships, without the catalog's harness pages (what
   * is measured of an image's files). Readiness may need a harness page:
   * wait for the image's own HEALTHCHECK instead.
   */
  readonly harnessPages?: boolean;
  /** Run as this user instead of the image's (`docker run --user`). */
  readonly user?: string;
}

export interface ContainerConfig {
  readonly tag: string;
  readonly command?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly network?: ContainerOptions["network"];
  readonly volumes: Readonly<Record<string, string>>;
  readonly cpus?: string;
  readonly nanoCpus?: number;
  readonly publish: readonly number[];
  readonly files: readonly ContainerFile[];
  /** The open-files limit (soft = hard) the flavor sets whatever the engine's default, as many as the image needs (catalog.ts). */
  readonly nofile?: number;
  readonly user?: string;
}

export function containerConfig(name: ImageName, flavorName: FlavorName, options: ContainerOptions): ContainerConfig {
  const command = options.command ?? image(name).command;
  const nofile = runNofile(name, flavorName);
  return {
    tag: options.tag ?? imageTag(name, flavorName),
    ...(command ? { command } : {}),
    ...(options.entrypoint ? { entrypoint: options.entrypoint } : {}),
    environment: options.replaceEnvironment ? { ...options.environment } : environmentOf(name, options.environment),
    labels: ownedLabels(options.owner),
    ...(options.network ? { network: options.network } : {}),
    volumes: options.volumes ?? {},
    ...(options.cpus ? { cpus: options.cpus } : {}),
    ...(options.nanoCpus ? { nanoCpus: options.nanoCpus } : {}),
    publish: options.publish ?? [],
    files: withOverrides(options.harnessPages === false ? [] : harnessPages(name), options.files ?? []),
    ...(nofile === undefined ? {} : { nofile }),
    ...(options.user ? { user: options.user } : {}),
  };
}

/** The network a container of this config is on ("bridge" when it names none). */
export const networkOf = (config: ContainerConfig): string => config.network?.name ?? "bridge";

/** Creates (does not start) the container through the Docker API, with its files in place. */
export async function createContainer(config: ContainerConfig): Promise<Dockerode.Container> {
  const container = await createBare(config);
  try {
    await putFiles(container, config.files);
  } catch (error) {
    await removeContainer(container);
    throw error;
  }
  return container;
}

/** What the Docker API creates the container from. */
export function createOptions(config: ContainerConfig): Dockerode.ContainerCreateOptions {
  const network = networkOf(config);
  const alias = config.network?.alias;
  const ports = config.publish.map((port) => `${port}/tcp`);
  return {
    Image: config.tag,
    ...(ports.length > 0 ? { ExposedPorts: Object.fromEntries(ports.map((p) => [p, {}])) } : {}),
    ...(config.command ? { Cmd: [...config.command] } : {}),
    ...(config.entrypoint ? { Entrypoint: [...config.entrypoint] } : {}),
    Env: Object.entries(config.environment).map(([key, value]) => `${key}=${value}`),
    Labels: { ...config.labels },
    ...(config.user ? { User: config.user } : {}),
    HostConfig: {
      NetworkMode: network,
      Binds: Object.entries(config.volumes).map(([volume, target]) => `${volume}:${target}`),
      ...(config.cpus ? { CpusetCpus: config.cpus } : {}),
      ...(config.nanoCpus ? { NanoCpus: config.nanoCpus } : {}),
      ...(config.nofile === undefined ? {} : { Ulimits: [{ Name: "nofile", Soft: config.nofile, Hard: config.nofile }] }),
      // An empty HostPort: the engine picks a free one, read back after the start.
      ...(ports.length > 0 ? { PortBindings: Object.fromEntries(ports.map((p) => [p, [{ HostPort: "" }]])) } : {}),
    },
    ...(alias ? { NetworkingConfig: { EndpointsConfig: { [network]: { Aliases: [alias] } } } } : {}),
  };
}

function createBare(config: ContainerConfig): Promise<Dockerode.Container> {
  return docker().then((engine) => engine.createContainer(createOptions(config)));
}

/** Removes a container and its anonymous volumes; one already gone is not an error. */
export async function removeContainer(container: Dockerode.Container): Promise<void> {
  await container.remove({ force: true, v: true }).catch(() => undefined);
}
