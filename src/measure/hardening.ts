// What an image gives an intruder, from its configuration and its files.
import { docker } from "../docker.js";
import type { ImageContents } from "./image-contents.js";

export interface Hardening {
  /** The user the image's processes start as ("root" when the image sets none). */
  readonly user: string;
  readonly runsAsRoot: boolean;
  readonly healthcheck: boolean;
  /** Paths of files with the setuid or setgid bit. */
  readonly setuidFiles: readonly string[];
  /** The shell found (e.g. "/bin/sh -> busybox"), or null. */
  readonly shell: string | null;
  /** The package manager found (e.g. "apt-get", "apk", "yum"), or null. */
  readonly packageManager: string | null;
}

export async function hardeningOf(tag: string, contents: ImageContents): Promise<Hardening> {
  const { Config } = await (await docker()).getImage(tag).inspect();
  const user = Config.User || "root";
  const test = (Config as { Healthcheck?: { Test?: string[] } }).Healthcheck?.Test ?? [];
  return {
    user,
    runsAsRoot: /^(root|0)(:.*)?$/.test(user),
    healthcheck: test.length > 0 && test[0] !== "NONE",
    setuidFiles: contents.setuidFiles,
    shell: contents.shell,
    packageManager: contents.packageManager,
  };
}
