"""Every file the registry adds to a site: pages, indexes, data and assets. Knows nothing of MkDocs."""

from __future__ import annotations

from importlib import resources

from .page_indexes import (all_sops_page, cited_regulations, performer_page, performer_steps, performers_index,
                           regulation_page, regulations_index, tags_page, units_page)
import json

from .flowchart import prerender
from .page_sop import SiteOptions, invalid_sop_page, performer_page_path, regulation_page_path, sop_data_path, \
    sop_page, sop_page_path
from .registry import Registry
from .site_data import registry_json

ASSET_DIR = "assets/sop"
CSS_FILES = ("sop.css", "paper.css")
JS_FILES = ("sop.js", "search.js")
LAZY_FILES = ("sim.mjs", "sim-worker.mjs")
"""Loaded only after a click on "Simulasikan", never by the page itself."""


def asset_text(name: str) -> str:
    """A stylesheet or script shipped with the package (empty when it is not there)."""
    path = resources.files("sop_ap").joinpath("assets", name)
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def stylesheet() -> str:
    """The screen stylesheet, with the flowchart's rules appended."""
    from .flowchart import FLOWCHART_CSS

    return asset_text("sop.css") + "\n/* Flowchart (sop_ap.flowchart) */\n" + FLOWCHART_CSS


def site_files(registry: Registry, options: SiteOptions, show_invalid: bool = False) -> dict[str, str]:
    """Path in the site's docs -> content, for every page and file the registry contributes."""
    files: dict[str, str] = {}
    prerender([chart for entry in registry.entries if entry.ok for chart in entry.sop.flowcharts])
    for entry in registry.entries:
        if entry.ok:
            files[sop_page_path(entry)] = sop_page(entry, registry, options)
            if options.simulation:
                files[sop_data_path(entry)] = json.dumps(entry.sop.model_dump(mode="json", exclude_none=True),
                                                         ensure_ascii=False, separators=(",", ":"))
        elif show_invalid:
            files[sop_page_path(entry)] = invalid_sop_page(entry)
    files["sop/index.md"] = all_sops_page(registry, options)
    files["unit/index.md"] = units_page(registry, options)
    files["pelaksana/index.md"] = performers_index(registry, options)
    for name, steps in performer_steps(registry).values():
        files[performer_page_path(name)] = performer_page(name, steps, options, registry)
    files["peraturan/index.md"] = regulations_index(registry, options)
    for key, (cited, entries) in cited_regulations(registry).items():
        files[regulation_page_path(key)] = regulation_page(registry, cited, entries, options)
    files["tag.md"] = tags_page()
    files["sops.json"] = registry_json(registry, options)
    files[f"{ASSET_DIR}/sop.css"] = stylesheet()
    files[f"{ASSET_DIR}/paper.css"] = asset_text("paper.css")
    files[f"{ASSET_DIR}/sop.js"] = asset_text("sop.js")
    files[f"{ASSET_DIR}/search.js"] = asset_text("search.js")
    if options.simulation:
        for name in LAZY_FILES:
            files[f"{ASSET_DIR}/{name}"] = asset_text(name)
    return files
