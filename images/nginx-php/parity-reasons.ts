// Why alpine's nginx-php answers the PHP probe differently from centos's,
// known before any run, from the sources themselves: musl's documented
// differences from glibc and the build recipes of each side's PHP (aports'
// APKBUILD, remi's patches). The probe carries them (parity-probe.ts); how
// a key is matched: src/measure/parity/known-reasons.ts.
import type { KnownReason } from "../../src/measure/parity/known-reasons.js";

const musl = "https://wiki.musl-libc.org/functional-differences-from-glibc.html";
const muslLocales = "https://www.openwall.com/lists/musl/2017/11/08/1";
const alpinePhp = "https://gitlab.alpinelinux.org/alpine/aports/-/blob/master/community/php83/APKBUILD";
const remiTzdata = "https://git.remirepo.net/cgit/rpms/scl-php83/php.git/plain/php-8.3.0-systzdata-v24.patch";

const alpineVsCentos = { tiny: "alpine", original: "centos" } as const;

export const knownReasons: readonly KnownReason[] = [
  {
    ...alpineVsCentos,
    keys: ["locales.en_US.UTF-8", "locales.de_DE.UTF-8", "locales.fr_FR"],
    reason:
      "musl takes every locale name setlocale is given (one it has no data for behaves as C.UTF-8), so it answers with the" +
      " name asked for; glibc refuses a locale whose compiled data is not in the image",
    sources: [muslLocales, musl],
  },
  {
    ...alpineVsCentos,
    keys: ["locales.translit in C.UTF-8"],
    reason: "musl's iconv has no //TRANSLIT: it replaces what the target can't hold instead of spelling it out in ASCII (musl wiki: iconv)",
    sources: [musl],
  },
  {
    ...alpineVsCentos,
    keys: ["charsets.iconv *"],
    reason:
      "PHP's iconv is the C library's: musl's covers fewer charsets than glibc's (some East Asian ones only as a source, no" +
      " stateful ones) and replaces an unconvertible character with * where glibc stops with an error (musl wiki: iconv)",
    sources: [musl],
  },
  {
    ...alpineVsCentos,
    keys: ["charsets.iconv implementation"],
    reason: "PHP names the iconv it was built against: glibc's on CentOS, musl's on Alpine (musl wiki: iconv)",
    sources: [musl],
  },
  {
    ...alpineVsCentos,
    keys: ["time zones.database version", "time zones.zones known"],
    reason:
      "remi's PHP reads the system's time zone data (its systzdata patch); Alpine's php83 applies no such patch and uses the" +
      " database built into PHP: two releases of the tz database",
    sources: [remiTzdata, alpinePhp],
  },
  {
    ...alpineVsCentos,
    keys: ["runtime.PHP"],
    reason: "each distribution ships its own PHP 8.3 patch release (aports' php83 pkgver, remi's php83 build)",
    sources: [alpinePhp],
  },
  {
    ...alpineVsCentos,
    keys: ["runtime.extensions"],
    reason:
      "Alpine packages every extension apart and builds zlib into PHP (the APKBUILD's static extensions); remi bundles a set" +
      " into php-common: an extension named here is one the two images' package lists don't install alike",
    sources: [alpinePhp],
  },
];
