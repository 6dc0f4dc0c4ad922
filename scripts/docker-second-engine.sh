#!/bin/sh
# Starts (or stops) a second Docker engine beside the main one, as root: its
# own bridge, data, state and socket, so it shares nothing with the main
# engine but the kernel. It stands in for a remote engine when testing that
# the harness keeps its load generators off the server's engine
# (DOCKER_HOST=tcp://127.0.0.1:<port>), and gives parallel work an engine of
# its own (DOCKER_HOST=unix:///run/docker-<name>.sock).
#
#   sh scripts/docker-second-engine.sh up <name> <bridge-cidr> [tcp-address]
#   sh scripts/docker-second-engine.sh down <name>
#
# e.g. `up remote 172.31.0.1/16 127.0.0.2:23750`. Prints the DOCKER_HOST to
# use. No TLS on the TCP socket: give it a loopback address only.
set -eu

say() { printf 'docker-second-engine: %s\n' "$*" >&2; }
usage() {
  say "usage: $0 up <name> <bridge-cidr> [tcp-address] | down <name>"
  exit 2
}

[ $# -ge 2 ] || usage
action=$1
name=$2
case $name in *[!a-z0-9]* | '') say "name must be lower-case letters and digits: $name"; exit 2 ;; esac

bridge="br-$name"
root="/var/lib/docker-$name"
exec_root="/run/docker-$name"
socket="/run/docker-$name.sock"
pid_file="/run/docker-$name.pid"
log="/var/log/tiny-docker-images/dockerd-$name.log"

_engine_down() {
  if [ -f "$pid_file" ]; then
    pid=$(cat "$pid_file")
    kill "$pid" 2>/dev/null || true
    # dockerd stops its containers first; wait for it rather than leave them.
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  fi
  ip link del "$bridge" 2>/dev/null || true
  say "$name stopped"
}

_engine_up() {
  cidr=$1
  address=${2:-}
  if DOCKER_HOST="unix://$socket" docker info >/dev/null 2>&1; then
    say "$name already answers"
  else
    # A daemon that was killed leaves its pid file, and a new one refuses to start beside it.
    if [ -f "$pid_file" ] && ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then rm -f "$pid_file"; fi
    # A bridge of its own: two engines on docker0 would fight over it.
    ip link show "$bridge" >/dev/null 2>&1 || ip link add "$bridge" type bridge
    ip addr replace "$cidr" dev "$bridge"
    ip link set "$bridge" up
    mkdir -p "$(dirname "$log")"
    hosts="-H unix://$socket"
    [ -z "$address" ] || hosts="$hosts -H tcp://$address"
    # shellcheck disable=SC2086 # $hosts is two or four words on purpose
    nohup dockerd $hosts --bridge "$bridge" --data-root "$root" --exec-root "$exec_root" \
      --pidfile "$pid_file" >"$log" 2>&1 &
    waited=0
    until DOCKER_HOST="unix://$socket" docker info >/dev/null 2>&1; do
      if [ "$waited" -ge 60 ]; then
        say "$name did not answer within 60s; last lines of $log:"
        tail -n 20 "$log" >&2
        exit 1
      fi
      sleep 1
      waited=$((waited + 1))
    done
    say "$name answers after ${waited}s (log: $log)"
  fi
  if [ -n "$address" ]; then echo "tcp://$address"; else echo "unix://$socket"; fi
}

case $action in
  up) [ $# -ge 3 ] || usage; shift 2; _engine_up "$@" ;;
  down) _engine_down ;;
  *) usage ;;
esac
