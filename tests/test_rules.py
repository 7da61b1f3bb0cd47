"""Every validation rule, each with an input that breaks it: level, code, field path, line, Indonesian text."""

from __future__ import annotations

from pathlib import Path

import pytest

from sopdata import VALID, codes, line_of, load
from sop_ap.engine.nip import check_nip, format_nip
from sop_ap.registry import load_registry


def test_the_valid_sop_has_no_problem() -> None:
    entry = load(VALID)
    assert entry.sop is not None and entry.diagnostics == []


def one(text: str, code: str):
    entry = load(text)
    found = [d for d in entry.diagnostics if d.code == code]
    assert len(found) == 1, codes(entry)
    return found[0]


CASES = [
    # (description, old, new, level, code, field, needle for the line, Indonesian word)
    ("unknown performer", "    oleh: Camat\n", "    oleh: Bendahara\n", "error", "pelaksana-tak-dikenal",
     "langkah[2].oleh[0]", "oleh: Bendahara", "tidak ada"),
    ("exit to a step that does not exist", "      Lengkap: 3\n", "      Lengkap: 7\n", "error", "tujuan-tak-ada",
     "langkah[1].cabang.Lengkap", "Lengkap: 7", "tidak ada"),
    ("labels that differ only by case", "      Tidak lengkap: 1\n", "      lengkap: 1\n", "error", "cabang-ganda",
     "langkah[1].cabang.lengkap", "lengkap: 1", "berbeda"),
    ("gap in step numbers", "  - no: 3\n", "  - no: 5\n", "warning", "nomor-loncat", "langkah[2].no", "no: 5",
     "meloncat"),
    ("duplicate step number", "  - no: 3\n", "  - no: 2\n", "error", "nomor-ganda", "langkah[2].no", "- no: 2",
     "dua kali"),
    ("kegiatan with a subject", "kegiatan: Memeriksa berkas", "kegiatan: Petugas Loket memeriksa berkas", "warning",
     "kegiatan-bersubjek", "langkah[1].kegiatan", "Petugas Loket memeriksa", "kata kerja"),
    ("effective before made", "  efektif: 2024-01-10", "  efektif: 2023-12-31", "warning", "tanggal-urutan",
     "tanggal.efektif", "efektif: 2023", "lebih awal"),
    ("unreadable time", "    waktu: 10 menit\n", "    waktu: sebentar saja\n", "warning", "waktu-tak-terbaca",
     "langkah[1].waktu", "sebentar saja", "tidak dapat"),
]


@pytest.mark.parametrize("what,old,new,level,code,field,needle,word", CASES, ids=[c[0] for c in CASES])
def test_rule(what, old, new, level, code, field, needle, word) -> None:
    assert old in VALID
    text = VALID.replace(old, new, 1)
    diag = one(text, code)
    assert diag.level == level
    assert diag.field_path == field
    assert diag.line == line_of(text, needle, 2 if code == "nomor-ganda" else 1)
    assert word in diag.message


def test_unreachable_step() -> None:
    text = VALID.replace("      Lengkap: 3\n      Tidak lengkap: 1\n", "      Lengkap: 1\n      Tidak lengkap: 2\n")
    text = text.replace("    oleh: Camat\n    simbol: terminator\n", "    oleh: Camat\n    simbol: proses\n")
    entry = load(text)
    found = {d.code: d for d in entry.diagnostics}
    assert found["tak-terjangkau"].field_path == "langkah[2]" and found["tak-terjangkau"].level == "error"
    assert found["tak-terjangkau"].line == line_of(text, "- no: 3")
    assert "tidak dapat dicapai" in found["tak-terjangkau"].message
    assert "putaran-tertutup" in found  # 1 -> 2 -> 1 or 2 never ends


