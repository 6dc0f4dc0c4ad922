// What a build sends to Docker and what decides whether it must run again.
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { dockerfileOf, imagesDir, type FlavorName, type ImageName } from "../catalog.js";
import { contextSources, parseDockerfile } from "./dockerfile.js";

async function listFiles(relative: string): Promise<string[]> {
  const full = path.join(imagesDir, relative);
  if (!(await stat(full)).isDirectory()) return [relative];
  const entries = await readdir(full, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => listFiles(path.posix.join(relative, e.name))));
  return nested.flat();
}

/**
 * The files below images/ that one image's flavor is built from: its
 * Dockerfile and what its COPY and ADD instructions take from the context.
 * Read from the Dockerfile, so a file only the scratch build copies (the
 * package-copying scripts) doesn't rebuild the debian flavor, and a source
 * nobody listed can't be forgotten.
 */
export async function contextFiles(name: ImageName, flavorName: FlavorName): Promise<string[]> {
  const dockerfile = dockerfileOf(name, flavorName);
  const parsed = parseDockerfile(await readFile(path.join(imagesDir, dockerfile), "utf8"));
  const sources = parsed.instructions.flatMap(contextSources).map((s) => path.posix.normalize(s).replace(/\/$/, ""));
  const files = (await Promise.all(sources.map(listFiles))).flat();
  return [...new Set([dockerfile, ...files])].sort();
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
