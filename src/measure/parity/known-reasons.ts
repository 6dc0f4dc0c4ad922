// Why a pair of two distributions answers a parity probe differently, known
// before any run, from the sources themselves: musl's documented differences
// from glibc, MariaDB's release notes, and the build recipes of each side's
// packages (aports' APKBUILDs, remi's PHP). The benchmark attaches the reason
// of the most specific matching entry to each difference it records
// (behaviour.ts), so the report's table reads as explained from the first
// night. A difference with no entry is shown without a reason: that is the
// list to read first, and to add to here once it is understood.
import type { FlavorName, ImageName } from "../../catalog.js";

export interface KnownReason {
  readonly image: ImageName;
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

const musl = "https://wiki.musl-libc.org/functional-differences-from-glibc.html";
const muslLocales = "https://www.openwall.com/lists/musl/2017/11/08/1";
const alpinePhp = "https://gitlab.alpinelinux.org/alpine/aports/-/blob/master/community/php83/APKBUILD";
const remiTzdata = "https://git.remirepo.net/cgit/rpms/scl-php83/php.git/plain/php-8.3.0-systzdata-v24.patch";
const alpineMariadb = "https://gitlab.alpinelinux.org/alpine/aports/-/blob/master/main/mariadb/APKBUILD";
const mariadb118 = "https://mariadb.com/kb/en/changes-improvements-in-mariadb-11-8";
const mariadb1145 = "https://mariadb.com/kb/en/mariadb-11-4-5-release-notes/";
const mariadb1011 = "https://mariadb.com/kb/en/mariadb-10-11-release-notes/";

const alpineVsCentos = { tiny: "alpine", original: "centos" } as const;
const php = { image: "nginx-php", ...alpineVsCentos } as const;
const sql = { image: "mariadb", ...alpineVsCentos } as const;

export const knownReasons: readonly KnownReason[] = [
  {
    ...php,
    keys: ["locales.en_US.UTF-8", "locales.de_DE.UTF-8", "locales.fr_FR"],
    reason:
      "musl takes every locale name setlocale is given (one it has no data for behaves as C.UTF-8), so it answers with the" +
      " name asked for; glibc refuses a locale whose compiled data is not in the image",
    sources: [muslLocales, musl],
  },
  {
    ...php,
    keys: ["locales.translit in C.UTF-8"],
    reason: "musl's iconv has no //TRANSLIT: it replaces what the target can't hold instead of spelling it out in ASCII (musl wiki: iconv)",
    sources: [musl],
  },
  {
    ...php,
    keys: ["charsets.iconv *"],
    reason:
      "PHP's iconv is the C library's: musl's covers fewer charsets than glibc's (some East Asian ones only as a source, no" +
      " stateful ones) and replaces an unconvertible character with * where glibc stops with an error (musl wiki: iconv)",
    sources: [musl],
  },
  {
    ...php,
    keys: ["charsets.iconv implementation"],
    reason: "PHP names the iconv it was built against: glibc's on CentOS, musl's on Alpine (musl wiki: iconv)",
    sources: [musl],
  },
  {
    ...php,
    keys: ["time zones.database version", "time zones.zones known"],
    reason:
      "remi's PHP reads the system's time zone data (its systzdata patch); Alpine's php83 applies no such patch and uses the" +
      " database built into PHP: two releases of the tz database",
    sources: [remiTzdata, alpinePhp],
  },
  {
    ...php,
    keys: ["runtime.PHP"],
    reason: "each distribution ships its own PHP 8.3 patch release (aports' php83 pkgver, remi's php83 build)",
    sources: [alpinePhp],
  },
  {
    ...php,
    keys: ["runtime.extensions"],
    reason:
      "Alpine packages every extension apart and builds zlib into PHP (the APKBUILD's static extensions); remi bundles a set" +
      " into php-common: an extension named here is one the two images' package lists don't install alike",
    sources: [alpinePhp],
  },
  {
    ...sql,
    keys: [
      "server settings and the sys schema.variables.version",
      "server settings and the sys schema.variables.comment",
      "server settings and the sys schema.sys schema",
      "functions (JSON, REGEXP, GIS, crypto).help",
    ],
    reason:
      "Alpine 3.24 ships MariaDB 11.8, built by Alpine; the centos flavor runs MariaDB's own 10.11 RPMs (pinned in its" +
      " Dockerfile): another server version, build comment, sys schema and help tables",
    sources: [mariadb118, mariadb1011],
  },
  {
    ...sql,
    keys: ["character sets and collations.collations", "character sets and collations.character sets"],
    reason:
      "MariaDB 11.x added character sets and collations after 10.11 (11.4.5 the utf8mb4_0900 aliases; uca1400_ai_ci and utf8mb4" +
      " became the defaults in 11.5 and 11.6)",
    sources: [mariadb118, mariadb1145],
  },
  {
    ...sql,
    keys: ["plugins and engines"],
    reason:
      "Alpine's build turns plugins off at configure time (Mroonga, OQGraph, Sphinx, Cassandra, GSSAPI, cracklib) and packages" +
      " RocksDB apart, so the plugin libraries and engines on offer are the recipe's",
    sources: [alpineMariadb],
  },
  {
    ...sql,
    keys: ["error messages in other languages.lc_messages_dir"],
    reason: "Alpine installs MariaDB's shared files in /usr/share/mariadb (INSTALL_MYSQLSHAREDIR); MariaDB's RPMs keep the upstream path",
    sources: [alpineMariadb],
  },
  {
    ...sql,
    keys: ["server settings and the sys schema.variables.tmpdir"],
    reason: "Alpine's build sets MariaDB's default tmpdir to /var/tmp (-DTMPDIR=/var/tmp); MariaDB's RPMs keep /tmp",
    sources: [alpineMariadb],
  },
  {
    ...sql,
    keys: ["server settings and the sys schema.variables.ssl_library"],
    reason: "each server links its distribution's TLS library (Alpine builds with -DWITH_SSL=system): another OpenSSL release",
    sources: [alpineMariadb],
  },
];

/** Whether a known reason's key names this probe key. */
export function keyMatches(pattern: string, key: string): boolean {
  if (pattern.endsWith("*")) return key.startsWith(pattern.slice(0, -1));
  return key === pattern || key.startsWith(`${pattern}.`);
}

/** The reason of the most specific entry for this pair and image that names the key, if any. */
export function reasonFor(
  reasons: readonly KnownReason[],
  pair: { readonly image: ImageName; readonly tiny: FlavorName; readonly original: FlavorName },
  key: string,
): KnownReason | undefined {
  let best: { reason: KnownReason; length: number } | undefined;
  for (const reason of reasons) {
    if (reason.image !== pair.image || reason.tiny !== pair.tiny || reason.original !== pair.original) continue;
    for (const pattern of reason.keys) {
      if (keyMatches(pattern, key) && (!best || pattern.length > best.length)) best = { reason, length: pattern.length };
    }
  }
  return best?.reason;
}
