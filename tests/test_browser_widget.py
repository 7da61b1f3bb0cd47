"""The "Simulasikan" widget in headless Chromium: nothing of Pyodide before the click, a Juai case walked
through its send-back loop, training-mode scoring, and no request to another origin."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser import browser, free_port, serve, site_url  # noqa: F401
from sitebuild import SEED_BAJENG, SEED_JUAI, build, copy_project, seed_site  # noqa: F401
from sop_ap.engine.training import TrainingSession
from sop_ap.source.registry import load_registry

ROOT = Path(__file__).resolve().parents[1]




def _open(browser, site_url: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + f"sop/{SEED_JUAI}/")
    page.wait_for_load_state("networkidle")
    return page, requests


def test_nothing_of_pyodide_before_the_click(browser, site_url: str) -> None:
    page, requests = _open(browser, site_url)
    assert page.get_by_role("button", name="Simulasikan").is_visible()
    assert not [u for u in requests if "pyodide" in u or "sim.mjs" in u or "sim-worker" in u or "/data/sop/" in u]
    page.close()


def test_walk_juai_through_the_send_back_loop(browser, site_url: str) -> None:
    page, requests = _open(browser, site_url)
    page.get_by_role("button", name="Simulasikan").click()
    page.locator(".sop-sim-step").wait_for(timeout=120_000)
    step_title = page.locator(".sop-sim-step h3")
    expect(step_title).to_have_text("Langkah 1 · Mulai")

    def press(button: str, then: str) -> None:
        page.get_by_role("button", name=button, exact=True).click()
        expect(step_title).to_have_text(then)

    press("Lanjut", "Langkah 2 · Proses")
    press("Lanjut", "Langkah 3 · Proses")
    press("Lanjut", "Langkah 4 · Proses")
    press("Lanjut", "Langkah 5 · Keputusan")
    assert "is-current" in (page.locator("#fc0-row-5").get_attribute("class") or "")
    press("Tidak → langkah 4", "Langkah 4 · Proses")
    assert "is-current" in (page.locator("#fc0-row-4").get_attribute("class") or "")
    assert "is-current" not in (page.locator("#fc0-row-5").get_attribute("class") or "")
    press("Lanjut", "Langkah 5 · Keputusan")
    press("Ya → langkah 8", "Langkah 8 · Proses")
    press("Lanjut", "Langkah 9 · Selesai")
    press("Lanjut", "Kasus selesai")
    # 10 min + 1 h + 1 h + (2 days + 1 day) twice + 1 h + 10 min
    assert "6 hari 3 jam 20 menit" in page.locator(".sop-sim-step").inner_text()
    log = page.locator(".sop-sim-log li").all_inner_texts()
    assert len(log) == 9
    assert log[4].endswith("dipilih: Tidak → langkah 4") and log[-1].endswith("Mengarsipkan → selesai")
    press("Kembali", "Langkah 9 · Selesai")
    page.locator(".sop-sim-estimate summary").click()
    expect(page.locator(".sop-sim-estimate dl")).to_contain_text("Median")
    # The estimate redraws only its box: the step's controls must work again afterwards.
    expect(page.get_by_role("button", name="Ulangi", exact=True)).to_be_enabled()
    expect(page.get_by_role("button", name="Hitung ulang")).to_be_enabled()
    shown = page.locator(".sop-sim").inner_text()
    assert "null" not in shown and "undefined" not in shown and "[object" not in shown
    assert not [u for u in requests if not u.startswith(site_url)], "a request left the site's origin"
    page.close()


def test_training_mode_scores_the_answers(browser, site_url: str) -> None:
    page, requests = _open(browser, site_url)
    page.get_by_role("button", name="Simulasikan").click()
    page.locator(".sop-sim-step").wait_for(timeout=120_000)
    page.locator(".sop-sim-toolbar select").first.select_option("latihan:Camat")
    page.get_by_role("button", name="Terapkan").click()
    answered = 0
    for _ in range(60):
        if page.locator(".sop-sim-score").count():
            break
        page.locator(".sop-sim-body:not([aria-busy])").wait_for()
        options = page.locator(".sop-sim-option:enabled")
        exits = page.locator(".sop-sim-step .md-button--primary:enabled")
        if options.count():
            options.first.click()  # always the first option
            answered += 1
        elif exits.count():
            exits.first.click()  # first exit at decisions
        page.wait_for_timeout(50)
    summary = page.locator(".sop-sim-score").inner_text()
    # the same session on CPython, answering the first option and taking first exits, gives the same score
    sop = load_registry(ROOT / "sops").by_id[SEED_JUAI].sop
    session = TrainingSession(sop, "Camat", seed=1)
    while not session.finished:
        if session.question is not None:
            session.answer(0)
        else:
            session.choose(session.case.choices()[0].label)
    assert answered == session.score().total > 0
    assert summary == session.score().summary()
    assert not [u for u in requests if not u.startswith(site_url)]
    page.close()


def test_widget_failure_is_explained_and_page_keeps_working(browser, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.route("**/assets/pyodide/**", lambda route: route.abort())
    page.goto(site_url + f"sop/{SEED_JUAI}/")
    page.get_by_role("button", name="Simulasikan").click()
    alert = page.locator(".sop-sim [role=alert]")
    alert.wait_for(timeout=60_000)
    assert "Simulasi tidak dapat dijalankan" in page.locator(".sop-sim").inner_text()
    page.locator("#fc0-row-2").click()  # the rest of the page still responds
    assert "is-active" in (page.locator("#fc0-row-2").get_attribute("class") or "")
    page.close()


@pytest.fixture(scope="module")
def instant_site_url(tmp_path_factory: pytest.TempPathFactory):
    """The seed site built for, and served at, a known address: Material's instant navigation follows the
    links its sitemap.xml lists, made from site_url (port included)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    project = copy_project(tmp_path_factory.mktemp("instant") / "project")
    result = build(project, env={"SOP_SITE_URL": url})
    assert result.returncode == 0, result.stderr
    assert f"<loc>{url}sop/{SEED_JUAI}/</loc>" in (project / "site" / "sitemap.xml").read_text()
    with serve(project / "site", port):
        yield url


