// The harness's own pages for an image (the catalog's harnessPages), as
// files to put into a container: read from the repository once per run.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { image, repoRoot, type ImageName } from "../catalog.js";
import type { ContainerFile } from "./container-files.js";

const read = new Map<ImageName, readonly ContainerFile[]>();

/** Every file of the folder, at its place under `target`, in name order. */
export function filesOfFolder(folder: string, target: string): ContainerFile[] {
  const entries = readdirSync(folder, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return entries
    .map((e) => path.relative(folder, path.join(e.parentPath, e.name)))
    .sort()
    .map((relative) => ({
      path: path.posix.join(target, ...relative.split(path.sep)),
      content: readFileSync(path.join(folder, relative)),
    }));
}

/** The image's harness pages; none for an image that has none. */
export function harnessPages(name: ImageName): readonly ContainerFile[] {
  const pages = image(name).harnessPages;
  if (!pages) return [];
  if (!read.has(name)) read.set(name, filesOfFolder(path.join(repoRoot, pages.folder), pages.target));
  return read.get(name)!;
}
