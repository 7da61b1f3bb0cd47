"""The page of one SOP: status, identity part, flowchart, step table, related SOPs, paper layout.

Returns Markdown (front matter, headings) around raw HTML blocks whose text is escaped with
:func:`sop_ap.render.html_text.esc`. Knows nothing of MkDocs: links are computed by :mod:`sop_ap.source.site_urls`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.checks import performer_lookup, norm_name
from ..engine.flow import FlowGraph
from ..engine.model import Flowchart, Langkah
from ..engine.model_symbols import JudulKolom
from ..engine.symbols import drawing_gaps
from .html_text import date_id, esc, md, yaml_string
from .pyodide_assets import SNAPSHOT_NAME
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


def _box(title: str, body: str) -> str:
    return f'\n<div class="sop-box"><h3 class="sop-box-title">{title}</h3>{body}</div>'


def _numbered(items: list[str]) -> str:
    if not items:
        return "<p>-</p>"
    return "<ol>" + "".join(f"\n<li>{x}</li>" for x in items) + "</ol>"


def _law_items(entry: SopEntry, registry: Registry, page: str, options: SiteOptions) -> list[str]:
    out = []
    for citation in entry.sop.dasar_hukum:
        regulation = registry.regulations.get(citation.key)
        label = esc(citation.label())
        if citation.key:
            href = relative_url(page, regulation_page_path(citation.key), options.directory_urls)
            label = f'<a href="{esc(href)}">{label}</a>'
        about = f" tentang {esc(citation.tentang)}" if citation.tentang else ""
        badge = ""
        if regulation is not None:
            status = regulation.status
            badge = f' <span class="sop-badge sop-badge-{status}">{STATUS_LABEL[status]}</span>'
            if status in ("dicabut", "diubah") and regulation.diganti_oleh:
                by = ", ".join(esc(x) for x in registry.regulations.replacement_labels(regulation))
                badge += f' <span class="sop-replaced">{"diganti" if status == "dicabut" else "diubah"} oleh {by}</span>'
        original = (f'<br><span class="sop-cite-original">Tertulis: “{esc(citation.teks)}”</span>'
                    if citation.teks and citation.structured else "")
        out.append(f"{label}{about}{badge}{original}")
    return out


def _identity(entry: SopEntry, registry: Registry, page: str, options: SiteOptions) -> str:
    sop = entry.sop
    signer = sop.disahkan
    nip = f'<span class="sop-nip">NIP. {esc(signer.nip_display)}</span>' if signer.nip_display else ""
    header = (
        '<div class="sop-id-header">'
        f'<div class="sop-id-org"><span class="sop-id-gov">{esc(sop.instansi)}</span>'
        f'<span class="sop-id-unit">{esc(sop.unit)}</span>'
        + (f'<span class="sop-id-subunit">{esc(sop.subunit)}</span>' if sop.subunit else "")
        + '</div><dl class="sop-id-fields">'
        f"\n<dt>Nomor SOP</dt><dd>{esc(sop.nomor)}</dd>"
        f"\n<dt>Tanggal Pembuatan</dt><dd>{date_id(sop.tanggal.pembuatan)}</dd>"
        f"\n<dt>Tanggal Revisi</dt><dd>{date_id(sop.tanggal.revisi)}</dd>"
        f"\n<dt>Tanggal Efektif</dt><dd>{date_id(sop.tanggal.efektif)}</dd>"
        f'\n<dt>Disahkan oleh</dt><dd><span class="sop-signer-office">{esc(signer.jabatan)}</span>'
        f'<span class="sop-signer-name">{esc(signer.nama)}</span>{nip}</dd>'
        f'\n<dt>Nama SOP</dt><dd class="sop-id-title">{esc(sop.nama)}</dd></dl></div>'
    )
    related = []
    for i, item in enumerate(sop.keterkaitan):
        link = registry.link_at(entry.id, i)
        text = esc(item.sop) + (f" ({esc(item.hubungan)})" if item.hubungan != "terkait" else "")
        if link is not None:
            href = relative_url(page, sop_page_path(link), options.directory_urls)
            text = f'<a href="{esc(href)}">{text}</a>'
        related.append(text)
    boxes = (
        _box("Dasar Hukum", _numbered(_law_items(entry, registry, page, options)))
        + _box("Kualifikasi Pelaksana", _numbered([esc(x) for x in sop.kualifikasi]))
        + _box("Keterkaitan", _numbered(related))
        + _box("Peralatan/Perlengkapan", _numbered([esc(x) for x in sop.peralatan]))
        + _box("Peringatan", f"<p>{esc(sop.peringatan or '-')}</p>")
        + _box("Pencatatan dan Pendataan", _numbered([esc(x) for x in sop.pencatatan]))
    )
    return f'<div class="sop-identity">{header}<div class="sop-boxes">{boxes}</div></div>'


def _status(entry: SopEntry, registry: Registry, data: dict) -> str:
    sop = entry.sop
    parts = [f'<span class="sop-status-unit">{esc(" · ".join(p for p in (sop.unit, sop.subunit) if p))}</span>']
    if sop.tanggal.efektif:
        parts.append(f"Berlaku sejak {date_id(sop.tanggal.efektif)}")
    else:
        parts.append(f"Dibuat {date_id(sop.tanggal.pembuatan)} (tanggal efektif tidak tertulis)")
    if sop.tanggal.revisi:
        parts.append(f"Revisi terakhir {date_id(sop.tanggal.revisi)}")
    total = data["bagan_alir"][0]["waktu_jalur_utama"]["teks"]
    skipped = not_counted_text(data["bagan_alir"][0])
    parts.append(f"Waktu baku {esc(total)}" + (f" (tidak dihitung: {esc(skipped)})" if skipped else ""))
    html_out = '<p class="sop-status">' + " · ".join(parts) + "</p>"
    revoked = []
    for citation in sop.dasar_hukum:
        regulation = registry.regulations.get(citation.key) if citation.key else None
        if regulation is None or regulation.status != "dicabut":
            continue
        by = registry.regulations.replacement_labels(regulation)
        revoked.append(f"{esc(citation.label())} sudah dicabut"
                       + (f" dan digantikan oleh {esc(', '.join(by))}." if by else "."))
    if revoked:
        items = "".join(f"<li>{x}</li>" for x in revoked)
        html_out += (f'<div class="admonition warning sop-warning-law"><p class="admonition-title">Dasar hukum '
                     f"perlu diperbarui</p><p>SOP ini masih menyebut peraturan yang sudah tidak berlaku:</p>"
                     f"<ul>{items}</ul></div>")
    return html_out


def _related_section(entry: SopEntry, registry: Registry, page: str, options: SiteOptions) -> str:
    def item(other: SopEntry, relation: str) -> str:
        href = relative_url(page, sop_page_path(other), options.directory_urls)
        return (f'<li><a href="{esc(href)}">{esc(other.sop.nama)}</a> <span class="sop-muted">'
                f"({esc(relation)}, {esc(other.sop.unit)})</span></li>")

    out = [registry.by_id[link.target] for link in registry.outgoing(entry.id)]
    back = [registry.by_id[link.source] for link in registry.incoming(entry.id)]
    html_out = ""
    if out:
        html_out += "<p>SOP ini berkaitan dengan:</p><ul>" + "".join(
            item(o, ln.relation) for o, ln in zip(out, registry.outgoing(entry.id))) + "</ul>"
    if back:
        html_out += "<p>Dirujuk oleh:</p><ul>" + "".join(
            item(b, ln.relation) for b, ln in zip(back, registry.incoming(entry.id))) + "</ul>"
    unresolved = [k.sop for i, k in enumerate(entry.sop.keterkaitan) if registry.link_at(entry.id, i) is None]
    if unresolved:
        html_out += ("<p>Belum ada di registri: " + ", ".join(f"“{esc(x)}”" for x in unresolved) + ".</p>")
    return html_out or "<p>Tidak ada SOP terkait.</p>"


PYODIDE_DIR = "assets/pyodide"
SOP_DATA_DIR = "data/sop"


def sop_data_path(entry: SopEntry) -> str:
    """The per-SOP JSON that the simulation widget fetches after the click."""
    return f"{SOP_DATA_DIR}/{entry.id}.json"


def _simulate_button(entry: SopEntry, options: SiteOptions) -> str:
    if not options.simulation:
        return ""
    page = sop_page_path(entry)

    def rel(path: str) -> str:
        return esc(relative_url(page, path, options.directory_urls))

    runtime = esc(options.runtime_url) if options.runtime_url else rel(PYODIDE_DIR + "/")
    return (f'<button type="button" class="md-button sop-simulate" data-sop-simulate hidden aria-expanded="false" '
            f'data-module="{rel("assets/sop/sim.mjs")}" data-worker="{rel("assets/sop/sim-worker.mjs")}" '
            f'data-sop-json="{rel(sop_data_path(entry))}" data-runtime="{runtime}" '
            f'data-lock="{rel(PYODIDE_DIR + "/pyodide-lock.json")}" data-packages="{rel(PYODIDE_DIR + "/")}" '
            f'data-snapshot="{rel(PYODIDE_DIR + "/" + SNAPSHOT_NAME)}">'
            "Simulasikan</button>")


def _actions(entry: SopEntry, options: SiteOptions) -> str:
    source = f"{options.sops_path}/{entry.id}{entry.path.suffix}"
    edit = ""
    if options.edit_base:
        edit = (f'<a class="md-button" href="{esc(options.edit_base + source)}" rel="noopener">'
                "Sunting SOP ini</a>")
    # The file's path is for whoever edits it (mkdocs serve), not for the public page.
    where = (f'<span class="sop-source">Berkas: <code>{esc(source)}</code></span>' if options.editor else "")
    return (f'<div class="sop-actions"><button type="button" class="md-button md-button--primary sop-print" '
            f'data-sop-print>Cetak</button>{_pdf_link(entry, options)}{_simulate_button(entry, options)}{edit}{where}</div>')


def _pdf_link(entry: SopEntry, options: SiteOptions) -> str:
    from .pdf_files import pdf_link

    return pdf_link(entry, options.directory_urls) if options.pdf else ""


def sop_page(entry: SopEntry, registry: Registry, options: SiteOptions = SiteOptions()) -> str:
    """The Markdown of one valid SOP's page."""
    sop = entry.sop
    assert sop is not None
    page = sop_page_path(entry)
    data = sop_summary(entry, registry)
    # Tags: the unit and the positions that act (under their names in sops/_jabatan.yaml, if listed there).
    positions = positions_of(registry)
    tags = [sop.unit, *dict.fromkeys(position_name(positions, p) for chart in sop.flowcharts
                                     for col, p in enumerate(chart.performers) if col in acting_columns(chart))]
    front = ["---", f"title: {yaml_string(esc(sop.nama))}", "hide:", "  - toc", "tags:"]
    front += [f"  - {yaml_string(esc(t))}" for t in tags]
    front += [f"sop_id: {yaml_string(entry.id)}", "---", ""]
    body = [f"# {md(sop.nama)}", "", _status(entry, registry, data), "", _actions(entry, options), "",
            "## Identitas", "", _identity(entry, registry, page, options), ""]
    for index, chart in enumerate(sop.flowcharts):
        suffix = f": {md(chart.name)}" if chart.name else ""
        summary = data["bagan_alir"][index]
        graph = FlowGraph(chart)
        spread = esc(summary["waktu_semua_jalur"]["teks"])
        if any(graph.on_cycle(row) for row in range(len(chart.steps))):
            # A step sent back runs again: no path has a longest time. Say so instead of a range that looks
            # like the main path's.
            spread = (f"tanpa batas atas, karena ada langkah yang dapat diulang (putaran); tanpa pengulangan "
                      f"{spread}. Perkiraan median dan persentil ke-90 ada di <em>Simulasikan</em>.")
        body += [f"## Bagan alir{suffix}", "", _flowchart_block(chart, index, sop.nama), "",
                 f"## Langkah-langkah{suffix}", "", _steps_table(chart, index), "",
                 f'<p class="sop-total"><strong>Total waktu baku (jalur utama):</strong> '
                 f'{esc(summary["waktu_jalur_utama"]["teks"])} · <strong>Rentang semua jalur:</strong> '
                 f'{spread}{_skipped(summary)}<br><span class="sop-muted">'
                 f'{esc(data["konvensi_waktu"])}</span></p>', ""]
    body += ["## SOP terkait", "", _related_section(entry, registry, page, options), ""]
    if sop.catatan:
        # Doubts of whoever copied the paper document: for the curious reader, folded away (not searched).
        body += ['<details class="sop-catatan note" data-pagefind-ignore="all"><summary>Catatan transkripsi</summary>'
                 "<p>SOP ini disalin dari dokumen kertas atau hasil pindaian. Bagian yang sulit dibaca atau "
                 "kurang jelas di dokumen aslinya dicatat di sini:</p><ul>"
                 + "".join(f"<li>{esc(c)}</li>" for c in sop.catatan) + "</ul></details>", ""]
    notes = [d for d in entry.diagnostics if d.level == "warning"]
    if notes and options.editor:
        # Validation warnings are for the file's editor: shown by `mkdocs serve` (and `sop validate`) only.
        body += ['<div class="admonition warning sop-editor-notes"><p class="admonition-title">Catatan '
                 "pemeriksaan (hanya tampil saat menyunting, tidak di situs terbit)</p><ul>"
                 + "".join(f"<li>{esc(d.message)}</li>" for d in notes) + "</ul></div>", ""]
    body += [_paper(entry, registry, options), ""]
    return "\n".join(front + body)


