import { describe, expect, it } from "vitest";
import { contextFiles } from "./context.js";

describe("contextFiles", () => {
  it("takes a flavor's files from its Dockerfile: what it copies, and the Dockerfile itself", async () => {
    const debian = await contextFiles("base", "debian");
    expect(debian).toEqual([
      "base/debian.Dockerfile",
      "base/packages.txt",
      "shared/rootfs/add-app-user.sh",
      "shared/rootfs/apt-install.sh",
    ]);
    const scratch = await contextFiles("base", "scratch");
    expect(scratch).toContain("shared/rootfs/copy-packages.sh");
    expect(scratch).toContain("base/exclusions.txt");
    expect(scratch).not.toContain("base/debian.Dockerfile");
  });

  it("walks a copied folder down to its files", async () => {
    const files = await contextFiles("nginx-php", "debian");
    expect(files).toContain("nginx-php/www/index.html");
    expect(files).toContain("nginx-php/bin/supervisor");
    expect(files).not.toContain("nginx-php/www");
    expect(files).not.toContain("nginx-php/bin");
    expect(files).not.toContain("shared/rootfs/copy-packages.sh");
  });
});
