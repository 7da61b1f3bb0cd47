"""The page of one SOP: status, identity part, flowchart, step table, related SOPs, paper layout.

Returns Markdown (front matter, headings) around raw HTML blocks whose text is escaped with
:func:`sop_ap.render.html_text.esc`. Knows nothing of MkDocs: links are computed by :mod:`sop_ap.source.site_urls`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.checks import performer_lookup, norm_name
from ..engine.flow import FlowGraph
from ..engine.model import Langkah
from .html_text import date_id, esc, md, yaml_string
from .pyodide_assets import SNAPSHOT_NAME
from ..source.registry import Registry, SopEntry
from ..source.roles import acting_columns, position_name, positions_of
from ..source.site_urls import relative_url, slug
from .summary import sop_summary
from .page_steps import flowchart_block, steps_table, symbol_svg  # noqa: F401 (symbol_svg: page_indexes)

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
            f'data-sop-print>Cetak</button>{_simulate_button(entry, options)}{edit}{where}</div>')


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
        # The official table (symbols in the pelaksana columns) first: it is the document's own view.
        body += [f"## Langkah-langkah{suffix}", "", steps_table(chart, index), "",
                 f'<p class="sop-total"><strong>Total waktu baku (jalur utama):</strong> '
                 f'{esc(summary["waktu_jalur_utama"]["teks"])} · <strong>Rentang semua jalur:</strong> '
                 f'{spread}{_skipped(summary)}<br><span class="sop-muted">'
                 f'{esc(data["konvensi_waktu"])}</span></p>', "",
                 f"## Bagan alir{suffix}", "", flowchart_block(chart, index, sop.nama), ""]
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
    return paper_html(entry, registry, logo_url)


def invalid_sop_page(entry: SopEntry) -> str:
    """The page shown by ``mkdocs serve`` in place of an SOP whose file has errors."""
    items = "".join(f"<li><code>{esc(d.format())}</code></li>" for d in entry.diagnostics)
    return (f"---\ntitle: {yaml_string(esc(entry.id))}\n---\n\n# SOP belum valid\n\n"
            f'<div class="admonition failure"><p class="admonition-title">{esc(entry.display)}</p>'
            f"<p>Berkas ini belum dapat diterbitkan. Perbaiki masalah berikut lalu simpan; halaman ini "
            f"diperbarui otomatis.</p><ul>{items}</ul></div>\n")
