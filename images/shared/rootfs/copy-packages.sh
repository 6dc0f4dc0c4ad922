#!/bin/sh
# Usage: copy-packages.sh ROOT IMAGE [PARENT_ROOT [PACKAGE...]]
# Lays out in ROOT every file of the Debian packages IMAGE's packages.txt
# names and of every package they depend on (Depends and Pre-Depends, as
# installed in this build stage), the distroless way: whole packages, minus
# what IMAGE's exclusions.txt names, each exclusion measured.
#   - The lists are read from /usr/local/lib/tiny-docker-images/IMAGE/.
#   - PARENT_ROOT: the filesystem of the image this one builds FROM. What it
#     has is not copied again; its exclusions apply here too (its manifest),
#     after this image's own rules.
#     With PARENT_PROVIDES=no only its rules count: an image that builds
#     FROM scratch but follows the base's rules (ab).
#   - PACKAGE...: packages this flavor has beyond packages.txt.
#   - Every included package's dpkg record goes to /var/lib/dpkg/status.d/,
#     with its md5sums, so scanners (Syft, Trivy, Grype) see the packages.
#   - The manifest, /usr/share/tiny-docker-images/exclusions/IMAGE.tsv, says
#     what each exclusion left out and how many bytes it saved.
# Paths are written /usr-merged (/lib/x becomes /usr/lib/x), as the scratch
# base lays them out, and exclusion patterns match those paths.
set -eu
root=$1
name=$2
parent=${3:-}
shift $(($# < 3 ? $# : 3))
here=$(cd "$(dirname "$0")" && pwd)
lists=$here/$name
work=$(mktemp -d)
mkdir -p "$root"
manifests=/usr/share/tiny-docker-images/exclusions

# The rules, own first (the first match wins): kind, pattern, whose, reason.
grep -v -e '^#' -e '^[[:space:]]*$' "$lists/exclusions.txt" |
  awk -v who="$name" '{ k = $1; p = $2; $1 = ""; $2 = ""; sub(/^ +/, ""); print k "\t" p "\t" who "\t" $0 }' >"$work/rules"
if [ -n "$parent" ]; then
  for inherited in "$parent$manifests"/*.tsv; do
    [ -e "$inherited" ] || continue
    awk -F '\t' '!/^#/ { print $1 "\t" $2 "\t" $5 "\t" $6 }' "$inherited" >>"$work/rules"
  done
fi
awk -F '\t' '$1 !~ /^(path|package|keep)$/ { print "copy-packages: unknown kind " $1 " (path, package or keep)"; bad = 1 } END { exit bad }' "$work/rules" >&2

# The closure, stopping at excluded packages.
dpkg-query -W -f '${db:Status-Status}\t${Package}\t${Provides}\t${Pre-Depends}, ${Depends}\n' |
  awk -F '\t' '$1 == "installed"' >"$work/installed"
{
  grep -v -e '^#' -e '^[[:space:]]*$' "$lists/packages.txt" | awk '{ print $1 }'
  printf '%s\n' "$@"
} | grep . >"$work/wanted"
awk -F '\t' '$1 == "package" { print $2 "\t" $3 }' "$work/rules" >"$work/excluded-packages"
awk -f "$here/package-closure.awk" "$work/installed" "$work/excluded-packages" "$work/wanted" >"$work/closure"

# Every path of every package met, /usr-merged, with its owner: kept
# packages by name, excluded ones as the package exclusion that left them out.
canonical() {
  grep -v -x -F '/.' | sed -e 's#^/\(bin\|sbin\|lib\|lib32\|lib64\|libx32\)/#/usr/\1/#' -e 's#^/\(bin\|sbin\|lib\|lib32\|lib64\|libx32\)$#/usr/\1#'
}
while IFS="$(printf '\t')" read -r state package via; do
  # dpkg names it package:arch.list for a Multi-Arch: same package.
  list=
  for candidate in "/var/lib/dpkg/info/$package.list" "/var/lib/dpkg/info/$package":*.list; do
    if [ -f "$candidate" ]; then list=$candidate; fi
  done
  [ -n "$list" ] || { echo "copy-packages: no file list for $package" >&2; exit 1; }
  owner=$package
  [ "$state" = keep ] || owner="package:$via"
  canonical <"$list" | sed "s#^#$owner\t#"
done <"$work/closure" | sort -u -t "$(printf '\t')" -k2,2 >"$work/paths"

# Type and size of each path present here (slim's dpkg filters left the rest
# uninstalled in both flavors), and whether the parent has it already.
cut -f2 "$work/paths" | while read -r path; do
  if [ -L "$path" ] || [ -e "$path" ]; then
    provided=no
    if [ -n "$parent" ] && [ "${PARENT_PROVIDES:-yes}" = yes ] && { [ -L "$parent$path" ] || [ -e "$parent$path" ]; }; then provided=yes; fi
    printf '%s\t%s\t%s\n' "$path" "$(stat --printf '%F\t%s' "$path")" "$provided"
  fi
done >"$work/present"

awk -f "$here/apply-exclusions.awk" -v manifest="$work/manifest" -v keep="$work/keep" \
  "$work/rules" "$work/closure" "$work/paths" "$work/present"

sed 's#^/##' "$work/keep" | tar -C / --no-recursion -cf - -T - | tar -C "$root" -xpf -
provider=$parent
[ "${PARENT_PROVIDES:-yes}" = yes ] || provider=
sh "$here/copy-postinst.sh" "$root" "$lists" "$provider"

# A package's symlink to a file an exclusion left out (mysqladmin to
# mariadb-admin) goes with it, counted on a line of its own.
find "$root" -type l | while read -r link; do
  path=${link#"$root"}
  target=$(readlink "$link")
  case $target in /*) ;; *) target=$(dirname "$path")/$target ;; esac
  # A link dangling in Debian too (nginx's empty modules folder) stays.
  [ -e "$target" ] || continue
  [ -e "$root$target" ] || [ -L "$root$target" ] || { [ -n "$provider" ] && [ -e "$provider$target" ]; } || {
    rm "$link"
    echo "$path"
  }
done >"$work/dangling"
printf 'path\t(symlinks to what is left out)\t%s\t0\t%s\tlinks whose target a rule above left out, such as an old name of a tool\t\n' \
  "$(wc -l <"$work/dangling")" "$name" >>"$work/manifest"
sh "$here/write-status.sh" "$root" "$work/closure" "$provider"

mkdir -p "$root$manifests"
{
  printf '# What %s leaves out of its Debian packages: kind, pattern, files, bytes, whose rule, reason, packages reached only through it (tab-separated)\n' "$name"
  cat "$work/manifest"
} >"$root$manifests/$name.tsv"
[ -n "${KEEP_WORK:-}" ] || rm -rf "$work"
