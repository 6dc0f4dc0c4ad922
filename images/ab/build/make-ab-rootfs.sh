#!/bin/sh
# Usage: make-ab-rootfs.sh ROOT
# Lays out what tiny/ab:scratch has beside its packages (copy-packages.sh
# copies those): the /usr-merged skeleton, name resolution, and the user app
# with a home to write ab's -g and -e files in.
set -eu
root=$1

# /usr merged, as in the scratch base: ab's loader is found at its usual path.
sh "$(dirname "$0")/merged-usr.sh" "$root"
mkdir -p "$root/etc"

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
