#!/bin/sh
# Usage: write-status.sh ROOT CLOSURE [PARENT_ROOT]
# Writes each kept package's dpkg record to ROOT/var/lib/dpkg/status.d/<name>
# and the md5sums of its files that the image has to <name>.md5sums, as
# distroless does, so Syft, Trivy and Grype list the packages without a dpkg
# database. A package the parent image already records, and to which this
# layer adds nothing, keeps the parent's record.
set -eu
root=$1
closure=$2
parent=${3:-}
status=/var/lib/dpkg/status.d
mkdir -p "$root$status"

has() {
  [ -e "$root$1" ] || [ -L "$root$1" ] || { [ -n "$parent" ] && { [ -e "$parent$1" ] || [ -L "$parent$1" ]; }; }
}

awk -F '\t' '$1 == "keep" { print $2 }' "$closure" | sort | while read -r package; do
  sums=$(dpkg-query --control-path "$package" md5sums)
  {
    [ -z "$sums" ] || while read -r sum path; do
      canonical=$(echo "/$path" | sed 's#^/\(bin\|sbin\|lib\|lib32\|lib64\|libx32\)/#/usr/\1/#')
      if has "$canonical"; then echo "$sum  $path"; fi
    done <"$sums"
  } >"$root$status/$package.md5sums"
  if [ -n "$parent" ] && [ -f "$parent$status/$package" ] && cmp -s "$root$status/$package.md5sums" "$parent$status/$package.md5sums"; then
    rm "$root$status/$package.md5sums"
    continue
  fi
  dpkg-query -s "$package" >"$root$status/$package"
done
