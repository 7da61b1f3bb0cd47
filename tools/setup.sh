#!/usr/bin/env bash
# Installs what the project needs on a Debian machine with Python 3.11: system packages (Graphviz,
# Node.js, Chromium with the DejaVu fonts for the PDF of every SOP; for the tests, SOP_WITH_BROWSER=1, also
# Tesseract with Indonesian data), uv
# (pinned by hash), and a virtual environment in .venv holding exactly the versions of uv.lock. Safe to run again: it only changes what differs.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
apt_packages=()
command -v dot >/dev/null 2>&1 || apt_packages+=(graphviz)
command -v npm >/dev/null 2>&1 || apt_packages+=(nodejs npm)
# The build prints every SOP's PDF with headless Chromium (any of the names sop_ap.render.pdf looks for,
# or SOP_CHROMIUM); the paper layout is set in DejaVu Sans.
has_browser=0
for name in chromium chromium-browser google-chrome google-chrome-stable; do
  command -v "$name" >/dev/null 2>&1 && has_browser=1
done
[ -n "${SOP_CHROMIUM:-}" ] && [ -x "${SOP_CHROMIUM}" ] && has_browser=1
if [ "${SOP_WITH_BROWSER:-0}" = "1" ]; then
  command -v chromium >/dev/null 2>&1 || apt_packages+=(chromium)
elif [ "$has_browser" = "0" ]; then
  apt_packages+=(chromium)
fi
fc-list 2>/dev/null | grep -q DejaVuSans.ttf || apt_packages+=(fonts-dejavu-core)
if [ "${SOP_WITH_BROWSER:-0}" = "1" ]; then
  # OCR of scanned SOPs (sop import), tested with its Indonesian data.
  command -v tesseract >/dev/null 2>&1 || apt_packages+=(tesseract-ocr)
  tesseract --list-langs 2>/dev/null | grep -qx ind || apt_packages+=(tesseract-ocr-ind)
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
command -v node >/dev/null 2>&1 || { echo "Node.js tidak terpasang." >&2; exit 1; }
if [ "${SOP_WITH_BROWSER:-0}" = "1" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "Chromium tidak terpasang; uji peramban tidak dapat berjalan." >&2; exit 1
fi
if [ "${SOP_WITH_BROWSER:-0}" = "1" ] && ! tesseract --list-langs 2>/dev/null | grep -qx ind; then
  echo "Tesseract dengan data bahasa Indonesia tidak terpasang; uji OCR tidak dapat berjalan." >&2; exit 1
fi

# uv, at the version and hashes of tools/uv-requirements.txt, in a folder of its own.
uv_home=.cache/uv-tool
uv_version=$(sed -n 's/^uv==\([0-9.]*\).*/\1/p' tools/uv-requirements.txt)
if ! "$uv_home/bin/uv" --version 2>/dev/null | grep -qx "uv $uv_version.*"; then
  echo "Memasang uv $uv_version"
  rm -rf "$uv_home"
  if ! "$PYTHON" -m venv "$uv_home" 2>/dev/null; then
    rm -rf "$uv_home"
    apt_install python3-venv
    "$PYTHON" -m venv "$uv_home"
  fi
  "$uv_home/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes \
    -r tools/uv-requirements.txt
fi

# .venv = uv.lock exactly (--locked: stop if pyproject.toml and uv.lock disagree; sync removes
# anything else). Python is this machine's, never a download.
export UV_PYTHON_DOWNLOADS=never
if [ -f .venv/pyvenv.cfg ] && ! grep -q '^uv = ' .venv/pyvenv.cfg; then
  echo "Membuat ulang .venv dengan uv (yang lama dibuat tanpa berkas kunci)"
  rm -rf .venv
fi
"$uv_home/bin/uv" sync --locked --extra test --quiet --python "$("$PYTHON" -c "import sys; print(sys.executable)")"
