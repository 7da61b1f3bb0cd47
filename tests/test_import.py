"""`sop import`: the seeds and variations of them (numbering, debris, pelaksana, decision wording,
missing boxes), PDFs with and without a text layer, bad input, and never overwriting."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
import yaml

from browser import chromium, serve
from sop_ap.cli import main
from sop_ap.importer.parse import parse_document, parse_date
from sop_ap.importer.read import read_document
from sop_ap.registry import load_sop_text
from sop_ap.yaml_source import SopYamlLoader

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "data" / "seeds"  # the two source documents, as they were given
sys.path.insert(0, str(ROOT / "tools"))

VARIANT = """PEMERINTAH KOTA CONTOH
KELURAHAN SUKA MAJU

Nomor SOP : 12/SOP/KEL/2022
Tanggal Pembuatan : 7 Agustus 2022
Tanggal Revisi : -
Tanggal Efektif : 12/08/2022
Disahkan oleh : Lurah Suka Maju

BUDI SANTOSO, S.IP., M.Si.
NIP. 19800512 200501 1 003

Nama SOP : Pelayanan Surat Pengantar
DASAR HUKUM : a) Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik b) Peraturan Daerah Nomor 3 Tahun 2019 tentang Kelurahan\tKUALIFIKASI PELAKSANA : 1) Memahami tata naskah dinas 2) Mampu mengoperasikan komputer
PERALATAN / PERLENGKAPAN : 1) Komputer 2) Stempel

