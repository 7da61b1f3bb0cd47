"""The two source SOPs validate with exactly the expected warnings, and hold the transcribed facts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sop_ap.registry import load_registry

ROOT = Path(__file__).resolve().parents[1]
BAJENG = "kabupaten-gowa/kecamatan-bajeng-barat/perjanjian-kinerja"
JUAI = "kabupaten-balangan/kecamatan-juai/penyusunan-rencana-kinerja-tahunan"


@pytest.fixture(scope="module")
def registry():
    return load_registry(ROOT / "sops")


def test_bajeng_barat_warnings(registry) -> None:
    entry = registry.by_id[BAJENG]
    assert entry.ok
    assert sorted((d.level, d.code, d.field_path) for d in entry.diagnostics) == [
        ("warning", "kegiatan-bersubjek", "langkah[0].kegiatan"),
        ("warning", "kegiatan-bersubjek", "langkah[1].kegiatan"),
        ("warning", "kegiatan-bersubjek", "langkah[3].kegiatan"),
    ]


def test_juai_warnings(registry) -> None:
    entry = registry.by_id[JUAI]
    assert entry.ok
    assert sorted((d.level, d.code, d.field_path) for d in entry.diagnostics) == [
        ("warning", "dasar-hukum-dicabut", "dasar_hukum[0]"),
        ("warning", "dasar-hukum-dicabut", "dasar_hukum[1]"),
        ("warning", "keterkaitan-tak-ada", "keterkaitan[0]"),
        ("warning", "keterkaitan-tak-ada", "keterkaitan[1]"),
        ("warning", "nip-tidak-lengkap", "disahkan.nip"),
        ("warning", "nomor-loncat", "langkah[5].no"),
        ("warning", "pelaksana-tak-dipakai", "pelaksana[1]"),
    ]
    revoked = next(d for d in entry.diagnostics if d.field_path == "dasar_hukum[0]")
    assert "PP Nomor 46 Tahun 2011" in revoked.message and "PP Nomor 30 Tahun 2019" in revoked.message


def test_bajeng_barat_facts(registry) -> None:
    sop = registry.by_id[BAJENG].sop
    assert sop.nomor == "009 / IV /SOP/IV/2023"
    assert sop.tanggal.pembuatan == dt.date(2023, 4, 3) and sop.tanggal.revisi is None and sop.tanggal.efektif is None
    assert sop.disahkan.nip_display == "19791025 199912 2 001"
    assert [p.nama for p in sop.pelaksana] == ["Camat", "Sekrcam", "Kepala Seksi", "Kasubag Perencanaan"]
    assert len(sop.langkah) == 9
    assert sop.langkah[5].cabang == {"Benar": 7, "Butuh perbaikan": 5}
    assert [c.key for c in sop.dasar_hukum] == ["permenpan-rb-35-2012", "permenpan-rb-53-2014"]
    assert sop.peralatan == ["Internet", "Komputer", "Printer", "ATK"]


def test_juai_facts(registry) -> None:
    sop = registry.by_id[JUAI].sop
    assert sop.tanggal.pembuatan == dt.date(2021, 1, 5) and sop.tanggal.efektif == dt.date(2024, 1, 2)
    assert sop.disahkan.nip_display == "???????? 200601 1 016"
    assert [s.no for s in sop.langkah] == [1, 2, 3, 4, 5, 8, 9]
    assert sop.langkah[4].cabang == {"Ya": 8, "Tidak": 4}
    assert [c.key for c in sop.dasar_hukum] == ["pp-46-2011", "perka-bkn-1-2013"]
    assert any("5 ke 8" in note for note in sop.catatan)  # the doubt is recorded, not mended


def test_same_title_in_another_unit_is_not_linked(registry) -> None:
    assert registry.links == []  # Juai's "SOP Perjanjian Kinerja" is not Bajeng Barat's
