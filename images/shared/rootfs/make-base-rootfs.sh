#!/bin/sh
# Usage: make-base-rootfs.sh ROOT
# Lays out what the scratch base has beside its packages (copy-packages.sh
# copies those): the /usr-merged skeleton, busybox's applets, name-service
# switch, and the users root, nobody and app.
set -eu
root=$1

sh "$(dirname "$0")/merged-usr.sh" "$root"
mkdir -p "$root/etc" "$root/tmp" "$root/root"
chmod 1777 "$root/tmp"
chmod 700 "$root/root"

# busybox-static is the shell and utilities, in place of Debian's essential
# packages (bash, coreutils, ...). Not its package tools (dpkg, rpm): there
# is no package database to manage, and a package manager is what an
# attacker in the container would reach for.
busybox --list-full | grep -v -E '(^|/)(linuxrc|dpkg|dpkg-deb|rpm|rpm2cpio)$' | while read -r applet; do
  [ -e "$root/$applet" ] || ln -s /usr/bin/busybox "$root/$applet"
done

# Docker mounts /etc/hosts, but without nsswitch.conf glibc asks DNS before
# /etc/hosts (https://man7.org/linux/man-pages/man5/nsswitch.conf.5.html).
cp /etc/nsswitch.conf "$root/etc/"

# Only the accounts the image uses; root's shell is busybox's, not bash.
grep -E '^(root|nobody|app):' /etc/passwd | sed 's#:/bin/bash$#:/bin/sh#' >"$root/etc/passwd"
grep -E '^(root|nogroup|app):' /etc/group >"$root/etc/group"
home=$(awk -F: '$1 == "app" { print $6 }' /etc/passwd)
mkdir -p "$root$home"
chown app:app "$root$home"
