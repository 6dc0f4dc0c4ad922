#!/bin/sh
# Makes sure a Docker engine answers. Does nothing when one already does.
# On Debian, as root, installs what is missing (docker.io, mmdebstrap),
# clears a stale pid file left by a killed daemon and starts dockerd in the
# background. Prints "started" on stdout when it started a daemon itself, so
# a caller (.ci/run) knows to stop it again.
set -eu

log_dir=${TINY_DOCKERD_LOG_DIR:-/var/log/tiny-docker-images}
wait_seconds=${TINY_DOCKERD_WAIT:-60}

say() { printf 'docker-up: %s\n' "$*" >&2; }

can_install=no
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then can_install=yes; fi

install() {
  say "installing: $*"
  # The package lists may be missing or stale on a new machine.
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

# The Debian bootstrap needs mmdebstrap even where an engine already runs.
if ! command -v mmdebstrap >/dev/null 2>&1 && [ "$can_install" = yes ]; then
  install mmdebstrap
fi

if docker info >/dev/null 2>&1; then
  say "a Docker engine already answers; nothing to do"
  exit 0
fi

if [ "$can_install" = no ]; then
  say "no Docker engine answers. Install and start one (Docker Engine, or Debian's docker.io as root), then run again."
  exit 1
fi

command -v dockerd >/dev/null 2>&1 || install docker.io

# A daemon killed without a clean stop leaves its pid files, and a new
# dockerd (or containerd) refuses to start while they are there. After a
# restart the number may belong to another process: only a live process of
# that name keeps its file.
for entry in /var/run/docker.pid:dockerd /run/docker/containerd/containerd.pid:containerd; do
  pid_file=${entry%%:*}
  name=${entry##*:}
  [ -f "$pid_file" ] || continue
  pid=$(cat "$pid_file" 2>/dev/null || true)
  if [ -z "$pid" ] || [ "$(cat "/proc/$pid/comm" 2>/dev/null)" != "$name" ]; then
    say "removing stale $pid_file"
    rm -f "$pid_file"
  fi
done

mkdir -p "$log_dir"
say "starting dockerd (log: $log_dir/dockerd.log)"
nohup dockerd >"$log_dir/dockerd.log" 2>&1 &

waited=0
until docker info >/dev/null 2>&1; do
  if [ "$waited" -ge "$wait_seconds" ]; then
    say "dockerd did not answer within ${wait_seconds}s; last lines of $log_dir/dockerd.log:"
    tail -n 20 "$log_dir/dockerd.log" >&2 || true
    exit 1
  fi
  sleep 1
  waited=$((waited + 1))
done
say "dockerd answers after ${waited}s"
echo started
