// Test fixture images (suites/fixtures/<name>/Dockerfile): files a suite
// needs from Debian's packages but that belong in no product image
// (WordPress). Built from the Debian image the flavors use, with each step
// printed, and only when the folder or that image changed (a hash of them
// is a label on the image). When Debian's mirror can't be reached the
// answer is the reason to skip, never an image.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { builtFlavor } from "../../src/catalog.js";
import { docker, localImageId } from "../../src/docker.js";
import { BuildLog, type BuildEvent } from "../../src/image-build/build-log.js";
import { bootstrapTag } from "../../src/provision/bootstrap-debian.js";
import { ownedLabels } from "../../src/run/cleanup.js";

const fixturesDir = path.join(import.meta.dirname, "../fixtures");
const hashLabel = "tiny-docker-images.fixture-hash";

export type Fixture = { readonly tag: string } | { readonly skip: string };

const progress = (line: string): void => {
  process.stderr.write(`[tiny] ${line}\n`);
};

/** The Debian image the flavors build from: pulled or bootstrapped by the global setup. */
async function debianImage(): Promise<string | undefined> {
  const { ref } = builtFlavor("debian").upstream;
  if (await localImageId(ref)) return ref;
  return (await localImageId(bootstrapTag(ref))) ? bootstrapTag(ref) : undefined;
}

// What apt says when the mirror can't be reached (or answers without the package).
const unreachable =
  /Could not resolve|Temporary failure resolving|Failed to fetch|Unable to connect|Network is unreachable|Connection timed out|Unable to locate package/;

/** The line of a failed build's output that says Debian's mirror could not be reached, if one does. */
export function unreachableMirror(output: string): string | undefined {
  return output
    .split("\n")
    .find((line) => unreachable.test(line))
    ?.trim();
}

async function inputHash(name: string, files: readonly string[], base: string): Promise<string> {
  const hash = createHash("sha256").update(`${base}@${(await localImageId(base)) ?? ""}\0`);
  for (const file of files) hash.update(`${file}\0`).update(await readFile(path.join(fixturesDir, name, file)));
  return hash.digest("hex");
}

/** The fixture image, built if missing or out of date, or why it can't be had here. */
export async function fixtureImage(name: string): Promise<Fixture> {
  const tag = `tiny-fixture/${name}:latest`;
  const base = await debianImage();
  if (!base) return { skip: "no Debian image here (the global setup provides one when the flavors are available)" };
  const files = (await readdir(path.join(fixturesDir, name))).sort();
  const hash = await inputHash(name, files, base);
  const dockerode = await docker();
  if ((await localImageId(tag)) && (await dockerode.getImage(tag).inspect()).Config.Labels?.[hashLabel] === hash) {
    progress(`${tag}: up to date`);
    return { tag };
  }
  progress(`${tag}: building from ${base}`);
  const stream = await dockerode.buildImage(
    { context: path.join(fixturesDir, name), src: files },
    { t: tag, buildargs: { DEBIAN_IMAGE: base }, labels: { [hashLabel]: hash }, rm: true, forcerm: true, pull: false },
  );
  const log = new BuildLog();
  const output: string[] = [];
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    const event = JSON.parse(line) as BuildEvent;
    output.push(event.stream ?? event.error ?? "");
    const step = log.take(event);
    if (step) progress(`${tag}: ${step}`);
  }
  const failure = log.failure(tag, "(the build's output is above)");
  if (!failure) return { tag };
  const cause = unreachableMirror(output.join(""));
  if (cause) return { skip: `Debian's mirror can't be reached: ${cause}` };
  throw failure;
}

/** The tar of one folder of an image, read through a container that is created, never started. */
export async function filesOf(tag: string, folder: string, owner: number): Promise<Buffer> {
  const container = await (await docker()).createContainer({ Image: tag, Labels: ownedLabels(owner) });
  try {
    const archive = await container.getArchive({ path: folder });
    const chunks: Buffer[] = [];
    for await (const chunk of archive) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  } finally {
    await container.remove({ force: true });
  }
}
