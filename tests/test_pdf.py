"""The PDF of every SOP (printed by headless Chromium at build time) and the QR code on the paper."""

from __future__ import annotations

import io
import re
import shutil
import sys
from pathlib import Path

import pypdf
import pypdfium2
import pytest
import yaml
import zxingcpp

from hostile import hostile_sop
from sitebuild import SEED_BAJENG, SEED_JUAI, build, copy_project, plugin_options

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from generate_sops import write as write_sops  # noqa: E402

from sop_ap.render import paper, pdf
from sop_ap.render.pdf_files import pdf_job, pdf_site_path
from sop_ap.render.site import asset_text
from sop_ap.source.registry import load_registry

SITE_URL = "https://sop.contoh.go.id/registri/"
HOSTILE_ID = "uji/uji/hostile"
A4_LANDSCAPE = (841.89, 595.28)  # points
GENERATED = 11
"""With the two seeds and the hostile SOP: 14 SOPs, so two batches of the worker (10 + 4)."""


PDF_OPTION = "      pdf: !ENV [SOP_PDF, true]\n"
"""The project's own setting: PDFs unless SOP_PDF says otherwise (these tests build with SOP_PDF unset)."""


def _configure(project: Path, pdf_option: str = PDF_OPTION) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count(PDF_OPTION) == 1
    config.write_text(text.replace(PDF_OPTION, pdf_option), encoding="utf-8")
    plugin_options(project, simulasi=False, pencarian=False)


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("pdf-site"))
    _configure(project)
    hostile = project / "sops" / f"{HOSTILE_ID}.yaml"
    hostile.parent.mkdir(parents=True)
    hostile.write_text(yaml.safe_dump(hostile_sop(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    write_sops(GENERATED, 5, project / "sops" / "generated")
    # SOP_PDF unset: the project's mkdocs.yml as users have it prints every SOP by default.
    result = build(project, env={"SOP_SITE_URL": SITE_URL}, pdf=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert re.search(r"PDF: 14 berkas, 0 dari cache, 14 dicetak", result.stderr), result.stderr[-2000:]
    return project


@pytest.fixture(scope="module")
def registry(project: Path):
    return load_registry(project / "sops")


def _pdfs(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*.pdf"))}


def test_every_valid_sop_has_an_a4_landscape_pdf_with_its_name_and_number(project: Path, registry) -> None:
    site = project / "site"
    entries = [e for e in registry.entries if e.ok]
    assert len(entries) == GENERATED + 3
    assert sorted(_pdfs(site)) == sorted(pdf_site_path(e) for e in entries)
    for entry in entries:
        reader = pypdf.PdfReader(site / pdf_site_path(entry))
        assert len(reader.pages) >= 2  # the identity page and at least one flowchart page
        for page in reader.pages:
            size = (float(page.mediabox.width), float(page.mediabox.height))
            assert size == pytest.approx(A4_LANDSCAPE, abs=1), (entry.id, size)
        text = _words("\n".join(page.extract_text() for page in reader.pages))
        assert _words(entry.sop.nama) in text, entry.id
        assert _words(entry.sop.nomor) in text, entry.id
        first_step = entry.sop.flowcharts[0].steps[0].kegiatan
        assert _words(first_step) in text, entry.id
        assert reader.metadata.title == f"{entry.sop.nama} ({entry.sop.nomor})"
        assert "/CreationDate" not in reader.metadata  # same input, same bytes


def test_the_link_beside_cetak_downloads_the_sops_pdf(project: Path, registry) -> None:
    site = project / "site"
    for entry in (e for e in registry.entries if e.ok):
        html = (site / "sop" / entry.id / "index.html").read_text(encoding="utf-8")
        actions = re.search(r'<div class="sop-actions">(.*?)</div>', html, re.S).group(1)
        buttons = re.findall(r"<(?:button|a)\b[^>]*>([^<]*)<", actions)
        assert buttons[:2] == ["Cetak", "Unduh PDF"], buttons
        (href,) = re.findall(r'<a class="md-button sop-pdf" href="([^"]+)"', actions)
        target = (site / "sop" / entry.id / href).resolve()
        assert target == (site / pdf_site_path(entry)).resolve() and target.is_file()
        assert f'download="{target.name}"' in actions
        # "Cetak" opens the same PDF; the page does not repeat the paper layout (a third of its bytes).
        (cetak,) = re.findall(r'<a class="md-button md-button--primary sop-print" href="([^"]+)"', actions)
        assert cetak == href and "data-sop-print" not in html
        assert 'class="sop-paper"' not in html


def test_the_pdfs_fonts_carry_no_hinting_or_layout_tables(project: Path, registry) -> None:
    from fontTools.ttLib import TTFont

    from sop_ap.render.pdf_fonts import _font_files

    site = project / "site"
    for entry in (e for e in registry.entries if e.ok):
        programs = list(_font_files(pypdf.PdfReader(site / pdf_site_path(entry))))
        assert programs, entry.id
        for program in programs:
            font = TTFont(io.BytesIO(program.get_data()))
            assert not {"fpgm", "prep", "cvt ", "GPOS", "GSUB"} & set(font.keys()), (entry.id, sorted(font.keys()))
        assert (site / pdf_site_path(entry)).stat().st_size < 60_000, entry.id


def test_the_qr_code_on_the_printed_page_reads_as_the_sops_address(project: Path, registry) -> None:
    site = project / "site"
    for sop_id in (e.id for e in registry.entries if e.ok):
        document = pypdfium2.PdfDocument(site / pdf_site_path(registry.by_id[sop_id]))
        last = document[len(document) - 1].render(scale=3).to_pil()
        found = [(code.format, code.text) for code in zxingcpp.read_barcodes(last)]
        assert found == [(zxingcpp.BarcodeFormat.QRCode, f"{SITE_URL}sop/{sop_id}/")], (sop_id, found)
        html = (site / "sop" / sop_id / "index.html").read_text(encoding="utf-8")
        assert 'class="sop-paper-qr-code"' not in html  # "Cetak" opens the PDF: no paper copy in the page


def test_without_a_site_url_there_is_no_qr_code(registry) -> None:
    entry = registry.by_id[SEED_JUAI]
    assert "sop-paper-qr" not in paper.paper_html(entry, registry)
    with_url = paper.paper_html(entry, registry, page_url=f"{SITE_URL}sop/{SEED_JUAI}/")
    assert with_url.count("sop-paper-qr-code") == 1 and f"{SITE_URL}sop/{SEED_JUAI}/" in with_url


def test_a_hostile_sop_prints_as_text(project: Path, registry) -> None:
    entry = registry.by_id[HOSTILE_ID]
    data = (project / "site" / pdf_site_path(entry)).read_bytes()
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "<script>alert('xss')</script> #0" in text  # the title, as written
    assert "<img src=x onerror=alert(1)>" in text
    assert b"/JavaScript" not in data and b"/URI" not in data and b"/Annots" not in data
    assert reader.metadata.title.startswith("Uji <script>")


def test_batched_printing_gives_the_same_pages_as_printing_alone(project: Path, registry, tmp_path: Path) -> None:
    """The worker prints ten SOPs in one document and cuts it: each SOP's pages are those it has on its own."""
    css = asset_text("paper.css")
    for sop_id in (SEED_JUAI, HOSTILE_ID):
        entry = registry.by_id[sop_id]
        run = pdf.start([pdf_job(entry, registry, SITE_URL)], css, tmp_path / "cache")
        stats = run.finish(tmp_path / "alone")
        assert stats.rendered == 1
        alone = pypdf.PdfReader(tmp_path / "alone" / pdf_site_path(entry))
        batched = pypdf.PdfReader(project / "site" / pdf_site_path(entry))
        assert [p.extract_text() for p in alone.pages] == [p.extract_text() for p in batched.pages]


def test_a_rebuild_prints_only_what_changed(project: Path) -> None:
    site = project / "site"
    before = {name: path.read_bytes() for name, path in _pdfs(site).items()}
    result = build(project, env={"SOP_SITE_URL": SITE_URL}, pdf=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "PDF: 14 berkas, 14 dari cache, 0 dicetak" in result.stderr
    assert {name: path.read_bytes() for name, path in _pdfs(site).items()} == before
    seed = project / "sops" / f"{SEED_JUAI}.yaml"
    seed.write_text(seed.read_text(encoding="utf-8").replace("Mengarsipkan", "Mengarsipkan berkas"),
                    encoding="utf-8")
    result = build(project, env={"SOP_SITE_URL": SITE_URL}, pdf=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "PDF: 14 berkas, 13 dari cache, 1 dicetak" in result.stderr
    text = "".join(p.extract_text() for p in pypdf.PdfReader(site / "sop" / SEED_JUAI /
                                                                "penyusunan-rencana-kinerja-tahunan.pdf").pages)
    assert "Mengarsipkan berkas" in text


def test_pdf_false_makes_no_pdf_and_no_link(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    _configure(project, "      pdf: false\n")
    result = build(project, env={"SOP_CHROMIUM": str(tmp_path / "no-browser")}, pdf=True)  # never looked for
    assert result.returncode == 0, result.stderr[-3000:]
    site = project / "site"
    assert _pdfs(site) == {}
    html = (site / "sop" / SEED_JUAI / "index.html").read_text(encoding="utf-8")
    assert "Unduh PDF" not in html and 'data-sop-print>Cetak</button>' in html
    assert '<section class="sop-paper"' in html  # without a PDF, "Cetak" prints the page's own paper layout
    assert not (project / ".cache" / "sop" / "pdf").exists()


FAKE_BROWSER = """#!/bin/sh
if [ "$1" = "--version" ]; then echo "Chromium 1.0 (palsu)"; exit 0; fi
echo "peramban palsu" >&2
exit 3
"""


@pytest.mark.parametrize("browser", ["missing", "broken"])
def test_a_pdf_that_cannot_be_made_stops_the_build_and_keeps_the_old_site(tmp_path: Path, browser: str) -> None:
    project = copy_project(tmp_path / "project")
    _configure(project)
    (project / "site").mkdir()
    (project / "site" / "lama.txt").write_text("situs lama", encoding="utf-8")
    path = tmp_path / "chromium"
    if browser == "broken":
        path.write_text(FAKE_BROWSER, encoding="utf-8")
        path.chmod(0o755)
    result = build(project, env={"SOP_CHROMIUM": str(path)}, pdf=True)
    assert result.returncode != 0
    expected = "Chromium tidak ditemukan" if browser == "missing" else "PDF SOP tidak dapat dibuat"
    assert expected in result.stderr and "pdf: false" in result.stderr, result.stderr[-2000:]
    assert sorted(p.name for p in (project / "site").iterdir()) == ["lama.txt"]
    assert not (project / "site.sop-staging").exists()
    leftovers = list((project / ".cache" / "sop" / "pdf").glob("*")) if browser == "broken" else []
    assert leftovers == []  # no job file, no log, no half-written PDF
    shutil.rmtree(project / ".cache", ignore_errors=True)


def test_a_visitor_downloads_the_pdf_from_the_page(project: Path, registry) -> None:
    """In the browser: "Unduh PDF" sits beside "Cetak", as tall as the other buttons, and saves the SOP's PDF."""
    from browser import chromium, serve

    site = project / "site"
    entry = registry.by_id[SEED_JUAI]
    with serve(site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(f"{base}sop/{SEED_JUAI}/")
        boxes = page.eval_on_selector_all(".sop-actions .md-button:not([hidden])",
                                          "els => els.map(e => [e.textContent.trim(), e.getBoundingClientRect().top,"
                                          " e.getBoundingClientRect().height])")
        assert [b[0] for b in boxes][:2] == ["Cetak", "Unduh PDF"]
        assert len({round(b[2]) for b in boxes}) == 1 and len({round(b[1]) for b in boxes}) == 1, boxes
        with page.expect_download() as download:
            page.click("a.sop-pdf")
        saved = download.value
        assert saved.suggested_filename == "penyusunan-rencana-kinerja-tahunan.pdf"
        assert Path(saved.path()).read_bytes() == (site / pdf_site_path(entry)).read_bytes()


def test_the_qr_code_is_drawn_by_the_worker_from_a_mark_in_the_job(registry) -> None:
    """The build's own process leaves a mark; the PDF worker draws the very code the page's paper shows."""
    from sop_ap.render.qr import deferred_qr, fill_qr, qr_svg

    entry = registry.by_id[SEED_JUAI]
    job = pdf_job(entry, registry, SITE_URL)
    url = f"{SITE_URL}sop/{SEED_JUAI}/"
    assert deferred_qr(url) in job.paper and "<svg" not in job.paper.split("sop-paper-qr", 1)[1][:200]
    filled = fill_qr(job.paper)
    assert qr_svg(url) in filled and "<!--sop-qr:" not in filled
    odd = "https://contoh.go.id/a--b/?q=1&r=<x>"  # comment-breaking and escaped characters survive the mark
    assert fill_qr(deferred_qr(odd)) == qr_svg(odd)
