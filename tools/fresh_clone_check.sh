#!/usr/bin/env bash
# Does a fresh clone work as the README says? Clones the committed repository into a temporary folder
# and runs the README's two commands there:
#   1. bash tools/serve.sh  -> waits for the site, fetches the home page and every SOP page, stops it;
#   2. bash tools/test.sh   -> the whole suite (which also checks that .venv equals uv.lock).
# Prints one line per check and exits non-zero if any failed. Uncommitted changes are not in the clone.
# Usage: bash tools/fresh_clone_check.sh [--keep]   (--keep leaves the clone for inspection)
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
keep=0; [ "${1:-}" = "--keep" ] && keep=1
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  echo "Catatan: ada perubahan yang belum di-commit; klon hanya memuat yang sudah di-commit." >&2
fi
work=$(mktemp -d /tmp/sop-fresh-XXXXXX)
[ "$keep" = 1 ] || trap 'rm -rf "$work"' EXIT
git clone -q "$root" "$work/clone" || { echo "GAGAL: git clone"; exit 1; }
cd "$work/clone"
failed=0
report() { printf '%-8s %s\n' "$1" "$2"; [ "$1" = "OK" ] || failed=1; }

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
start=$(date +%s)
setsid bash tools/serve.sh --dev-addr "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
serve_pid=$!
up=0
for _ in $(seq 1 900); do
  if curl -fs -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null; then up=1; break; fi
  kill -0 "$serve_pid" 2>/dev/null || break
  sleep 1
done
if [ "$up" = 1 ]; then
  report OK "serve: situs tersaji setelah $(( $(date +%s) - start )) s (termasuk pemasangan)"
  # Every SOP page the site lists in sops.json, and at least as many as there are SOP files.
  pages=("" "sop/")
  while IFS= read -r url; do pages+=("$url"); done < <(curl -fs "http://127.0.0.1:$port/sops.json" |
    python3 -c 'import json, sys; print("\n".join(s["url"] for s in json.load(sys.stdin)["sops"]))')
  files=$(find sops -name '*.yaml' ! -name '_*' ! -name 'peraturan.yaml' | wc -l)
  if [ $(( ${#pages[@]} - 2 )) -ge "$files" ]; then
    report OK "serve: sops.json mendaftar $(( ${#pages[@]} - 2 )) SOP dari $files berkas"
  else
    report GAGAL "serve: sops.json mendaftar $(( ${#pages[@]} - 2 )) SOP, padahal ada $files berkas"
  fi
  for page in "${pages[@]}"; do
    if curl -fsS "http://127.0.0.1:$port/$page" -o "$work/page.html" && grep -q "</html>" "$work/page.html"; then
      report OK "serve: /$page"
    else
      report GAGAL "serve: /$page"
    fi
  done
else
  report GAGAL "serve: situs tidak tersaji (lihat $work/serve.log)"; tail -20 "$work/serve.log"
fi
kill -- -"$serve_pid" 2>/dev/null; wait "$serve_pid" 2>/dev/null

start=$(date +%s)
if CI=true bash tools/test.sh -q -p no:cacheprovider </dev/null >"$work/test.log" 2>&1; then
  report OK "test: $(tail -1 "$work/test.log") ($(( $(date +%s) - start )) s)"
else
  report GAGAL "test: $(tail -1 "$work/test.log") (lihat $work/test.log)"
  grep -E "^(FAILED|ERROR)" "$work/test.log" | head -20
fi
[ "$keep" = 1 ] && echo "Klon: $work/clone"
exit "$failed"
