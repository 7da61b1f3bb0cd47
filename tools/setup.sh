#!/usr/bin/env bash
# Installs what the project needs on a Debian machine with Python 3.11: system packages (Graphviz,
# and Chromium when SOP_WITH_BROWSER=1), a virtual environment in .venv, and the package with its
# test dependencies. Safe to run again: it only installs what is missing or out of date.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
apt_packages=()
command -v dot >/dev/null 2>&1 || apt_packages+=(graphviz)
command -v npm >/dev/null 2>&1 || apt_packages+=(nodejs npm)
if [ "${SOP_WITH_BROWSER:-0}" = "1" ]; then
  command -v chromium >/dev/null 2>&1 || apt_packages+=(chromium fonts-dejavu-core)
fi

apt_install() {
  if [ "$(id -u)" = "0" ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "Perlu hak root untuk memasang paket: $*" >&2; exit 1
  fi
  echo "Memasang paket sistem: $*"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

if [ ${#apt_packages[@]} -gt 0 ]; then
  apt_install "${apt_packages[@]}"
fi
command -v dot >/dev/null 2>&1 || { echo "Graphviz (dot) tidak terpasang." >&2; exit 1; }
if [ "${SOP_WITH_BROWSER:-0}" = "1" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "Chromium tidak terpasang; uji peramban tidak dapat berjalan." >&2; exit 1
fi

if [ ! -x .venv/bin/python ]; then
  echo "Membuat lingkungan Python di .venv"
  if ! "$PYTHON" -m venv .venv 2>/dev/null; then
    rm -rf .venv
    apt_install python3-venv
    "$PYTHON" -m venv .venv
  fi
fi

stamp=.venv/.sop-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "Memasang paket Python (pyproject.toml)"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
  # The lock-file tools of pyodide-build (pyodide-lock) declare Python >= 3.12 but their add-wheels
  # code runs on 3.11; they build the widget's pyodide-lock.json.
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --ignore-requires-python \
    "pyodide-lock==0.2.1" "pkginfo>=1.10" "wheel<0.46"
  touch "$stamp"
fi
