// What Docker knows about a running container that Testcontainers doesn't
// expose: its processes, its health, how it ended.
import { PassThrough, Readable } from "node:stream";
import type { StartedTestContainer } from "testcontainers";
import { docker } from "../docker.js";

export interface ContainerProcess {
  /** Process IDs as the host sees them: compare them with each other only. */
  readonly pid: number;
  readonly ppid: number;
  readonly uid: number;
  readonly command: string;
}

/** The container's processes as the host sees them (docker top). */
export async function processesOf(container: StartedTestContainer): Promise<ContainerProcess[]> {
  const top = (await (await docker()).getContainer(container.getId()).top({ ps_args: "-o pid,ppid,uid,comm" })) as {
    Processes?: string[][];
  };
  const rows = top.Processes ?? [];
  return rows.map(([pid, ppid, uid, command]) => ({ pid: Number(pid), ppid: Number(ppid), uid: Number(uid), command: command ?? "" }));
}

/** docker kill -s: sends the container's main process a signal ("HUP", "USR1"). */
export async function signalContainer(container: StartedTestContainer, signal: string): Promise<void> {
  await (await docker()).getContainer(container.getId()).kill({ signal });
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

async function collect(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

/** What a container (running or not) has printed so far, stream by stream. */
export async function outputOf(containerId: string): Promise<{ stdout: string; stderr: string }> {
  const dockerode = await docker();
  const raw = await dockerode.getContainer(containerId).logs({ stdout: true, stderr: true, follow: false });
  // Without a TTY Docker multiplexes both streams into one; split them.
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const texts = Promise.all([collect(stdout), collect(stderr)]);
  const source = Readable.from([raw]);
  source.once("end", () => {
    stdout.end();
    stderr.end();
  });
  dockerode.modem.demuxStream(source, stdout, stderr);
  const [out, err] = await texts;
  return { stdout: out, stderr: err };
}

/** Both streams of a started container's output, as one text. */
export async function logsOf(container: StartedTestContainer): Promise<string> {
  const { stdout, stderr } = await outputOf(container.getId());
  return stdout + stderr;
}
