#!/bin/sh
# Usage: copy-postinst.sh ROOT LISTS [PARENT_ROOT]
# What the packages' maintainer scripts made, which no package lists, copied
# from this build stage into ROOT:
#   - every symlink under /etc that leads to a file ROOT or PARENT_ROOT has:
#     update-alternatives' links (/etc/mysql/my.cnf), phpenmod's conf.d
#     links, update-ca-certificates' /etc/ssl/certs links; links to what was
#     left out (init scripts, systemd units) stay out with it;
#   - the names update-alternatives gives outside /etc (/usr/bin/php), which
#     lead through /etc/alternatives, when where they lead is here;
#   - the paths LISTS/postinst.txt names (a path, then why), such as the CA
#     bundle update-ca-certificates builds.
set -eu
root=$1
lists=$2
parent=${3:-}

has() {
  [ -e "$root$1" ] || [ -L "$root$1" ] || { [ -n "$parent" ] && { [ -e "$parent$1" ] || [ -L "$parent$1" ]; }; }
}

if [ -f "$lists/postinst.txt" ]; then
  grep -v -e '^#' -e '^[[:space:]]*$' "$lists/postinst.txt" | awk '{ print $1 }' | while read -r path; do
    [ -e "$path" ] || [ -L "$path" ] || { echo "copy-postinst: $path (postinst.txt) is not here" >&2; exit 1; }
    echo "$path"
  done >/tmp/postinst-paths
  sed 's#^/##' /tmp/postinst-paths | tar -C / -cf - -T - | tar -C "$root" -xpf -
  rm /tmp/postinst-paths
fi

# The links read on stdin that ROOT lacks and whose final target it has.
links_into_root() {
  while read -r link; do
    has "$link" && continue
    target=$(readlink -f "$link") || continue
    if has "$target"; then echo "$link"; fi
  done
}

# After them: a link may lead into what they brought (conf.d into mods-available).
find /etc -type l | sort | links_into_root >/tmp/postinst-links
find /usr -type l -lname '/etc/alternatives/*' | sort | links_into_root >>/tmp/postinst-links

sed 's#^/##' /tmp/postinst-links | tar -C / -cf - -T - | tar -C "$root" -xpf -
rm /tmp/postinst-links
