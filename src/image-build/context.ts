// What a build sends to Docker and what decides whether it must run again.
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { dockerfileOf, flavorNames, image, imagesDir, type FlavorName, type ImageName } from "../catalog.js";

async function listFiles(relative: string): Promise<string[]> {
  const full = path.join(imagesDir, relative);
  if (!(await stat(full)).isDirectory()) return [relative];
  const entries = await readdir(full, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => listFiles(path.posix.join(relative, e.name))));
  return nested.flat();
}

/**
 * The files below images/ that one image's flavor is built from: its own
 * folder (less the other flavors' Dockerfiles) and the shared files it names.
 */
export async function contextFiles(name: ImageName, flavorName: FlavorName): Promise<string[]> {
  const otherDockerfiles = new Set(flavorNames.filter((f) => f !== flavorName).map((f) => dockerfileOf(name, f)));
  const own = (await listFiles(name)).filter((f) => !otherDockerfiles.has(f));
  const shared = (await Promise.all(image(name).sharedFiles.map(listFiles))).flat();
  return [...new Set([...own, ...shared])].sort();
}

/** A digest of everything a build depends on: files, modes, build arguments. */
export async function inputHash(files: readonly string[], buildArgs: Readonly<Record<string, string>>): Promise<string> {
  const hash = createHash("sha256");
  for (const file of files) {
    const full = path.join(imagesDir, file);
    const mode = (await stat(full)).mode & 0o777;
    hash.update(`${file}\0${mode.toString(8)}\0`);
    hash.update(await readFile(full));
    hash.update("\0");
  }
  for (const key of Object.keys(buildArgs).sort()) hash.update(`${key}=${buildArgs[key]}\0`);
  return hash.digest("hex");
}