def test_widget_works_across_instant_navigation(browser, instant_site_url: str) -> None:
    """Material's instant navigation swaps pages without reloading: the widget must start on the new page,
    show that page's SOP and highlight that page's flowchart, reusing the worker already booted."""
    _walk_across_instant_navigation(browser, instant_site_url)


def test_leaving_a_page_while_python_starts_does_not_mix_sops(browser, instant_site_url: str) -> None:
    """The widget is started on Juai, whose SOP data arrives late; the visitor moves to Bajeng and starts it
    there. The worker holds one SOP: Juai's late answer must not replace Bajeng's under the new panel."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    held: list = []
    page.route(f"**/{SEED_JUAI}.json", lambda route: held.append(route))  # answered when the test says so
    page.goto(instant_site_url)
    page.get_by_role("link", name="Penyusunan Rencana Kinerja Tahunan (RKT)").first.click()
    page.wait_for_url(f"**/sop/{SEED_JUAI}/")
    page.get_by_role("button", name="Simulasikan").click()
    page.go_back()
    page.get_by_role("link", name="Perjanjian Kinerja").first.click()
    page.wait_for_url(f"**/sop/{SEED_BAJENG}/")
    page.get_by_role("button", name="Simulasikan").click()
    step_title = page.locator(".sop-sim-step h3")
    expect(step_title).to_have_text("Langkah 1 · Mulai", timeout=120_000)
    assert len(held) == 1
    held[0].continue_()  # Juai's data arrives now, after Bajeng's panel has started
    page.wait_for_timeout(1_000)
    page.get_by_role("button", name="Lanjut", exact=True).click()
    expect(step_title).to_have_text("Langkah 2 · Proses")
    assert "Sekretaris membuat draf" in page.locator(".sop-sim-activity").inner_text()
    page.close()


def _walk_across_instant_navigation(browser, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    wasm: list[str] = []
    page.on("request", lambda request: wasm.append(request.url) if request.url.endswith(".asm.wasm") else None)
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__sameDocument = true")
    step_title = page.locator(".sop-sim-step h3")

    page.get_by_role("link", name="Penyusunan Rencana Kinerja Tahunan (RKT)").first.click()
    page.wait_for_url(f"**/sop/{SEED_JUAI}/")
    assert page.evaluate("window.__sameDocument === true"), "the link reloaded the page: no instant navigation"
    page.get_by_role("button", name="Simulasikan").click()
    expect(step_title).to_have_text("Langkah 1 · Mulai", timeout=120_000)
    page.get_by_role("button", name="Lanjut", exact=True).click()
    expect(step_title).to_have_text("Langkah 2 · Proses")
    assert "is-current" in (page.locator("#fc0-row-2").get_attribute("class") or "")

    page.go_back()
    page.get_by_role("link", name="Perjanjian Kinerja").first.click()
    page.wait_for_url(f"**/sop/{SEED_BAJENG}/")
    assert page.evaluate("window.__sameDocument === true")
    assert page.locator(".sop-sim").count() == 0  # the panel went with the old page
    page.get_by_role("button", name="Simulasikan").click()
    expect(step_title).to_have_text("Langkah 1 · Mulai", timeout=60_000)
    assert "Kepala SKPD" in page.locator(".sop-sim-activity").inner_text()
    assert "is-current" in (page.locator("#fc0-row-1").get_attribute("class") or "")
    page.get_by_role("button", name="Lanjut", exact=True).click()
    expect(step_title).to_have_text("Langkah 2 · Proses")
    assert "Sekretaris" in page.locator(".sop-sim-activity").inner_text()
    assert "null" not in page.locator(".sop-sim").inner_text()
    assert len(wasm) == 1, "the second page booted Pyodide again"
    page.close()


def test_keyboard_only_walk_keeps_focus_and_is_announced(browser, site_url: str) -> None:
    """Enter on the button opens the widget with the focus on the step's action; after every action the
    focus stays on the new step's first action, and the live region announces the step."""
    page, _ = _open(browser, site_url)
    page.get_by_role("button", name="Simulasikan").focus()
    page.keyboard.press("Enter")
    step_title = page.locator(".sop-sim-step h3")
    expect(step_title).to_have_text("Langkah 1 · Mulai", timeout=120_000)
    status = page.locator(".sop-sim [role=status]")
    assert status.get_attribute("aria-live") == "polite"
    focused = "document.activeElement && document.activeElement.textContent"
    assert page.evaluate(focused) == "Lanjut"
    for then in ("Langkah 2 · Proses", "Langkah 3 · Proses", "Langkah 4 · Proses", "Langkah 5 · Keputusan"):
        page.keyboard.press("Enter")
        expect(step_title).to_have_text(then)
    expect(status).to_contain_text("Langkah 5: Memverifikasi Data Penyusunan Kinerja")
    choices = page.locator(".sop-sim-step .sop-sim-actions button").all_inner_texts()
    assert page.evaluate(focused) == choices[0]
    page.keyboard.press("Tab")
    assert page.evaluate(focused) == choices[1]
    page.keyboard.press("Enter")
    assert choices[1] == "Tidak → langkah 4"
    expect(step_title).to_have_text("Langkah 4 · Proses")
    expect(status).to_contain_text("Oleh")
    assert page.evaluate("document.querySelector('.sop-sim').contains(document.activeElement)")
    page.close()