def test_cycle_without_a_way_out() -> None:
    text = VALID.replace("    simbol: terminator\n    waktu: 5 menit\n  - no: 2", "    simbol: terminator\n"
                         "    waktu: 5 menit\n    ke: 2\n  - no: 2")
    text = text.replace("      Lengkap: 3\n      Tidak lengkap: 1\n", "      Lengkap: 1\n      Tidak lengkap: 1\n")
    entry = load(text.replace("      Lengkap: 1\n      Tidak lengkap: 1\n", "      Lengkap: 1\n      Ulang: 2\n"))
    kinds = [c[1] for c in codes(entry)]
    assert "putaran-tertutup" in kinds
    assert any("tanpa jalan keluar" in d.message for d in entry.diagnostics)


@pytest.mark.parametrize("cabang,message", [
    ("    cabang:\n      Ya: 3\n", "paling sedikit dua"),
    ("", "harus punya 'cabang'"),
    ("    ke: 3\n    cabang:\n      Ya: 3\n      Tidak: 1\n", "tidak keduanya"),
])
def test_decision_shape(cabang: str, message: str) -> None:
    text = VALID.replace("    cabang:\n      Lengkap: 3\n      Tidak lengkap: 1\n", cabang)
    entry = load(text)
    assert entry.sop is None
    assert any(message in d.message and d.field_path == "langkah[1]" for d in entry.diagnostics), codes(entry)


def test_unused_column_and_several_performers() -> None:
    text = VALID.replace("  - nama: Staf\n", "  - nama: Bendahara\n  - nama: Staf\n")
    diag = one(text, "pelaksana-tak-dipakai")
    assert diag.level == "warning" and diag.field_path == "pelaksana[1]" and diag.line == line_of(text, "Bendahara")
    both = text.replace("    oleh: Camat\n", "    oleh: [Camat, Bendahara]\n    cara: salah_satu\n")
    assert load(both).diagnostics == []


def test_decreasing_numbers_and_unknown_field() -> None:
    diag = one(VALID.replace("  - no: 3\n", "  - no: 1\n", 1), "nomor-urutan")
    assert diag.level == "error"
    entry = load(VALID.replace("    kegiatan: Memeriksa berkas", "    kegaitan: Memeriksa berkas"))
    messages = [d.message for d in entry.diagnostics]
    assert any("Kolom 'kegaitan' tidak dikenal. Mungkin maksud Anda 'kegiatan'?" in m for m in messages)
    assert any("Kolom 'kegiatan' wajib diisi." in m for m in messages)


def test_missing_field_and_wrong_date() -> None:
    entry = load(VALID.replace("nama: Pelayanan Surat Keterangan\n", ""))
    (diag,) = entry.diagnostics
    assert diag.message == "Kolom 'nama' wajib diisi." and diag.line == 1
    text = VALID.replace("  pembuatan: 2024-01-02", "  pembuatan: 2 Januari 2024")
    (diag,) = load(text).diagnostics
    assert diag.field_path == "tanggal.pembuatan" and "TTTT-BB-HH" in diag.message
    assert diag.line == line_of(text, "pembuatan:")


def test_second_start_and_several_ends() -> None:
    text = VALID.replace("  - no: 3\n", "  - no: 3\n    kegiatan: Menerima surat elektronik\n    oleh: Staf\n"
                         "    simbol: terminator\n    ke: 2\n  - no: 4\n", 1)
    text = text.replace("    kegiatan: Menandatangani surat\n    oleh: Camat\n", "    kegiatan: Menandatangani surat\n"
                        "    oleh: Camat\n", 1)
    text = text.replace("      Lengkap: 3\n", "      Lengkap: 4\n      Tolak: selesai\n")
    entry = load(text)
    assert entry.sop is not None and [d for d in entry.diagnostics if d.level == "error"] == [], codes(entry)


