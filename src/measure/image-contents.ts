// What is inside an image, read from its flattened filesystem (`docker
// export` of a container that never starts): how many files, which are
// setuid or setgid, whether a shell or a package manager is there, how
// many packages its package database lists (or, in an image with none, its
// distroless-style records in /var/lib/dpkg/status.d), and what an image
// built from whole packages left out of them.
import { extract, type Header } from "tar-stream";
import { imageTag, type FlavorName, type ImageName } from "../catalog.js";
import { leftOut, manifestDir, type Exclusion } from "./exclusions.js";
import { containerConfig, createContainer, removeContainer } from "../run/container.js";
import { runOnce } from "../run/run-once.js";

export interface ImageContents {
  readonly files: number;
  readonly packages: number;
  readonly setuidFiles: readonly string[];
  readonly shell: string | null;
  readonly packageManager: string | null;
  /** What its exclusion manifests say was left out, largest first; empty where there are none. */
  readonly leftOut: readonly Exclusion[];
}

const shells = ["bin/sh", "usr/bin/sh", "bin/bash", "usr/bin/bash"];
/** Highest-level first: the one a person would reach for. */
const packageManagers: ReadonlyArray<[string, readonly string[]]> = [
  ["apt-get", ["usr/bin/apt-get", "bin/apt-get"]],
  ["apk", ["sbin/apk", "usr/sbin/apk"]],
  ["dnf", ["usr/bin/dnf"]],
  ["yum", ["usr/bin/yum"]],
  ["microdnf", ["usr/bin/microdnf"]],
  ["dpkg", ["usr/bin/dpkg", "bin/dpkg"]],
  ["rpm", ["usr/bin/rpm", "bin/rpm"]],
];
const packageDatabases: Record<string, (text: string) => number> = {
  "var/lib/dpkg/status": (text) => (text.match(/^Status: install ok installed$/gm) ?? []).length,
  "lib/apk/db/installed": (text) => (text.match(/^P:/gm) ?? []).length,
};
/** One record per package, <name> beside <name>.md5sums, as distroless writes them (and Syft, Trivy and Grype read them). */
const statusDir = /^var\/lib\/dpkg\/status\.d\/[^/]+$/;
const isStatusRecord = (path: string): boolean => statusDir.test(path) && !path.endsWith(".md5sums");
const isManifest = (path: string): boolean => path.startsWith(`${manifestDir}/`) && path.endsWith(".tsv");
const rpmDatabases = ["var/lib/rpm/Packages", "var/lib/rpm/rpmdb.sqlite", "usr/lib/sysimage/rpm/rpmdb.sqlite"];

export interface Entry {
  readonly type: Header["type"];
  readonly linkname?: string | null;
  readonly mode: number;
}

export interface Filesystem {
  /** Every path, without the leading slash. */
  readonly entries: ReadonlyMap<string, Entry>;
  /** The text of the regular files `read` chose. */
  readonly texts: ReadonlyMap<string, string>;
}

/** An image's filesystem as built (`docker export` of a container created, never started), with the text of the files `read` chooses. */
export async function exportFilesystem(
  name: ImageName,
  flavorName: FlavorName,
  owner: number,
  read: (path: string) => boolean,
): Promise<Filesystem> {
  const container = await createContainer(containerConfig(name, flavorName, { owner, entrypoint: ["/nonexistent"], harnessPages: false }));
  const entries = new Map<string, Entry>();
  const texts = new Map<string, string>();
  try {
    const tar = extract();
    tar.on("entry", (header, stream, next) => {
      const path = header.name.replace(/^\.?\//, "").replace(/\/$/, "");
      entries.set(path, { type: header.type, linkname: header.linkname, mode: header.mode ?? 0 });
      if (header.type === "file" && read(path)) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: unknown) => chunks.push(chunk as Buffer));
        stream.on("end", () => {
          texts.set(path, Buffer.concat(chunks).toString("utf8"));
          next();
        });
      } else {
        stream.on("end", () => next());
        stream.resume();
      }
    });
    const exported = await container.export();
    await new Promise<void>((resolve, reject) => {
      tar.on("finish", resolve);
      tar.on("error", reject);
      exported.on("error", reject);
      exported.pipe(tar);
    });
  } finally {
    await removeContainer(container);
  }
  return { entries, texts };
}

function describeShell(entries: ReadonlyMap<string, Entry>): string | null {
  for (const path of shells) {
    const entry = entries.get(path);
    if (!entry) continue;
    return entry.type === "symlink" && entry.linkname ? `/${path} -> ${entry.linkname}` : `/${path}`;
  }
  return null;
}

export async function readContents(name: ImageName, flavorName: FlavorName, owner: number): Promise<ImageContents> {
  const tag = imageTag(name, flavorName);
  const { entries, texts: databases } = await exportFilesystem(name, flavorName, owner, (p) => p in packageDatabases || isManifest(p));
  const regular = [...entries].filter(([, e]) => e.type === "file");
  const setuidFiles = regular
    .filter(([, e]) => e.mode & 0o6000)
    .map(([p]) => `/${p}`)
    .sort();
  const statusRecords = regular.filter(([p]) => isStatusRecord(p)).length;
  const has = (paths: readonly string[]): boolean => paths.some((p) => entries.has(p));
  let packages = 0;
  for (const [path, count] of Object.entries(packageDatabases)) {
    const text = databases.get(path);
    if (text !== undefined) packages += count(text);
  }
  if (packages === 0) packages = statusRecords;
  // rpm's database is binary: ask rpm itself.
  if (packages === 0 && has(rpmDatabases) && has(["usr/bin/rpm", "bin/rpm"])) {
    const run = await runOnce(name, flavorName, { owner, entrypoint: ["rpm", "-qa"], timeoutMs: 60_000 });
    if (run.exitCode !== 0) throw new Error(`${tag}: rpm -qa failed: ${run.stderr.trim().split("\n").pop()}`);
    packages = run.stdout.split("\n").filter(Boolean).length;
  }
  return {
    files: regular.length,
    packages,
    setuidFiles,
    shell: describeShell(entries),
    packageManager: packageManagers.find(([, paths]) => has(paths))?.[0] ?? null,
    // Its own layer's manifest only: a service image's base layer left out
    // what base's report lists, and counting both would count twice what
    // the two layers left out of the same packages (or what the service
    // layer brought back, such as libssl3).
    leftOut: leftOut(new Map([...databases].filter(([path]) => path === `${manifestDir}/${name}.tsv`))),
  };
}
