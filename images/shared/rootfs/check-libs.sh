#!/bin/sh
# Usage: check-libs.sh ROOT [PARENT_ROOT]
# Fails, naming them, when an ELF file in ROOT loads a shared library that
# neither ROOT nor PARENT_ROOT has: an exclusion that went too far would
# otherwise only show as a crash at run time. ldd resolves against this
# build stage, where every package is installed, so every library is found
# here; the check is that the image has it too. (A library found through
# $ORIGIN, as glibc's gconv modules find theirs, resolves inside ROOT.)
set -eu
root=$1
parent=${2:-}
elf=$(printf '\177ELF')
missing=$(find "$root" -type f | while read -r file; do
  [ "$(head -c 4 "$file")" = "$elf" ] || continue
  ldd "$file" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' |
    sed -e "s#^$root/#/#" -e 's#^/\(bin\|sbin\|lib\|lib32\|lib64\|libx32\)/#/usr/\1/#' | while read -r lib; do
      if [ ! -e "$root$lib" ] && { [ -z "$parent" ] || [ ! -e "$parent$lib" ]; }; then
        echo "${file#"$root"} needs $lib"
      fi
    done
done)
if [ -n "$missing" ]; then
  echo "check-libs: libraries an exclusion left out are still loaded:" >&2
  echo "$missing" >&2
  exit 1
fi
