// Known vulnerabilities per image, by severity, from Trivy (a maintained
// scanner that reads dpkg records, the distroless status.d ones included).
// Where Trivy is missing or can't reach its database the scan is skipped
// with the reason, never counted as "no vulnerabilities".
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { engineLocation } from "../docker.js";

const run = promisify(execFile);

export const severities = ["critical", "high", "medium", "low", "unknown"] as const;
export type Severity = (typeof severities)[number];
export type VulnerabilityCounts = Readonly<Record<Severity, number>>;

interface TrivyReport {
  readonly Results?: readonly {
    readonly Vulnerabilities?: readonly { readonly VulnerabilityID?: string; readonly Severity?: string }[] | null;
  }[];
}

/** Counts Trivy's JSON findings by severity, each vulnerability ID once per image. */
export function countVulnerabilities(json: string): VulnerabilityCounts {
  let report: TrivyReport;
  try {
    report = JSON.parse(json) as TrivyReport;
  } catch {
    throw new Error("Trivy's output is not JSON");
  }
  if (typeof report !== "object" || report === null) throw new Error("Trivy's output is not a report");
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
  const seen = new Set<string>();
  for (const result of report.Results ?? []) {
    for (const v of result.Vulnerabilities ?? []) {
      const id = `${v.VulnerabilityID ?? "?"}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const severity = (v.Severity ?? "UNKNOWN").toLowerCase() as Severity;
      counts[severities.includes(severity) ? severity : "unknown"]++;
    }
  }
  return counts;
}

/** Trivy's version, or why it can't scan here. */
export async function trivyVersion(): Promise<{ version: string } | { skipped: string }> {
  try {
    const { stdout } = await run("trivy", ["--version"]);
    return {
      version: stdout
        .split("\n")[0]!
        .replace(/^Version:\s*/, "")
        .trim(),
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { skipped: "Trivy is not installed (the nightly installs it)" };
    return { skipped: `trivy --version failed: ${(error as Error).message.split("\n")[0]}` };
  }
}

/** Scans a local image; throws with Trivy's last line when it fails (no database reachable, ...). */
export async function scanImage(tag: string, cacheDir: string): Promise<VulnerabilityCounts> {
  const engine = engineLocation();
  const env = { ...process.env, ...(engine.remote ? { DOCKER_HOST: engine.name } : {}) };
  try {
    const { stdout } = await run(
      "trivy",
      ["image", "--quiet", "--format", "json", "--scanners", "vuln", "--cache-dir", cacheDir, "--image-src", "docker", tag],
      { env, maxBuffer: 256 * 1024 * 1024, timeout: 10 * 60_000 },
    );
    return countVulnerabilities(stdout);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim().split("\n").at(-1);
    throw new Error(`trivy could not scan ${tag}: ${stderr || (error as Error).message.split("\n")[0]}`);
  }
}
