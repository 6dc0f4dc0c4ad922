// Runs a command inside a running container, to its exit, and collects its
// output: how the benchmark runs ab bursts inside one long-lived ab
// container, so the container's CPU time around a burst is that burst's.
import { PassThrough } from "node:stream";
import { docker } from "../docker.js";
import type { RunOnceResult } from "./run-once.js";

const collect = (stream: PassThrough): (() => string) => {
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  return () => Buffer.concat(chunks).toString("utf8");
};

/** The container's own entrypoint (["ab"], ["/usr/bin/ab"]), to run its program again inside it. */
export async function entrypointOf(containerId: string): Promise<string[]> {
  const { Config } = await (await docker()).getContainer(containerId).inspect();
  const entrypoint = Config.Entrypoint;
  return typeof entrypoint === "string" ? [entrypoint] : [...(entrypoint ?? [])];
}

/** Runs `command` in the container and waits for it; fails after `timeoutMs`, naming the command. */
export async function execIn(containerId: string, command: readonly string[], timeoutMs: number): Promise<RunOnceResult> {
  const engine = await docker();
  const exec = await engine.getContainer(containerId).exec({ Cmd: [...command], AttachStdout: true, AttachStderr: true });
  const started = performance.now();
  const stream = await exec.start({ hijack: true, stdin: false });
  const [out, err] = [new PassThrough(), new PassThrough()];
  const [stdout, stderr] = [collect(out), collect(err)];
  engine.modem.demuxStream(stream, out, err);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      new Promise<void>((resolve, reject) => {
        stream.on("end", () => resolve());
        stream.on("error", reject);
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${command.join(" ")} did not end within ${timeoutMs / 1000} s`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    stream.destroy();
  }
  const { ExitCode } = await exec.inspect();
  return { exitCode: ExitCode ?? -1, stdout: stdout(), stderr: stderr(), durationMs: performance.now() - started };
}
