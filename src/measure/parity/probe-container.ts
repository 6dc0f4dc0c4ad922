// Runs an image's parity probe in a container of its own, as the benchmark
// does for a pair of two distributions: started through the Docker API like
// every benchmark container (run/launch.ts), with the probe's pages in it,
// ready by the catalog's check, asked, removed. A flavor that can't start or
// can't answer gives an error, not an exception: the report records it and
// goes on.
import { image, type FlavorName, type ImageName } from "../../catalog.js";
import { launch, type Launched } from "../../run/launch.js";
import { timeToReady } from "../startup.js";
import type { ProbeOutcome } from "./behaviour.js";
import { probeFiles, type ParityProbe } from "./probe.js";

/** One flavor's answer to its image's probe, or why it gave none. */
export async function probeFlavor(
  name: ImageName,
  probe: ParityProbe,
  flavor: FlavorName,
  owner: number,
  cpus?: string,
): Promise<ProbeOutcome> {
  let container: Launched | undefined;
  try {
    container = await launch(name, flavor, { owner, files: probeFiles(name, probe), ...(cpus ? { cpus } : {}) });
    await timeToReady(name, flavor, container);
    const { host, port } = container.address(image(name).ports[0]!);
    return { answer: await probe.ask({ host, port, environment: container.environment }) };
  } catch (error) {
    return { error: (error as Error).message.split("\n")[0]! };
  } finally {
    await container?.remove();
  }
}
