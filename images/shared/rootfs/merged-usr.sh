#!/bin/sh
# Usage: merged-usr.sh ROOT
# The /usr-merged skeleton of a scratch image, as in Debian itself: /bin,
# /sbin and /lib lead into /usr, so binaries find their loader and libraries
# at either path. The loader's folder depends on the architecture (some keep
# it in /lib64, others in /lib), so /lib64 is laid out only where this build
# stage, of the architecture being built, has one: nothing here names an
# architecture.
set -eu
root=$1
for dir in bin sbin lib lib64; do
  if [ "$dir" = lib64 ] && [ ! -e /lib64 ]; then continue; fi
  mkdir -p "$root/usr/$dir"
  ln -s "usr/$dir" "$root/$dir"
done
