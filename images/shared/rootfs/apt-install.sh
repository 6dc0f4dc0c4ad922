#!/bin/sh
# Usage: apt-install.sh PACKAGES_TXT [PACKAGE...]
# Installs the packages an image's packages.txt names (one a line, # for
# comments), and any others given, the same way in every Debian-based
# flavor: the list is the one source of what an image is made of.
# The release tag pins the packages, not their versions: Debian's mirror
# drops a version once it is superseded, so a pin would break the build
# within weeks.
set -eu
list=$1
shift
apt-get update
# shellcheck disable=SC2046 # one package name per word
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
  $(grep -v -e '^#' -e '^[[:space:]]*$' "$list" | awk '{ print $1 }') "$@"
rm -rf /var/lib/apt/lists/*
