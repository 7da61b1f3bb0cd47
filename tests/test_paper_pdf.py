"""The printed SOP as Chromium prints it (A4 landscape): page counts of the seeds and of an 11-row SOP of
ordinary text, and rows exactly as tall as the layout planned (so the drawing stays on its rows)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from browser import require_chromium
from helpers import write_one_sop
from sop_ap.source.registry import load_registry
from sitebuild import SEED_BAJENG, SEED_JUAI

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from paper_pdf import paper_document, pdf_pages, print_pdfs  # noqa: E402

ORDINARY = [
    "Menerima berkas permohonan dari pemohon dan mencatat dalam buku agenda",
    "Memeriksa kelengkapan berkas permohonan sesuai persyaratan",
    "Menyampaikan berkas kepada Kepala Seksi untuk diteliti",
    "Meneliti kebenaran data dan dokumen pendukung permohonan",
    "Membuat konsep surat keterangan sesuai hasil penelitian",
    "Memaraf konsep surat keterangan",
    "Meneruskan konsep surat kepada Sekretaris Camat",
    "Memeriksa dan memaraf konsep surat keterangan",
    "Menandatangani surat keterangan",
    "Memberi nomor, stempel dan mengarsipkan salinan surat",
    "Menyerahkan surat keterangan kepada pemohon",
]


def _eleven_rows(tmp_path: Path, repeat: int = 1):
    lanes = ["Camat", "Sekretaris Camat", "Kepala Seksi", "Staf Pelayanan"]
    who = [3, 3, 3, 2, 2, 2, 1, 1, 0, 3, 3] * repeat
    steps = []
    last = len(who)
    for i, (text, lane) in enumerate(zip(ORDINARY * repeat, who), start=1):
        step = {"no": i, "kegiatan": text, "oleh": lanes[lane], "waktu": "15 menit",
                "kelengkapan": ["Berkas permohonan"], "output": ["Berkas"]}
        if i in (1, last):
            step["simbol"] = "terminator"
        if i == 2:
            step.update(simbol="keputusan", cabang={"Lengkap": 3, "Tidak lengkap": 1})
        steps.append(step)
    data = {"nomor": "1/SOP/2025", "nama": "Pelayanan Surat Keterangan", "instansi": "Pemerintah Kabupaten Uji",
            "unit": "Kecamatan Uji", "tanggal": {"pembuatan": "2025-01-02", "efektif": "2025-01-10"},
            "disahkan": {"jabatan": "Camat Uji", "nama": "Nama Pejabat", "nip": "19791025 199912 2 001"},
            "dasar_hukum": [{"jenis": "PP", "nomor": "17", "tahun": 2018, "tentang": "Kecamatan"}],
            "pelaksana": [{"nama": n} for n in lanes], "langkah": steps}
    return write_one_sop(tmp_path, data)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, bytes]]:
    require_chromium()
    seeds = load_registry(ROOT / "sops")
    documents = {name: paper_document(seeds.by_id[name], seeds) for name in (SEED_JUAI, SEED_BAJENG)}
    entry, registry = _eleven_rows(tmp_path_factory.mktemp("eleven"))
    documents["eleven"] = paper_document(entry, registry)
    entry, registry = _eleven_rows(tmp_path_factory.mktemp("long"), repeat=4)
    documents["long"] = paper_document(entry, registry)
    patterns = load_registry(ROOT / "tests" / "data" / "patterns")
    documents["07"] = paper_document(patterns.by_id["07-tabel-di-sekitar-simbol"], patterns)
    pdfs = print_pdfs(documents)
    return {name: (documents[name], pdfs[name]) for name in documents}


def test_seeds_print_on_two_pages(printed) -> None:
    html, pdf = printed[SEED_JUAI]
    assert pdf_pages(pdf) == 2 and html.count("sop-paper-flow-page") == 1
    html, pdf = printed[SEED_BAJENG]
    assert pdf_pages(pdf) <= 2 and html.count("sop-paper-flow-page") == 1


def test_eleven_rows_of_ordinary_text_fit_one_page(printed) -> None:
    html, pdf = printed["eleven"]
    assert html.count("sop-paper-flow-page") == 1 and html.count('<tr style="height:') == 11
    assert pdf_pages(pdf) == 2  # the identity page, then the whole table with the signature


def test_every_planned_page_is_one_printed_page(printed) -> None:
    """Page breaks are planned, not left to the browser: a long table and the author's connector."""
    for name in ("long", "07"):
        html, pdf = printed[name]
        flow = html.count("sop-paper-flow-page")
        assert flow >= 2 and pdf_pages(pdf) == 1 + flow, (name, flow, pdf_pages(pdf))
        letters = re.findall(r'data-letter="(\w+)"', html)
        assert letters and all(letters.count(x) == 2 for x in set(letters)), letters


def test_printed_rows_are_as_tall_as_planned() -> None:
    """Chromium lays the rows out at the planned heights: the text fits, so the drawing stays on its rows."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    seeds = load_registry(ROOT / "sops")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1123, "height": 794})
        for name in (SEED_JUAI, SEED_BAJENG):
            html = paper_document(seeds.by_id[name], seeds)
            page.set_content(html)
            page.emulate_media(media="print")
            planned = [float(h) for h in re.findall(r'<tr style="height:([\d.]+)mm"', html)]
            rows = page.eval_on_selector_all(
                ".sop-paper-flow-page tbody tr", "rows => rows.map(r => r.getBoundingClientRect().height)")
            drawn = page.eval_on_selector_all(".sop-paper-flow", "s => s.map(x => x.getBoundingClientRect().height)")
            mm = 25.4 / 96
            assert len(rows) == len(planned)
            for got, want in zip(rows, planned):
                assert abs(got * mm - want) < 0.6, (name, got * mm, want)
            assert abs(sum(drawn) * mm - sum(planned)) < 1.0
        browser.close()
