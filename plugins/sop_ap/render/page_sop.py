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
from ..engine.model_symbols import JudulKolom
from ..engine.symbols import drawing_gaps
from .html_text import esc
from .letterhead import letterhead_context
from .paper import paper_html
from .pyodide_assets import SNAPSHOT_NAME
from .templates import render, trusted
from ..source.logos import logo_site_path, logo_source
from ..source.registry import Registry, SopEntry
from ..source.roles import acting_columns, position_name, positions_of
from ..source.site_urls import relative_url, slug
from .summary import sop_summary

SYMBOL_SVG = {
    "terminator": '<rect x="2" y="3" width="36" height="16" rx="8" ry="8"/>',
    "proses": '<rect x="4" y="2" width="32" height="18"/>',
    "keputusan": '<polygon points="20,1 38,11 20,21 2,11"/>',
    "penghubung": '<circle cx="20" cy="11" r="9"/>',
}
SYMBOL_NAME = {"terminator": "Mulai atau selesai", "proses": "Proses", "keputusan": "Keputusan",
               "penghubung": "Penghubung"}
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


def sop_page_path(entry: SopEntry) -> str:
    return f"sop/{entry.id}.md"


def regulation_page_path(key: str) -> str:
    return f"peraturan/{key}.md"


def performer_page_path(name: str) -> str:
    return f"pelaksana/{slug(name)}.md"


def unit_page_path(instansi: str, unit: str) -> str:
    return f"unit/{slug(instansi)}/{slug(unit)}.md"


def symbol_svg(symbol: str, extra_class: str = "", name: str | None = None) -> str:
    name = name or SYMBOL_NAME[symbol]
    return (f'<svg class="sop-sym sop-sym-{symbol} {extra_class}" viewBox="0 0 40 22" width="40" height="22" '
            f'role="img" aria-label="{name}"><title>{name}</title>'
            f"{SYMBOL_SVG[symbol]}</svg>")


def _next_text(graph: FlowGraph, node: int) -> str:
    """The exits of a symbol: ``Ya → langkah 3; Tidak → langkah 4 (Umum)``; the lane when the arrow picks one."""
    parts = []
    for edge in graph.successors[node]:
        target = "selesai" if edge.target is None else f"langkah {edge.target_number}"
        if edge.target is not None and len(graph.row_nodes[graph.nodes[edge.target].row]) > 1:
            target += " (" + " + ".join(graph.chart.performers[c].nama for c in graph.nodes[edge.target].lanes) + ")"
        parts.append(f"{esc(edge.label)} → {esc(target)}" if edge.label else f"→ {esc(target)}")
    return "; ".join(parts)


def _merged_cells(chart: Flowchart) -> dict[tuple[str, int], tuple[int, str]]:
    """(column, row) -> (rowspan, text) for the first row of a merged cell, (0, '') for the rows it covers."""
    numbers = {step.no: i for i, step in enumerate(chart.steps)}
    out: dict[tuple[str, int], tuple[int, str]] = {}
    for cell in chart.merged:
        first, last = (numbers.get(n) for n in cell.langkah)
        if first is None or last is None or last <= first:
            continue
        out[(cell.kolom, first)] = (last - first + 1, cell.isi)
        out.update({(cell.kolom, r): (0, "") for r in range(first + 1, last + 1)})
    return out


def not_counted_text(summary: dict) -> str:
    """``Semesteran (langkah 5), - (langkah 4)``: the times left out of a total, by name."""
    return ", ".join(f"{n['waktu']} (langkah {n['no']})" for n in summary["waktu_tidak_dihitung"])


def _cell_list(items: list[str]) -> str:
    if not items:
        return "-"
    if len(items) == 1:
        return esc(items[0])
    return "<ul>" + "".join(f"<li>{esc(x)}</li>" for x in items) + "</ul>"


def _mutu(merged: dict, key: str, row: int, cls: str, content: str, extra: str = "") -> str:
    """One Mutu Baku cell, spanning rows when the file merges it (nothing for the rows it covers)."""
    span, text = merged.get((key, row), (1, None))
    if span == 0:
        return ""
    rowspan = f' rowspan="{span}"' if span > 1 else ""
    return f'\n<td class="{cls}"{rowspan}{extra}>{esc(text) if text is not None else content}</td>'


