"""Every file the registry adds to a site: pages, indexes, data and assets. Knows nothing of MkDocs."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .page_indexes import (all_sops_page, cited_regulations, performer_page, performer_paths, performer_steps,
                           performers_index,
                           regulation_page, regulations_index, tags_page, units_page)
import json

from ..engine.diagnostics import Diagnostic, error
from .flowchart import FlowchartError, prerender
from .html_text import esc
from .page_sop import SiteOptions, invalid_sop_page, regulation_page_path, sop_data_path, \
    sop_page, sop_page_path
from ..source.registry import Registry, SopEntry
from .site_data import registry_json

ASSET_DIR = "assets/sop"
CSS_FILES = ("sop.css", "paper.css")
JS_FILES = ("sop.js", "search.js")
LAZY_FILES = ("sim.mjs", "sim-worker.mjs")
"""Loaded only after a click on "Simulasikan", never by the page itself."""


def asset_text(name: str) -> str:
    """A stylesheet or script shipped with the package (empty when it is not there)."""
    path = resources.files("sop_ap.render").joinpath("assets", name)
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def stylesheet() -> str:
    """The screen stylesheet, with the flowchart's rules appended."""
    from .flowchart import FLOWCHART_CSS

    return asset_text("sop.css") + "\n/* Flowchart (sop_ap.render.flowchart) */\n" + FLOWCHART_CSS


class RenderError(RuntimeError):
    """A page that could not be made; the message is Indonesian and names the SOP file."""


def _render_problem(entry: SopEntry | None, what: str, exc: Exception) -> Diagnostic:
    diag = error("halaman-gagal", f"{what} tidak dapat dibuat karena galat internal ({type(exc).__name__}: "
                 f"{str(exc)[:200]}). Halaman lain tetap dibuat; mohon laporkan ini kepada pengelola registri.")
    return diag.located(entry.display if entry else None, None, None)


def site_files(registry: Registry, options: SiteOptions, show_invalid: bool = False,
               failures: list[Diagnostic] | None = None) -> dict[str, str]:
    """Path in the site's docs -> content, for every page and file the registry contributes.

    A page that fails to render stops a build (:class:`RenderError`). With ``show_invalid`` (``mkdocs serve``)
    it becomes a page that shows the problem instead, every other page is made as usual, and the problem is
    added to ``failures`` (and to the SOP's diagnostics)."""
    files: dict[str, str] = {}
    failures = failures if failures is not None else []

    def page(path: str, make, entry: SopEntry | None = None, what: str = "Halaman ini") -> None:
        try:
            files[path] = make()
        except Exception as exc:  # noqa: BLE001 - one page must not take the others down
            problem = _render_problem(entry, what, exc)
            if not show_invalid:
                raise RenderError(problem.format()) from exc
            failures.append(problem)
            if entry is not None:
                entry.diagnostics.append(problem)
                files[path] = invalid_sop_page(entry)
            else:
                files[path] = f"---\ntitle: Galat\n---\n\n# Halaman belum dapat dibuat\n\n{esc(problem.message)}\n"

    try:
        prerender([chart for entry in registry.entries if entry.ok for chart in entry.sop.flowcharts])
    except FlowchartError:
        pass  # drawn again page by page; a page whose flowchart fails shows the problem in its place
    for entry in registry.entries:
        if entry.ok:
            page(sop_page_path(entry), lambda: sop_page(entry, registry, options), entry, "Halaman SOP ini")
            if options.simulation:
                files[sop_data_path(entry)] = json.dumps(entry.sop.model_dump(mode="json", exclude_none=True),
                                                         ensure_ascii=False, separators=(",", ":"))
        elif show_invalid:
            files[sop_page_path(entry)] = invalid_sop_page(entry)
    page("sop/index.md", lambda: all_sops_page(registry, options))
    page("unit/index.md", lambda: units_page(registry, options))
    page("pelaksana/index.md", lambda: performers_index(registry, options))
    roles = performer_steps(registry)
    for key, path in performer_paths(roles).items():
        name, steps = roles[key]
        page(path, lambda: performer_page(name, steps, options, registry, path))
    page("peraturan/index.md", lambda: regulations_index(registry, options))
    for key, (cited, entries) in cited_regulations(registry).items():
        page(regulation_page_path(key), lambda: regulation_page(registry, cited, entries, options))
    files["tag.md"] = tags_page()
    page("sops.json", lambda: registry_json(registry, options))
    files[f"{ASSET_DIR}/sop.css"] = stylesheet()
    files[f"{ASSET_DIR}/paper.css"] = asset_text("paper.css")
    files[f"{ASSET_DIR}/sop.js"] = asset_text("sop.js")
    files[f"{ASSET_DIR}/search.js"] = asset_text("search.js")
    if options.simulation:
        for name in LAZY_FILES:
            files[f"{ASSET_DIR}/{name}"] = asset_text(name)
    return files


def write_site(registry: Registry, options: SiteOptions, out: Path, show_invalid: bool = False,
               failures: list[Diagnostic] | None = None) -> list[str]:
    """Write every file of :func:`site_files` under ``out``; returns their paths relative to ``out``."""
    files = site_files(registry, options, show_invalid, failures)
    for path, content in files.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    return list(files)
