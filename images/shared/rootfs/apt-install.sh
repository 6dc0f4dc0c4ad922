#!/bin/sh
# Usage: apt-install.sh PACKAGES_TXT [PACKAGE...]
# Installs the packages an image's packages.txt names (one a line, # for
# comments), and any others given, the same way in every Debian-based
# flavor: the list is the one source of what an image is made of.
# With a packages.lock beside the list (the scratch flavor copies its own;
# src/provision/package-lock.ts says the format), exactly the locked
# versions are installed, the mirror's .deb of each must have the locked
# sha256, and a build stage whose packages then differ from the lock stops,
# in one line naming the first difference and `npm run lock`. Without one
# (the debian flavor) the newest are installed; with TINY_LOCK=refresh (npm
# run lock) too, and the lock of what was installed is written beside the
# list as packages.lock.new. A locked version the mirror has dropped (it
# keeps only the newest) stops the build the same way: refresh the lock, or
# install from a snapshot of the archive that still has it
# (TINY_DEBIAN_SNAPSHOT: the harness passes its sources as TINY_APT_SOURCES,
# which replace the image's own).
set -eu
list=$1
shift
dir=$(dirname "$list")
lock=$dir/packages.lock
tab=$(printf '\t')

fail() {
  echo "apt-install: $*" >&2
  exit 1
}

wanted() {
  grep -v -e '^#' -e '^[[:space:]]*$' "$list" | awk '{ print $1 }'
  printf '%s\n' "$@"
}

# The lock's rows for this build's architecture (and "all"): one lock holds
# the rows of every architecture it was made for.
locked() {
  grep -v -e '^#' -e '^[[:space:]]*$' "$lock" | awk -F '\t' -v arch="$(dpkg --print-architecture)" '$3 == arch || $3 == "all"'
}

# name, version, architecture of every installed package, sorted.
installed() {
  dpkg-query -W -f '${db:Status-Status}\t${Package}\t${Version}\t${Architecture}\n' |
    awk -F '\t' '$1 == "installed" { print $2 "\t" $3 "\t" $4 }' | sort
}

# name, version, sha256 of the .deb, from the mirror's index, for each
# name=version given on standard input.
index_sha256() {
  # shellcheck disable=SC2046 # one name=version per word
  apt-cache show $(cat) 2>/dev/null |
    awk '/^Package: / { p = $2 } /^Version: / { v = $2 } /^SHA256: / { print p "\t" v "\t" $2 }' | sort -u
}

install_locked() {
  [ -n "$(locked)" ] || fail "$lock has no packages for $(dpkg --print-architecture): run npm run lock (with TINY_PLATFORM for another architecture)"
  for name in $(wanted "$@"); do
    locked | awk -F '\t' -v n="$name" '$1 == n { found = 1 } END { exit !found }' ||
      fail "$name is wanted (packages.txt or the Dockerfile) but not locked in $lock: run npm run lock"
  done
  locked | awk -F '\t' '{ print $1 "=" $2 }' | index_sha256 >/tmp/index.sha256
  locked | while IFS=$tab read -r name version _arch sha; do
    got=$(awk -F '\t' -v n="$name" -v v="$version" '$1 == n && $2 == v { print $3; exit }' /tmp/index.sha256)
    [ -n "$got" ] || fail "$name $version is no longer on the Debian mirror: run npm run lock to refresh $lock, or set TINY_DEBIAN_SNAPSHOT to a snapshot that has it"
    [ "$got" = "$sha" ] || fail "$name $version: the mirror's .deb has sha256 $got, $lock says $sha: run npm run lock and review the change"
  done
  # shellcheck disable=SC2046 # one name=version per word
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends --allow-downgrades \
    $(locked | awk -F '\t' '{ print $1 "=" $2 }')
  installed >/tmp/installed
  locked | cut -f 1-3 | sort >/tmp/locked
  if ! cmp -s /tmp/locked /tmp/installed; then
    first=$(diff /tmp/locked /tmp/installed | grep '^[<>]' | head -n 1 | sed -e 's/^</locked:/' -e 's/^>/installed:/' | tr '\t' ' ')
    fail "the build stage's packages differ from $lock ($first): run npm run lock"
  fi
}

write_lock() {
  installed | awk -F '\t' '{ print $1 "=" $2 }' | index_sha256 >/tmp/index.sha256
  installed | while IFS=$tab read -r name version arch; do
    sha=$(awk -F '\t' -v n="$name" -v v="$version" '$1 == n && $2 == v { print $3; exit }' /tmp/index.sha256)
    [ -n "$sha" ] || fail "$name $version is installed but not in the mirror's index: it can't be locked"
    printf '%s\t%s\t%s\t%s\n' "$name" "$version" "$arch" "$sha"
  done >"$dir/packages.lock.new"
}

# A snapshot's sources (src/provision/debian-snapshot.ts writes them) in
# place of the image's: only in a build stage or npm run lock's container,
# which are thrown away.
if [ -n "${TINY_APT_SOURCES:-}" ]; then
  rm -f /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources
  printf '%s\n' "$TINY_APT_SOURCES" >/etc/apt/sources.list
fi
apt-get update
if [ -f "$lock" ] && [ "${TINY_LOCK:-}" != refresh ]; then
  install_locked "$@"
else
  # shellcheck disable=SC2046 # one package name per word
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $(wanted "$@")
  if [ "${TINY_LOCK:-}" = refresh ]; then write_lock; fi
fi
rm -rf /var/lib/apt/lists/* /tmp/index.sha256 /tmp/installed /tmp/locked
