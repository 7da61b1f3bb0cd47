"""Which PDFs a site has, where they go and what they print: one per valid SOP, beside its page.

Knows nothing of MkDocs. ``sop/<id>.md`` (page ``sop/<id>/``) gets ``sop/<id>/<name>.pdf``; the PDF is the
page's paper layout with the unit's logo embedded (a data URI, so the PDF and its cache key do not depend on
where the site is built) and the QR code to the page's address (``site_url``).
"""

from __future__ import annotations

import base64
import mimetypes
import posixpath

from ..source.registry import Registry, SopEntry
from ..source.site_urls import page_url, relative_url
from .templates import render


def pdf_site_path(entry: SopEntry) -> str:
    """``sop/<instansi>/<unit>/<name>/<name>.pdf``: in the folder of the SOP's page."""
    return f"sop/{entry.id}/{posixpath.basename(entry.id)}.pdf"


def public_url(entry: SopEntry, site_url: str | None, directory_urls: bool = True) -> str | None:
    """The SOP page's full address in the registry, or None without a site_url."""
    from .page_sop import sop_page_path  # page_sop imports this module

    if not site_url:
        return None
    return site_url.rstrip("/") + "/" + page_url(sop_page_path(entry), directory_urls)


def pdf_link_data(entry: SopEntry, directory_urls: bool = True) -> dict:
    """What the "Unduh PDF" link (template ``pdf_link.html``) needs: its address relative to the SOP's page."""
    from .page_sop import sop_page_path  # page_sop imports this module

    path = pdf_site_path(entry)
    return {"href": relative_url(sop_page_path(entry), path, directory_urls), "file_name": posixpath.basename(path)}


def _logo_data_uri(entry: SopEntry, registry: Registry) -> str | None:
    from ..source.logos import logo_source

    source = logo_source(entry, registry.root)
    if source is None:
        return None
    kind = mimetypes.guess_type(source.name)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(source.read_bytes()).decode('ascii')}"


def pdf_job(entry: SopEntry, registry: Registry, site_url: str | None, directory_urls: bool = True,
            template_dirs: tuple[str, ...] = ()):
    """The :class:`~sop_ap.render.pdf.PdfJob` of one valid SOP."""
    from .paper import paper_html
    from .pdf import PdfJob

    sop = entry.sop
    # The QR code is drawn by the PDF worker, beside the build (qr.deferred_qr), and only for SOPs it prints.
    paper = paper_html(entry, registry, _logo_data_uri(entry, registry), template_dirs,
                       page_url=public_url(entry, site_url, directory_urls), defer_qr=True)
    return PdfJob(site_path=pdf_site_path(entry), paper=paper, title=f"{sop.nama} ({sop.nomor})",
                  subject=sop.nomor, author=" · ".join(x for x in (sop.instansi, sop.unit, sop.subunit) if x),
                  display=entry.display)


def pdf_jobs(registry: Registry, options, skip_failures: bool = False) -> list:
    """One job per valid SOP (``options``: :class:`~sop_ap.render.page_sop.SiteOptions`). A paper that fails to
    render stops the build; with ``skip_failures`` (``mkdocs serve``, where the page shows the problem) that SOP
    simply has no PDF."""
    from .site import RenderError, _render_problem

    jobs = []
    for entry in registry.entries:
        if not entry.ok:
            continue
        try:
            jobs.append(pdf_job(entry, registry, options.site_url, options.directory_urls, options.template_dirs))
        except Exception as exc:  # noqa: BLE001 - named with its SOP file
            if not skip_failures:
                raise RenderError(_render_problem(entry, "PDF SOP ini", exc).format()) from exc
    return jobs
