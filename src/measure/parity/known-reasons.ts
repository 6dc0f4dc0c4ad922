// Why a pair of two distributions answers a parity probe differently, known
// before any run, from the sources themselves (a libc's documented
// differences, release notes, the build recipes of each side's packages).
// Each image's probe carries its own (probe.ts: knownReasons, beside the
// image). The benchmark attaches the reason of the most specific matching
// entry to each difference it records (behaviour.ts), so the report's table
// reads as explained from the first night. A difference with no entry is
// shown without a reason: that is the list to read first, and to add to the
// image's once it is understood.
import type { FlavorName } from "../../catalog.js";

export interface KnownReason {
  readonly tiny: FlavorName;
  readonly original: FlavorName;
  /**
   * Probe keys it explains: a key ("locales.fr_FR"), a section or key whose
   * leaves it covers all ("server settings and the sys schema.sys schema"), or
   * a prefix ending in "*" ("charsets.iconv *").
   */
  readonly keys: readonly string[];
  readonly reason: string;
  /** Where it is documented, each a link a reader can follow. */
  readonly sources: readonly string[];
}

/** Whether a known reason's key names this probe key. */
export function keyMatches(pattern: string, key: string): boolean {
  if (pattern.endsWith("*")) return key.startsWith(pattern.slice(0, -1));
  return key === pattern || key.startsWith(`${pattern}.`);
}

/** The reason of the most specific entry of an image's reasons for this pair that names the key, if any. */
export function reasonFor(
  reasons: readonly KnownReason[],
  pair: { readonly tiny: FlavorName; readonly original: FlavorName },
  key: string,
): KnownReason | undefined {
  let best: { reason: KnownReason; length: number } | undefined;
  for (const reason of reasons) {
    if (reason.tiny !== pair.tiny || reason.original !== pair.original) continue;
    for (const pattern of reason.keys) {
      if (keyMatches(pattern, key) && (!best || pattern.length > best.length)) best = { reason, length: pattern.length };
    }
  }
  return best?.reason;
}