No\tKegiatan\tPELAKSANA\t\t\t\tMutu Baku\t\t\tKeterangan
\t\tLurah\tSekretaris Lurah\tKasi Pelayanan\tStaf\tPersyaratan\tWaktu\tOutput\t
1\tStaf menerima permohonan dan memeriksa berkas <del></del>\t\t\t\t○\tKTP, KK\t10 menit\tBerkas\t
2\tMemeriksa kelengkapan berkas. Apabila lengkap diteruskan kepada Kasi Pelayanan. Apabila tidak lengkap dikembalikan kepada Staf.\t\t\t\t\tBerkas\t5-10 menit\tBerkas terperiksa\t
3\tKasi Pelayanan memaraf konsep surat dan menyerahkan kepada Lurah\t\t\t\t\tKonsep surat\t15 menit\tKonsep berparaf\t
4\tMenandatangani surat pengantar\t\t\t\t\tKonsep berparaf\t1 jam\tSurat pengantar\t
"""


def _import(tmp_path: Path, text: str):
    source = tmp_path / "sop.txt"
    source.write_text(text, encoding="utf-8")
    return parse_document(read_document(source))


def test_the_seed_documents_are_in_the_repository() -> None:
    # The parametrised test below would silently skip if they went missing.
    assert sorted(p.name for p in SEEDS.glob("*.txt")) == ["000_0f9106feebafe0b5.txt", "004_0a29e8dc1d9b08e9.txt"]


@pytest.mark.parametrize("source", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_seed_drafts_parse_and_validate(tmp_path: Path, monkeypatch, capsys, source: str) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["import", str(SEEDS / source)]) == 0
    out = capsys.readouterr().out
    (draft,) = list((tmp_path / "sops").rglob("*.yaml"))
    text = draft.read_text(encoding="utf-8")
    entry = load_sop_text(text, "draf.yaml")
    assert entry.sop is not None and not [d for d in entry.diagnostics if d.level == "error"]
    assert "Terbaca:" in out and "Ditandai '# PERIKSA'" in out and "Draf valid" in out
    assert text.startswith("# yaml-language-server: $schema=")
    if source.startswith("004"):
        assert "???????? 200601 1 016" in text and "# PERIKSA: hanya 10 angka terakhir NIP" in text
        assert entry.sop.langkah[4].cabang == {"Ya": 8, "Tidak": 4}
    else:
        assert entry.sop.langkah[5].cabang == {"Benar": 7, "Butuh perbaikan": 5}
        assert [s.oleh[0] for s in entry.sop.langkah] == ["Camat", "Sekrcam", "Kepala Seksi", "Kepala Seksi",
                                                           "Kasubag Perencanaan", "Camat", "Sekrcam", "Kepala Seksi",
                                                           "Kasubag Perencanaan"]


def test_accuracy_targets_on_the_seeds() -> None:
    from import_accuracy import measure

    rows = measure()
    total = sum(r["fields"] for r in rows)
    right = sum(r["right"] for r in rows)
    wrong = sum(len(r["wrong"]) for r in rows)
    assert right / total >= 0.9
    assert sum(r["flagged"] for r in rows) == wrong  # every wrong field was flagged


def test_variant_document(tmp_path: Path) -> None:
    draft = _import(tmp_path, VARIANT)
    data = draft.data
    assert data["instansi"] == "Pemerintah Kota Contoh" and data["unit"] == "Kelurahan Suka Maju"
    assert data["nomor"] == "12/SOP/KEL/2022"
    assert data["tanggal"] == {"pembuatan": dt.date(2022, 8, 7), "revisi": None, "efektif": dt.date(2022, 8, 12)}
    assert data["disahkan"] == {"jabatan": "Lurah Suka Maju", "nama": "BUDI SANTOSO, S.IP., M.Si.",
                                "nip": "19800512 200501 1 003"}
    assert [(c.get("jenis"), c.get("nomor"), c.get("tahun")) for c in data["dasar_hukum"]] == [
        ("UU", "25", 2009), ("Perda", "3", 2019)]
    assert data["kualifikasi"] == ["Memahami tata naskah dinas", "Mampu mengoperasikan komputer"]
    assert data["peralatan"] == ["Komputer", "Stempel"]
    assert "keterkaitan" in draft.missing and "pencatatan" in draft.missing
    assert [p["nama"] for p in data["pelaksana"]] == ["Lurah", "Sekretaris Lurah", "Kasi Pelayanan", "Staf"]
    steps = data["langkah"]
    assert [s["oleh"] for s in steps] == ["Staf", "Staf", "Kasi Pelayanan", "Lurah"]
    assert steps[1]["cabang"] == {"Lengkap": 3, "Tidak lengkap": 1}
    assert steps[0]["kegiatan"] == "Staf menerima permohonan dan memeriksa berkas"
    assert steps[1]["waktu"] == "5-10 menit" and steps[0]["kelengkapan"] == "KTP, KK"
    assert "langkah[1].oleh" in draft.flags and "langkah[1].cabang" in draft.flags
    assert "langkah[0].oleh" not in draft.flags  # "Staf menerima ..." names its performer


def test_variant_draft_parses_even_when_incomplete(tmp_path: Path, monkeypatch, capsys) -> None:
    text = VARIANT.replace("Nama SOP : Pelayanan Surat Pengantar\n", "").replace("Tanggal Pembuatan : 7 Agustus 2022\n", "")
    source = tmp_path / "rusak.txt"
    source.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["import", str(source), "-o", "draf.yaml"]) == 0
    out = capsys.readouterr().out
    draft_text = (tmp_path / "draf.yaml").read_text(encoding="utf-8")
    yaml.load(draft_text, Loader=SopYamlLoader)  # always parses
    assert "belum valid" in out and "Tidak ada:" in out and "tanggal pembuatan" in out
    entry = load_sop_text(draft_text, "draf.yaml")
    assert any("'nama' wajib diisi" in d.message for d in entry.diagnostics)


def test_dates_in_several_styles() -> None:
    assert parse_date("3-Apr-23") == dt.date(2023, 4, 3)
    assert parse_date("05 Januari 2021") == dt.date(2021, 1, 5)
    assert parse_date("02/01/2024") == dt.date(2024, 1, 2)
    assert parse_date("2024-01-02") == dt.date(2024, 1, 2)
    assert parse_date("31 Februari 2024") is None and parse_date("kemarin") is None


def test_bad_inputs_give_clear_errors(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "kosong.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "biner.bin").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "rusak.pdf").write_bytes(b"%PDF-1.4 bukan pdf")
    for name, needle in [("kosong.txt", "kosong"), ("biner.bin", "bukan teks"), ("rusak.pdf", "rusak"),
                         ("tidak-ada.txt", "tidak dapat dibaca")]:
        assert main(["import", name]) == 1
        err = capsys.readouterr().err
        assert needle in err and "Traceback" not in err


def test_never_overwrites(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draf.yaml").write_text("milik saya\n", encoding="utf-8")
    assert main(["import", str(SEEDS / "000_0f9106feebafe0b5.txt"), "-o", "draf.yaml"]) == 1
    assert "tidak ditimpa" in capsys.readouterr().err
    assert (tmp_path / "draf.yaml").read_text() == "milik saya\n"


def _print_pdf(tmp_path: Path, html: str) -> Path:
    (tmp_path / "doc").mkdir(exist_ok=True)
    (tmp_path / "doc" / "index.html").write_text(html, encoding="utf-8")
    with serve(tmp_path / "doc") as url, chromium() as browser:
        page = browser.new_page()
        page.goto(url)
        pdf = page.pdf(format="A4")
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    return path


def test_pdf_with_a_text_layer_is_read(tmp_path: Path) -> None:
    import html

    body = html.escape((SEEDS / "000_0f9106feebafe0b5.txt").read_text(encoding="utf-8"))
    pdf = _print_pdf(tmp_path, f"<pre style='font-size:7px'>{body}</pre>")
    draft = parse_document(read_document(pdf))
    assert draft.data["nomor"] == "009 / IV /SOP/IV/2023"
    assert draft.data["tanggal"]["pembuatan"] == dt.date(2023, 4, 3)
    assert draft.data["disahkan"]["nip"] == "19791025 199912 2 001"


def test_scanned_pdf_needs_ocr(tmp_path: Path, monkeypatch, capsys) -> None:
    pdf = _print_pdf(tmp_path, "<div style='width:500px;height:700px;background:#888'></div>")
    monkeypatch.chdir(tmp_path)
    assert main(["import", str(pdf)]) == 1
    err = capsys.readouterr().err
    assert "OCR" in err and "tidak melakukan OCR" in err
