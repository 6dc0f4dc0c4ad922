#!/bin/sh
# The suites' way to stop the mariadb image's docker-entrypoint at a named
# point of a first start, so that `docker kill -s KILL` lands there every
# time, with no hook in the image: the suite runs this as the container's
# entrypoint (sh /tmp/mariadb-interrupt.sh POINT mariadbd). It puts shims of
# the server and the client first in PATH (they are no busybox applets, so
# every flavor's shell finds the shims), and each shim stops at its point:
# prints "PAUSED at POINT" and sleeps until the container is killed.
#   bootstrap-start   the marker written, the system tables not begun
#   bootstrap-middle  the bootstrap server alive, fed half the system tables
#   time-zones        the temporary server up, half the time zones loaded
#   accounts          the accounts made; the healthcheck's file and the
#                     marker's removal still to come
#   server            the first start finished; the server about to start
#   wipe              (a start that empties a half-done first start) frozen
#                     (SIGSTOP to its process group: all but this PID 1)
#                     once the wipe has removed one of the folders junk/d*,
#                     which the suite made; it prints "FROZEN mid-wipe: ..."
#                     with what is left.
# Started again (docker start), the container runs the entrypoint as shipped.
set -eu
point=$1
shift
state=/tmp/interrupt
datadir=/var/lib/mysql

if [ -e "$state/paused" ]; then
  exec docker-entrypoint "$@"
fi
mkdir -p "$state/bin"

if [ "$point" = wipe ]; then
  # No command substitution in the loop below: a fork per poll would let
  # the wipe finish between two looks.
  count_left() {
    left=0
    for folder in "$datadir"/junk/d*; do
      [ ! -d "$folder" ] || left=$((left + 1))
    done
  }
  count_left
  total=$left
  [ "$total" -gt 0 ] || { echo "no junk/d* folders to watch in $datadir" >&2; exit 2; }
  docker-entrypoint "$@" &
  # Closely: the killed start's lock went with it, so the wipe begins within
  # a millisecond, and on a quiet machine is over within 0.1 s.
  while count_left && [ "$left" -ge "$total" ]; do :; done
  kill -s STOP 0
  : >"$state/paused"
  echo "FROZEN mid-wipe: $left of $total junk folders left; in $datadir: $(find "$datadir" -mindepth 1 -maxdepth 1 | sort | tr '\n' ' ')" >&2
  exec sleep 3600
fi

# The shim: one script, linked under each tool's name.
cat >"$state/shim" <<'EOF'
#!/bin/sh
set -eu
state=/tmp/interrupt
tool=${0##*/}
real=$(PATH=$(cat "$state/path") command -v "$tool")
point=$(cat "$state/point")
# To the container's log (fd 7, the wrapper's stderr), not to the init log
# the entrypoint sends its tools' output to.
pause() {
  : >"$state/paused"
  echo "PAUSED at $point" >&7
  exec sleep 3600
}
[ ! -e "$state/paused" ] || exec "$real" "$@"
case "$tool $*" in
  *--bootstrap*) role=bootstrap ;;
  *--skip-networking*) role=init-server ;;
  mariadbd*) role=server ;;
  *--execute*) role=query ;;
  *--database=mysql*) role=time-zones ;;
  *) role=accounts ;;
esac
case "$point:$role" in
  bootstrap-start:bootstrap | server:server) pause ;;
  bootstrap-middle:bootstrap)
    mkfifo "$state/sql"
    "$real" "$@" <"$state/sql" &
    exec 3>"$state/sql"
    head -n 9000 >&3
    pause
    ;;
  time-zones:time-zones)
    head -n 40000 | "$real" "$@" || true
    pause
    ;;
  accounts:accounts)
    "$real" "$@"
    pause
    ;;
esac
exec "$real" "$@"
EOF
chmod +x "$state/shim"
printf '%s\n' "$PATH" >"$state/path"
printf '%s\n' "$point" >"$state/point"
for tool in mariadbd mariadb; do
  ln -s "$state/shim" "$state/bin/$tool"
done
exec 7>&2
PATH="$state/bin:$PATH" exec docker-entrypoint "$@"
