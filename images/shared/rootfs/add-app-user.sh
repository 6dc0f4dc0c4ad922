#!/bin/sh
# Creates the non-root user the images run as. One uid/gid in every flavor
# (10001: clear of the distributions' system and user ranges, as distroless
# keeps its nonroot user clear of them), so files and volumes move between
# flavors without a chown.
set -eu
id=10001
if command -v useradd >/dev/null 2>&1; then
  groupadd --system --gid "$id" app
  useradd --system --uid "$id" --gid app --home-dir /home/app --create-home --shell /bin/sh app
else
  # busybox (alpine) has adduser/addgroup only
  addgroup -S -g "$id" app
  adduser -S -D -u "$id" -G app -h /home/app -s /bin/sh app
fi
