"""axe-core over the published site in Chromium: every page in both palettes, the search dialog, and every
state of the "Simulasikan" widget, with each of its buttons hovered and focused. No serious or critical
violation is allowed, Material's own markup included (fixed through the theme overrides in overrides/)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from axe import axe_source, describe, run_axe  # noqa: F401
from browser import browser, site_url  # noqa: F401
from sitebuild import SEED_JUAI, seed_site  # noqa: F401

SCHEMES = ("light", "dark")


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as paths relative to its root."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith("assets/"):
            continue
        pages.append(rel.removesuffix("index.html"))
    return pages


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_page_has_no_serious_violation(browser, site_url: str, seed_site: Path, axe_source: str,
                                             scheme: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    failures = []
    pages = site_pages(seed_site)
    assert len(pages) > 20 and "404.html" in pages
    for path in pages:
        page.goto(site_url + path)
        found = run_axe(page, axe_source)
        if found:
            failures.append(f"/{path}:\n{describe(found)}")
    context.close()
    assert not failures, "\n".join(failures)


def _buttons_hovered_and_focused(page, axe_source: str, scope: str) -> list[str]:
    """Each enabled button or select in ``scope``, hovered then focused by the keyboard, checked for
    contrast in that state (Material colours a hovered or focused button differently)."""
    failures = []
    controls = page.locator(f"{scope} button:visible:enabled, {scope} select:visible:enabled")
    for i in range(controls.count()):
        control = controls.nth(i)
        name = control.inner_text().strip()[:40]
        control.evaluate("el => el.setAttribute('data-axe-probe', '')")
        control.hover()
        found = run_axe(page, axe_source, "[data-axe-probe]", ["color-contrast"])
        if found:
            failures.append(f"hover {name!r}: {describe(found)}")
        page.mouse.move(0, 0)
        control.focus()
        found = run_axe(page, axe_source, "[data-axe-probe]", ["color-contrast"])
        if found:
            failures.append(f"focus {name!r}: {describe(found)}")
        control.evaluate("el => el.removeAttribute('data-axe-probe')")
    return failures


@pytest.mark.parametrize("scheme", SCHEMES)
def test_widget_states_have_no_serious_violation(browser, site_url: str, axe_source: str, scheme: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + f"sop/{SEED_JUAI}/")
    # Colours are checked once a hover or focus has taken effect, not halfway through Material's fade.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    failures: list[str] = []

    def check(state: str) -> None:
        page.locator(".sop-sim-body:not([aria-busy])").wait_for()
        found = run_axe(page, axe_source)
        if found:
            failures.append(f"{state}:\n{describe(found)}")
        failures.extend(f"{state}: {f}" for f in _buttons_hovered_and_focused(page, axe_source, ".sop-sim"))

    failures.extend(f"page: {f}" for f in _buttons_hovered_and_focused(page, axe_source, ".sop-actions"))
    page.get_by_role("button", name="Simulasikan").click()
    heading = page.locator(".sop-sim-step h3")
    expect(heading).to_contain_text("Langkah 1", timeout=120_000)
    check("terbuka")
    for number in (2, 3, 4):
        page.get_by_role("button", name="Lanjut", exact=True).click()
        expect(heading).to_contain_text(f"Langkah {number}")
    check("setelah beberapa langkah")
    page.get_by_role("button", name="Lanjut", exact=True).click()
    expect(heading).to_contain_text("Langkah 5")
    check("keputusan")
    page.locator(".sop-sim-estimate summary").click()
    expect(page.locator(".sop-sim-estimate dl")).to_contain_text("Median")
    check("perkiraan")
    page.locator(".sop-sim-probabilities input").first.fill("1.5")
    page.get_by_role("button", name="Hitung ulang").click()
    expect(page.locator(".sop-sim-outdated")).to_contain_text("belum diperbarui")
    check("perkiraan dengan galat")
    page.get_by_role("button", name="Ya → langkah 8", exact=True).click()
    for _ in range(3):
        if page.locator(".sop-sim-step h3").inner_text().startswith("Kasus selesai"):
            break
        page.locator(".sop-sim-step .md-button--primary").first.click()
        page.locator(".sop-sim-body:not([aria-busy])").wait_for()
    expect(heading).to_have_text("Kasus selesai")
    check("kasus selesai")
    page.locator(".sop-sim-toolbar select").first.select_option("latihan:Camat")
    page.get_by_role("button", name="Terapkan").click()
    expect(page.locator(".sop-sim-option").first).to_be_visible()
    check("latihan")
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
    expect(page.locator(".sop-sim-score")).to_be_visible()
    check("latihan selesai")
    context.close()
    assert not failures, "\n".join(failures)
