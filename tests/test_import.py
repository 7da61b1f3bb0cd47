"""`sop import`: the seeds and variations of them (numbering, debris, pelaksana, decision wording,
missing boxes), PDFs read as a drawing (plain and signed, i.e. wrapped in a Form XObject), PDFs
without text, bad input, batches that go on after a failed file, and never overwriting."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
import yaml

from browser import chromium, serve
from sop_ap.cli.main import main
from sop_ap.importer.parse import parse_document, parse_date
from sop_ap.importer.read import read_document
from sop_ap.source.registry import load_sop_text
from sop_ap.source.yaml_source import SopYamlLoader

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
    assert not (tmp_path / "sops").exists()  # drafts stay out of the published registry
    (draft,) = list((tmp_path / "draf").rglob("*.yaml"))
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


def test_pdf_without_text_is_an_error_that_says_what_to_do(tmp_path: Path, monkeypatch, capsys) -> None:
    pdf = _print_pdf(tmp_path, "<div style='width:500px;height:700px;background:#888'></div>")
    monkeypatch.chdir(tmp_path)
    assert main(["import", str(pdf)]) == 1
    err = capsys.readouterr().err
    assert "pindaian" in err and "OCR" in err and "Traceback" not in err
    assert not (tmp_path / "draf").exists()


def test_signed_pdf_with_only_the_footer_readable_is_not_an_empty_success(tmp_path: Path, monkeypatch, capsys) -> None:
    from roundtrip_pdf import sign

    pdf = _print_pdf(tmp_path, "<p>Surat biasa, bukan SOP.</p>")
    signed = tmp_path / "ttd.pdf"
    signed.write_bytes(sign(pdf.read_bytes()))
    monkeypatch.chdir(tmp_path)
    assert main(["import", str(signed)]) == 1
    err = capsys.readouterr().err
    assert "Tidak ada teks SOP yang terbaca" in err and not (tmp_path / "draf").exists()


def _roundtrip(tmp_path: Path, sop_id: str, variant: str) -> tuple[Path, object]:
    from roundtrip_pdf import render

    from sop_ap.source.registry import load_registry

    registry = load_registry(ROOT / "sops")
    entry = registry.by_id[sop_id]
    with chromium() as browser:
        ((_, pdf),) = render([entry], registry, variant, browser.new_page())
    path = tmp_path / f"{variant}.pdf"
    path.write_bytes(pdf)
    return path, entry


def test_printed_seed_pdf_reads_back_plain_and_signed_alike(tmp_path: Path) -> None:
    from sop_ap.importer.pdf_draft import pdf_draft

    sop_id = "kabupaten-gowa/kecamatan-bajeng-barat/perjanjian-kinerja"
    plain, entry = _roundtrip(tmp_path, sop_id, "polos")
    signed, _ = _roundtrip(tmp_path, sop_id, "ttd")
    assert b"/TPL0 Do" in signed.read_bytes()
    a, b = pdf_draft(plain), pdf_draft(signed)
    assert a.data == b.data and a.flags == b.flags  # the signature wrapper changes nothing
    data, sop = a.data, entry.sop
    assert data["nomor"] == sop.nomor and data["nama"].lower() == sop.nama.lower()
    assert data["instansi"] == "Pemerintah Kabupaten Gowa" and data["unit"] == "Kecamatan Bajeng Barat"
    assert data["disahkan"]["nip"] == "19791025 199912 2 001" and data["tanggal"]["pembuatan"] == dt.date(2023, 4, 3)
    assert [p["nama"] for p in data["pelaksana"]] == [p.nama for p in sop.pelaksana]
    steps = data["langkah"]
    assert [s["no"] for s in steps] == [s.no for s in sop.langkah]
    assert [s["kegiatan"] for s in steps] == [s.kegiatan for s in sop.langkah]
    assert [s["simbol"] for s in steps] == [s.simbol for s in sop.langkah]  # shapes: terminator, proses, keputusan
    assert [s["oleh"][0] for s in steps] == ["Camat", "Sekrcam", "Kepala Seksi", "Kepala Seksi",
                                             "Kasubag Perencanaan", "Camat", "Sekrcam", "Kepala Seksi",
                                             "Kasubag Perencanaan"]  # the lane of each symbol
    assert steps[5]["cabang"]["Benar"] == 7  # the labelled arrow
    assert [s["waktu"] for s in steps] == [s.waktu for s in sop.langkah]
    # the table fits one page now (issue 11), so no off-page connector: tests/test_paper_pdf.py prints those
    assert a.drawing and {s["jenis"] for s in a.drawing[0]["simbol"]} >= {"terminator", "proses", "keputusan"}


def test_other_titles_and_headerless_continuation_pages(tmp_path: Path) -> None:
    from sop_ap.importer.pdf_draft import pdf_draft

    path, entry = _roundtrip(tmp_path, "kabupaten-gowa/kecamatan-bajeng-barat/perjanjian-kinerja", "judul")
    draft = pdf_draft(path)
    data = draft.data
    assert [s["no"] for s in data["langkah"]] == list(range(1, 10))  # page 2 has no header and still continues
    merged = [i for i, s in enumerate(data["langkah"]) if s["waktu"] == "gabung"]  # a Waktu cell over two rows
    assert merged and all(f"langkah[{i}].waktu" in draft.flags for i in merged)
    assert all(data["langkah"][i - 1]["waktu"] == entry.sop.langkah[i - 1].waktu for i in merged)
    assert data["nomor"] == entry.sop.nomor and data["tanggal"]["pembuatan"] == dt.date(2023, 4, 3)


def test_batch_goes_on_after_failures_and_reports_each_file(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rusak.pdf").write_bytes(b"%PDF-1.4 bukan pdf")
    (tmp_path / "bukan-sop.txt").write_text("Daftar belanja: beras, gula, kopi.\n", encoding="utf-8")
    seed = str(SEEDS / "000_0f9106feebafe0b5.txt")
    assert main(["import", "rusak.pdf", "bukan-sop.txt", seed, seed]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    drafts = sorted(p.name for p in (tmp_path / "draf").rglob("*.yaml"))
    assert drafts == ["perjanjian-kinerja-2.yaml", "perjanjian-kinerja.yaml"]  # never overwritten
    summary = captured.out[captured.out.index("Ringkasan impor"):]
    assert "GAGAL     rusak.pdf" in summary and "GAGAL     bukan-sop.txt" in summary and summary.count("OK ") == 2


def test_internal_error_names_the_file_without_traceback(tmp_path: Path, monkeypatch, capsys) -> None:
    import sop_ap.importer.read as read

    def boom(path):
        raise ZeroDivisionError("x")

    monkeypatch.setattr(read, "read_document", boom)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("isi\n", encoding="utf-8")
    assert main(["import", "a.txt"]) == 1
    err = capsys.readouterr().err
    assert "a.txt" in err and "galat internal" in err and "laporkan" in err and "Traceback" not in err


def test_ke_places_drafts_in_the_registry(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["import", str(SEEDS / "000_0f9106feebafe0b5.txt"), "--ke", "sops/"]) == 0
    assert list((tmp_path / "sops").rglob("perjanjian-kinerja.yaml"))


def test_column_number_rows_and_dotted_numbers_do_not_crash() -> None:
    text = (VARIANT.replace("\n1\tStaf", "\n(1)\t(2)\t(3)\t(4)\t(5)\t(6)\t(7)\t(8)\t(9)\t(10)\t(11)\n1.\tStaf"))
    draft = parse_document(text)
    assert [s["no"] for s in draft.data["langkah"]] == [1, 2, 3, 4]
    assert parse_document("No\tKegiatan\tWaktu\n1.\tx\t5 menit\n").data["langkah"] == []


def test_pdf_drawn_like_a_real_signed_office_pdf(tmp_path: Path) -> None:
    """Rules as filled thin rectangles, rings for boxes, shafts in the same path as their heads, a
    column-number row, other titles, ``1,`` as the first number, and a signature's Form XObject."""
    from office_pdf import office_pdf

    from sop_ap.importer.pdf_draft import pdf_draft

    drafts = []
    for signed in (False, True):
        path = tmp_path / f"office-{signed}.pdf"
        path.write_bytes(office_pdf(signed))
        drafts.append(pdf_draft(path))
    plain, signed_draft = drafts
    assert plain.data == signed_draft.data
    data = signed_draft.data
    assert (data["instansi"], data["unit"], data["subunit"]) == (
        "Pemerintah Kabupaten Contoh", "Dinas Komunikasi dan Informatika", "Bidang Aplikasi")
    assert data["nomor"] == "045/SOP/DISKOMINFO/2023" and data["nama"] == "Pengelolaan Aduan Masyarakat"
    assert data["tanggal"] == {"pembuatan": dt.date(2023, 4, 3), "revisi": None, "efektif": dt.date(2023, 4, 10)}
    assert data["disahkan"] == {"jabatan": "Kepala Dinas Komunikasi dan Informatika",
                                "nama": "Drs. BUDI SANTOSO, M.Si", "nip": "19800512 200501 1 003"}
    assert [(c["jenis"], c["nomor"], c["tahun"]) for c in data["dasar_hukum"]] == [("UU", "25", 2009),
                                                                                ("Permenpan RB", "35", 2012)]
    assert data["dasar_hukum"][0]["tentang"] == "Pelayanan Publik"  # the item's second line joined
    assert data["kualifikasi"] == ["Memahami tata naskah dinas", "Mampu mengoperasikan komputer"]
    assert data["peralatan"] == ["Komputer", "Printer"] and data["keterkaitan"] == []
    assert [p["nama"] for p in data["pelaksana"]] == ["Staf", "Kepala Seksi", "Kepala Dinas"]
    steps = data["langkah"]
    assert [s["no"] for s in steps] == [1, 2, 3, 4, 5]  # the "(1) (2) …" row is no step
    assert [s["simbol"] for s in steps] == ["terminator", "proses", "keputusan", "proses", "terminator"]
    assert [s["oleh"] for s in steps] == [["Staf"], ["Kepala Seksi"], ["Kepala Dinas"], ["Kepala Seksi"], ["Staf"]]
    assert steps[2]["cabang"] == {"Ya": 4, "Tidak": 2}
    assert [s["kelengkapan"] for s in steps][:2] == ["Formulir aduan", "Aduan tercatat"]  # "Persyaratan/ Perlengkapan"
    assert [s["waktu"] for s in steps] == ["10 menit", "30 menit", "15 menit", "1 hari", "5 menit"]
    assert not signed_draft.flags


