// Files the harness puts into a container before it starts: the suites' and
// the benchmark's own pages, which the images don't ship. Through the
// engine's archive API, so a remote engine gets them too.
import type Dockerode from "dockerode";
import tar from "tar-stream";

/**
 * A file to place in a container: its absolute path there, its bytes, its
 * mode (0644 by default); or a named pipe (a reader blocks on it until the
 * container is removed: how a client image with no shell is kept idle).
 */
export type ContainerFile =
  | { readonly path: string; readonly content: string | Buffer; readonly mode?: number }
  | { readonly path: string; readonly fifo: true; readonly mode?: number };

/** A tar of the files, rooted at /, owned by root and readable by everyone. */
export async function filesArchive(files: readonly ContainerFile[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const file of files) {
    if (!file.path.startsWith("/")) throw new Error(`a container file's path must be absolute: ${file.path}`);
    const header = { name: file.path.slice(1), mode: file.mode ?? 0o644, uid: 0, gid: 0 };
    if ("fifo" in file) pack.entry({ ...header, type: "fifo" });
    else pack.entry(header, file.content);
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    pack.on("data", (chunk: unknown) => chunks.push(chunk as Buffer));
    pack.on("end", () => resolve(Buffer.concat(chunks)));
    pack.on("error", reject);
  });
}

/** Puts the files into a created (or running) container. */
export async function putFiles(container: Dockerode.Container, files: readonly ContainerFile[]): Promise<void> {
  if (files.length === 0) return;
  await container.putArchive(await filesArchive(files), { path: "/" });
}
