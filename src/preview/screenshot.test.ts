import { describe, expect, it } from "vitest";
import { findChromium } from "./screenshot.js";

describe("findChromium", () => {
  it("takes the one CHROMIUM names, and says so in one line when it isn't there", () => {
    expect(findChromium({ CHROMIUM: process.execPath })).toBe(process.execPath);
    expect(() => findChromium({ CHROMIUM: "/nowhere/chromium" })).toThrow(/^CHROMIUM=\/nowhere\/chromium: no such file$/);
  });

  it("says how to install it when there is none", () => {
    expect(() => findChromium({}, ["/nowhere/chromium"])).toThrow(
      "chromium not found (looked for /nowhere/chromium): install it: apt-get install chromium",
    );
  });
});
