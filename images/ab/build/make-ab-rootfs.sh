#!/bin/sh
# Usage: make-ab-rootfs.sh ROOT
# Lays out tiny/ab:scratch in ROOT from the build stage's own files: ab, the
# loader, the C library and every library ab loads, name resolution, and the
# user app with a home to write ab's -g and -e files in.
# No CA bundle: ab never verifies a certificate (it loads no trust store), so
# https targets work without one.
set -eu
root=$1
here=$(cd "$(dirname "$0")" && pwd)

# /usr merged, as in the scratch base: ab's loader is /lib64/ld-linux-x86-64.so.2.
mkdir -p "$root/usr/bin" "$root/usr/lib" "$root/usr/lib64" "$root/etc"
for dir in bin lib lib64; do ln -s "usr/$dir" "$root/$dir"; done
# --with-provided: no base lies underneath to provide libc and the loader.
sh "$here/copy-with-libs.sh" --with-provided "$root" /usr/bin/ab

# Docker mounts /etc/hosts and /etc/resolv.conf, but without nsswitch.conf glibc
# asks DNS before /etc/hosts and --add-host names lose
# (https://man7.org/linux/man-pages/man5/nsswitch.conf.5.html).
cp /etc/nsswitch.conf "$root/etc/"

# Only the account ab runs as; there is no shell to log in to.
grep '^app:' /etc/passwd | sed 's#:[^:]*$#:/usr/sbin/nologin#' >"$root/etc/passwd"
grep '^app:' /etc/group >"$root/etc/group"
home=$(awk -F: '$1 == "app" { print $6 }' /etc/passwd)
mkdir -p "$root$home"
chown app:app "$root$home"
