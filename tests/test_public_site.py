"""The built site as a visitor reads it: Indonesian throughout, no maintainer's notes, no broken links."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sitebuild import SEED_JUAI, seed_site  # noqa: F401
from sitehtml import html_pages, read_page

# Words of an English interface (Material's defaults, Python-Markdown's, the widget's old ones) that must not
# reach a visitor. Matched as whole words, case-insensitive.
ENGLISH_UI = ("permanent link", "not found", "search", "back to top", "skip to content", "previous", "next",
              "table of contents", "copy to clipboard", "type to start", "initializing", "developers",
              "benchmarks", "terminator", "edit this page", "view source", "made with", "light mode", "dark mode",
              "share", "clear", "loading", "close", "results", "result", "page", "navigation", "footer", "header",
              "accuracy", "measured", "seed", "fields", "draft", "warning", "error", "the", "and", "of", "with",
              "for", "filter", "sort", "all", "show", "hide", "home", "menu", "tags", "source", "link")
ENGLISH_RE = re.compile(r"\b(" + "|".join(re.escape(w) for w in ENGLISH_UI) + r")\b", re.IGNORECASE)
# Things meant for whoever maintains the files, never for the public page.
EDITOR_ONLY = ("Catatan pemeriksaan", "sops/", ".yaml", "sop-ap-format", "PERIKSA", "ID-nya", "rujukan proyek",
               "Perbarui dasar hukum", "Pedoman meminta")
STAFF_PAGES = ("import/index.html",)  # the import guide is for staff: it names files and commands


def test_visible_text_has_no_english_interface_words(seed_site: Path) -> None:
    found = {}
    for path in html_pages(seed_site):
        words = sorted({m.group(0) for m in ENGLISH_RE.finditer(read_page(path).text)})
        if words:
            found[path.relative_to(seed_site).as_posix()] = words
    assert not found, found


def test_developer_pages_are_not_published_but_kept(seed_site: Path) -> None:
    root = Path(__file__).resolve().parents[1]
    for name in ("developers", "benchmarks"):
        assert (root / "docs" / f"{name}.md").is_file()
        assert not (seed_site / name).exists()


def test_public_pages_carry_no_maintainer_notes(seed_site: Path) -> None:
    found = {}
    for path in html_pages(seed_site):
        if path.relative_to(seed_site).as_posix() in STAFF_PAGES:
            continue
        text = read_page(path).text
        hits = [w for w in EDITOR_ONLY if w in text]
        if hits:
            found[path.relative_to(seed_site).as_posix()] = hits
    assert not found, found


def test_transcription_notes_are_collapsed_and_plain(seed_site: Path) -> None:
    html = (seed_site / "sop" / SEED_JUAI / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<details class="sop-catatan[^"]*"[^>]*>\s*<summary>Catatan transkripsi</summary>(.*?)</details>',
                      html, re.S)
    assert match, "no collapsed 'Catatan transkripsi'"
    assert "<li>" in match.group(1)


def _target(site: Path, page: Path, href: str) -> tuple[Path | None, str]:
    """The file an internal link leads to (None: it leads nowhere) and its fragment."""
    parts = urlsplit(href)
    page_url = "/" + page.relative_to(site).as_posix()
    if parts.path:
        base = page_url.rsplit("/", 1)[0] + "/"
        url = parts.path if parts.path.startswith("/") else base + parts.path
    else:
        url = page_url
    segments: list[str] = []
    for segment in unquote(url).split("/"):
        if segment == "..":
            if segments:
                segments.pop()
        elif segment not in ("", "."):
            segments.append(segment)
    candidate = site.joinpath(*segments) if segments else site
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return (candidate if candidate.is_file() else None), unquote(parts.fragment)


def test_every_internal_link_and_anchor_resolves(seed_site: Path) -> None:
    pages = html_pages(seed_site)
    ids = {}
    broken = []
    checked = 0
    for page in pages:
        for href in read_page(page).links:
            scheme = urlsplit(href).scheme
            if scheme in ("http", "https", "mailto", "tel", "javascript", "data") or href.startswith("//"):
                continue
            checked += 1
            target, fragment = _target(seed_site, page, href)
            where = f"{page.relative_to(seed_site).as_posix()} -> {href}"
            if target is None:
                broken.append(where)
                continue
            if fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = read_page(target).ids
                if fragment not in ids[target]:
                    broken.append(where + " (anchor)")
    assert checked > 100
    assert not broken, broken


def test_editor_notes_only_while_editing() -> None:
    """`mkdocs serve` (editor=True) shows the validation warnings and the file; the published page does not."""
    from sop_ap.render.page_sop import SiteOptions, sop_page
    from sop_ap.source.registry import load_registry

    registry = load_registry(Path(__file__).resolve().parents[1] / "sops")
    entry = registry.by_id[SEED_JUAI]
    editing = sop_page(entry, registry, SiteOptions(editor=True))
    published = sop_page(entry, registry, SiteOptions())
    assert "Catatan pemeriksaan" in editing and "Nomor langkah meloncat" in editing
    assert f"sops/{SEED_JUAI}.yaml" in editing
    assert "Catatan pemeriksaan" not in published and ".yaml" not in published
    assert "Dasar hukum perlu diperbarui" in published  # a revoked regulation concerns every reader


def test_range_of_a_chart_with_a_loop_is_honest(seed_site: Path) -> None:
    """Juai's step 5 can send the work back to step 4: the longest path has no upper bound."""
    text = read_page(seed_site / "sop" / SEED_JUAI / "index.html").text
    assert "Rentang semua jalur: tanpa batas atas, karena ada langkah yang dapat diulang" in text
