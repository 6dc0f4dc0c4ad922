import { describe, expect, it } from "vitest";
import { unreachableMirror } from "./fixture-image.js";

describe("a fixture build that failed", () => {
  it("is a skip when apt could not reach Debian's mirror, with apt's own line as the reason", () => {
    const output = [
      "Step 3/9 : RUN apt-get update && apt-get install -y wordpress",
      "Err:1 http://deb.debian.org/debian bookworm InRelease",
      "  Temporary failure resolving 'deb.debian.org'",
      "E: Unable to locate package wordpress",
    ].join("\n");
    expect(unreachableMirror(output)).toBe("Temporary failure resolving 'deb.debian.org'");
  });

  it("is a failure when the mirror answered and something else went wrong", () => {
    expect(unreachableMirror("cp: cannot stat '/usr/share/wordpress': No such file or directory\n")).toBeUndefined();
  });
});