def _steps_table(chart: Flowchart, chart_index: int) -> str:
    graph = FlowGraph(chart)
    merged = _merged_cells(chart)
    titles = chart.titles or JudulKolom()
    head = "".join(f'\n<th scope="col" class="sop-col-pelaksana">{esc(p.nama)}</th>' for p in chart.performers)
    rows = []
    for i, step in enumerate(chart.steps):
        cells = []
        for col, performer in enumerate(chart.performers):
            here = [n for n in graph.row_nodes[i] if col in graph.nodes[n].lanes]
            if not here:
                cells.append(f'\n<td class="sop-cell-empty" data-col="{col}"></td>')
                continue
            parts = []
            for n in here:
                node = graph.nodes[n]
                inline = symbol_svg("keputusan", "sop-sym-inline") if step.cabang and node.shape == "proses" else ""
                text = f'<span class="sop-sym-text">{esc(node.text)}</span> ' if node.text else ""
                # A terminator is where the procedure starts (no arrow enters it) or where it ends.
                name = ("Mulai" if n in graph.starts else "Selesai") if node.shape == "terminator" else None
                parts.append(f'{symbol_svg(node.shape, name=name)}{inline} {text}<span class="sop-next">'
                             f'{_next_text(graph, n)}</span>')
            cells.append(f'\n<td class="sop-cell-symbol" data-col="{col}">{"<br>".join(parts)}</td>')
        note = [esc(step.keterangan)] if step.keterangan else []
        if len(step.oleh) > 1:
            note.append("Dikerjakan bersama" if step.cara == "bersama" else "Dikerjakan salah satu pelaksana")
        duration = graph.durations[i]
        names = dict.fromkeys(n for index in graph.row_nodes[i] for n in graph.nodes[index].names)
        rows.append(
            f'<tr id="fc{chart_index}-row-{step.no}" data-step="{step.no}" class="sop-row">'
            f'\n<th scope="row" class="sop-no">{step.no}</th>'
            f'\n<td class="sop-kegiatan">{esc(step.kegiatan)}'
            f'<span class="sop-oleh">{esc(", ".join(names))}</span></td>'
            + "".join(cells)
            + _mutu(merged, "kelengkapan", i, "sop-kelengkapan", _cell_list(step.kelengkapan))
            + _mutu(merged, "waktu", i, "sop-waktu", esc(step.waktu or "-"), f' data-kind="{duration.kind.value}"')
            + _mutu(merged, "output", i, "sop-output", _cell_list(step.output))
            + f'\n<td class="sop-keterangan">{"<br>".join(note) or ""}</td></tr>'
        )
    footnote = f'<p class="sop-footnote">{esc(chart.footnote)}</p>' if chart.footnote else ""
    caption = f'<p class="sop-table-title">{esc(titles.judul)}</p>' if titles.judul else ""
    return (
        f'{caption}<div class="sop-table-wrap" tabindex="0" role="region" aria-label="Tabel langkah">'
        f'<table class="sop-steps" data-chart="{chart_index}">'
        f'<thead><tr><th scope="col" rowspan="2">No</th>'
        f'<th scope="col" rowspan="2">{esc(titles.title("kegiatan", "Kegiatan"))}</th>'
        f'\n<th scope="colgroup" colspan="{len(chart.performers)}">Pelaksana</th>'
        f'\n<th scope="colgroup" colspan="3">Mutu Baku</th>'
        f'<th scope="col" rowspan="2">{esc(titles.title("keterangan", "Keterangan"))}</th></tr>'
        f'<tr>{head}<th scope="col">{esc(titles.title("kelengkapan", "Kelengkapan"))}</th>'
        f'<th scope="col">{esc(titles.title("waktu", "Waktu"))}</th>'
        f'<th scope="col">{esc(titles.title("output", "Output"))}</th></tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table></div>{footnote}"
    )


def _flowchart_block(chart: Flowchart, chart_index: int, title: str) -> str:
    from .flowchart import FlowchartError, flowchart_svg, flowchart_text_alternative

    gaps = drawing_gaps(chart)
    if gaps:
        return ('<div class="admonition note sop-no-drawing"><p class="admonition-title">Bagan alir belum digambar</p>'
                f"<p>Bagan alir ini memuat pola yang belum dapat digambar dengan setia: {esc(', '.join(gaps))}. "
                "Agar tidak menyesatkan, gambarnya tidak ditampilkan. Tabel langkah di bawah memuat setiap simbol di "
                "kolom pelaksananya, beserta arah panahnya; simulasi menelusuri alur yang sama.</p></div>")
    try:
        svg = flowchart_svg(chart, chart_index=chart_index, sop_title=title)
    except FlowchartError as exc:
        return f'<div class="admonition failure"><p class="admonition-title">Bagan alir</p><p>{esc(exc)}</p></div>'
    alt = flowchart_text_alternative(chart)
    # The drawing and its text form repeat the step table: kept out of the search index.
    return (f'<figure class="sop-flowchart" data-chart="{chart_index}" data-pagefind-ignore="all"><div class="sop-flowchart-scroll" '
            f'tabindex="0" role="region" aria-label="Bagan alir (dapat digeser)">{svg}</div>'
            f'<figcaption>Klik sebuah simbol untuk menyorot barisnya di tabel.</figcaption></figure>'
            f'<details class="sop-alt" data-pagefind-ignore="all"><summary>Bagan alir dalam bentuk teks</summary><p>{esc(alt)}</p></details>')


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
        "edit_url": options.edit_base + source if options.edit_base else None,
        # The file's path is for whoever edits it (mkdocs serve), not for the public page.
        "source": source if options.editor else None,
    }


def _chart(chart: Flowchart, index: int, summary: dict, title: str) -> dict:
    graph = FlowGraph(chart)
    return {
        "nama": chart.name,
        "flowchart": trusted(_flowchart_block(chart, index, title)),
        "steps_table": trusted(_steps_table(chart, index)),
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
        "charts": [_chart(chart, i, data["bagan_alir"][i], sop.nama) for i, chart in enumerate(sop.flowcharts)],
        "konvensi_waktu": data["konvensi_waktu"],
        "related": _related(entry, registry, page, options),
        "catatan": list(sop.catatan),
        # Validation warnings are for the file's editor: shown by `mkdocs serve` (and `sop validate`) only.
        "editor_notes": [d.message for d in entry.diagnostics if d.level == "warning"] if options.editor else [],
        "paper": trusted(paper_html(entry, registry, logo, options.template_dirs, paper)),
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
