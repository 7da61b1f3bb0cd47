"""Every file the registry adds to a site: pages, indexes, data and assets. Knows nothing of MkDocs.

Files are written to a folder as they are made (:func:`write_site`), never all held in memory: a registry of
10,000 SOPs makes about a gigabyte of pages. SOPs are drawn and rendered a batch at a time, and what the
flowchart module keeps of a batch is released before the next. The folder doubles as a cache: a page whose
inputs (its SOP file, the SOPs of its unit it links to, the shared data, the options and this package's code)
did not change since the last build is neither rendered nor written again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from ..engine.diagnostics import Diagnostic, error
from ..source.code_hash import code_hash
from ..source.registry import Registry, SopEntry
from . import flowchart
from .flowchart import FlowchartError, prerender
from .html_text import esc
from .page_indexes import (LIST_PAGE_SIZE, IndexData, ListRow, TAGS_PAGE, all_sops_pages, list_rows, performer_steps,
                           performers_pages, regulations_pages, tags_page, units_pages)
from .templates import OVERRIDE_SUBDIR
from .page_sop import SiteOptions, invalid_sop_page, sop_data_path, sop_page, sop_page_path
from .site_data import index_item, registry_index, sop_data

ASSET_DIR = "assets/sop"
CSS_FILES = ("sop.css", "paper.css", "letterhead.css")
JS_FILES = ("sop.js", "search.js")
LAZY_FILES = ("sim.mjs", "sim-worker.mjs")
"""Loaded only after a click on "Simulasikan", never by the page itself."""
BATCH = 200
"""SOPs drawn and rendered together before the flowchart module's memory is released."""
MANIFEST = ".sop-pages.json"
"""In the output folder: the key of every SOP page and data file written, and its list row."""


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


# --------------------------------------------------------------------------------------------------
# What a page depends on
# --------------------------------------------------------------------------------------------------

def code_version() -> str:
    """A hash of this package's code, templates and assets: any change renders every page again."""
    return code_hash()


def _hash(*parts: object) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def _shared_inputs(registry: Registry, template_dirs: tuple[str, ...] = ()) -> str:
    """Files every SOP page reads besides its own: positions, regulations, logos, letterheads and the site's
    template overrides (by name and content)."""
    parts: list[object] = [repr(sorted(registry.regulations.by_key))]
    for folder in template_dirs:
        overrides = Path(folder) / OVERRIDE_SUBDIR
        for path in sorted(overrides.rglob("*")) if overrides.is_dir() else []:
            if path.is_file():
                parts += [path.as_posix(), path.read_bytes()]
    for path in sorted(registry.root.rglob("*")) if registry.root.is_dir() else []:
        if path.is_file() and (path.name.startswith("_") or path.name.startswith("logo.") or
                               path.name == "peraturan.yaml"):
            parts += [path.relative_to(registry.root).as_posix(), path.read_bytes()]
    return _hash(*parts)


def _unit_inputs(registry: Registry) -> dict[tuple[str, str], str]:
    """(instansi, unit) -> a hash of what an SOP page shows of the other SOPs of its unit (related SOPs)."""
    units: dict[tuple[str, str], list[object]] = {}
    for entry in sorted(registry.entries, key=lambda e: e.id):
        if entry.sop is not None:
            units.setdefault((entry.sop.instansi, entry.sop.unit), []).extend(
                [entry.id, entry.sop.nama, entry.sop.nomor, repr([(k.sop, k.hubungan) for k in entry.sop.keterkaitan])])
    return {unit: _hash(*parts) for unit, parts in units.items()}


def _page_key(entry: SopEntry, shared: str, unit: str, options: SiteOptions) -> str:
    try:
        source = entry.path.read_bytes()
    except OSError:
        source = b""
    notes = [d.format() for d in entry.diagnostics]
    return _hash(code_version(), repr(options), shared, unit, entry.id, source, repr(notes))


# --------------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------------

