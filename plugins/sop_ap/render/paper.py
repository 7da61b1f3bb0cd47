"""The paper layout of an SOP: what "Cetak" prints, like the signed document, on A4 landscape.

Page 1 is the identity part (header block and the six boxes). The flowchart table follows
(:mod:`sop_ap.render.paper_flowchart`). The last page carries the signature block.

No MkDocs, no Graphviz. The identity page, the signature block and the wrapper are templates
(``paper.html``, ``paper_identity.html``, ``paper_letterhead.html``, ``paper_signature.html``); the flowchart
pages come from :mod:`sop_ap.render.paper_flowchart`.
"""

from __future__ import annotations

from ..engine.model import Sop
from .letterhead import letterhead_context
from .paper_flowchart import flowchart_pages
from .templates import render, trusted
from ..source.registry import Registry, SopEntry


def paper_context(entry: SopEntry, registry: Registry, logo_url: str | None = None) -> dict:
    """What the paper's identity templates receive: ``sop``, ``letterhead``, ``identity`` (no links: paper)."""
    from .page_sop import SiteOptions, identity_context, sop_fields, sop_page_path  # page_sop imports this module

    return {"sop": sop_fields(entry.sop), "letterhead": letterhead_context(entry, registry, logo_url),
            "identity": identity_context(entry, registry, sop_page_path(entry), SiteOptions())}


def identity_page(entry: SopEntry, registry: Registry, logo_url: str | None = None,
                  template_dirs: tuple[str, ...] = ()) -> str:
    """The identity part as printed: the header block (letterhead, label/value rows) and the six boxes."""
    return render("paper_identity.html", template_dirs, **paper_context(entry, registry, logo_url))


def signature_context(sop: Sop) -> dict:
    """The place (the unit's name without its type: "Kecamatan Juai" -> "Juai") and the date of signing."""
    words = sop.unit.split()
    unit_types = {"kecamatan", "kelurahan", "desa", "kabupaten", "kota", "dinas", "badan", "kantor", "sekretariat"}
    place = " ".join(words[1:] if len(words) > 1 and words[0].lower() in unit_types else words)
    return {"tempat": place, "tanggal": sop.tanggal.efektif or sop.tanggal.pembuatan}


def signature_block(sop: Sop, template_dirs: tuple[str, ...] = (), fields: dict | None = None) -> str:
    """Place, date, office, signature space, name and NIP, as at the end of the signed document."""
    from .page_sop import sop_fields  # page_sop imports this module

    return render("paper_signature.html", template_dirs, sop=fields or sop_fields(sop),
                  signature=signature_context(sop))


def paper_html(entry: SopEntry, registry: Registry, logo_url: str | None = None,
               template_dirs: tuple[str, ...] = (), context: dict | None = None, page_url: str | None = None,
               defer_qr: bool = False) -> str:
    """The whole printed SOP (template ``paper.html``): identity page, flowchart pages, signature block with the
    QR code to ``page_url`` (the SOP's page in the registry) when given. ``context``: :func:`paper_context`, when
    the caller has it already (the SOP page does)."""
    from .qr import paper_closing

    sop = entry.sop
    assert sop is not None
    context = context or paper_context(entry, registry, logo_url)
    last = len(sop.flowcharts) - 1
    closing = paper_closing(signature_block(sop, template_dirs, context["sop"]), page_url, template_dirs,
                            defer=defer_qr)
    charts = "".join(flowchart_pages(sop, chart, i, closing if i == last else "", template_dirs)
                     for i, chart in enumerate(sop.flowcharts))
    return render("paper.html", template_dirs, **context, flowchart_pages=trusted(charts))
