// Networks and volumes the harness creates, labelled like its containers so
// the run's clean-up (run/cleanup.ts) removes them too.
import { randomBytes } from "node:crypto";
import { docker, ignoreGone } from "../docker.js";
import { ownedLabels } from "./cleanup.js";

export interface OwnedResource {
  readonly name: string;
  /** Removes it now; a resource already gone is not an error. */
  remove(): Promise<void>;
}

const uniqueName = (kind: string): string => `tiny-${kind}-${randomBytes(4).toString("hex")}`;

// A network or volume still in use (409) by a container a failed test left
// is removed by the run's clean-up at its end, containers first.

/** A user-defined bridge network: containers on it reach each other by alias. */
export async function createNetwork(owner: number): Promise<OwnedResource> {
  const dockerode = await docker();
  const name = uniqueName("net");
  const network = await dockerode.createNetwork({ Name: name, Driver: "bridge", Labels: ownedLabels(owner) });
  return { name, remove: () => network.remove().then(() => undefined, ignoreGone) };
}

/** A named volume, for data that must outlive one container. */
export async function createVolume(owner: number): Promise<OwnedResource> {
  const dockerode = await docker();
  const name = uniqueName("vol");
  await dockerode.createVolume({ Name: name, Labels: ownedLabels(owner) });
  return {
    name,
    remove: () =>
      dockerode
        .getVolume(name)
        .remove()
        .then(() => undefined, ignoreGone),
  };
}