def test_without_webassembly_the_widget_says_so_and_the_page_works(browser, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.add_init_script("delete globalThis.WebAssembly;")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + f"sop/{SEED_JUAI}/")
    page.get_by_role("button", name="Simulasikan").click()
    alert = page.locator(".sop-sim [role=alert]")
    expect(alert).to_contain_text("tidak dapat menjalankan WebAssembly")
    assert not [u for u in requests if "/assets/pyodide/" in u]  # nothing of Pyodide was downloaded
    page.locator("#fc0-row-2").click()
    assert "is-active" in (page.locator("#fc0-row-2").get_attribute("class") or "")
    page.close()


def test_widget_fits_a_phone(browser, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page.goto(site_url + f"sop/{SEED_JUAI}/")
    page.get_by_role("button", name="Simulasikan").tap()
    step_title = page.locator(".sop-sim-step h3")
    expect(step_title).to_have_text("Langkah 1 · Mulai", timeout=120_000)
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"the page scrolls sideways on a phone: {widths}"
    panel = page.locator(".sop-sim").bounding_box()
    assert panel is not None and panel["x"] >= 0 and panel["x"] + panel["width"] <= 360
    for button in page.locator(".sop-sim-step .sop-sim-actions button").all():
        box = button.bounding_box()
        # A finger's target (44 px, as Apple's and Android's guides ask), entirely on screen.
        assert box is not None and box["height"] >= 44 and box["x"] + box["width"] <= 360
    # The step's facts are readable: each value gets most of the panel, not a column a few letters wide.
    ratios = page.evaluate("""Array.from(document.querySelectorAll('.sop-sim-facts dd')).map(
        (dd) => dd.getBoundingClientRect().width / dd.parentElement.getBoundingClientRect().width)""")
    assert ratios and min(ratios) > 0.6, ratios
    page.get_by_role("button", name="Lanjut", exact=True).tap()
    expect(step_title).to_have_text("Langkah 2 · Proses")
    page.close()


def test_runtime_from_a_cdn_setting(browser, tmp_path: Path) -> None:
    """`pyodide_url` serves the Pyodide runtime from elsewhere (another origin, as a CDN would): the site
    then carries no runtime, and the widget loads it from there and still runs our wheels."""
    from pyodide_env import CACHE
    from sop_ap.render import pyodide_assets

    runtime = pyodide_assets.runtime(CACHE)  # the npm package, fetched and checked unless already cached
    assert (runtime / "pyodide.asm.wasm").is_file()
    with serve(runtime, cors=True) as cdn:
        project = copy_project(tmp_path / "project")
        config = (project / "mkdocs.yml").read_text(encoding="utf-8")
        assert "      sops_dir: sops\n" in config
        (project / "mkdocs.yml").write_text(
            config.replace("      sops_dir: sops\n", f"      sops_dir: sops\n      pyodide_url: {cdn}\n"),
            encoding="utf-8")
        result = build(project)
        assert result.returncode == 0, result.stderr
        served = project / "site" / "assets" / "pyodide"
        assert not (served / "pyodide.asm.wasm").exists() and (served / "pyodide-lock.json").is_file()
        with serve(project / "site") as site_url:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            requests: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            page.goto(site_url + f"sop/{SEED_JUAI}/")
            page.get_by_role("button", name="Simulasikan").click()
            step_title = page.locator(".sop-sim-step h3")
            expect(step_title).to_have_text("Langkah 1 · Mulai", timeout=120_000)
            page.get_by_role("button", name="Lanjut", exact=True).click()
            expect(step_title).to_have_text("Langkah 2 · Proses")
            page.close()
    assert cdn + "pyodide.asm.wasm" in requests
    assert any(u.startswith(site_url + "assets/pyodide/sop_ap_engine-") for u in requests)  # our wheels: the site
    assert not [u for u in requests if not u.startswith((site_url, cdn))]


def test_step_of_several_pelaksana_is_highlighted_in_every_lane(browser, tmp_path: Path) -> None:
    """A step done by two pelaksana together has a box in each lane: clicking one, or reaching the step in
    the simulation, highlights both boxes and the row."""
    from helpers import base_sop, to_yaml

    data = base_sop()
    data["langkah"][2]["oleh"] = ["Staf", "Camat"]
    data["langkah"][2]["kegiatan"] = "Membahas konsep surat bersama"
    project = copy_project(tmp_path / "project", with_sops=False)
    (project / "sops" / "contoh").mkdir(parents=True)
    (project / "sops" / "contoh" / "bersama.yaml").write_text(to_yaml(data), encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.stderr
    with serve(project / "site") as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url + "sop/contoh/bersama/")
        boxes = page.locator('[id^="fc0-step-3"]')
        assert boxes.count() == 2  # the main box and the one in the second lane
        page.locator('[id^="fc0-step-3-lajur-"]').click()
        for i in range(2):
            assert "is-active" in (boxes.nth(i).get_attribute("class") or "")
        assert "is-active" in (page.locator("#fc0-row-3").get_attribute("class") or "")
        page.get_by_role("button", name="Simulasikan").click()
        step_title = page.locator(".sop-sim-step h3")
        expect(step_title).to_have_text("Langkah 1 · Mulai", timeout=120_000)
        page.get_by_role("button", name="Lanjut", exact=True).click()
        page.get_by_role("button", name="Lengkap → langkah 3", exact=True).click()
        expect(step_title).to_have_text("Langkah 3 · Proses")
        assert "(bersama)" in page.locator(".sop-sim-facts").inner_text()
        for i in range(2):
            assert "is-current" in (boxes.nth(i).get_attribute("class") or "")
        assert "is-current" in (page.locator("#fc0-row-3").get_attribute("class") or "")
        page.close()


def test_pelaksana_page_link_opens_the_training_for_that_position(browser, site_url: str) -> None:
    """A new employee starts on the position's page: "Berlatih sebagai …" opens the SOP with the training for
    that position; a column without any step (Juai's Sekretaris) is not offered."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + "pelaksana/camat/")
    page.locator(f'a[data-sop-train][href*="{SEED_JUAI}"]').click()
    page.wait_for_url(f"**/sop/{SEED_JUAI}/?latihan=Camat")
    mode = page.locator(".sop-sim-toolbar select").first
    expect(mode).to_have_value("latihan:Camat", timeout=120_000)
    expect(page.locator(".sop-sim-option").first).to_be_visible()
    offered = mode.locator("option").all_inner_texts()
    assert "Latihan: saya Camat" in offered and not any("Sekretaris" in o for o in offered)
    page.close()


def _boot(browser, site_url: str, path: str = f"sop/{SEED_JUAI}/"):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + path)
    page.get_by_role("button", name="Simulasikan").click()
    expect(page.locator(".sop-sim-step h3")).to_have_text("Langkah 1 · Mulai", timeout=120_000)
    return page


def test_probability_errors_show_beside_their_inputs_and_keep_old_figures_marked(browser, site_url: str) -> None:
    page = _boot(browser, site_url)
    page.locator(".sop-sim-estimate summary").click()
    figures = page.locator(".sop-sim-figures")
    expect(figures).to_contain_text("Median")
    before = figures.inner_text()
    inputs = page.locator(".sop-sim-probabilities input")
    assert inputs.count() == 2  # Ya and Tidak at step 5
    inputs.nth(0).fill("1.5")
    page.get_by_role("button", name="Hitung ulang").click()
    expect(inputs.nth(0)).to_have_attribute("aria-invalid", "true")
    note = page.locator("#" + inputs.nth(0).get_attribute("aria-describedby"))
    expect(note).to_contain_text("antara 0 dan 1")
    expect(figures).to_have_class(re.compile("is-outdated"))
    assert figures.inner_text() == before
    expect(page.locator(".sop-sim-outdated")).to_contain_text("belum diperbarui")
    inputs.nth(0).fill("0.9")
    inputs.nth(1).fill("0.9")
    page.get_by_role("button", name="Hitung ulang").click()
    for i in range(2):
        expect(page.locator("#" + inputs.nth(i).get_attribute("aria-describedby"))).to_contain_text("harus 1")
    inputs.nth(0).fill("0.5")
    inputs.nth(1).fill("0.5")
    page.get_by_role("button", name="Hitung ulang").click()
    expect(page.locator(".sop-sim-figures")).not_to_have_class(re.compile("is-outdated"))
    expect(page.locator(".sop-sim-probabilities input").first).not_to_have_attribute("aria-invalid", "true")
    page.close()


def test_current_symbol_is_shown_in_the_panel(browser, site_url: str) -> None:
    page = _boot(browser, site_url)
    figure = page.locator(".sop-sim-figure svg")
    expect(figure).to_be_visible()
    assert figure.locator("g.is-current").count() == 1
    assert page.locator(".sop-sim-figure [id]").count() == 0  # no duplicated ids
    page.get_by_role("button", name="Lanjut", exact=True).click()
    expect(page.locator(".sop-sim-step h3")).to_have_text("Langkah 2 · Proses")
    box = figure.bounding_box()
    assert box is not None and 0 <= box["y"] < 900  # in view, beside the step, not far below in the chart
    page.close()


def test_mode_changes_only_when_confirmed_and_scenario_choice_stays(browser, site_url: str) -> None:
    page = _boot(browser, site_url)
    mode = page.locator(".sop-sim-toolbar select").first
    mode.focus()
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(500)
    expect(page.locator(".sop-sim-option")).to_have_count(0)  # still the simulation
    expect(page.locator(".sop-sim-step h3")).to_have_text("Langkah 1 · Mulai")
    scenario = page.get_by_role("combobox", name="Skenario")
    values = scenario.locator("option").evaluate_all("os => os.map(o => o.value)")
    scenario.select_option(values[-1])
    page.get_by_role("button", name="Putar").click()
    expect(page.get_by_role("combobox", name="Skenario")).to_have_value(values[-1])
    page.close()


def test_training_review_is_numbered_and_can_be_restarted(browser, site_url: str) -> None:
    page = _boot(browser, site_url)
    page.locator(".sop-sim-toolbar select").first.select_option("latihan:Camat")
    page.get_by_role("button", name="Terapkan").click()
    expect(page.locator(".sop-sim-option").first).to_be_visible()
    # The question has the focus, not an answer (a focused answer would look chosen).
    assert page.evaluate("document.activeElement.tagName") == "H3"
    for _ in range(60):
        if page.locator(".sop-sim-score").count():
            break
        page.locator(".sop-sim-body:not([aria-busy])").wait_for()
        options = page.locator(".sop-sim-option:enabled")
        exits = page.locator(".sop-sim-step .md-button--primary:enabled")
        if options.count():
            options.first.click()
        elif exits.count():
            exits.first.click()
        page.wait_for_timeout(50)
    review = page.locator(".sop-sim-review li").all_inner_texts()
    assert review and all(re.search(r"langkah \d+", item) for item in review)
    assert len(set(review)) == len(review)  # each says which step it was about
    page.get_by_role("button", name="Ulangi latihan").click()
    expect(page.locator(".sop-sim-score")).to_have_count(0)
    expect(page.locator(".sop-sim-option").first).to_be_visible()
    page.close()


def test_finished_case_states_the_total_once(browser, site_url: str) -> None:
    page = _boot(browser, site_url, f"sop/{SEED_BAJENG}/")
    for _ in range(30):
        if page.locator(".sop-sim-step h3").inner_text() == "Kasus selesai":
            break
        page.locator(".sop-sim-step .md-button--primary:enabled").first.click()
        page.locator(".sop-sim-body:not([aria-busy])").wait_for()
    step = page.locator(".sop-sim-step").inner_text()
    total = re.search(r"Total waktu baku yang berjalan: (.+)", step).group(1).strip()
    assert step.count(total) == 1, step
    page.close()


def test_instant_navigation_does_not_carry_an_anchor(browser, instant_site_url: str) -> None:
    """Reading down an SOP page and going home by the navigation leaves the home address clean (Material's
    navigation.tracking wrote the heading into the address, and the next page kept it: /#langkah-langkah)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(instant_site_url + f"sop/{SEED_JUAI}/")
    page.evaluate("window.__sameDocument = true")
    page.locator("#langkah-langkah").scroll_into_view_if_needed()
    page.mouse.wheel(0, 400)
    page.wait_for_timeout(500)
    assert "#" not in page.url
    page.locator(".md-nav--primary").get_by_role("link", name="Beranda").click()
    expect(page).to_have_url(instant_site_url)
    assert page.evaluate("window.__sameDocument === true")
    page.close()
