"""Paginated lists: every list page holds a fixed number of rows, the pages link to each other, and on the list
of all SOPs filtering and sorting (in Chromium) work on every row, loaded from the small JSON row files."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from browser import chromium, serve
from sitebuild import ROOT, build, copy_project, plugin_options

sys.path.insert(0, str(ROOT / "tools"))
from generate_sops import write as write_sops  # noqa: E402

COUNT, PER_PAGE = 13, 2


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("list"), with_sops=False)
    write_sops(COUNT, 5, project / "sops")
    plugin_options(project, simulasi=False, per_halaman=PER_PAGE)
    result = build(project)
    assert result.returncode == 0, result.stderr[-2000:]
    return project / "site"


def _rows(site: Path) -> list[list]:
    index = json.loads((site / "sop/baris.json").read_text(encoding="utf-8"))
    rows = [row for name in index["berkas"] for row in json.loads((site / "sop" / name).read_text(encoding="utf-8"))]
    assert len(index["berkas"]) > 1 and index["jumlah"] == len(rows) == COUNT
    return rows


def test_list_pages_hold_a_page_of_rows_and_link_to_each_other(site: Path) -> None:
    pages = [site / "sop/index.html"] + sorted(site.glob("sop/halaman-*/index.html"))
    assert len(pages) == -(-COUNT // PER_PAGE)
    names = []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        rows = re.findall(r'<tr data-unit="\d+"[^>]*><td><a href="([^"]+)">([^<]+)</a>', html)
        assert 1 <= len(rows) <= PER_PAGE
        names += [name for _, name in rows]
        for href, _ in rows:
            assert (page.parent / href / "index.html").resolve().is_file(), href
        for href in re.findall(r'<nav class="sop-pager".*?</nav>', html, re.S)[0:1]:
            for link in re.findall(r'href="([^"]+)"', href):
                assert (page.parent / link / "index.html").resolve().is_file(), link
    assert sorted(names) == sorted(row[0] for row in _rows(site))  # every SOP on exactly one page
    # a position's pages: a fifth as many SOPs a page, each page reachable
    for role in (site / "pelaksana").iterdir():
        if role.is_dir() and (role / "halaman-2").is_dir():
            html = (role / "halaman-2/index.html").read_text(encoding="utf-8")
            assert html.count('<h2 class="sop-h" data-pagefind-ignore>') == 1
            break
    else:
        raise AssertionError("no position has a second page")
    # the regulations, a page of them at a time too (a province cites hundreds), every one listed once
    regulation_pages = [site / "peraturan/index.html"] + sorted(site.glob("peraturan/halaman-*/index.html"))
    listed = [link for page in regulation_pages for link in re.findall(
        r'<tr><td><a href="([^"]+)">', page.read_text(encoding="utf-8"))]
    cited = [p for p in (site / "peraturan").iterdir() if p.is_dir() and not p.name.startswith("halaman-")]
    assert len(regulation_pages) == -(-len(cited) // PER_PAGE) > 1
    assert sorted(link.rstrip("/").split("/")[-1] for link in listed) == sorted(p.name for p in cited)
    for page in site.rglob("*.html"):
        assert page.stat().st_size < 300_000, page


def test_filter_and_sort_work_on_every_row(site: Path) -> None:
    rows = _rows(site)
    index = json.loads((site / "sop/baris.json").read_text(encoding="utf-8"))
    unit = max(range(len(index["unit"])), key=lambda u: sum(r[3] == u for r in rows))
    in_unit = sorted((r for r in rows if r[3] == unit), key=lambda r: r[7])
    assert len(in_unit) > PER_PAGE  # the filter's answer spans more than one page
    with serve(site) as url, chromium() as browser:
        page = browser.new_page()
        page.goto(url + "sop/")
        table = page.locator("table[data-sop-list] tbody tr")
        assert table.count() == PER_PAGE
        page.select_option('select[data-filter="unit"]', str(unit))
        count = page.locator(".sop-filter-count")
        count.filter(has_text=f"{len(in_unit)} dari {COUNT} SOP").wait_for(timeout=15_000)
        assert table.count() == PER_PAGE
        assert not page.locator(".sop-pager").first.is_visible()
        assert set(page.locator("table[data-sop-list] tbody td:nth-child(3)").all_inner_texts()) == {index["unit"][unit]}
        page.locator("button[data-sort]").click()  # ascending by standard time, across all rows of the unit
        page.wait_for_function("document.querySelector('th[aria-sort]').getAttribute('aria-sort') === 'ascending'")
        page.wait_for_timeout(300)
        shown = page.locator("table[data-sop-list] tbody td:first-child").all_inner_texts()
        assert shown == [r[0] for r in in_unit[:PER_PAGE]]
        page.locator('[data-page-step="1"]').click()
        shown2 = page.locator("table[data-sop-list] tbody td:first-child").all_inner_texts()
        assert shown2 == [r[0] for r in in_unit[PER_PAGE:2 * PER_PAGE]]
        minutes = [float(m) for m in page.locator("table[data-sop-list] tbody tr").evaluate_all(
            "rows => rows.map(r => r.getAttribute('data-minutes'))")]
        assert minutes == sorted(minutes)
        page.locator(".sop-list a").first.click()
        page.wait_for_url(re.compile(r"/sop/[^/]+/[^/]+/[^/]+/$"))
        # back to all rows: the page as served, with its pager
        page.goto(url + "sop/halaman-2/")
        assert page.locator("table[data-sop-list] tbody tr").count() == PER_PAGE
        assert page.locator(".sop-pager").first.is_visible()
        page.screenshot(path=str(site.parent / "list-page-2.png"), full_page=True)
