"""The page of one SOP: status, identity part, flowchart, step table, related SOPs, paper layout.

Python prepares plain data; the templates in ``render/templates/`` (``sop_page.md`` and the parts it includes)
decide the markup, with autoescape on. Knows nothing of MkDocs: links are computed by
:mod:`sop_ap.source.site_urls`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.checks import performer_lookup, norm_name
from ..engine.flow import FlowGraph
from ..engine.model import Flowchart, Langkah
from .html_text import esc
from .letterhead import letterhead_context
from .paper import paper_html
from .pdf_files import pdf_link_data, public_url
from .pyodide_assets import SNAPSHOT_NAME
from .templates import render, trusted
from ..source.logos import logo_site_path, logo_source
from ..source.registry import Registry, SopEntry
from ..source.roles import acting_columns, position_name, positions_of
from ..source.site_urls import relative_url, slug
from .summary import sop_summary
from .page_steps import flowchart_block, steps_table, symbol  # noqa: F401 (symbol: page_indexes)

STATUS_LABEL = {"berlaku": "berlaku", "diubah": "diubah", "dicabut": "dicabut"}


@dataclass(frozen=True)
class SiteOptions:
    """How pages link: directory URLs, and where SOP files can be edited online."""

    directory_urls: bool = True
    simulation: bool = True
    """Offer the "Simulasikan" widget (Pyodide, loaded only on click)."""
    runtime_url: str | None = None
    """Where the Pyodide runtime is served from; None = the site itself (``assets/pyodide/``)."""
    edit_base: str | None = None
    """e.g. ``https://github.com/OWNER/REPO/edit/main/``; None hides the edit link."""
    sops_path: str = "sops"
    """The registry folder relative to the repository root."""
    editor: bool = False
    """Pages for whoever edits the files (``mkdocs serve``): validation notes and the source file are shown.
    The published site never shows them."""
    template_dirs: tuple[str, ...] = ()
    """Folders whose ``sop/<name>`` overrides the package's template ``<name>`` (the theme's ``custom_dir``)."""
    site_url: str | None = None
    """The site's address (MkDocs' ``site_url``): the QR code on the paper leads there. None: no QR code."""
    pdf: bool = True
    """Every SOP has a PDF of its paper layout beside its page, linked as "Unduh PDF"."""


def sop_page_path(entry: SopEntry) -> str:
    return f"sop/{entry.id}.md"


def regulation_page_path(key: str) -> str:
    return f"peraturan/{key}.md"


def performer_page_path(name: str) -> str:
    return f"pelaksana/{slug(name)}.md"


def unit_page_path(instansi: str, unit: str) -> str:
    return f"unit/{slug(instansi)}/{slug(unit)}.md"



def not_counted_text(summary: dict) -> str:
    """``Semesteran (langkah 5), - (langkah 4)``: the times left out of a total, by name."""
    return ", ".join(f"{n['waktu']} (langkah {n['no']})" for n in summary["waktu_tidak_dihitung"])



def _laws(entry: SopEntry, registry: Registry, page: str, options: SiteOptions) -> list[dict]:
    """The Dasar Hukum box: each citation with its link, status and replacements (plain data)."""
    out = []
    for citation in entry.sop.dasar_hukum:
        regulation = registry.regulations.get(citation.key)
        status = regulation.status if regulation is not None else None
        out.append({
            "label": citation.label(),
            "href": (relative_url(page, regulation_page_path(citation.key), options.directory_urls)
                     if citation.key else None),
            "tentang": citation.tentang,
            "teks": citation.teks,
            "tertulis": citation.teks if citation.teks and citation.structured else None,
            "status": status,
            "status_label": STATUS_LABEL.get(status) if status else None,
            "diganti_oleh": registry.regulations.replacement_labels(regulation) if regulation is not None else [],
        })
    return out


