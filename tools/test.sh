#!/usr/bin/env bash
# Installs what is needed, then runs every test (extra arguments go to pytest).
set -euo pipefail
cd "$(dirname "$0")/.."
SOP_WITH_BROWSER=1 bash tools/setup.sh
exec .venv/bin/python -m pytest "$@"