TESSERACT_MISSING = ("Tesseract is not installed: 'bash tools/test.sh' installs Debian's tesseract-ocr and "
                     "tesseract-ocr-ind (test_scan_without_tesseract_names_the_packages covers the message)")


def test_scan_goes_through_ocr(tmp_path: Path, monkeypatch, capsys) -> None:
    """A printed SOP rasterised into an image-only PDF. With Tesseract and its Indonesian data (Debian
    tesseract-ocr, tesseract-ocr-ind) the text and tables are read and every symbol-based field is
    flagged; without them the error names the packages."""
    import shutil

    from roundtrip_pdf import rasterise

    plain, entry = _roundtrip(tmp_path, "kabupaten-gowa/kecamatan-bajeng-barat/perjanjian-kinerja", "polos")
    scan = tmp_path / "pindaian.pdf"
    scan.write_bytes(rasterise(plain.read_bytes()))
    monkeypatch.chdir(tmp_path)
    code = main(["import", str(scan)])
    out, err = capsys.readouterr()
    assert shutil.which("tesseract"), TESSERACT_MISSING
    assert code == 0 and "(dari pindaian, dibaca dengan OCR)" in out
    (draft,) = list((tmp_path / "draf").rglob("*.yaml"))
    data = yaml.load(draft.read_text(encoding="utf-8"), Loader=SopYamlLoader)
    assert data["nomor"] == entry.sop.nomor and data["unit"] == "Kecamatan Bajeng Barat"
    assert str(data["disahkan"]["nip"]) == "19791025 199912 2 001"
    assert [p["nama"] for p in data["pelaksana"]] == [p.nama for p in entry.sop.pelaksana]
    assert len(data["langkah"]) == 9 and data["langkah"][0]["waktu"] == "5 Menit"
    text = draft.read_text(encoding="utf-8")
    assert text.count("pada pindaian simbol tidak dibaca; simbol dianggap proses") >= 9  # never silently guessed


