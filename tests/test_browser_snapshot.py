"""The widget's start-up snapshot in headless Chromium with an on-disk profile, as a returning visitor
has: the first visit boots Python from scratch and caches the snapshot afterwards; the next visit
restores it and behaves the same; a damaged snapshot falls back to a normal boot."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

from playwright.sync_api import expect

from browser import CHROMIUM_ARGS, browser, require_chromium, serve  # noqa: F401
from sitebuild import SEED_JUAI, seed_site  # noqa: F401
from sop_ap.render.pyodide_assets import SNAPSHOT_NAME

READY = "document.querySelector('.sop-sim-step .sop-sim-actions button:enabled') !== null"
SNAPSHOT_CACHED = "document.documentElement.dataset.sopSimSnapshot === 'cached'"


def _visit(context, url: str) -> tuple[object, str]:
    """Open the Juai page, start the widget; returns the page and how the worker started."""
    page = context.new_page()
    page.goto(url + f"sop/{SEED_JUAI}/")
    page.get_by_role("button", name="Simulasikan").click()
    page.wait_for_function(READY, timeout=120_000)
    return page, page.locator(".sop-sim").get_attribute("data-boot") or ""


def _walk(page) -> list[str]:
    """Walk the case through the send-back loop; returns what the widget showed at every step."""
    title = page.locator(".sop-sim-step h3")
    seen = [page.locator(".sop-sim-step").inner_text()]
    for button, then in [("Lanjut", "Langkah 2 · Proses"), ("Lanjut", "Langkah 3 · Proses"),
                         ("Lanjut", "Langkah 4 · Proses"), ("Lanjut", "Langkah 5 · Keputusan"),
                         ("Tidak → langkah 4", "Langkah 4 · Proses"), ("Lanjut", "Langkah 5 · Keputusan"),
                         ("Ya → langkah 8", "Langkah 8 · Proses"), ("Lanjut", "Langkah 9 · Selesai"),
                         ("Lanjut", "Kasus selesai")]:
        page.get_by_role("button", name=button, exact=True).click()
        expect(title).to_have_text(then)
        seen.append(page.locator(".sop-sim-step").inner_text())
    seen.append("\n".join(page.locator(".sop-sim-log li").all_inner_texts()))
    return seen


def test_returning_visit_restores_the_snapshot_and_behaves_the_same(browser, seed_site: Path,
                                                                    tmp_path: Path) -> None:
    assert (seed_site / "assets" / "pyodide" / SNAPSHOT_NAME).is_file()
    requests: list[str] = []
    with serve(seed_site) as url:
        context = browser.browser_type.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=require_chromium(), args=CHROMIUM_ARGS)
        try:
            context.on("request", lambda request: requests.append(request.url))
            first, boot = _visit(context, url)
            assert boot == "baru"
            first.wait_for_function(SNAPSHOT_CACHED, timeout=120_000)
            fresh = _walk(first)
            first.close()
            second, boot = _visit(context, url)
            assert boot == "snapshot"
            restored = _walk(second)
            second.close()
        finally:
            context.close()
    assert restored == fresh
    assert "6 hari 3 jam 20 menit" in restored[-2]
    # First visit: a cache-only lookup (a miss), then the download; second visit: the cache-only lookup.
    assert sum(1 for u in requests if u.endswith(SNAPSHOT_NAME)) == 3
    assert not [u for u in requests if not u.startswith(url)], "a request left the site's origin"


def test_damaged_snapshot_falls_back_to_a_normal_boot(browser, seed_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(seed_site, site)
    (site / "assets" / "pyodide" / SNAPSHOT_NAME).write_bytes(gzip.compress(b"bukan snapshot " * 4096))
    with serve(site) as url:
        context = browser.browser_type.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=require_chromium(), args=CHROMIUM_ARGS)
        try:
            first, boot = _visit(context, url)
            assert boot == "baru"
            first.wait_for_function(SNAPSHOT_CACHED, timeout=120_000)
            first.close()
            second, boot = _visit(context, url)
            assert boot == "baru-snapshot-gagal"
            assert _walk(second)[-2].startswith("Kasus selesai")
            assert not second.locator(".sop-sim .admonition.failure").count()
            second.close()
        finally:
            context.close()
