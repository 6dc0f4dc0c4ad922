// Runs a parity probe in a container of its own, as the benchmark does for a
// pair of two distributions: started through the Docker API like every
// benchmark container (run/launch.ts), ready by the catalog's check, asked,
// removed. A flavor that can't start or can't answer gives an error, not an
// exception: the report records it and goes on.
import mysql from "mysql2/promise";
import { image, type FlavorName, type ImageName } from "../../catalog.js";
import type { ContainerFile } from "../../run/container-files.js";
import { launch, type Launched } from "../../run/launch.js";
import { timeToReady } from "../startup.js";
import type { Answer } from "./answers.js";
import type { ProbeOutcome } from "./behaviour.js";
import { askPhpProbe, phpProbeFiles, phpSections } from "./php-probe.js";
import { sqlProbe, sqlSections } from "./sql-probe.js";

export interface BehaviourProbe {
  /** "PHP", "SQL": what the report calls it. */
  readonly probe: string;
  readonly sections: readonly string[];
  /** What the container needs put into it before it starts (the PHP probe's pages). */
  readonly files?: () => Promise<ContainerFile[]>;
  /** Every section's answer from the ready container. */
  ask(container: Launched): Promise<Answer>;
}

const portOf = (name: ImageName): number => image(name).ports[0]!;

/** The SQL probe as root: installing a plugin and reading the mysql and sys schemas need it. */
async function askSql(container: Launched): Promise<Answer> {
  const { host, port } = container.address(portOf("mariadb"));
  const db = await mysql.createConnection({
    host,
    port,
    user: "root",
    password: container.environment.MARIADB_ROOT_PASSWORD ?? "",
    charset: "utf8mb4_general_ci",
    connectTimeout: 10_000,
  });
  try {
    return await sqlProbe(db);
  } finally {
    await db.end().catch(() => undefined);
  }
}

/** The images that have a probe, and how each is asked. */
export const behaviourProbes: Partial<Record<ImageName, BehaviourProbe>> = {
  "nginx-php": {
    probe: "PHP",
    sections: phpSections,
    files: phpProbeFiles,
    ask: (container) => {
      const { host, port } = container.address(portOf("nginx-php"));
      return askPhpProbe(`http://${host}:${port}`);
    },
  },
  mariadb: { probe: "SQL", sections: Object.keys(sqlSections), ask: askSql },
};

/** One flavor's answer to its image's probe, or why it gave none. */
export async function probeFlavor(name: ImageName, flavor: FlavorName, owner: number, cpus?: string): Promise<ProbeOutcome> {
  const spec = behaviourProbes[name];
  if (!spec) return { error: `${name} has no probe` };
  let container: Launched | undefined;
  try {
    const files = spec.files ? await spec.files() : [];
    container = await launch(name, flavor, { owner, files, ...(cpus ? { cpus } : {}) });
    await timeToReady(name, flavor, container);
    return { answer: await spec.ask(container) };
  } catch (error) {
    return { error: (error as Error).message.split("\n")[0]! };
  } finally {
    await container?.remove();
  }
}
