#!/usr/bin/env bash
# Writes the job summary a reviewer reads on a pull request (Markdown, Indonesian): whether every
# SOP passed `sop validate`, whether the site built, and the validator's own report.
# Usage: tools/ci_summary.sh <validate outcome> <build outcome>   (success|failure|skipped|cancelled)
set -u
word() {
  case "$1" in
    success) echo "berhasil" ;;
    failure) echo "**gagal**" ;;
    skipped) echo "tidak dijalankan" ;;
    cancelled) echo "dibatalkan" ;;
    *) echo "tidak diketahui" ;;
  esac
}
fenced() {  # a file's text in a fence that its own content cannot close
  local file=$1
  if [ -s "$file" ]; then
    echo '<pre>'
    sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' "$file" | tail -n 200
    echo '</pre>'
  else
    echo "_(tidak ada keluaran)_"
  fi
}
echo "## Hasil pemeriksaan registri SOP"
echo
echo "| Tahap | Hasil |"
echo "|---|---|"
echo "| Pemeriksaan semua SOP (\`sop validate\`) | $(word "${1:-}") |"
echo "| Pembangunan situs (\`mkdocs build --strict\`) | $(word "${2:-}") |"
echo
if [ "${1:-}" = "success" ] && [ "${2:-}" = "success" ]; then
  echo "Semua SOP lolos pemeriksaan dan situs berhasil dibangun."
else
  echo "Ada yang belum lolos. Perbaiki galat di bawah ini (berkas:baris:kolom), lalu kirim ulang perubahan."
fi
echo
echo "### Laporan pemeriksaan"
fenced validate.txt
if [ "${2:-}" = "failure" ]; then
  echo
  echo "### Akhir log pembangunan"
  fenced build.txt
fi
