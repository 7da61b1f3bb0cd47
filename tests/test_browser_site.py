"""The published site in headless Chromium: every part visible, search, highlighting, dark palette,
phone width, printing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from browser import browser, serve, site_url  # noqa: F401
from sitebuild import SEED_BAJENG, SEED_JUAI, build, copy_project, seed_site  # noqa: F401


@pytest.fixture(scope="module")
def paper_site_url(tmp_path_factory: pytest.TempPathFactory):
    """The seeds built with `pdf: false`: then "Cetak" prints the page itself, in its hidden paper layout (with
    PDFs, "Cetak" opens the PDF and the page holds no paper copy)."""
    project = copy_project(tmp_path_factory.mktemp("paper-site"))
    result = build(project)  # the test builds' default: no PDFs
    assert result.returncode == 0, result.stderr[-3000:]
    with serve(project / "site") as url:
        yield url



def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _rgb(css: str) -> tuple[int, int, int]:
    parts = css[css.index("(") + 1: css.index(")")].split(",")
    return tuple(int(float(p)) for p in parts[:3])  # type: ignore[return-value]


def test_sop_page_shows_every_part(browser, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + f"sop/{SEED_JUAI}/")
    assert page.locator("h1").inner_text().rstrip("¶") == "Penyusunan Rencana Kinerja Tahunan (RKT)"
    for selector in (".sop-status", ".sop-identity", ".sop-boxes", "figure.sop-flowchart svg", "table.sop-steps",
                     ".sop-total"):
        assert page.locator(selector).first.is_visible(), selector
    assert page.locator("table.sop-steps tbody tr").count() == 7
    assert page.locator(".sop-paper").count() == 0  # "Cetak" opens the PDF: no paper copy in the page
    assert page.locator("a.sop-print").get_attribute("href").endswith(".pdf")
    page.close()


def test_search_finds_a_seed_by_a_word_of_a_kegiatan(browser, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("Memverifikasi", delay=30)
    result = page.locator(".md-search-result__item a").first
    result.wait_for(timeout=15000)
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    assert any(SEED_JUAI in h for h in hrefs), hrefs
    page.close()


def test_clicking_a_flowchart_box_highlights_its_row(browser, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + f"sop/{SEED_BAJENG}/")
    node = page.locator("#fc0-step-6")
    node.click()
    row = page.locator("#fc0-row-6")
    assert "is-active" in (row.get_attribute("class") or "")
    assert "is-active" in (node.get_attribute("class") or "")
    page.locator("#fc0-step-2").click()
    assert "is-active" not in (row.get_attribute("class") or "")
    assert "is-active" in (page.locator("#fc0-row-2").get_attribute("class") or "")
    page.close()


def test_dark_palette_is_legible(browser, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page.goto(site_url + f"sop/{SEED_JUAI}/")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    background = _rgb(page.evaluate("getComputedStyle(document.querySelector('.md-main')).backgroundColor"
                                    " || getComputedStyle(document.body).backgroundColor"))
    if background == (0, 0, 0):  # transparent main: use the body colour
        background = _rgb(page.evaluate("getComputedStyle(document.body).backgroundColor"))
    label = page.locator("figure.sop-flowchart svg text").first
    color = _rgb(label.evaluate("el => getComputedStyle(el).fill"))
    assert _contrast(color, background) >= 4.5, (color, background)
    cell = _rgb(page.locator("table.sop-steps td.sop-kegiatan").first.evaluate("el => getComputedStyle(el).color"))
    assert _contrast(cell, background) >= 4.5
    # An outlined button (no fill of its own): its text sits on the page's background.
    outlined = page.get_by_role("button", name="Simulasikan")
    assert outlined.evaluate("el => getComputedStyle(el).backgroundColor") == "rgba(0, 0, 0, 0)"
    assert _contrast(_rgb(outlined.evaluate("el => getComputedStyle(el).color")), background) >= 4.5
    page.close()


def test_phone_width_has_no_horizontal_page_overflow(browser, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    for path in (f"sop/{SEED_JUAI}/", f"sop/{SEED_BAJENG}/", "sop/", "", "peraturan/pp-46-2011/"):
        page.goto(site_url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (path, width)
    page.close()


def test_print_to_pdf_gives_identity_page_and_flowchart_table(browser, paper_site_url: str, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(paper_site_url + f"sop/{SEED_JUAI}/")
    assert page.locator(".sop-paper").first.is_hidden()  # the paper layout is for printing only
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", landscape=True, print_background=True, prefer_css_page_size=True)
    (tmp_path / "juai.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2
    first = reader.pages[0].extract_text().upper()
    assert "DASAR HUKUM" in first and "KUALIFIKASI PELAKSANA" in first
    rest = " ".join(p.extract_text() for p in reader.pages[1:]).upper()
    assert "PELAKSANA" in rest and "MEMVERIFIKASI DATA PENYUSUNAN KINERJA" in rest
    page.close()


def test_print_from_the_dark_palette_is_black_on_white(browser, paper_site_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page.goto(paper_site_url + f"sop/{SEED_JUAI}/")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.emulate_media(media="print", color_scheme="dark")
    colours = page.evaluate("""() => ['html', 'body', '.md-container', '.md-main', '.sop-paper', '.sop-paper td']
        .map((s) => { const st = getComputedStyle(document.querySelector(s));
                      return [s, st.backgroundColor, st.color]; })""")
    for selector, background, color in colours:
        assert background in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), (selector, background)
        assert color == "rgb(0, 0, 0)", (selector, color)
    assert page.locator(".sop-paper").is_visible()
    assert "LOGO" not in page.locator(".sop-paper").inner_text()
    page.close()
