#!/usr/bin/env bash
# Times tools/setup.sh on clean clones of two revisions, in one run: with empty package caches
# ("cold"), run again ("again"), and with a new .venv but warm caches ("new venv").
# Usage: bash tools/bench_setup.sh OLD_REV [NEW_REV]   (NEW_REV defaults to HEAD)
set -u
cd "$(dirname "$0")/.."
root=$PWD
work=$(mktemp -d /tmp/sop-setup-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
timed() {  # label, then the command's seconds
  local s e; s=$(date +%s.%N); SOP_WITH_BROWSER=1 bash tools/setup.sh >>"$work/log" 2>&1; local rc=$?; e=$(date +%s.%N)
  printf '%-10s %-9s rc=%s %6.1f s\n' "$rev" "$1" "$rc" "$(echo "$e - $s" | bc)"
}
for rev in "${1:?give the old revision}" "${2:-HEAD}"; do
  git clone -q "$root" "$work/$rev" && (cd "$work/$rev" && git checkout -q "$rev") || exit 1
  cd "$work/$rev"
  export PIP_CACHE_DIR="$work/pip-cache-$rev" UV_CACHE_DIR="$work/uv-cache-$rev"
  timed cold; timed again; rm -rf .venv; timed "new venv"
  cd "$root"
done
