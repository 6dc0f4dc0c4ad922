// Why alpine's mariadb answers the SQL probe differently from centos's,
// known before any run, from the sources themselves: MariaDB's release notes
// and Alpine's build recipe. The probe carries them (parity-probe.ts); how a
// key is matched: src/measure/parity/known-reasons.ts.
import type { KnownReason } from "../../src/measure/parity/known-reasons.js";

const alpineMariadb = "https://gitlab.alpinelinux.org/alpine/aports/-/blob/master/main/mariadb/APKBUILD";
const mariadb118 = "https://mariadb.com/kb/en/changes-improvements-in-mariadb-11-8";
const mariadb1145 = "https://mariadb.com/kb/en/mariadb-11-4-5-release-notes/";
const mariadb1011 = "https://mariadb.com/kb/en/mariadb-10-11-release-notes/";

const alpineVsCentos = { tiny: "alpine", original: "centos" } as const;

export const knownReasons: readonly KnownReason[] = [
  {
    ...alpineVsCentos,
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
    ...alpineVsCentos,
    keys: ["character sets and collations.collations", "character sets and collations.character sets"],
    reason:
      "MariaDB 11.x added character sets and collations after 10.11 (11.4.5 the utf8mb4_0900 aliases; uca1400_ai_ci and utf8mb4" +
      " became the defaults in 11.5 and 11.6)",
    sources: [mariadb118, mariadb1145],
  },
  {
    ...alpineVsCentos,
    keys: ["plugins and engines"],
    reason:
      "Alpine's build turns plugins off at configure time (Mroonga, OQGraph, Sphinx, Cassandra, GSSAPI, cracklib) and packages" +
      " RocksDB apart, so the plugin libraries and engines on offer are the recipe's",
    sources: [alpineMariadb],
  },
  {
    ...alpineVsCentos,
    keys: ["error messages in other languages.lc_messages_dir"],
    reason: "Alpine installs MariaDB's shared files in /usr/share/mariadb (INSTALL_MYSQLSHAREDIR); MariaDB's RPMs keep the upstream path",
    sources: [alpineMariadb],
  },
  {
    ...alpineVsCentos,
    keys: ["server settings and the sys schema.variables.tmpdir"],
    reason: "Alpine's build sets MariaDB's default tmpdir to /var/tmp (-DTMPDIR=/var/tmp); MariaDB's RPMs keep /tmp",
    sources: [alpineMariadb],
  },
  {
    ...alpineVsCentos,
    keys: ["server settings and the sys schema.variables.ssl_library"],
    reason: "each server links its distribution's TLS library (Alpine builds with -DWITH_SSL=system): another OpenSSL release",
    sources: [alpineMariadb],
  },
];
