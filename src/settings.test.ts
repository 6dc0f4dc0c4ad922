import { describe, expect, it } from "vitest";
import { kernelArchitecture } from "./measure/environment.js";
import { bootstrapTag } from "./provision/bootstrap-debian.js";
import { readSettings } from "./settings.js";

describe("TINY_PLATFORM", () => {
  it("takes the nightly's two platforms, by Docker's, Debian's and the kernel's names, and refuses others", () => {
    expect(readSettings({}).platform).toBeUndefined();
    expect(readSettings({ TINY_PLATFORM: "linux/arm64" }).platform).toEqual({ docker: "linux/arm64", debian: "arm64", machine: "aarch64" });
    expect(() => readSettings({ TINY_PLATFORM: "arm64" })).toThrow("TINY_PLATFORM=arm64: use one of linux/amd64, linux/arm64");
  });

  it("gives a foreign bootstrap a tag of its own, beside the engine's", () => {
    const { platform } = readSettings({ TINY_PLATFORM: "linux/arm64" });
    expect(bootstrapTag("debian:bookworm-slim")).toBe("tiny/bootstrap:debian-bookworm-slim");
    expect(bootstrapTag("debian:bookworm-slim", platform)).toBe("tiny/bootstrap:debian-bookworm-slim-arm64");
  });

  it("names Node's architectures as the kernel and Docker do", () => {
    expect(kernelArchitecture("x64")).toBe("x86_64");
    expect(kernelArchitecture("arm64")).toBe("aarch64");
    expect(kernelArchitecture("riscv64")).toBe("riscv64");
  });
});
