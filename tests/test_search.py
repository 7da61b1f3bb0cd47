"""Search as a visitor uses it, in Chromium: Pagefind in Material's search dialog finds Indonesian words by
their root (susun ↔ penyusunan/menyusun, sampai ↔ menyampaikan, arsip ↔ mengarsipkan, verifikasi ↔
memverifikasi/terverifikasi), indexes only visible text, speaks Indonesian and passes axe."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from axe import axe_source, describe, run_axe  # noqa: F401
from browser import browser, serve  # noqa: F401
from helpers import base_sop, to_yaml
from sitebuild import build, copy_project, plugin_options

AFFIXED = "kabupaten-contoh/kecamatan-contoh/layanan-berimbuhan"
ROOTS = "kabupaten-contoh/kecamatan-contoh/layanan-kata-dasar"


def _sop(name: str, activities: list[str]) -> dict:
    data = base_sop()
    data["nama"] = name
    for step, activity in zip(data["langkah"][2:], activities):
        step["kegiatan"] = activity
    return data


@pytest.fixture(scope="module")
def search_site(tmp_path_factory: pytest.TempPathFactory):
    """Two SOPs: one says every word with its affixes only, the other only as the root word."""
    project = copy_project(tmp_path_factory.mktemp("search") / "project", with_sops=False)
    folder = project / "sops" / "kabupaten-contoh" / "kecamatan-contoh"
    folder.mkdir(parents=True)
    (folder / "layanan-berimbuhan.yaml").write_text(to_yaml(_sop("Layanan Berimbuhan", [
        "Menyusun konsep surat dan memverifikasi data penyusunan",
        "Menyampaikan surat yang terverifikasi kepada Camat",
        "Mengarsipkan berkas"])), encoding="utf-8")
    (folder / "layanan-kata-dasar.yaml").write_text(to_yaml(_sop("Layanan Kata Dasar", [
        "Konsep surat: susun, lalu verifikasi data",
        "Surat sampai di meja Camat",
        "Berkas masuk arsip"])), encoding="utf-8")
    plugin_options(project, simulasi=False)
    result = build(project)
    assert result.returncode == 0, result.stderr
    with serve(project / "site") as url:
        yield url


def _search(page, query: str) -> list[str]:
    """Type ``query`` into the search field as a visitor does; the SOP pages among the results."""
    field = page.locator(".md-search__input")
    field.click()
    field.fill("")
    field.press_sequentially(query, delay=20)
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_contain_text("dokumen", timeout=15_000)
    page.wait_for_timeout(300)  # a later keystroke's answer replaces an earlier one's
    expect(meta).to_contain_text("dokumen")
    hrefs = page.eval_on_selector_all(".md-search-result__item > a:first-child", "els => els.map(e => e.href)")
    return [h for h in hrefs if "/sop/" in h]


PAIRS = [
    # (query, the SOP that has the word only in another form)
    ("susun", AFFIXED), ("sampai", AFFIXED), ("arsip", AFFIXED), ("verifikasi", AFFIXED),
    ("penyusunan", ROOTS), ("menyusun", ROOTS), ("menyampaikan", ROOTS), ("mengarsipkan", ROOTS),
    ("memverifikasi", ROOTS), ("terverifikasi", ROOTS),
]


def test_root_words_and_affixed_forms_find_each_other(browser, search_site: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(search_site)
    missed = []
    for query, expected in PAIRS:
        found = _search(page, query)
        if not any(f"/sop/{expected}/" in h for h in found):
            missed.append((query, expected, found))
    page.close()
    assert not missed, missed


def test_only_visible_text_is_indexed(browser, search_site: str) -> None:
    """The print layout (hidden on screen) repeats the page and adds the signature block ("Ditetapkan di …")
    and its placeholders: none of it may be found."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(search_site)
    for query in ("Ditetapkan", "LOGO"):
        assert _search(page, query) == [], query
    excerpts = page.evaluate("""async () => {
        const pf = await import(new URL('pagefind/pagefind.js', document.baseURI).href);
        const r = await pf.search('surat');
        return Promise.all(r.results.map(async (x) => (await x.data()).content));
    }""")
    assert excerpts
    for content in excerpts:
        assert "LOGO" not in content and "NoKegiatan" not in content and "¶" not in content
    page.close()


def test_dialog_speaks_indonesian_and_leads_to_the_page(browser, search_site: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(search_site)
    page.wait_for_load_state("networkidle")
    assert not [u for u in requests if "/pagefind/" in u], "the index loads before anyone searches"
    page.keyboard.press("/")
    field = page.locator(".md-search__input")
    expect(field).to_be_focused()
    assert field.get_attribute("placeholder") == "Cari"
    expect(page.locator(".md-search-result__meta")).to_have_text("Ketik untuk mulai mencari")
    field.press_sequentially("arsip", delay=20)
    first = page.locator(".md-search-result__item > a").first
    expect(first).to_be_visible(timeout=15_000)
    assert "dokumen ditemukan" in page.locator(".md-search-result__meta").inner_text()
    page.keyboard.press("ArrowDown")
    expect(first).to_be_focused()
    target = first.get_attribute("href")
    page.keyboard.press("Enter")
    expect(page).to_have_url(search_site.rstrip("/") + target)
    expect(page.locator("h1")).to_be_visible()
    assert not page.locator("#__search").is_checked()
    assert not [u for u in requests if "search_index.json" in u or "/search/" in u]  # no Material lunr index
    page.close()


@pytest.mark.parametrize("scheme", ("light", "dark"))
def test_open_dialog_with_results_passes_axe(browser, search_site: str, axe_source: str, scheme: str) -> None:
    for width in (1280, 390):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        page.goto(search_site)
        if width < 600:
            page.locator('label.md-header__button[for="__search"]').click()
        field = page.locator(".md-search__input")
        expect(field).to_be_visible()
        field.click()
        field.press_sequentially("surat", delay=20)
        expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
        found = run_axe(page, axe_source)
        context.close()
        assert not found, f"{width}px:\n{describe(found)}"
