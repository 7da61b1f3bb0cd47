"""A small valid SOP as YAML text, and helpers to break it in one place."""

from __future__ import annotations

from sop_ap.source.registry import SopEntry, load_sop_text

VALID = """\
nomor: "001/SOP/2024"
nama: Pelayanan Surat Keterangan
instansi: Pemerintah Kabupaten Contoh
unit: Kecamatan Contoh
tanggal:
  pembuatan: 2024-01-02
  efektif: 2024-01-10
disahkan:
  jabatan: Camat Contoh
  nama: Nama Pejabat, S.Sos.
  nip: "19791025 199912 2 001"
dasar_hukum:
  - jenis: PP
    nomor: "17"
    tahun: 2018
    tentang: Kecamatan
pelaksana:
  - nama: Camat
  - nama: Staf
    sebutan: [Petugas Loket]
langkah:
  - no: 1
    kegiatan: Menerima permohonan
    oleh: Staf
    simbol: terminator
    waktu: 5 menit
  - no: 2
    kegiatan: Memeriksa berkas
    oleh: Staf
    simbol: keputusan
    cabang:
      Lengkap: 3
      Tidak lengkap: 1
    waktu: 10 menit
  - no: 3
    kegiatan: Menandatangani surat
    oleh: Camat
    simbol: terminator
    waktu: 5 menit
"""


def load(text: str) -> SopEntry:
    return load_sop_text(text, "uji.yaml")


def codes(entry: SopEntry) -> list[tuple[str, str, str, int | None]]:
    """(level, code, field path, line) of every diagnostic."""
    return [(d.level, d.code, d.field_path, d.line) for d in entry.diagnostics]


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the n-th line containing ``needle``."""
    found = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]
    return found[occurrence - 1]
