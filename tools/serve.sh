#!/usr/bin/env bash
# Installs what is needed, then builds and serves the registry at http://127.0.0.1:8000
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/mkdocs serve --dev-addr 127.0.0.1:8000 "$@"