def test_scan_without_tesseract_names_the_packages(tmp_path: Path, monkeypatch, capsys) -> None:
    import pytesseract

    def missing(*args, **kwargs):
        raise pytesseract.TesseractNotFoundError()

    monkeypatch.setattr(pytesseract, "get_languages", missing)
    pdf = _print_pdf(tmp_path, "<div style='width:500px;height:700px;background:#888'></div>")
    monkeypatch.chdir(tmp_path)
    assert main(["import", str(pdf)]) == 1
    err = capsys.readouterr().err
    assert "tesseract-ocr" in err and "ocrmypdf" in err and "Traceback" not in err


def test_signed_pdf_with_a_flowchart_page_pasted_as_a_picture(tmp_path: Path) -> None:
    """Page 1 has a text layer, the flowchart pages are pictures (and every page carries the signature's
    footer and QR code): the pictures go through OCR, or are reported as not read."""
    import io
    import shutil

    from pypdf import PdfReader, PdfWriter
    from roundtrip_pdf import rasterise, sign

    from sop_ap.importer.pdf_draft import pdf_draft

    plain, entry = _roundtrip(tmp_path, "kabupaten-gowa/kecamatan-bajeng-barat/perjanjian-kinerja", "polos")
    text, pictures = PdfReader(plain), PdfReader(io.BytesIO(rasterise(plain.read_bytes())))
    writer = PdfWriter()
    writer.add_page(text.pages[0])
    for page in pictures.pages[1:]:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    mixed = tmp_path / "campuran.pdf"
    mixed.write_bytes(sign(out.getvalue()))
    draft = pdf_draft(mixed)
    assert draft.data["nomor"] == entry.sop.nomor and draft.source == "PDF"
    assert shutil.which("tesseract"), TESSERACT_MISSING
    steps = draft.data["langkah"]
    assert len(steps) == 9 and any("dibaca dengan OCR" in note for note in draft.inferred)
    assert all(f"langkah[{i}].simbol" in draft.flags for i in range(9))  # no symbol guessed silently


