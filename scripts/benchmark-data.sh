#!/bin/sh
# Keeps the benchmark's history on a branch of its own, so it outlives CI
# caches (GitHub evicts a cache after 7 days unused) and needs no token but
# the job's own (permissions: contents: write to push, read to pull).
#
#   sh scripts/benchmark-data.sh pull [remote]   before a run: the branch's
#       history/*.json into reports/history/, which the report's baseline
#       and trend are read from; nothing when the branch doesn't exist yet
#   sh scripts/benchmark-data.sh push [remote]   after a run: every
#       reports/history/*.json the branch lacks, committed and pushed
#
# The branch (TINY_DATA_BRANCH, default benchmark-data) holds only history/.
# In CI the checkout keeps no credentials (persist-credentials: false), so no
# later step (npm's packages among them) can read the token from .git/config:
# the step that runs this gives it as BENCHMARK_DATA_TOKEN, and only git's
# calls here see it (git reads GIT_CONFIG_* from the environment).
set -eu

if [ -n "${BENCHMARK_DATA_TOKEN:-}" ]; then
  basic=$(printf 'x-access-token:%s' "$BENCHMARK_DATA_TOKEN" | base64 | tr -d '\n')
  export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0="http.https://github.com/.extraheader" GIT_CONFIG_VALUE_0="AUTHORIZATION: basic $basic"
fi

action=${1:-}
remote=${2:-origin}
branch=${TINY_DATA_BRANCH:-benchmark-data}

say() { printf 'benchmark-data: %s\n' "$*" >&2; }

cd "$(git rev-parse --show-toplevel)"
history=reports/history

_data_fetch() {
  # Quiet when the branch isn't there yet: the first run creates it.
  git fetch --quiet "$remote" "refs/heads/$branch" 2>/dev/null
}

_data_pull() {
  if ! _data_fetch; then
    say "no $branch branch on $remote yet; nothing to pull"
    return 0
  fi
  mkdir -p "$history"
  git archive FETCH_HEAD history | tar -x -C reports
  say "pulled $(git ls-tree --name-only FETCH_HEAD history/ | wc -l) runs from $remote/$branch"
}

_data_commit() {
  tree=$1
  mkdir -p "$tree/history"
  added=0
  for file in "$history"/*.json; do
    [ -e "$file" ] || continue
    [ -e "$tree/history/$(basename "$file")" ] && continue
    cp "$file" "$tree/history/"
    added=$((added + 1))
  done
  if [ "$added" -eq 0 ]; then
    say "nothing new to push"
    return 1
  fi
  git -C "$tree" add history
  git -C "$tree" -c user.name="${GIT_AUTHOR_NAME:-benchmark}" -c user.email="${GIT_AUTHOR_EMAIL:-benchmark@localhost}" \
    commit --quiet -m "history: $added run(s)"
  say "committed $added run(s)"
}

_data_push() {
  tree=$(mktemp -d)
  trap 'git worktree remove --force "$tree" 2>/dev/null || rm -rf "$tree"' EXIT
  if _data_fetch; then
    git worktree add --quiet --detach "$tree" FETCH_HEAD
  else
    # The first push: a branch with no history of the code's.
    git worktree add --quiet --detach "$tree"
    git -C "$tree" checkout --quiet --orphan "$branch"
    git -C "$tree" rm -r --quiet --force . >/dev/null
  fi
  _data_commit "$tree" || return 0
  # Another job may have pushed meanwhile: take its runs and try once more.
  if ! git -C "$tree" push --quiet "$remote" "HEAD:refs/heads/$branch"; then
    _data_fetch
    git -C "$tree" rebase --quiet FETCH_HEAD
    git -C "$tree" push --quiet "$remote" "HEAD:refs/heads/$branch"
  fi
  say "pushed to $remote/$branch"
}

case $action in
  pull) _data_pull ;;
  push) _data_push ;;
  *)
    say "usage: $0 pull|push [remote]"
    exit 2
    ;;
esac
