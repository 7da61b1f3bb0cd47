"""The SOP page on screen: the step table fits 1280 px or says that it scrolls; on a phone no text of the table
or the chart is below 12 px and the chart scrolls at readable size; a symbol and its row highlight each other
and a second click clears it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from browser import browser, serve  # noqa: F401
from sitebuild import SEED_BAJENG, SEED_JUAI, build, copy_project

PATTERNS = Path(__file__).parent / "data" / "patterns"
PAGES = [f"sop/{SEED_JUAI}/", f"sop/{SEED_BAJENG}/", "sop/pola/01-dua-mulai/", "sop/pola/03-tujuan-ke-kolom/",
         "sop/pola/06-kotak-samping-dan-putaran/", "sop/pola/07-tabel-di-sekitar-simbol/"]

SIZES = """() => {
  const boxes = Array.from(document.querySelectorAll('.sop-table-wrap, .sop-flowchart-scroll')).map(b => ({
    cls: b.className, scroll: b.scrollWidth, client: b.clientWidth,
    hint: !!(b.nextElementSibling && b.nextElementSibling.classList.contains('sop-scroll-hint')
             && b.nextElementSibling.offsetParent !== null)}));
  const sizes = [];
  document.querySelectorAll('figure.sop-flowchart svg.sop-fc').forEach(svg => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;  // CSS px per user unit
    svg.querySelectorAll('text').forEach(t => {
      if (!t.getBoundingClientRect().width) return;
      const size = parseFloat(t.getAttribute('font-size') || getComputedStyle(t).fontSize);
      sizes.push(['svg', t.textContent, size * scale]); }); });
  document.querySelectorAll('table.sop-steps td, table.sop-steps th, table.sop-steps span, table.sop-steps li')
    .forEach(t => { if (t.getBoundingClientRect().width && t.textContent.trim())
      sizes.push(['html', t.textContent.trim().slice(0, 30), parseFloat(getComputedStyle(t).fontSize)]); });
  return {boxes, sizes};
}"""


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory):
    project = copy_project(tmp_path_factory.mktemp("layout-site"))
    shutil.copytree(PATTERNS, project / "sops" / "pola")
    result = build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    with serve(project / "site") as served:
        yield served


def test_table_fits_1280_or_shows_that_it_scrolls(browser, url: str) -> None:  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    for path in PAGES:
        page.goto(url + path)
        found = page.evaluate(SIZES)
        tables = [b for b in found["boxes"] if "sop-table-wrap" in b["cls"]]
        assert tables, path
        for box in tables:
            assert box["scroll"] <= box["client"] + 1 or ("sop-scrolls" in box["cls"] and box["hint"]), (path, box)
        if "pola" not in path:  # the seeds' tables fit without scrolling
            assert all(b["scroll"] <= b["client"] + 1 for b in tables), path
    page.close()


def test_phone_text_is_at_least_12px_and_the_chart_scrolls_visibly(browser, url: str) -> None:  # noqa: F811
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    for path in PAGES:
        page.goto(url + path)
        found = page.evaluate(SIZES)
        small = [s for s in found["sizes"] if s[2] < 11.95]
        assert not small, (path, small[:5])
        charts = [b for b in found["boxes"] if "sop-flowchart-scroll" in b["cls"]]
        assert charts and all(b["scroll"] <= b["client"] + 1 or b["hint"] for b in charts), path
    page.close()


def test_symbol_and_row_highlight_each_other_and_back(browser, url: str) -> None:  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url + "sop/pola/03-tujuan-ke-kolom/")
    row = page.locator("#fc0-row-3")
    symbols = page.locator("svg.sop-fc .sop-step[data-step='3']")
    assert symbols.count() == 2  # two symbols in row 3, one per lane
    symbols.first.click()
    assert "is-active" in row.get_attribute("class")
    assert all("is-active" in symbols.nth(i).get_attribute("class") for i in range(2))
    symbols.first.click()  # the same symbol again: back to nothing highlighted
    assert "is-active" not in row.get_attribute("class")
    assert page.locator(".is-active").count() == 0
    page.locator("#fc0-row-2").click()  # the row lights its symbols
    assert page.locator("svg.sop-fc .sop-step.is-active[data-step='2']").count() == 2
    page.close()


def test_a_position_pages_tables_show_a_scroll_hint_only_when_they_scroll(browser, url: str) -> None:  # noqa: F811
    """Material wraps the position pages' plain tables in its own wider scroller: inside ours, every table looked
    wider than the column and got the hint, though it fit."""
    for width, expect_scroll in ((1280, False), (390, True)):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(url + "pelaksana/camat/")
        tables = [b for b in page.evaluate(SIZES)["boxes"] if "sop-table-wrap" in b["cls"]]
        assert tables
        for box in tables:
            scrolls = box["scroll"] > box["client"] + 1
            assert scrolls == expect_scroll and box["hint"] == scrolls == ("sop-scrolls" in box["cls"]), (width, box)
        page.close()
