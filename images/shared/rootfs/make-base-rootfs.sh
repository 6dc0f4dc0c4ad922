#!/bin/sh
# Usage: make-base-rootfs.sh ROOT
# Lays out the scratch base in ROOT from the build stage's own files: static
# busybox and its applets, CA certificates, time zone data, the C library,
# the users root, nobody and app.
set -eu
root=$1
here=$(cd "$(dirname "$0")" && pwd)

mkdir -p "$root/usr/bin" "$root/usr/sbin" "$root/usr/lib" "$root/usr/lib64" \
  "$root/etc/ssl/certs" "$root/usr/share" "$root/tmp" "$root/root"
# /usr merged, as in Debian itself: binaries find their loader and libraries
# at either path.
for dir in bin sbin lib lib64; do ln -s "usr/$dir" "$root/$dir"; done
chmod 1777 "$root/tmp"
chmod 700 "$root/root"

busybox=$(command -v busybox)
cp "$busybox" "$root/usr/bin/busybox"
# Not its package tools (dpkg, rpm): there is no package database to manage,
# and a package manager is what an attacker in the container would reach for.
busybox --list-full | grep -v -E '(^|/)(linuxrc|dpkg|dpkg-deb|rpm|rpm2cpio)$' | while read -r applet; do
  [ -e "$root/$applet" ] || ln -s /usr/bin/busybox "$root/$applet"
done

cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"
# right/ repeats every zone with leap seconds, which nothing in a container
# uses; it would double the size of the zone data.
cp -a /usr/share/zoneinfo "$root/usr/share/"
rm -rf "$root/usr/share/zoneinfo/right"

libs=$(grep -v '^#' "$here/base-provides.txt" | while read -r name; do
  path=$(ldconfig -p | awk -v n="$name" '$1 == n && $NF ~ /^\// { print $NF; exit }')
  [ -n "$path" ] || { echo "make-base-rootfs: $name not found by ldconfig" >&2; exit 1; }
  echo "$path"
done)
# shellcheck disable=SC2086 # one path per word
sh "$here/copy-with-libs.sh" --with-provided "$root" $libs /lib64/ld-linux-x86-64.so.2
cp /etc/nsswitch.conf "$root/etc/"

# Only the accounts the image uses; root's shell is busybox's, not bash.
grep -E '^(root|nobody|app):' /etc/passwd | sed 's#:/bin/bash$#:/bin/sh#' >"$root/etc/passwd"
grep -E '^(root|nogroup|app):' /etc/group >"$root/etc/group"
home=$(awk -F: '$1 == "app" { print $6 }' /etc/passwd)
mkdir -p "$root$home"
chown app:app "$root$home"
