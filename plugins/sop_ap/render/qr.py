"""The QR code printed on the paper (and so in the PDF): it leads from a printed SOP to its page in the registry.

Made by segno (a maintained QR library, pure Python); the SVG has the quiet zone of four modules that readers
need and draws the dark modules as one path, so it stays sharp at any print size. The mask pattern is fixed
(:data:`MASK`) instead of chosen by scoring all eight: the scoring costs about 23 ms per code in pure Python
against about 6 ms, measured, and any mask is valid for a reader (tests read every code back with zxing-cpp).
Codes are kept in memory (the page and the PDF print the same one) and, after :func:`set_cache_dir`, on disk.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

import segno

QUIET_ZONE = 4
"""Modules of white around the code (the standard's minimum)."""
MASK = 2
_cache_dir: Path | None = None


def set_cache_dir(path: Path | str | None) -> None:
    """Keep made codes under ``path`` (the build's cache folder), so that a rebuild makes none."""
    global _cache_dir
    _cache_dir = Path(path) if path is not None else None


@lru_cache(maxsize=4096)
def qr_svg(url: str) -> str:
    """An SVG QR code of ``url``: error correction M at least (raised when it fits the same size)."""
    key = hashlib.sha256(f"{segno.__version__}|{MASK}|{QUIET_ZONE}|{url}".encode()).hexdigest()
    cached = _cache_dir / f"{key}.svg" if _cache_dir is not None else None
    if cached is not None and cached.is_file():
        return cached.read_text(encoding="utf-8")
    code = segno.make(url, error="m", boost_error=True, micro=False, mask=MASK)
    svg = code.svg_inline(scale=1, border=QUIET_ZONE, omitsize=True, svgclass="sop-paper-qr-code",
                          lineclass=None, dark="#000", light="#fff")
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(".part")
        partial.write_text(svg, encoding="utf-8")
        partial.replace(cached)
    return svg


_DEFERRED = re.compile(r"<!--sop-qr:([0-9a-f]*)-->")


def deferred_qr(url: str) -> str:
    """A mark for the QR code of ``url`` (hex, so no address can end the comment), drawn later by
    :func:`fill_qr` in the PDF worker's process: making 10,000 codes took a minute of the build's own process."""
    return f"<!--sop-qr:{url.encode('utf-8').hex()}-->"


def fill_qr(document: str) -> str:
    """``document`` with every mark of :func:`deferred_qr` replaced by its QR code."""
    return _DEFERRED.sub(lambda m: qr_svg(bytes.fromhex(m.group(1)).decode("utf-8")), document)


def paper_closing(signature: str, page_url: str | None, template_dirs: tuple[str, ...] = (),
                  defer: bool = False) -> str:
    """The end of the printed SOP (template ``paper_closing.html``): the QR code to ``page_url`` beside the
    signature block; the signature alone without an address. ``defer``: a mark instead of the code
    (:func:`deferred_qr`)."""
    from .templates import render, trusted

    qr = None
    if page_url:
        qr = {"svg": trusted(deferred_qr(page_url) if defer else qr_svg(page_url)), "url": page_url}
    return render("paper_closing.html", template_dirs, qr=qr, signature=trusted(signature))
