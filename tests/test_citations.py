"""Legal-basis citations: the standard pattern, the kinds of regulation, and the seeds' citations."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import BAJENG_FILE, JUAI_FILE, seed_data
from sop_ap.engine.citations import KIND_ALIASES, normalise_kind, parse_citation, regulation_key
from sop_ap.engine.model import Kutipan
from sop_ap.engine.regulations import parse_short_ref


@pytest.mark.parametrize("text,kind,number,year,about", [
    ("Peraturan Pemerintah Republik Indonesia Nomor 46 Tahun 2011 tentang Penilaian Prestasi Kerja Pegawai Negeri "
     "Sipil", "PP", "46", 2011, "Penilaian Prestasi Kerja Pegawai Negeri Sipil"),
    ("Permenpan dan RB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP Administrasi Pemerintahan",
     "Permenpan RB", "35", 2012, "Pedoman Penyusunan SOP Administrasi Pemerintahan"),
    ("Peraturan Kepala Badan Kepegawaian Negara Nomor 1 Tahun 2013 tentang Ketentuan Pelaksanaan Peraturan "
     "Pemerintah Nomor 46 Tahun 2011 Tentang Penilaian Prestasi Kerja Pegawai Negeri Sipil.", "Perka BKN", "1", 2013,
     "Ketentuan Pelaksanaan Peraturan Pemerintah Nomor 46 Tahun 2011 Tentang Penilaian Prestasi Kerja Pegawai "
     "Negeri Sipil"),
    ("Permenpan 53 Tahun 2014 tentang Petunjuk teknis perjanjian kinerja", "Permenpan RB", "53", 2014,
     "Petunjuk teknis perjanjian kinerja"),
    ("Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara", "UU", "5", 2014, "Aparatur Sipil Negara"),
    ("UU No. 23 Tahun 2014", "UU", "23", 2014, None),
    ("Peraturan  Pemerintah\nNomor 17   Tahun 2018 tentang Kecamatan;", "PP", "17", 2018, "Kecamatan"),
])
def test_parse_citation(text: str, kind, number, year, about) -> None:
    parsed = parse_citation(text)
    if kind is None:
        assert parsed is None
        return
    assert parsed is not None
    assert (parsed.kind, parsed.number, parsed.year, parsed.about) == (kind, number, year, about)


@pytest.mark.parametrize("text", [
    "63/KEP/M.PAN/7/2003",
    "Keputusan Menteri PAN Nomor 63/KEP/M.PAN/7/2003 tentang Pedoman Umum Penyelenggaraan Pelayanan Publik",
    "",
    "Nomor 5 Tahun 2014",
    "Peraturan Rahasia Nomor 1 Tahun 2020 tentang Sesuatu",
])
def test_non_standard_citations_are_not_parsed(text: str) -> None:
    assert parse_citation(text) is None


@pytest.mark.parametrize("text,kind", [
    ("Peraturan Pemerintah", "PP"),
    ("Peraturan Pemerintah Republik Indonesia", "PP"),
    ("PP", "PP"),
    ("pp", "PP"),
    ("Permenpan dan RB", "Permenpan RB"),
    ("Permenpan-RB", "Permenpan RB"),
    ("PERMENPAN RB", "Permenpan RB"),
    ("Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Republik Indonesia", "Permenpan RB"),
    ("Peraturan Kepala Badan Kepegawaian Negara", "Perka BKN"),
    ("Perka BKN", "Perka BKN"),
    ("Peraturan Kepala BKN", "Perka BKN"),
    ("Undang-Undang", "UU"),
    ("Peraturan Bupati", "Perbup"),
    ("Keputusan Presiden", "Keppres"),
    ("Peraturan Menteri Dalam Negeri", "Permendagri"),
    ("Surat Edaran", "SE"),
    ("Peraturan Rahasia", None),
    ("", None),
])
def test_normalise_kind(text: str, kind) -> None:
    assert normalise_kind(text) == kind


def test_every_alias_and_canonical_name_normalises_to_its_kind() -> None:
    for kind, aliases in KIND_ALIASES.items():
        assert normalise_kind(kind) == kind
        for alias in aliases:
            assert normalise_kind(alias) == kind, alias
            assert normalise_kind(alias.upper()) == kind, alias


def test_regulation_keys_and_short_references() -> None:
    assert regulation_key("PP", "46", 2011) == "pp-46-2011"
    assert regulation_key("Permenpan RB", "35", 2012) == "permenpan-rb-35-2012"
    assert regulation_key("Perka BKN", "1", 2013) == "perka-bkn-1-2013"
    assert regulation_key("Permenpan RB", "PER/21/M.PAN/11/2008", 2008) == "permenpan-rb-per-21-m-pan-11-2008-2008"
    assert parse_short_ref("PP 30/2019") == "pp-30-2019"
    assert parse_short_ref("Permenpan RB 6/2022") == "permenpan-rb-6-2022"
    assert parse_short_ref("PP tiga puluh") is None


def test_kutipan_label_and_key() -> None:
    citation = Kutipan(jenis="Peraturan Pemerintah", nomor=46, tahun=2011, tentang="Penilaian Prestasi Kerja")
    assert citation.nomor == "46"
    assert (citation.kind, citation.key, citation.label()) == ("PP", "pp-46-2011", "PP Nomor 46 Tahun 2011")
    free = Kutipan(teks="Keputusan Menpan Nomor 63/KEP/M.PAN/7/2003")
    assert (free.structured, free.key, free.label()) == (False, None, "Keputusan Menpan Nomor 63/KEP/M.PAN/7/2003")


@pytest.mark.parametrize("path", [BAJENG_FILE, JUAI_FILE], ids=["bajeng-barat", "juai"])
def test_seed_citation_texts_agree_with_their_fields(path) -> None:
    """Each seed citation keeps the original text; parsing that text gives the fields that were transcribed."""
    for item in seed_data(path)["dasar_hukum"]:
        parsed = parse_citation(item["teks"])
        assert parsed is not None, item["teks"]
        assert (parsed.kind, parsed.number, parsed.year) == (normalise_kind(item["jenis"]), item["nomor"],
                                                             item["tahun"])


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_text_never_raises(text: str) -> None:
    parsed = parse_citation(text)
    assert parsed is None or (parsed.kind in KIND_ALIASES and 1000 <= parsed.year <= 9999)
    kind = normalise_kind(text)
    assert kind is None or kind in KIND_ALIASES


@settings(max_examples=100, deadline=None)
@given(kind=st.sampled_from(sorted({a for aliases in KIND_ALIASES.values() for a in aliases})),
       number=st.integers(1, 999), year=st.integers(1945, 2100),
       about=st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=30).filter(str.strip))
def test_generated_standard_citations_round_trip(kind: str, number: int, year: int, about: str) -> None:
    parsed = parse_citation(f"{kind.title()} Nomor {number} Tahun {year} tentang {about}")
    assert parsed is not None
    assert (parsed.kind, parsed.number, parsed.year) == (normalise_kind(kind), str(number), year)
    assert parsed.about == " ".join(about.split())