def test_variants_have_their_own_paths() -> None:
    head, _, flow = VALID.partition("pelaksana:\n")
    body = "pelaksana:\n" + flow
    indented = "".join("    " + line + "\n" for line in body.splitlines())
    text = head + "varian:\n  - nama: Datang langsung\n" + indented.replace("    pelaksana:", "    pelaksana:", 1)
    text += "  - nama: Lewat surel\n" + indented.replace("oleh: Camat", "oleh: Lurah")
    entry = load(text)
    (diag,) = [d for d in entry.diagnostics if d.level == "error"]
    assert diag.field_path == "varian[1].langkah[2].oleh[0]" and "Lurah" in diag.message
    assert diag.line == line_of(text, "oleh: Lurah")


def test_nip_rules() -> None:
    assert format_nip("197910251999122001") == "19791025 199912 2 001"
    assert check_nip("19791025 199912 2 001").errors == ()
    assert "tanggal lahir" in check_nip("19791335 199912 2 001").errors[0]
    assert "TTTTBB" in check_nip("19791025 199913 2 001").errors[0]
    assert "jenis kelamin" in check_nip("19791025 199912 3 001").errors[0]
    assert "18 angka" in check_nip("19791025 199912 2").errors[0]
    partial = check_nip("???????? 200601 1 016")
    assert partial.errors == () and "8 dari 18" in partial.warnings[0]
    diag = one(VALID.replace('"19791025 199912 2 001"', '"19791025 199912 3 001"'), "nip")
    assert diag.level == "error" and diag.field_path == "disahkan.nip"


def _registry(tmp_path: Path, files: dict[str, str]):
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return load_registry(tmp_path)


def test_keterkaitan_resolves_within_the_unit_only(tmp_path: Path) -> None:
    linking = VALID.replace("pelaksana:\n", "keterkaitan:\n  - Penyusunan Renja\npelaksana:\n", 1)
    renja = VALID.replace("nama: Pelayanan Surat Keterangan", "nama: Penyusunan Renja")
    other_unit = renja.replace("unit: Kecamatan Contoh", "unit: Kecamatan Lain")
    registry = _registry(tmp_path, {"a/b/sk.yaml": linking, "a/c/renja.yaml": other_unit})
    entry = registry.by_id["a/b/sk"]
    (diag,) = [d for d in entry.diagnostics if d.code == "keterkaitan-tak-ada"]
    assert diag.level == "warning" and diag.field_path == "keterkaitan[0]"
    assert registry.links == []
    (tmp_path / "a/b/renja.yaml").write_text(renja, encoding="utf-8")
    registry = load_registry(tmp_path)
    assert [(ln.source, ln.target) for ln in registry.links] == [("a/b/sk", "a/b/renja")]
    assert not [d for d in registry.by_id["a/b/sk"].diagnostics if d.code == "keterkaitan-tak-ada"]


def test_revoked_regulation_is_flagged(tmp_path: Path) -> None:
    text = VALID.replace('    nomor: "17"\n    tahun: 2018\n    tentang: Kecamatan',
                         '    nomor: "53"\n    tahun: 2010\n    tentang: Disiplin PNS')
    registry = _registry(tmp_path, {"a/b/c.yaml": text})
    (diag,) = [d for d in registry.entries[0].diagnostics if d.code == "dasar-hukum-dicabut"]
    assert diag.level == "warning" and diag.field_path == "dasar_hukum[0]"
    assert "PP Nomor 94 Tahun 2021" in diag.message


def test_unit_regulations_file_overrides_the_shipped_data(tmp_path: Path) -> None:
    own = ("peraturan:\n  - jenis: PP\n    nomor: '17'\n    tahun: 2018\n    tentang: Kecamatan\n    status: dicabut\n"
           "    diganti_oleh: ['PP 99/2030']\n    sumber: uji\n")
    registry = _registry(tmp_path, {"a/b/c.yaml": VALID, "peraturan.yaml": own})
    assert [d.code for d in registry.entries[0].diagnostics] == ["dasar-hukum-dicabut"]
