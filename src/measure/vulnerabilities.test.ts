import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { countVulnerabilities } from "./vulnerabilities.js";

const fixture = (name: string): string => readFileSync(new URL(`fixtures/trivy/${name}`, import.meta.url), "utf8");

describe("countVulnerabilities", () => {
  it("counts Trivy's findings by severity, a vulnerability found in two packages once", () => {
    expect(countVulnerabilities(fixture("debian-image.json"))).toEqual({ critical: 1, high: 1, medium: 1, low: 2, unknown: 1 });
  });

  it("counts none where Trivy found no packages to match, or had no findings", () => {
    expect(countVulnerabilities('{"SchemaVersion":2,"ArtifactName":"tiny/ab:scratch"}')).toEqual({
      critical: 0,
      high: 0,
      medium: 0,
      low: 0,
      unknown: 0,
    });
    expect(countVulnerabilities('{"Results":[{"Target":"x","Vulnerabilities":null}]}').low).toBe(0);
  });

  it("refuses output that isn't a report", () => {
    expect(() => countVulnerabilities("FATAL: init error")).toThrow("Trivy's output is not JSON");
    expect(() => countVulnerabilities("null")).toThrow("Trivy's output is not a report");
  });
});
