"""The QR code printed on the paper (and so in the PDF): it leads from a printed SOP to its page in the registry.

Made by segno (a maintained QR library, pure Python); the SVG has the quiet zone of four modules that readers
need and draws the dark modules as one path, so it stays sharp at any print size.
"""

from __future__ import annotations

import segno

QUIET_ZONE = 4
"""Modules of white around the code (the standard's minimum)."""


def qr_svg(url: str) -> str:
    """An SVG QR code of ``url``: error correction M at least (raised when it fits the same size)."""
    code = segno.make(url, error="m", boost_error=True, micro=False)
    return code.svg_inline(scale=1, border=QUIET_ZONE, omitsize=True, svgclass="sop-paper-qr-code",
                           lineclass=None, dark="#000", light="#fff")


def paper_closing(signature: str, page_url: str | None) -> str:
    """The end of the printed SOP (template ``paper_closing.html``): the QR code to ``page_url`` beside the
    signature block; the signature alone without an address."""
    from .templates import render, trusted

    qr = {"svg": trusted(qr_svg(page_url)), "url": page_url} if page_url else None
    return render("paper_closing.html", qr=qr, signature=trusted(signature))