def identity_context(entry: SopEntry, registry: Registry, page: str, options: SiteOptions) -> dict:
    """What the identity templates (page and paper) show beyond the SOP's own fields: laws and keterkaitan."""
    related = []
    for i, item in enumerate(entry.sop.keterkaitan):
        link = registry.link_at(entry.id, i)
        href = relative_url(page, sop_page_path(link), options.directory_urls) if link is not None else None
        related.append({"sop": item.sop, "hubungan": item.hubungan, "href": href})
    return {"laws": _laws(entry, registry, page, options), "keterkaitan": related}


def sop_fields(sop) -> dict:
    """The SOP's identity fields as plain data for the templates."""
    signer = sop.disahkan
    return {
        "nomor": sop.nomor, "nama": sop.nama, "instansi": sop.instansi, "unit": sop.unit, "subunit": sop.subunit,
        "tanggal": {"pembuatan": sop.tanggal.pembuatan, "revisi": sop.tanggal.revisi,
                    "efektif": sop.tanggal.efektif},
        "disahkan": {"jabatan": signer.jabatan, "nama": signer.nama, "nip": signer.nip_display or None},
        "kualifikasi": list(sop.kualifikasi), "peralatan": list(sop.peralatan), "peringatan": sop.peringatan,
        "pencatatan": list(sop.pencatatan),
    }


def _status(entry: SopEntry, registry: Registry, data: dict) -> dict:
    sop = entry.sop
    dicabut = []
    for citation in sop.dasar_hukum:
        regulation = registry.regulations.get(citation.key) if citation.key else None
        if regulation is not None and regulation.status == "dicabut":
            dicabut.append({"label": citation.label(),
                            "diganti_oleh": registry.regulations.replacement_labels(regulation)})
    return {
        "unit_line": [p for p in (sop.unit, sop.subunit) if p],
        "pembuatan": sop.tanggal.pembuatan, "revisi": sop.tanggal.revisi, "efektif": sop.tanggal.efektif,
        "waktu_baku": data["bagan_alir"][0]["waktu_jalur_utama"]["teks"],
        "tidak_dihitung": not_counted_text(data["bagan_alir"][0]),
        "dicabut": dicabut,
    }


def _related(entry: SopEntry, registry: Registry, page: str, options: SiteOptions) -> dict:
    def item(other: SopEntry, relation: str) -> dict:
        return {"href": relative_url(page, sop_page_path(other), options.directory_urls), "nama": other.sop.nama,
                "hubungan": relation, "unit": other.sop.unit}

    return {
        "berkaitan": [item(registry.by_id[ln.target], ln.relation) for ln in registry.outgoing(entry.id)],
        "dirujuk": [item(registry.by_id[ln.source], ln.relation) for ln in registry.incoming(entry.id)],
        "belum_ada": [k.sop for i, k in enumerate(entry.sop.keterkaitan) if registry.link_at(entry.id, i) is None],
    }


PYODIDE_DIR = "assets/pyodide"
SOP_DATA_DIR = "data/sop"


def sop_data_path(entry: SopEntry) -> str:
    """The per-SOP JSON that the simulation widget fetches after the click."""
    return f"{SOP_DATA_DIR}/{entry.id}.json"


def _simulate(entry: SopEntry, options: SiteOptions) -> dict | None:
    """Where the "Simulasikan" button loads its parts from (relative to the page), or None when not offered."""
    if not options.simulation:
        return None
    page = sop_page_path(entry)

    def rel(path: str) -> str:
        return relative_url(page, path, options.directory_urls)

    return {"module": rel("assets/sop/sim.mjs"), "worker": rel("assets/sop/sim-worker.mjs"),
            "sop_json": rel(sop_data_path(entry)), "runtime": options.runtime_url or rel(PYODIDE_DIR + "/"),
            "lock": rel(PYODIDE_DIR + "/pyodide-lock.json"), "packages": rel(PYODIDE_DIR + "/"),
            "snapshot": rel(PYODIDE_DIR + "/" + SNAPSHOT_NAME)}


