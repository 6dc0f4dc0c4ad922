// Every name the alpine and centos Dockerfiles take from their upstreams
// (apk and yum package names, repository URLs, files the packages install),
// with where each was checked. They can't be built here (no registry), so a
// misspelt or withdrawn name would first fail at night: upstream-names.test.ts
// keeps this list and the Dockerfiles in step, so a renamed package is a diff
// in review. Also the versions the alpine-centos pair runs, for the report.
//
// Checked against stored copies of the recipes and indexes (aports'
// APKBUILDs, a copy of remi's php.spec, MariaDB's own documentation and build
// layout), not against the live mirrors. `strength` says how direct the
// evidence was; the "corroborated" ones are where to look first if the
// first night fails.
import type { FlavorName } from "../catalog.js";

export interface Verification {
  /**
   * recipe: the build recipe that makes the package or installs the file
   * (APKBUILD, spec, CMake layout), read at the commit named.
   * docs: the repository owner's own documentation.
   * corroborated: only configurations and logs of others show it.
   */
  readonly strength: "recipe" | "docs" | "corroborated";
  /** A URL, or repository, path and commit. */
  readonly source: string;
  /** What the source shows, and what it doesn't. */
  readonly note?: string;
}

export interface UpstreamName {
  readonly flavor: Extract<FlavorName, "alpine" | "centos">;
  /** package: installed by name; path: a file or folder a package installs; repository: where packages come from. */
  readonly kind: "package" | "path" | "repository";
  readonly name: string;
  /** Which repository has it: "Alpine 3.24 main", "EPEL 7", "remi-php83 (EL7)"... */
  readonly from: string;
  /** Files relative to images/ that rely on it (a Dockerfile, or a shared script or config it copies). */
  readonly usedBy: readonly string[];
  readonly verified: Verification;
}

const aports = (path: string, commit: string, note?: string): Verification => ({
  strength: "recipe",
  source: `github.com/alpinelinux/aports ${path} @ ${commit}`,
  ...(note ? { note } : {}),
});

const php83Recipe = (note?: string): Verification =>
  aports(
    "community/php83/APKBUILD",
    "b3813ca5d73881cbe55e5ba1ae31a881821a2e63",
    note ??
      "php83 8.3.30-r0 (Jan 2026), php84 the default; the newest stored recipe. Which branch that commit is on isn't " +
        "shown: php83 being in v3.24/community is not confirmed from an index here",
  );
const php83Extension = (name: string): UpstreamName => ({
  flavor: "alpine",
  kind: "package",
  name: `php83-${name}`,
  from: "Alpine 3.24 community",
  usedBy: ["nginx-php/alpine.Dockerfile"],
  verified: php83Recipe(`"${name}" is in _extensions: one php83-${name} subpackage each (_extension)`),
});

const mariadbRecipe = (note: string): Verification => aports("main/mariadb/APKBUILD", "3faba7642712f228e929e2e5b89dd5ca251abb06", note);

/** remi's php.spec for 8.3 with its EL7 branches, as copied (with its changelog) into thias/rpms. */
const remiSpec = (note: string): Verification => ({
  strength: "recipe",
  source: "github.com/thias/rpms redhat/php83/php83.spec @ 43e684efac006ad9825bfa39ca3bd307ff13b5c8 (remi's spec, 8.3.31)",
  note,
});
const remiPhp = (name: string, note: string): UpstreamName => ({
  flavor: "centos",
  kind: "package",
  name,
  from: "remi-php83 (EL7)",
  usedBy: ["nginx-php/centos.Dockerfile"],
  verified: remiSpec(note),
});

const mariadbLayout: Verification = {
  strength: "recipe",
  source: "github.com/MariaDB/server cmake/install_layout.cmake @ 00d1db7a38b17d4512a6ba5147926608aca5624d",
  note: "RPM layout: SYSCONF2DIR /etc/my.cnf.d, MYSQLSHAREDIR share/mysql, SBINDIR sbin (/usr/sbin/mariadbd)",
};
const mariadbPinning: Verification = {
  strength: "docs",
  source: "https://mariadb.com/kb/en/yum/ (Pinning the MariaDB Repository to a Specific Minor Release; stored copy)",
  note:
    "baseurl http://archive.mariadb.org/mariadb-10.8.8/yum/centos/$releasever/$basearch, gpgkey https://archive.mariadb.org/PublicKey; " +
    "MariaDB/mariadb-docker imports key 177F4010FE56CA3336300305F1656F24C74CD1D8 from the same PublicKey. That 10.11.8 has el7 " +
    "builds there is corroborated only (CentOS 7 hosts configured with yum/10.11/centos/$releasever)",
};