def _skipped(summary: dict) -> str:
    """The times a total leaves out, named beside it (never dropped silently)."""
    text = not_counted_text(summary)
    return f' · <span class="sop-not-counted"><strong>Tidak dihitung:</strong> {esc(text)}</span>' if text else ""


def _paper(entry: SopEntry, registry: Registry, options: SiteOptions) -> str:
    from ..source.logos import logo_site_path, logo_source
    from .paper import paper_html

    source = logo_source(entry, registry.root)
    logo_url = (relative_url(sop_page_path(entry), logo_site_path(source, registry.root), options.directory_urls)
                if source is not None else None)
    from .pdf_files import public_url

    return paper_html(entry, registry, logo_url, page_url=public_url(entry, options.site_url, options.directory_urls))


def invalid_sop_page(entry: SopEntry) -> str:
    """The page shown by ``mkdocs serve`` in place of an SOP whose file has errors."""
    items = "".join(f"<li><code>{esc(d.format())}</code></li>" for d in entry.diagnostics)
    return (f"---\ntitle: {yaml_string(esc(entry.id))}\n---\n\n# SOP belum valid\n\n"
            f'<div class="admonition failure"><p class="admonition-title">{esc(entry.display)}</p>'
            f"<p>Berkas ini belum dapat diterbitkan. Perbaiki masalah berikut lalu simpan; halaman ini "
            f"diperbarui otomatis.</p><ul>{items}</ul></div>\n")
