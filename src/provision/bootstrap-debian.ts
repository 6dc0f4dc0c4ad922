// Makes a debian:<suite>-slim equivalent from a Debian mirror when no
// registry can be reached: mmdebstrap builds the tree, Docker imports it.
import { execFile } from "node:child_process";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { docker, followProgress } from "../docker.js";
import type { Platform } from "../settings.js";

const run = promisify(execFile);
const aptConf = fileURLToPath(new URL("debian-slim-apt.conf", import.meta.url));

// What debian:*-slim leaves out (the dpkg excludes of debuerreotype's --slim).
const slimExcludes = [
  "path-exclude=/usr/share/man/*",
  "path-exclude=/usr/share/info/*",
  "path-exclude=/usr/share/doc/*",
  "path-include=/usr/share/doc/*/copyright",
  "path-exclude=/usr/share/locale/*",
  "path-exclude=/usr/share/lintian/*",
  "path-exclude=/usr/share/linda/*",
];

/** bookworm from debian:bookworm-slim. */
export function suiteOf(ref: string): string {
  const tag = ref.split(":")[1] ?? "";
  const suite = tag.replace(/-slim$/, "");
  if (!/^[a-z]+$/.test(suite)) throw new Error(`can't tell the Debian suite of ${ref}`);
  return suite;
}

/** One tag per architecture asked for, so an engine can hold a foreign one beside its own. */
export function bootstrapTag(ref: string, platform?: Platform): string {
  return `tiny/bootstrap:debian-${suiteOf(ref)}-slim${platform ? `-${platform.debian}` : ""}`;
}

export async function bootstrapDebian(
  ref: string,
  options: { cacheDir: string; mirror?: string; platform?: Platform; progress: (line: string) => void },
): Promise<string> {
  const suite = suiteOf(ref);
  const tag = bootstrapTag(ref, options.platform);
  const workDir = path.join(options.cacheDir, "bootstrap");
  const tarball = path.join(workDir, `debian-${suite}-slim.tar`);
  await mkdir(workDir, { recursive: true });
  try {
    options.progress(`bootstrapping ${tag} from a Debian mirror with mmdebstrap (about a minute, once)`);
    const args = [
      "--variant=minbase",
      // Another architecture than this machine's runs its maintainer scripts under qemu (binfmt_misc).
      ...(options.platform ? [`--architectures=${options.platform.debian}`] : []),
      // Merge /usr with a hook, as the official images do, rather than with
      // the usrmerge package, which drags perl into the image.
      "--hook-dir=/usr/share/mmdebstrap/hooks/merged-usr",
      ...slimExcludes.map((rule) => `--dpkgopt=${rule}`),
      `--customize-hook=upload ${aptConf} /etc/apt/apt.conf.d/docker-slim`,
      '--customize-hook=rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin',
      suite,
      tarball,
      ...(options.mirror ? [options.mirror] : []),
    ];
    try {
      await run("mmdebstrap", args, { maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
      const e = error as NodeJS.ErrnoException & { stderr?: string };
      if (e.code === "ENOENT") {
        throw new Error("mmdebstrap is not installed: apt-get install mmdebstrap (scripts/docker-up.sh does)");
      }
      const tail = (e.stderr ?? "").trim().split("\n").slice(-15).join("\n  ");
      throw new Error(`mmdebstrap ${suite} failed:\n  ${tail}`);
    }
    const dockerode = await docker();
    const [repo, version] = tag.split(":") as [string, string];
    const stream = await dockerode.importImage(tarball, {
      repo,
      tag: version,
      changes: ['CMD ["bash"]'],
      // Newer engines label it so; Docker 20.10 ignores it and labels it with its own (bootstrapTag names it).
      ...(options.platform ? { platform: options.platform.docker } : {}),
    });
    await followProgress(stream);
    options.progress(`bootstrapped ${tag}`);
    return tag;
  } finally {
    await rm(tarball, { force: true });
  }
}
