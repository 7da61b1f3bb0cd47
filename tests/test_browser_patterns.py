"""Pattern SOPs in the browser: the page draws every pattern, the step table shows each symbol in its lane,
and the widget asks which start, then runs parallel branches."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from browser import browser, serve  # noqa: F401
from sitebuild import build, copy_project

PATTERNS = Path(__file__).parent / "data" / "patterns"


@pytest.fixture(scope="module")
def pattern_url(tmp_path_factory: pytest.TempPathFactory):
    project = copy_project(tmp_path_factory.mktemp("pattern-site"), with_sops=False)
    shutil.copytree(PATTERNS, project / "sops" / "pola")
    result = build(project, "--strict")
    assert result.returncode == 0, result.stderr[-3000:]
    with serve(project / "site") as url:
        yield url


def test_page_draws_every_pattern_and_lists_symbols(browser, pattern_url: str) -> None:  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(pattern_url + "sop/pola/03-tujuan-ke-kolom/")
    assert page.locator(".sop-no-drawing").count() == 0
    figure = page.locator("figure.sop-flowchart")
    assert figure.count() == 1 and figure.is_visible()
    labels = page.locator("figure.sop-flowchart g.edge[data-label]")
    assert sorted(labels.nth(i).get_attribute("data-label") for i in range(labels.count())) == [
        "Administratif", "Teknis"]
    assert page.locator("figure.sop-flowchart g.sop-step[data-step='3']").count() == 2
    row = page.locator("tr[data-step='2']")
    assert "Tujuan" in row.locator("td[data-col='0']").inner_text()
    assert "Teknis → langkah 3 (Tim Teknis)" in row.inner_text()
    page.goto(pattern_url + "sop/pola/06-kotak-samping-dan-putaran/")
    assert "Tidak dihitung: Setiap bulan (langkah 1), Semesteran (langkah 5)" in page.locator(".sop-total").inner_text()
    page.close()


def test_widget_asks_which_start_and_runs_parallel_branches(browser, pattern_url: str) -> None:  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(pattern_url + "sop/pola/01-dua-mulai/")
    page.get_by_role("button", name="Simulasikan").click()
    step = page.locator(".sop-sim-step")
    step.wait_for(timeout=120_000)
    assert "Dari mana kasus dimulai?" in step.inner_text()
    page.get_by_role("button", name="Lewat surel").click()
    page.wait_for_function("document.querySelector('.sop-sim-step h3').textContent.includes('Langkah 1 ·')")
    assert "Sekretariat" in step.inner_text()
    page.goto(pattern_url + "sop/pola/05-label-sama-paralel/")
    page.get_by_role("button", name="Simulasikan").click()
    page.locator(".sop-sim-step").wait_for(timeout=120_000)
    page.get_by_role("button", name="Lanjut").click()
    page.get_by_role("button", name="Ya → langkah 3").click()
    page.wait_for_function("document.querySelector('.sop-sim-step').textContent.includes('2 cabang berjalan')")
    assert "bersamaan: langkah 3; langkah 4" in page.locator(".sop-sim-log").inner_text()
    page.close()
