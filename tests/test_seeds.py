"""The two transcribed SOPs validate with no error and exactly the expected warnings, and hold the facts of
the scanned documents."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers import BAJENG_FILE, BAJENG_ID, JUAI_FILE, JUAI_ID, SOPS, is_indonesian, line_of
from sop_ap.engine import FlowGraph
from sop_ap.source.registry import load_registry, load_sop_file


@pytest.fixture(scope="module")
def registry():
    return load_registry(SOPS)


def pairs(entry) -> list[tuple[str, str]]:
    return sorted((d.code, d.field_path) for d in entry.diagnostics)


def test_the_registry_holds_exactly_the_two_seeds(registry) -> None:
    assert sorted(registry.by_id) == sorted([BAJENG_ID, JUAI_ID])
    assert registry.diagnostics == []
    assert registry.links == []  # Juai's "SOP Perjanjian Kinerja" is not Bajeng Barat's: another unit


def test_bajeng_barat_warnings(registry) -> None:
    entry = registry.by_id[BAJENG_ID]
    assert entry.ok and entry.sop is not None
    assert [d for d in entry.diagnostics if d.level == "error"] == []
    assert all(d.level == "warning" for d in entry.diagnostics)
    assert pairs(entry) == [
        ("kegiatan-bersubjek", "langkah[0].kegiatan"),
        ("kegiatan-bersubjek", "langkah[1].kegiatan"),
        ("kegiatan-bersubjek", "langkah[3].kegiatan"),
    ]
    text = BAJENG_FILE.read_text(encoding="utf-8")
    assert [d.line for d in entry.diagnostics] == [
        line_of(text, "kegiatan: Kepala SKPD memerintahkan"),
        line_of(text, "kegiatan: Sekretaris membuat draf"),
        line_of(text, "kegiatan: Kepala bidang menyerahkan"),
    ]
    assert "('Kepala SKPD')" in entry.diagnostics[0].message  # an alias of Camat
    assert "('Sekretaris')" in entry.diagnostics[1].message
    assert "('Kepala bidang')" in entry.diagnostics[2].message


def test_juai_warnings(registry) -> None:
    entry = registry.by_id[JUAI_ID]
    assert entry.ok and entry.sop is not None
    assert all(d.level == "warning" for d in entry.diagnostics)
    assert pairs(entry) == [
        ("dasar-hukum-dicabut", "dasar_hukum[0]"),
        ("dasar-hukum-dicabut", "dasar_hukum[1]"),
        ("keterkaitan-tak-ada", "keterkaitan[0]"),
        ("keterkaitan-tak-ada", "keterkaitan[1]"),
        ("nip-tidak-lengkap", "disahkan.nip"),
        ("nomor-loncat", "langkah[5].no"),
        ("pelaksana-tak-dipakai", "pelaksana[1]"),
    ]
    text = JUAI_FILE.read_text(encoding="utf-8")
    lines = {d.field_path: d.line for d in entry.diagnostics}
    assert lines == {
        "dasar_hukum[0]": line_of(text, "- jenis: PP"),
        "dasar_hukum[1]": line_of(text, "- jenis: Perka BKN"),
        "keterkaitan[0]": line_of(text, "- sop: SOP Perjanjian Kinerja"),
        "keterkaitan[1]": line_of(text, "- sop: SOP Penyusunan Renja"),
        "disahkan.nip": line_of(text, "  nip: "),
        "langkah[5].no": line_of(text, "- no: 8"),
        "pelaksana[1]": line_of(text, "- nama: Sekretaris"),
    }
    messages = {d.field_path: d.message for d in entry.diagnostics}
    assert "PP Nomor 46 Tahun 2011" in messages["dasar_hukum[0]"]
    assert "PP Nomor 30 Tahun 2019" in messages["dasar_hukum[0]"]
    assert "PP Nomor 30 Tahun 2019 dan Permenpan RB Nomor 6 Tahun 2022" in messages["dasar_hukum[1]"]
    assert "meloncat dari 5 ke 8 (tidak ada langkah 6, 7)" in messages["langkah[5].no"]
    assert "8 dari 18 angka tidak terbaca" in messages["disahkan.nip"]
    assert "'Sekretaris'" in messages["pelaksana[1]"]
    assert all(is_indonesian(m) for m in messages.values())


@pytest.mark.parametrize("path,expected", [
    (BAJENG_FILE, [("kegiatan-bersubjek", "langkah[0].kegiatan"), ("kegiatan-bersubjek", "langkah[1].kegiatan"),
                   ("kegiatan-bersubjek", "langkah[3].kegiatan")]),
    (JUAI_FILE, [("nip-tidak-lengkap", "disahkan.nip"), ("nomor-loncat", "langkah[5].no"),
                 ("pelaksana-tak-dipakai", "pelaksana[1]")]),
], ids=["bajeng-barat", "juai"])
def test_a_seed_alone_has_only_its_own_warnings(path, expected) -> None:
    """Without the registry, keterkaitan and the regulations are not checked."""
    entry = load_sop_file(path, SOPS)
    assert entry.ok and pairs(entry) == expected
    assert all(d.file for d in entry.diagnostics)


def test_bajeng_barat_facts(registry) -> None:
    sop = registry.by_id[BAJENG_ID].sop
    assert sop.nomor == "009 / IV /SOP/IV/2023"
    assert sop.nama == "Perjanjian Kinerja"
    assert (sop.instansi, sop.unit, sop.subunit) == ("Pemerintah Kabupaten Gowa", "Kecamatan Bajeng Barat",
                                                     "Sub Bagian Perencanaan")
    assert sop.tanggal.pembuatan == dt.date(2023, 4, 3)
    assert sop.tanggal.revisi is None and sop.tanggal.efektif is None
    assert sop.disahkan.jabatan == "Camat Bajeng Barat"
    assert sop.disahkan.nip_display == "19791025 199912 2 001"
    assert sop.disahkan.nip_digits == "197910251999122001"
    assert [p.nama for p in sop.pelaksana] == ["Camat", "Sekrcam", "Kepala Seksi", "Kasubag Perencanaan"]
    assert len(sop.langkah) == 9 and [s.no for s in sop.langkah] == list(range(1, 10))
    assert sop.langkah[5].no == 6 and sop.langkah[5].simbol == "keputusan"
    assert sop.langkah[5].cabang == {"Benar": 7, "Butuh perbaikan": 5}
    assert [s.simbol for s in sop.langkah].count("terminator") == 2
    assert [c.key for c in sop.dasar_hukum] == ["permenpan-rb-35-2012", "permenpan-rb-53-2014"]
    assert sop.keterkaitan == []
    assert sop.peralatan == ["Internet", "Komputer", "Printer", "ATK"]
    assert [s.waktu for s in sop.langkah] == ["5 Menit", "60 menit", "120 menit", "5 menit", "120 menit", "5 menit",
                                               "5 menit", "5 menit", "5 menit"]
    assert [s.pilihan for s in sop.skenario] == [["Benar"], ["Butuh perbaikan", "Benar"]]


def test_juai_facts(registry) -> None:
    sop = registry.by_id[JUAI_ID].sop
    assert sop.nomor == "SOP - 02 / Kecamatan Juai"
    assert sop.nama == "Penyusunan Rencana Kinerja Tahunan (RKT)"
    assert (sop.instansi, sop.unit, sop.subunit) == ("Pemerintah Kabupaten Balangan", "Kecamatan Juai", None)
    assert sop.tanggal.pembuatan == dt.date(2021, 1, 5)
    assert sop.tanggal.revisi == dt.date(2024, 1, 2) and sop.tanggal.efektif == dt.date(2024, 1, 2)
    assert sop.disahkan.nip == "???????? 200601 1 016"
    assert sop.disahkan.nip_display == "???????? 200601 1 016"
    assert [p.nama for p in sop.pelaksana] == ["Camat", "Sekretaris", "Kasubbag Perencanaan dan Keuangan",
                                                "Pelaksana"]
    assert len(sop.langkah) == 7 and [s.no for s in sop.langkah] == [1, 2, 3, 4, 5, 8, 9]
    assert sop.langkah[4].no == 5 and sop.langkah[4].simbol == "keputusan"
    assert sop.langkah[4].cabang == {"Ya": 8, "Tidak": 4}
    assert sop.langkah[4].oleh == ["Kasubbag"]
    assert [c.key for c in sop.dasar_hukum] == ["pp-46-2011", "perka-bkn-1-2013"]
    assert [k.sop for k in sop.keterkaitan] == ["SOP Perjanjian Kinerja", "SOP Penyusunan Renja"]
    assert any("5 ke 8" in note for note in sop.catatan)  # the doubt is recorded, not mended
    assert [s.pilihan for s in sop.skenario] == [["Ya"], ["Tidak", "Ya"]]


@pytest.mark.parametrize("entry_id,ends", [(BAJENG_ID, [8]), (JUAI_ID, [6])])
def test_seed_flows_start_once_and_end_once(registry, entry_id: str, ends: list[int]) -> None:
    graph = FlowGraph(registry.by_id[entry_id].sop.flowcharts[0])
    assert graph.starts == [0] and graph.ends == ends
    assert graph.dangling == [] and graph.can_finish == set(range(len(graph.steps)))
