"""Validation of rows with symbols, exits with lanes and the table around them: each mistake gives one
message, in Indonesian, at the right file, line, column and field, saying how to fix it."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from helpers import FILE, errors, is_indonesian, line_of, load, summary

BASE = """\
nomor: "010/SOP/2025"
nama: Disposisi Surat
instansi: Pemerintah Provinsi Contoh
unit: Dinas Contoh
tanggal: {pembuatan: 2025-01-06}
disahkan: {jabatan: Kepala Dinas, nama: Nama Pejabat, nip: "19800101 200501 1 001"}
pelaksana: [{nama: Sekretariat}, {nama: Pimpinan}, {nama: Tim Teknis}, {nama: Umum}]
langkah:
  - no: 1
    kegiatan: Menerima surat masuk
    oleh: Sekretariat
    simbol: terminator
    ke: {langkah: 2, oleh: Pimpinan}
  - no: 2
    kegiatan: Memberi disposisi
    simbol:
      - {oleh: Pimpinan, ke: {langkah: 2, oleh: Sekretariat}}
      - oleh: Sekretariat
        bentuk: keputusan
        teks: Tujuan
        cabang:
          Teknis: {langkah: 3, oleh: Tim Teknis}
          Administratif: {langkah: 3, oleh: Umum}
  - no: 3
    kegiatan: Menindaklanjuti disposisi
    simbol:
      - {oleh: Tim Teknis, ke: 4}
      - {oleh: Umum, ke: 4}
  - no: 4
    kegiatan: Mengarsipkan surat
    oleh: Sekretariat
    simbol: terminator
"""


@dataclass(frozen=True)
class Case:
    id: str
    old: str
    new: str
    code: str
    field: str
    needle: str
    word: str


CASES = [
    Case("target row missing", "Teknis: {langkah: 3, oleh: Tim Teknis}", "Teknis: {langkah: 9, oleh: Tim Teknis}",
         "tujuan-tak-ada", "langkah[1].simbol[1].cabang.Teknis", "Teknis: {langkah: 9", "yang tidak ada"),
    Case("target lane unknown", "Teknis: {langkah: 3, oleh: Tim Teknis}", "Teknis: {langkah: 3, oleh: Bendahara}",
         "tujuan-tak-ada", "langkah[1].simbol[1].cabang.Teknis", "oleh: Bendahara", "'Bendahara'"),
    Case("target lane without a symbol in that row", "Teknis: {langkah: 3, oleh: Tim Teknis}",
         "Teknis: {langkah: 3, oleh: Pimpinan}", "tujuan-tak-ada", "langkah[1].simbol[1].cabang.Teknis",
         "Teknis: {langkah: 3, oleh: Pimpinan}", "tidak punya simbol di kolom"),
    Case("row target ambiguous", "ke: {langkah: 2, oleh: Pimpinan}", "ke: 3", "tujuan-tak-ada", "langkah[0].ke",
         "    ke: 3", "langkah: 3, oleh: <kolom>"),
    Case("unreachable symbol", "- {oleh: Umum, ke: 4}", "- {oleh: Umum, ke: 4}\n      - {oleh: Pimpinan, ke: 4}",
         "tak-terjangkau", "langkah[2].simbol[2]", "oleh: Pimpinan, ke: 4", "tidak dapat dicapai"),
    Case("closed loop", "- {oleh: Umum, ke: 4}", "- {oleh: Umum, ke: {langkah: 3, oleh: Umum}}",
         "putaran-tertutup", "langkah[2].simbol[1]", "- {oleh: Umum, ke:", "tanpa jalan keluar"),
    Case("decision symbol with one exit", "          Administratif: {langkah: 3, oleh: Umum}\n", "",
         "keputusan-kurang", "langkah[1].simbol[1]", "- oleh: Sekretariat", "paling sedikit dua"),
    Case("symbol across lanes that are not adjacent", "- {oleh: Umum, ke: 4}", "- {oleh: [Pimpinan, Umum], ke: 4}",
         "simbol-kolom", "langkah[2].simbol[1].oleh", "oleh: [Pimpinan, Umum]", "bersebelahan"),
    Case("empty label", "Administratif: {langkah: 3, oleh: Umum}", "'': {langkah: 3, oleh: Umum}", "isian",
         "langkah[1].simbol[1].cabang", "cabang:", "Label cabang kosong"),
    Case("empty label in arah", "- {oleh: Umum, ke: 4}", "- {oleh: Umum, arah: [{label: '', ke: 4}]}", "isian",
         "langkah[2].simbol[1].arah[0].label", "label: ''", "Label panah kosong"),
    Case("merged cells overlap", "  - no: 4\n", "  - no: 4\n",  # merged cells appended below
         "gabung-bertumpuk", "gabung[1].langkah", "langkah: [2, 4]", "menumpuk"),
    Case("merged cell with a missing row", "  - no: 4\n", "  - no: 4\n", "gabung-tak-ada", "gabung[0].langkah",
         "langkah: [1, 7]", "tidak ada"),
    Case("row form and symbol list mixed", "    kegiatan: Menindaklanjuti disposisi\n",
         "    kegiatan: Menindaklanjuti disposisi\n    oleh: Umum\n", "isian", "langkah[2]", "- no: 3",
         "tulis di setiap simbol"),
]

EXTRA = {
    "merged cells overlap": "gabung:\n  - {kolom: waktu, langkah: [1, 2], isi: 1 jam}\n"
                            "  - {kolom: waktu, langkah: [2, 4], isi: 1 hari}\n",
    "merged cell with a missing row": "gabung:\n  - {kolom: waktu, langkah: [1, 7], isi: 1 jam}\n",
}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_one_mistake_one_message(case: Case) -> None:
    assert case.old in BASE
    text = BASE.replace(case.old, case.new, 1) + EXTRA.get(case.id, "")
    entry = load(text)
    found = errors(entry)
    assert len(found) == 1, summary(entry.diagnostics)  # one mistake: one message, no consequences
    diag = found[0]
    assert (diag.code, diag.field_path) == (case.code, case.field), summary(entry.diagnostics)
    assert diag.file == FILE and diag.line == line_of(text, case.needle) and (diag.column or 0) >= 1
    assert case.word in diag.message and is_indonesian(diag.message), diag.message


def test_the_base_is_valid() -> None:
    entry = load(BASE)
    assert errors(entry) == [], summary(entry.diagnostics)


def test_duplicate_row_number_gives_only_that_message() -> None:
    text = BASE.replace("  - no: 3\n", "  - no: 2\n")
    entry = load(text)
    assert [(d.code, d.field_path) for d in errors(entry)] == [("nomor-ganda", "langkah[2].no")]


def test_end_terminator_nothing_enters_is_unreachable() -> None:
    """Not a second start (nothing follows it in its row): an end that no arrow reaches."""
    text = BASE.replace("      - {oleh: Umum, ke: 4}\n", "      - {oleh: Umum, ke: 4}\n"
                        "      - {oleh: Pimpinan, bentuk: terminator, teks: Selesai}\n")
    entry = load(text)
    assert [(d.code, d.field_path) for d in errors(entry)] == [("tak-terjangkau", "langkah[2].simbol[2]")]