class SiteFolder:
    """Writes files under ``out``: only when their content changed, and forgets what a build did not write."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.written: list[str] = []
        self.changed = 0

    def write(self, path: str, content: str) -> None:
        target = self.out / path
        data = content.encode("utf-8")
        self.written.append(path)
        try:
            if target.stat().st_size == len(data) and target.read_bytes() == data:
                return
        except OSError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        tmp.replace(target)
        self.changed += 1

    def keep(self, path: str) -> None:
        """A file written by an earlier build and still valid."""
        self.written.append(path)

    def prune(self) -> None:
        """Delete files of earlier builds that this build did not make (an SOP removed, a list shorter)."""
        keep = set(self.written) | {MANIFEST}
        for path in sorted(self.out.rglob("*"), reverse=True):
            rel = path.relative_to(self.out).as_posix()
            if path.is_file() and rel not in keep:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()


def _release_flowchart_memory(entries: Iterable[SopEntry]) -> None:
    """Forget what the flowchart module keeps of drawn charts (the SVG text, plans, symbol lists): it is on
    disk in the cache, and the pages holding it are written."""
    for name in ("_memory", "_plan_memo"):
        memo = getattr(flowchart, name, None)
        if isinstance(memo, dict):
            memo.clear()
    for entry in entries:
        entry.__dict__.pop("_summary", None)  # see summary.sop_summary
        for chart in entry.sop.flowcharts if entry.sop is not None else []:
            chart.__dict__.pop("_symbols", None)


def write_site(registry: Registry, options: SiteOptions, out: Path, show_invalid: bool = False,
               failures: list[Diagnostic] | None = None, registry_info: dict | None = None,
               page_size: int = LIST_PAGE_SIZE) -> list[str]:
    """Write every page and file the registry contributes under ``out``; returns their paths relative to it.

    A page that fails to render stops a build (:class:`RenderError`). With ``show_invalid`` (``mkdocs serve``)
    it becomes a page that shows the problem instead, every other page is made as usual, and the problem is
    added to ``failures`` (and to the SOP's diagnostics)."""
    out.mkdir(parents=True, exist_ok=True)
    folder = SiteFolder(out)
    failures = failures if failures is not None else []
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    new_manifest: dict[str, dict] = {}

    def page(path: str, make, entry: SopEntry | None = None, what: str = "Halaman ini") -> bool:
        try:
            folder.write(path, make())
            return True
        except Exception as exc:  # noqa: BLE001 - one page must not take the others down
            problem = _render_problem(entry, what, exc)
            if not show_invalid:
                raise RenderError(problem.format()) from exc
            failures.append(problem)
            if entry is not None:
                entry.diagnostics.append(problem)
                folder.write(path, invalid_sop_page(entry, options))
            else:
                folder.write(path, f"---\ntitle: Galat\n---\n\n# Halaman belum dapat dibuat\n\n{esc(problem.message)}\n")
            return False

    shared = _shared_inputs(registry, options.template_dirs)
    units = _unit_inputs(registry)
    rows = {row.entry.id: row for row in list_rows(registry)}
    items = []
    valid = [e for e in registry.entries if e.ok]
    for start in range(0, len(valid), BATCH):
        batch = valid[start:start + BATCH]
        keys = {e.id: _page_key(e, shared, units[(e.sop.instansi, e.sop.unit)], options) for e in batch}
        todo = [e for e in batch if manifest.get(e.id, {}).get("key") != keys[e.id]
                or not (out / sop_page_path(e)).is_file() or not (out / sop_data_path(e)).is_file()]
        try:
            prerender([chart for entry in todo for chart in entry.sop.flowcharts])
        except FlowchartError:
            pass  # drawn again page by page; a page whose flowchart fails shows the problem in its place
        for entry in batch:
            row = rows[entry.id]
            items.append(index_item(entry, options, row.minutes, row.time, row.performers))
            if entry not in todo:
                folder.keep(sop_page_path(entry))
                folder.keep(sop_data_path(entry))
                new_manifest[entry.id] = manifest[entry.id]
                continue
            ok = page(sop_page_path(entry), lambda: sop_page(entry, registry, options), entry, "Halaman SOP ini")
            folder.write(sop_data_path(entry), sop_data(entry, registry, options))
            if ok:
                new_manifest[entry.id] = {"key": keys[entry.id]}
        _release_flowchart_memory(batch)
    if show_invalid:
        for entry in registry.entries:
            if not entry.ok:
                folder.write(sop_page_path(entry), invalid_sop_page(entry, options))
    data = IndexData([rows[e.id] for e in sorted(valid, key=lambda e: (e.sop.unit, e.sop.nama, e.id))], page_size)
    roles = performer_steps(registry)
    producers = {"sop/index.md": lambda: all_sops_pages(data, options),
                 "unit/index.md": lambda: units_pages(data, options),
                 "pelaksana/index.md": lambda: performers_pages(registry, options, roles, page_size),
                 "peraturan/index.md": lambda: regulations_pages(registry, data, options)}
    for first, producer in producers.items():
        _write_pages(folder, first, producer, page)
    _release_flowchart_memory(valid)
    path, content = tags_page(data, roles, options)
    folder.write(path, content)
    folder.write("sops.json", registry_index(items, registry_info))
    folder.write(f"{ASSET_DIR}/sop.css", stylesheet())
    for name in ("paper.css", "letterhead.css", "sop.js", "search.js") + (LAZY_FILES if options.simulation else ()):
        folder.write(f"{ASSET_DIR}/{name}", asset_text(name))
    folder.prune()
    (out / MANIFEST).write_text(json.dumps(new_manifest, separators=(",", ":")), encoding="utf-8")
    return folder.written


def _write_pages(folder: SiteFolder, first: str, producer, page) -> None:
    """Write the pages a generator yields; a failure is reported as ``page`` reports it, on ``first``."""
    try:
        for path, content in producer():
            folder.write(path, content)
    except Exception as exc:  # noqa: BLE001 - reported (or shown) like any page that fails

        def fail() -> str:
            raise exc

        page(first, fail)


def site_files(registry: Registry, options: SiteOptions, show_invalid: bool = False,
               failures: list[Diagnostic] | None = None) -> dict[str, str]:
    """Path -> content of every file :func:`write_site` makes (for tests and small registries)."""
    with tempfile.TemporaryDirectory(prefix="sop-site-") as tmp:
        paths = write_site(registry, options, Path(tmp), show_invalid, failures)
        return {path: (Path(tmp) / path).read_text(encoding="utf-8") for path in paths}


__all__ = ["ASSET_DIR", "CSS_FILES", "JS_FILES", "LAZY_FILES", "ListRow", "RenderError", "SiteFolder", "TAGS_PAGE",
           "asset_text", "code_version", "site_files", "stylesheet", "write_site"]