export const upstreamNames: readonly UpstreamName[] = [
  // --- alpine: base
  {
    flavor: "alpine",
    kind: "package",
    name: "ca-certificates-bundle",
    from: "Alpine 3.24 main",
    usedBy: ["base/alpine.Dockerfile"],
    verified: {
      strength: "corroborated",
      source: "github.com/docker-library/repo-info repos/alpine (apk package lists of the alpine images)",
      note: "ca-certificates-bundle-20250911-r0 in alpine's own image; the subpackage of main/ca-certificates",
    },
  },
  {
    flavor: "alpine",
    kind: "path",
    name: "/etc/ssl/certs/ca-certificates.crt",
    from: "Alpine 3.24 main (ca-certificates-bundle)",
    usedBy: ["base/alpine.Dockerfile"],
    verified: aports("main/ca-certificates/APKBUILD", "c476e2578cbd871b35ab35f5f284f2f331a3211d", "the generated bundle's path"),
  },
  {
    flavor: "alpine",
    kind: "package",
    name: "tzdata",
    from: "Alpine 3.24 main",
    usedBy: ["base/alpine.Dockerfile"],
    verified: aports("main/tzdata/APKBUILD", "e9776c8e7b30bfc10d7e3591b173115ca36c6ef1"),
  },
  {
    flavor: "alpine",
    kind: "repository",
    name: "https://dl-cdn.alpinelinux.org/alpine",
    from: "Alpine's CDN, branch v<major.minor>/main and /community",
    usedBy: ["base/alpine.Dockerfile"],
    verified: {
      strength: "corroborated",
      source: "github.com/mlocati/docker-php-extension-installer issue #1207 (apk's own output on v3.23)",
      note: "https://dl-cdn.alpinelinux.org/alpine/v3.23/main and /community as apk prints them",
    },
  },
  // --- alpine: ab
  {
    flavor: "alpine",
    kind: "package",
    name: "apache2-utils",
    from: "Alpine 3.24 main",
    usedBy: ["ab/alpine.Dockerfile"],
    verified: aports("main/apache2/APKBUILD", "008714ad180f806d92667e21891f0f25718e2612", "subpackage utils: usr/bin, where ab is"),
  },
  // --- alpine: mariadb
  {
    flavor: "alpine",
    kind: "package",
    name: "mariadb",
    from: "Alpine 3.24 main",
    usedBy: ["mariadb/alpine.Dockerfile"],
    verified: mariadbRecipe(
      "11.8.6-r2; keeps mariadbd, mariadb-install-db and mariadb-tzinfo-to-sql (no subpackage moves them) and share/mariadb",
    ),
  },
  {
    flavor: "alpine",
    kind: "package",
    name: "mariadb-client",
    from: "Alpine 3.24 main",
    usedBy: ["mariadb/alpine.Dockerfile"],
    verified: mariadbRecipe("subpackage client: mariadb, mariadb-admin (the healthcheck's and entrypoint's client)"),
  },
  {
    flavor: "alpine",
    kind: "package",
    name: "flock",
    from: "Alpine 3.24 main",
    usedBy: ["mariadb/alpine.Dockerfile"],
    verified: {
      strength: "docs",
      source: "https://pkgs.alpinelinux.org/package/v3.24/main/s390x/flock (stored copy)",
      note: "2.42.1-r0, origin util-linux: util-linux's flock(1) alone, for the entrypoint's lock",
    },
  },
  {
    flavor: "alpine",
    kind: "path",
    name: "/etc/my.cnf.d/mariadb-server.cnf",
    from: "Alpine 3.24 main (mariadb-common)",
    usedBy: ["mariadb/alpine.Dockerfile"],
    verified: mariadbRecipe("written by package() with skip-networking under [mysqld]; my.cnf includes /etc/my.cnf.d"),
  },
  {
    flavor: "alpine",
    kind: "path",
    name: "/usr/share/mariadb",
    from: "Alpine 3.24 main (mariadb)",
    usedBy: ["mariadb/bin/docker-entrypoint"],
    verified: mariadbRecipe("INSTALL_MYSQLSHAREDIR=share/$pkgname: the SQL files mariadb-install-db feeds the server"),
  },
  {
    flavor: "alpine",
    kind: "path",
    name: "ping:x:999:",
    from: "Alpine 3.24 main (alpine-baselayout /etc/group)",
    usedBy: ["mariadb/alpine.Dockerfile"],
    verified: aports("main/alpine-baselayout/group", "bb00d0e4f3457ae4e5fffef516c2a93cc8cb20e3", "gid 999 is ping's"),
  },
  // --- alpine: nginx-php
  {
    flavor: "alpine",
    kind: "package",
    name: "nginx",
    from: "Alpine 3.24 main",
    usedBy: ["nginx-php/alpine.Dockerfile"],
    verified: aports(
      "main/nginx/APKBUILD",
      "e104e0f441e5234364ca25e6467d1b1e30766f17",
      "--conf-path=/etc/nginx/nginx.conf; make install puts mime.types and fastcgi_params beside it (nginx.conf includes both)",
    ),
  },
  {
    flavor: "alpine",
    kind: "package",
    name: "tini",
    from: "Alpine 3.24 community",
    usedBy: ["nginx-php/alpine.Dockerfile"],
    verified: aports("community/tini/APKBUILD", "57f8763fde3100796ae00c1f596c59c668392a7f", "/sbin/tini, on PATH"),
  },
  {
    flavor: "alpine",
    kind: "package",
    name: "php83-fpm",
    from: "Alpine 3.24 community",
    usedBy: ["nginx-php/alpine.Dockerfile"],
    verified: php83Recipe(),
  },
  ...[
    "opcache",
    "mysqli",
    "mysqlnd",
    "pdo",
    "pdo_mysql",
    "mbstring",
    "curl",
    "openssl",
    "sodium",
    "dom",
    "simplexml",
    "xml",
    "xmlreader",
    "xmlwriter",
    "xsl",
    "calendar",
    "ctype",
    "exif",
    "ffi",
    "fileinfo",
    "ftp",
    "gettext",
    "iconv",
    "phar",
    "posix",
    "session",
    "shmop",
    "sockets",
    "sysvmsg",
    "sysvsem",
    "sysvshm",
    "tokenizer",
  ].map(php83Extension),
  {
    flavor: "alpine",
    kind: "path",
    name: "/usr/sbin/php-fpm83",
    from: "Alpine 3.24 community (php83-fpm)",
    usedBy: ["nginx-php/alpine.Dockerfile"],
    verified: php83Recipe("--program-suffix=83 and php83-fpm-version-suffix.patch; fpm() takes usr/sbin"),
  },
  {
    flavor: "alpine",
    kind: "path",
    name: "/etc/php83/php-fpm.conf",
    from: "Alpine 3.24 community (php83-fpm)",
    usedBy: ["nginx-php/alpine.Dockerfile"],
    verified: php83Recipe("--sysconfdir=/etc/php83; fpm() installs php-fpm.conf from php-fpm.conf.default"),
  },
  {
    flavor: "alpine",
    kind: "path",
    name: "/etc/php83/conf.d/",
    from: "Alpine 3.24 community (php83-common)",
    usedBy: ["nginx-php/alpine.Dockerfile"],
    verified: php83Recipe("--with-config-file-scan-dir; each extension adds NN_<name>.ini there"),
  },

  // --- centos: base
  {
    flavor: "centos",
    kind: "repository",
    name: "https://vault.centos.org",
    from: "CentOS vault: 7.9.2009/{os,updates,extras}/$basearch",
    usedBy: ["base/centos.Dockerfile"],
    verified: {
      strength: "corroborated",
      source: "stored configurations proxying https://vault.centos.org/7.9.2009/{os,updates,extras}/",
      note: "the layout as mirrors and proxies use it after CentOS 7's end",
    },
  },
  {
    flavor: "centos",
    kind: "path",
    name: "/etc/pki/rpm-gpg/RPM-GPG-KEY-CentOS-7",
    from: "CentOS 7 (centos-release, in the centos:7 image)",
    usedBy: ["base/centos.Dockerfile"],
    verified: {
      strength: "corroborated",
      source: "CentOS vault repo files in stored Dockerfiles (gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-CentOS-7)",
    },
  },
  {
    flavor: "centos",
    kind: "package",
    name: "ca-certificates",
    from: "CentOS 7.9.2009 os/updates",
    usedBy: ["base/centos.Dockerfile"],
    verified: { strength: "corroborated", source: "yum logs of centos:7 containers", note: "in the image already; named to take updates" },
  },
  {
    flavor: "centos",
    kind: "package",
    name: "tzdata",
    from: "CentOS 7.9.2009 updates",
    usedBy: ["base/centos.Dockerfile"],
    verified: { strength: "corroborated", source: "yum logs of centos:7 containers", note: "tzdata-2024a-1.el7 from updates" },
  },
  {
    flavor: "centos",
    kind: "path",
    name: "/etc/pki/tls/certs/ca-bundle.crt",
    from: "CentOS 7 (ca-certificates)",
    usedBy: ["base/centos.Dockerfile"],
    verified: { strength: "corroborated", source: "EL7's ca-certificates layout (the extracted bundle's compatibility link)" },
  },
  // --- centos: ab
  {
    flavor: "centos",
    kind: "package",
    name: "httpd-tools",
    from: "CentOS 7.9.2009 os/updates",
    usedBy: ["ab/centos.Dockerfile"],
    verified: { strength: "corroborated", source: "yum logs of CentOS 7 hosts", note: "httpd-tools-2.4.6-97.el7.centos.5, /usr/bin/ab" },
  },
  // --- centos: mariadb
  {
    flavor: "centos",
    kind: "repository",
    name: "https://archive.mariadb.org",
    from: "MariaDB Foundation archive: mariadb-<version>/yum/centos/7/$basearch",
    usedBy: ["mariadb/centos.Dockerfile"],
    verified: mariadbPinning,
  },
  {
    flavor: "centos",
    kind: "path",
    name: "/PublicKey",
    from: "MariaDB Foundation archive (the signing key)",
    usedBy: ["mariadb/centos.Dockerfile"],
    verified: mariadbPinning,
  },
  {
    flavor: "centos",
    kind: "package",
    name: "MariaDB-server",
    from: "MariaDB 10.11.8 (archive, el7)",
    usedBy: ["mariadb/centos.Dockerfile"],
    verified: {
      strength: "docs",
      source: "https://mariadb.com/kb/en/yum/ (Installing MariaDB Packages with YUM; stored copy)",
      note: "yum install MariaDB-server MariaDB-client",
    },
  },
  {
    flavor: "centos",
    kind: "package",
    name: "MariaDB-client",
    from: "MariaDB 10.11.8 (archive, el7)",
    usedBy: ["mariadb/centos.Dockerfile"],
    verified: { strength: "docs", source: "https://mariadb.com/kb/en/yum/ (stored copy)" },
  },
  {
    flavor: "centos",
    kind: "package",
    name: "util-linux",
    from: "CentOS 7 base (in centos:7 already)",
    usedBy: ["mariadb/centos.Dockerfile"],
    verified: {
      strength: "corroborated",
      source: "util-linux ships flock(1) on every EL release since EL6; not read from the index here",
      note: "in the image already; named because the entrypoint's lock needs flock",
    },
  },
  {
    flavor: "centos",
    kind: "path",
    name: "/etc/my.cnf.d",
    from: "MariaDB 10.11.8 RPMs (MariaDB-common's /etc/my.cnf includes it)",
    usedBy: ["mariadb/centos.Dockerfile"],
    verified: mariadbLayout,
  },
  {
    flavor: "centos",
    kind: "path",
    name: "/usr/share/mysql",
    from: "MariaDB 10.11.8 RPMs",
    usedBy: ["mariadb/bin/docker-entrypoint"],
    verified: mariadbLayout,
  },
  {
    flavor: "centos",
    kind: "path",
    name: "input:x:999:",
    from: "CentOS 7 (the centos:7 image's /etc/group)",
    usedBy: ["mariadb/centos.Dockerfile"],
    verified: { strength: "corroborated", source: "/etc/group as printed in a centos:7 container (stored notes)" },
  },
  // --- centos: nginx-php
  {
    flavor: "centos",
    kind: "repository",
    name: "https://archives.fedoraproject.org/pub/archive/epel",
    from: "EPEL 7 (archive): 7/$basearch",
    usedBy: ["nginx-php/centos.Dockerfile"],
    verified: {
      strength: "corroborated",
      source: "stored EL7 repo files after EL7's end (baseurl=https://archives.fedoraproject.org/pub/archive/epel/7/$basearch)",
    },
  },
  {
    flavor: "centos",
    kind: "path",
    name: "RPM-GPG-KEY-EPEL-7",
    from: "EPEL archive root",
    usedBy: ["nginx-php/centos.Dockerfile"],
    verified: {
      strength: "corroborated",
      source: "stored scripts that fetch https://archives.fedoraproject.org/pub/archive/epel/RPM-GPG-KEY-EPEL-7 with curl --fail",
    },
  },
  {
    flavor: "centos",
    kind: "repository",
    name: "https://rpms.remirepo.net/enterprise/7",
    from: "remi for EL7: safe/$basearch and php83/$basearch",
    usedBy: ["nginx-php/centos.Dockerfile"],
    verified: {
      strength: "corroborated",
      source: "remi-release-7's remi-php83.repo as copied into stored scripts",
      note: "baseurl http://rpms.remirepo.net/enterprise/7/php83/$basearch/, gpgkey RPM-GPG-KEY-remi",
    },
  },
  {
    flavor: "centos",
    kind: "repository",
    name: "https://rpms.remirepo.net/RPM-GPG-KEY-remi",
    from: "remi (the key remi-release-7's repo files name)",
    usedBy: ["nginx-php/centos.Dockerfile"],
    verified: { strength: "corroborated", source: "stored Ansible roles downloading https://rpms.remirepo.net/RPM-GPG-KEY-remi" },
  },
  {
    flavor: "centos",
    kind: "package",
    name: "nginx",
    from: "EPEL 7",
    usedBy: ["nginx-php/centos.Dockerfile"],
    verified: { strength: "corroborated", source: "EPEL 7's nginx (1.20.1), used by countless EL7 setups; not read from the index here" },
  },
  {
    flavor: "centos",
    kind: "package",
    name: "tini",
    from: "EPEL 7",
    usedBy: ["nginx-php/centos.Dockerfile"],
    verified: {
      strength: "corroborated",
      source: "github.com/krallin/tini issue #179 (on CentOS 7, tini comes from EPEL)",
      note: "the weakest entry: no EPEL 7 file list was readable here. skip_missing_names_on_install=0 makes its absence fail the build loudly",
    },
  },
  remiPhp("php-fpm", "subpackage fpm: /usr/sbin/php-fpm, /etc/php-fpm.conf, /etc/php-fpm.d"),
  remiPhp("php-opcache", "subpackage opcache (10-opcache.ini)"),
  remiPhp("php-mysqlnd", "subpackage mysqlnd: mysqlnd, mysqli and pdo_mysql (30-mysqli.ini, 30-pdo_mysql.ini)"),
  remiPhp("php-pdo", "subpackage pdo, which also carries sqlite3 and pdo_sqlite"),
  remiPhp("php-mbstring", "subpackage mbstring"),
  remiPhp("php-xml", "subpackage xml: dom, simplexml, xml, xmlreader, xmlwriter, xsl"),
  remiPhp("php-process", "subpackage process: posix, shmop, sysvmsg, sysvsem, sysvshm"),
  remiPhp("php-sodium", "subpackage sodium"),
  remiPhp("php-ffi", "subpackage ffi (20-ffi.ini)"),
  {
    flavor: "centos",
    kind: "path",
    name: "/etc/php-fpm.conf",
    from: "remi-php83 (php-fpm)",
    usedBy: ["nginx-php/centos.Dockerfile"],
    verified: remiSpec("%config(noreplace) %{_sysconfdir}/php-fpm.conf"),
  },
  {
    flavor: "centos",
    kind: "path",
    name: "/etc/php.d/",
    from: "remi-php83 (php-common)",
    usedBy: ["nginx-php/centos.Dockerfile"],
    verified: remiSpec("--with-config-file-scan-dir=%{_sysconfdir}/php.d; NN-<name>.ini per extension"),
  },
  {
    flavor: "centos",
    kind: "path",
    name: "/etc/php.d/*-bz2.ini",
    from: "remi-php83 (php-common: 20-bz2.ini)",
    usedBy: ["nginx-php/centos.Dockerfile"],
    verified: remiSpec("php-common provides php-bz2; extensions with no dependency get 20-<name>.ini"),
  },
  {
    flavor: "centos",
    kind: "path",
    name: "/etc/php.d/*-sqlite3.ini",
    from: "remi-php83 (php-pdo: 20-sqlite3.ini)",
    usedBy: ["nginx-php/centos.Dockerfile"],
    verified: remiSpec("files.sqlite3 goes into php-pdo"),
  },
  {
    flavor: "centos",
    kind: "path",
    name: "/etc/php.d/*-pdo_sqlite.ini",
    from: "remi-php83 (php-pdo: 30-pdo_sqlite.ini)",
    usedBy: ["nginx-php/centos.Dockerfile"],
    verified: remiSpec("pdo_* get 30-<name>.ini; files.pdo_sqlite goes into php-pdo"),
  },
];

