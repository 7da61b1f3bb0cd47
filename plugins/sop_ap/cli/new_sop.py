"""The starting file written by ``sop new``: a small valid SOP to fill in."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

from ..source.schema import schema_ref_for


def slug(text: str) -> str:
    """``Kecamatan Bajeng Barat`` -> ``kecamatan-bajeng-barat``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "sop"


def new_sop_path(root: Path, instansi: str, unit: str, nama: str) -> Path:
    return root / slug(instansi.removeprefix("Pemerintah ")) / slug(unit) / f"{slug(nama)}.yaml"


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def new_sop_text(path: Path, project_root: Path, instansi: str, unit: str, nama: str, nomor: str) -> str:
    """A valid SOP with three steps and one decision, every field explained by a comment."""
    today = dt.date.today().isoformat()
    return f"""# yaml-language-server: $schema={schema_ref_for(path, project_root)}
# SOP baru. Ganti contoh di bawah dengan isi SOP Anda, lalu jalankan: sop validate {path.as_posix()}
nomor: {_q(nomor)}
nama: {_q(nama)}
instansi: {_q(instansi)}
unit: {_q(unit)}
# subunit: Sub Bagian Umum
tanggal:
  pembuatan: {today}
  revisi:            # kosongkan bila belum ada
  efektif:           # tanggal SOP mulai berlaku
disahkan:
  jabatan: {_q("Kepala " + unit)}
  nama: Nama Pejabat, S.Sos.
  nip:               # 18 angka, mis. "19791025 199912 2 001"; angka tak terbaca ditulis '?'

dasar_hukum:
  - jenis: Permenpan RB
    nomor: "35"
    tahun: 2012
    tentang: Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan
kualifikasi:
  - Memahami tugas pokok dan fungsi unit
keterkaitan: []      # nama SOP lain di unit yang sama, mis. [Penyusunan Renja]
peralatan:
  - Komputer
  - ATK
peringatan: Jika SOP tidak dilaksanakan, maka layanan tidak dapat dipertanggungjawabkan.
pencatatan:
  - Buku agenda surat

pelaksana:           # kolom pelaksana, urut dari kiri
  - nama: Kepala Unit
  - nama: Staf Pelaksana

langkah:             # satu butir per baris bagan alir, urut dari atas
  - no: 1
    kegiatan: Menerima permohonan dan memberi disposisi
    oleh: Kepala Unit
    simbol: terminator
    kelengkapan: Surat permohonan
    waktu: 10 menit
    output: Disposisi
  - no: 2
    kegiatan: Memeriksa kelengkapan berkas
    oleh: Staf Pelaksana
    simbol: keputusan
    cabang:
      Lengkap: 3
      Tidak lengkap: 1
    kelengkapan: Berkas permohonan
    waktu: 30 menit
    output: Berkas terperiksa
  - no: 3
    kegiatan: Menyelesaikan dan mengarsipkan berkas
    oleh: Staf Pelaksana
    simbol: terminator
    kelengkapan: Berkas terperiksa
    waktu: 1 jam
    output: Arsip
"""
