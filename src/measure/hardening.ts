// What an image gives an intruder, from its configuration and its files.
import { docker } from "../provision/docker.js";
import type { Hardening } from "../report/schema.js";
import type { ImageContents } from "./image-contents.js";

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
