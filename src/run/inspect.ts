// What Docker knows about a running container that Testcontainers doesn't
// expose: its processes, its health, how it ended.
import type { StartedTestContainer } from "testcontainers";
import { docker } from "../provision/docker.js";

export interface ContainerProcess {
  readonly uid: number;
  readonly command: string;
}

/** The container's processes as the host sees them (docker top). */
export async function processesOf(container: StartedTestContainer): Promise<ContainerProcess[]> {
  const top = await (await docker()).getContainer(container.getId()).top({ ps_args: "-o pid,uid,comm" });
  const rows = (top.Processes ?? []) as string[][];
  return rows.map(([, uid, command]) => ({ uid: Number(uid), command: command ?? "" }));
}

export interface ContainerState {
  readonly running: boolean;
  readonly exitCode: number;
  readonly health?: string;
}

export async function stateOf(container: StartedTestContainer): Promise<ContainerState> {
  const { State } = await (await docker()).getContainer(container.getId()).inspect();
  return { running: State.Running, exitCode: State.ExitCode, health: State.Health?.Status };
}

/** Polls until `done(state)` holds; returns the last state either way. */
export async function waitForState(
  container: StartedTestContainer,
  done: (state: ContainerState) => boolean,
  timeoutMs: number,
): Promise<ContainerState> {
  const deadline = Date.now() + timeoutMs;
  let state = await stateOf(container);
  while (!done(state) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    state = await stateOf(container);
  }
  return state;
}

/** docker stop with Docker's usual 10 s grace; returns how long it took. */
export async function stopTimed(container: StartedTestContainer): Promise<number> {
  const started = performance.now();
  await (await docker()).getContainer(container.getId()).stop({ t: 10 });
  return (performance.now() - started) / 1000;
}
