#!/bin/sh
# Usage: copy-with-libs.sh [--with-provided] ROOT FILE...
# Copies each FILE into the tree at ROOT, at its canonical path (/usr merged,
# as in the scratch base), keeping symlinks and what they point to, together
# with every shared library it loads (as ldd reports them). Libraries named in
# base-provides.txt are left out: the scratch base already has them. With
# --with-provided (the base itself) they are copied too.
set -eu

skip_provided=yes
if [ "${1:-}" = --with-provided ]; then
  skip_provided=no
  shift
fi
root=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
provided=$(grep -v '^#' "$here/base-provides.txt")

is_provided() {
  [ "$skip_provided" = yes ] && printf '%s\n' "$provided" | grep -qxF "$(basename "$1")"
}

# The folder is canonicalised: a layer with a real /lib or /bin would replace
# the scratch base's symlinks into /usr.
copy_path() {
  dir=$(readlink -f "$(dirname "$1")")
  dest="$root$dir/$(basename "$1")"
  if [ -e "$dest" ] || [ -L "$dest" ]; then return 0; fi
  mkdir -p "$root$dir"
  cp -a "$1" "$dest"
  if [ -L "$1" ]; then
    target=$(readlink "$1")
    case "$target" in
      /*) copy_path "$target" ;;
      *) copy_path "$dir/$target" ;;
    esac
  fi
}

for file in "$@"; do
  copy_path "$file"
  # A library ldd can't find would only show as a crash at run time.
  if ldd "$file" 2>/dev/null | grep -q 'not found'; then
    echo "copy-with-libs: $file needs a library that is not installed:" >&2
    ldd "$file" | grep 'not found' >&2
    exit 1
  fi
  # "libx.so => /path (0x...)" and the loader's "/path (0x...)"
  ldd "$file" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' |
    while read -r lib; do
      is_provided "$lib" || copy_path "$lib"
    done
done
