#!/bin/sh
# Installs, on Debian as root, the command-line tools the tests and the
# benchmark use besides Docker: shellcheck (every shell script is checked in
# npm test), wrk (the benchmark's second opinion on autocannon) and chromium
# (npm run report:preview, which holds the report to four screens). Does
# nothing for a tool that is already there; elsewhere it says what is missing.
set -eu

missing=""
for tool in shellcheck wrk; do
  command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
# Any of the browsers src/preview/screenshot.ts looks for will do: GitHub's
# Ubuntu runners have Google Chrome, where Ubuntu's chromium is a snap.
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 &&
  ! command -v google-chrome >/dev/null 2>&1; then
  missing="$missing chromium"
fi
[ -n "$missing" ] || exit 0

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  printf 'install-tools: missing:%s; install them with your package manager\n' "$missing" >&2
  exit 1
fi
printf 'install-tools: installing:%s\n' "$missing" >&2
apt-get update -qq >&2
# shellcheck disable=SC2086 # one word per package
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >&2