def _actions(entry: SopEntry, options: SiteOptions) -> dict:
    source = f"{options.sops_path}/{entry.id}{entry.path.suffix}"
    return {
        "simulate": _simulate(entry, options),
        "pdf": pdf_link_data(entry, options.directory_urls) if options.pdf else None,
        "edit_url": options.edit_base + source if options.edit_base else None,
        # The file's path is for whoever edits it (mkdocs serve), not for the public page.
        "source": source if options.editor else None,
    }


def _chart(chart: Flowchart, index: int, summary: dict, title: str, template_dirs: tuple[str, ...] = ()) -> dict:
    graph = FlowGraph(chart)
    return {
        "nama": chart.name,
        "flowchart": trusted(flowchart_block(chart, index, title, template_dirs)),
        "steps_table": trusted(steps_table(chart, index, template_dirs)),
        "waktu_jalur_utama": summary["waktu_jalur_utama"]["teks"],
        "waktu_semua_jalur": summary["waktu_semua_jalur"]["teks"],
        # A step sent back runs again: no path has a longest time. Said so instead of a range that looks like
        # the main path's.
        "berulang": any(graph.on_cycle(row) for row in range(len(chart.steps))),
        "tidak_dihitung": not_counted_text(summary),
    }


def sop_page(entry: SopEntry, registry: Registry, options: SiteOptions = SiteOptions()) -> str:
    """The Markdown of one valid SOP's page (template ``sop_page.md``)."""
    sop = entry.sop
    assert sop is not None
    page = sop_page_path(entry)
    data = sop_summary(entry, registry)
    # Tags: the unit and the positions that act (under their names in sops/_jabatan.yaml, if listed there).
    positions = positions_of(registry)
    tags = [sop.unit, *dict.fromkeys(position_name(positions, p) for chart in sop.flowcharts
                                     for col, p in enumerate(chart.performers) if col in acting_columns(chart))]
    logo = _logo_url(entry, registry, options)
    fields, letterhead = sop_fields(sop), letterhead_context(entry, registry, logo)
    identity = identity_context(entry, registry, page, options)
    # The paper shows the same identity, without links.
    paper = {"sop": fields, "letterhead": letterhead, "identity": identity}
    context = {
        "sop_id": entry.id, "tags": tags, "sop": fields, "letterhead": letterhead,
        "status": _status(entry, registry, data),
        "actions": _actions(entry, options),
        "identity": identity,
        "charts": [_chart(chart, i, data["bagan_alir"][i], sop.nama, options.template_dirs)
                   for i, chart in enumerate(sop.flowcharts)],
        "konvensi_waktu": data["konvensi_waktu"],
        "related": _related(entry, registry, page, options),
        "catatan": list(sop.catatan),
        # Validation warnings are for the file's editor: shown by `mkdocs serve` (and `sop validate`) only.
        "editor_notes": [d.message for d in entry.diagnostics if d.level == "warning"] if options.editor else [],
        # With a PDF beside the page, "Cetak" opens the PDF: the paper layout is not repeated in the page (a
        # third of its bytes; at 10,000 SOPs the difference between a site under and over 1 GB).
        "paper": "" if options.pdf else trusted(paper_html(
            entry, registry, logo, options.template_dirs, paper,
            page_url=public_url(entry, options.site_url, options.directory_urls))),
    }
    return render("sop_page.md", options.template_dirs, **context)


def _logo_url(entry: SopEntry, registry: Registry, options: SiteOptions) -> str | None:
    """The unit's logo relative to the SOP's page (sops/<instansi>/<unit>/logo.*, else the instansi's), or None."""
    source = logo_source(entry, registry.root)
    if source is None:
        return None
    return relative_url(sop_page_path(entry), logo_site_path(source, registry.root), options.directory_urls)


def invalid_sop_page(entry: SopEntry, options: SiteOptions = SiteOptions()) -> str:
    """The page shown by ``mkdocs serve`` in place of an SOP whose file has errors (``invalid_page.md``)."""
    invalid = {"id": entry.id, "berkas": entry.display, "masalah": [d.format() for d in entry.diagnostics]}
    return render("invalid_page.md", options.template_dirs, invalid=invalid)