/** A component whose version differs between the pair, for the report to state beside the figures it affects. */
export interface PairVersion {
  readonly component: string;
  /** The images whose figures it affects. */
  readonly images: readonly string[];
  readonly alpine: { readonly version: string; readonly build: string; readonly source: string };
  readonly centos: { readonly version: string; readonly build: string; readonly source: string };
  /** Why the pair differs here, and what the difference means for the figures. */
  readonly note: string;
}

export const pairVersions: readonly PairVersion[] = [
  {
    component: "MariaDB",
    images: ["mariadb", "nginx-php"],
    alpine: {
      version: "11.8",
      build: "aports main/mariadb 11.8.6-r2: musl, system PCRE2/OpenSSL/fmt, no jemalloc, RocksDB plugin built (x86_64)",
      source: "github.com/alpinelinux/aports main/mariadb/APKBUILD @ 3faba7642712f228e929e2e5b89dd5ca251abb06",
    },
    centos: {
      version: "10.11.8",
      build: "MariaDB Foundation RPMs for el7 (MARIADB_VERSION in images/mariadb/centos.Dockerfile)",
      source: "https://mariadb.com/kb/en/yum/ and images/mariadb/centos.Dockerfile",
    },
    note:
      "CentOS 7's own mariadb-server is 5.5, too old for the shared entrypoint; 10.11 is the debian flavor's series, and " +
      "10.11.8 (May 2024) predates EL7's end. Alpine 3.24 has 11.8. Two LTS series apart: defaults, optimizer and plugins " +
      "differ, so the mariadb figures compare two servers, not only two distributions",
  },
  {
    component: "PHP",
    images: ["nginx-php"],
    alpine: {
      version: "8.3",
      build: "aports community/php83 (8.3.30-r0 when read): musl, clang, -O2, external PCRE2, libedit, every extension shared",
      source: "github.com/alpinelinux/aports community/php83/APKBUILD @ b3813ca5d73881cbe55e5ba1ae31a881821a2e63",
    },
    centos: {
      version: "8.3",
      build:
        "remi-php83 for EL7 (non-SCL php-*): glibc 2.17, gcc, bundled PCRE2 on EL7, common extensions in php-common; " +
        "the last patch release remi built for EL7 (not read from the index here)",
      source: "github.com/thias/rpms redhat/php83/php83.spec @ 43e684efac006ad9825bfa39ca3bd307ff13b5c8 (remi's spec)",
    },
    note:
      "Same minor on purpose (remi's newest for EL7 is 8.3); the patch releases can differ by years of fixes, and the builds " +
      "by compiler, libc and PCRE2 (JIT on both)",
  },
];
