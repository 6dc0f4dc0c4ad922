#!/bin/sh
# Stops the dockerd that scripts/docker-up.sh started, and waits for it to go.
set -eu
pid_file=/var/run/docker.pid
[ -f "$pid_file" ] || exit 0
pid=$(cat "$pid_file")
[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dockerd ] || exit 0
kill "$pid" 2>/dev/null || exit 0
i=0
while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 30 ]; do
  sleep 1
  i=$((i + 1))
done
printf 'docker-down: dockerd stopped\n' >&2
