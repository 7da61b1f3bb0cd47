"""The paper layout of an SOP: what "Cetak" prints, like the signed document, on A4 landscape.

Page 1 is the identity part (header block and the six boxes). The flowchart table follows
(:mod:`sop_ap.render.paper_flowchart`). The last page carries the signature block.

Pure string building: no MkDocs, no Graphviz. Every SOP text is HTML-escaped.
"""

from __future__ import annotations

from ..engine.model import Sop
from .html_text import date_id, esc
from .paper_flowchart import flowchart_pages
from ..source.registry import Registry, SopEntry


def _numbered(items: list[str]) -> str:
    if not items:
        return "<p>-</p>"
    return "<ol>" + "".join(f"<li>{x}</li>" for x in items) + "</ol>"


def identity_page(entry: SopEntry, registry: Registry, logo_url: str | None = None) -> str:
    """The identity part as printed: the header block and the six boxes."""
    sop = entry.sop
    signer = sop.disahkan
    laws = []
    for citation in sop.dasar_hukum:
        text = esc(citation.teks or citation.label() + (f" tentang {citation.tentang}" if citation.tentang else ""))
        regulation = registry.regulations.get(citation.key)
        if regulation is not None and regulation.status == "dicabut":
            text += f" <em>(sudah dicabut; diganti {esc(', '.join(registry.regulations.replacement_labels(regulation)))})</em>"
        laws.append(text)
    related = [esc(k.sop) for k in sop.keterkaitan]
    org = "".join(f"<div>{esc(x)}</div>" for x in (sop.instansi, sop.unit, sop.subunit) if x)
    nip = f"NIP. {esc(signer.nip_display)}" if signer.nip_display else ""
    # The unit's logo when it has one (sops/<instansi>/<unit>/logo.*), otherwise nothing.
    logo = f'<img class="sop-paper-logo" src="{esc(logo_url)}" alt="Logo {esc(sop.unit)}">' if logo_url else ""
    return (
        '<div class="sop-paper-page sop-paper-identity">'
        '<table class="sop-paper-id-head"><tr>'
        f'<td class="sop-paper-org" rowspan="6">{logo}{org}</td>'
        f"<th>Nomor SOP</th><td>{esc(sop.nomor)}</td></tr>"
        f"<tr><th>Tanggal Pembuatan</th><td>{date_id(sop.tanggal.pembuatan)}</td></tr>"
        f"<tr><th>Tanggal Revisi</th><td>{date_id(sop.tanggal.revisi)}</td></tr>"
        f"<tr><th>Tanggal Efektif</th><td>{date_id(sop.tanggal.efektif)}</td></tr>"
        f'<tr><th>Disahkan oleh</th><td><div>{esc(signer.jabatan)}</div><div class="sop-paper-sign"></div>'
        f"<div><strong>{esc(signer.nama)}</strong></div><div>{nip}</div></td></tr>"
        f'<tr><th>Nama SOP</th><td class="sop-paper-title">{esc(sop.nama)}</td></tr></table>'
        '<table class="sop-paper-boxes">'
        f"<tr><th>DASAR HUKUM</th><th>KUALIFIKASI PELAKSANA</th></tr>"
        f"<tr><td>{_numbered(laws)}</td><td>{_numbered([esc(x) for x in sop.kualifikasi])}</td></tr>"
        f"<tr><th>KETERKAITAN</th><th>PERALATAN/PERLENGKAPAN</th></tr>"
        f"<tr><td>{_numbered(related)}</td><td>{_numbered([esc(x) for x in sop.peralatan])}</td></tr>"
        f"<tr><th>PERINGATAN</th><th>PENCATATAN DAN PENDATAAN</th></tr>"
        f"<tr><td><p>{esc(sop.peringatan or '-')}</p></td>"
        f"<td>{_numbered([esc(x) for x in sop.pencatatan])}</td></tr></table></div>"
    )


def signature_block(sop: Sop) -> str:
    """Place, date, office, signature space, name and NIP, as at the end of the signed document."""
    signer = sop.disahkan
    words = sop.unit.split()
    unit_types = {"kecamatan", "kelurahan", "desa", "kabupaten", "kota", "dinas", "badan", "kantor", "sekretariat"}
    place = " ".join(words[1:] if len(words) > 1 and words[0].lower() in unit_types else words)
    when = date_id(sop.tanggal.efektif or sop.tanggal.pembuatan)
    nip = f"NIP. {esc(signer.nip_display)}" if signer.nip_display else ""
    return (f'<div class="sop-paper-signature"><div>Ditetapkan di {esc(place)}, {when}</div>'
            f"<div>{esc(signer.jabatan)}</div><div class=\"sop-paper-sign\"></div>"
            f"<div><strong>{esc(signer.nama)}</strong></div><div>{nip}</div></div>")


def paper_html(entry: SopEntry, registry: Registry, logo_url: str | None = None) -> str:
    """The whole printed SOP: identity page, flowchart pages, signature block."""
    sop = entry.sop
    assert sop is not None
    last = len(sop.flowcharts) - 1
    charts = "".join(flowchart_pages(sop, chart, i, signature_block(sop) if i == last else "")
                     for i, chart in enumerate(sop.flowcharts))
    # Hidden on screen and out of the search index (Pagefind): it repeats the page for the printer.
    return (f'<section class="sop-paper" aria-hidden="true" data-pagefind-ignore="all">{identity_page(entry, registry, logo_url)}{charts}</section>')