def test_several_flowcharts_become_variants(tmp_path: Path, monkeypatch, capsys) -> None:
    from roundtrip_pdf import render

    from sop_ap.source.registry import load_registry

    source = ROOT / "sops" / "kabupaten-gowa" / "kecamatan-bajeng-barat" / "perjanjian-kinerja.yaml"
    data = yaml.load(source.read_text(encoding="utf-8"), Loader=SopYamlLoader)
    short = [{"no": 1, "kegiatan": "Menerima berkas usulan", "oleh": "Camat", "simbol": "terminator", "waktu": "5 menit"},
             {"no": 2, "kegiatan": "Memeriksa berkas usulan", "oleh": "Sekrcam", "waktu": "10 menit"},
             {"no": 3, "kegiatan": "Mengarsipkan berkas", "oleh": "Sekrcam", "simbol": "terminator", "waktu": "5 menit"}]
    data["varian"] = [{"nama": "Penyusunan", "pelaksana": data.pop("pelaksana"), "langkah": data.pop("langkah")},
                      {"nama": "Perubahan", "pelaksana": [{"nama": "Camat"}, {"nama": "Sekrcam"}], "langkah": short}]
    data.pop("skenario", None)
    target = tmp_path / "sops" / "a" / "b" / "sop.yaml"
    target.parent.mkdir(parents=True)
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    registry = load_registry(tmp_path / "sops")
    (entry,) = registry.entries
    assert entry.sop is not None, entry.diagnostics
    with chromium() as browser:
        ((_, pdf),) = render([entry], registry, "ttd", browser.new_page())
    path = tmp_path / "varian.pdf"
    path.write_bytes(pdf)
    monkeypatch.chdir(tmp_path)
    assert main(["import", str(path), "-o", "draf.yaml"]) == 0
    assert "dalam 2 bagan alir" in capsys.readouterr().out
    drafted = load_sop_text((tmp_path / "draf.yaml").read_text(encoding="utf-8"), "draf.yaml")
    assert drafted.sop is not None and not [d for d in drafted.diagnostics if d.level == "error"]
    charts = drafted.sop.varian
    assert [c.nama for c in charts] == ["Penyusunan", "Perubahan"]
    assert [s.kegiatan for s in charts[1].langkah] == [s["kegiatan"] for s in short]
    assert [s.oleh for s in charts[1].langkah] == [["Camat"], ["Sekrcam"], ["Sekrcam"]]
    assert len(charts[0].langkah) == 9
