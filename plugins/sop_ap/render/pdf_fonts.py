"""Slimmer fonts in a printed PDF: the TrueType hinting and layout tables Chromium embeds are dropped.

Chromium embeds a subset of every font it prints with, but keeps the subset's hinting (``fpgm``, ``prep``,
``cvt `` and each glyph's instructions) and its layout tables (``GSUB``, ``GPOS``, ``GDEF``, ``MATH``). A PDF
viewer needs neither: the text is already laid out, and hinting only snaps outlines to a screen's pixels. For
DejaVu Sans they are about two thirds of the compressed font, which was the largest part of an SOP's PDF
(measured in docs/benchmarks.md). Glyph ids are kept (``retain_gids``), so the PDF's ``/CIDToGIDMap`` and
text stay valid; outlines and advance widths are untouched.
"""

from __future__ import annotations

import io

from fontTools.ttLib import TTFont
from fontTools.ttLib.tables.ttProgram import Program
from pypdf import PdfReader
from pypdf.generic import IndirectObject, NameObject, NumberObject

HINTING_TABLES = ("fpgm", "prep", "cvt ")
DROPPED_TABLES = ("GSUB", "GPOS", "GDEF", "MATH", "kern", "FFTM", "post", "name")


def slim_font(data: bytes) -> bytes:
    """The TrueType font ``data`` without hinting and layout tables, glyph ids and outlines unchanged.

    Done by hand rather than with ``fontTools.subset`` (which gives the same bytes but is five times slower,
    0.3 s a batch): the tables are deleted and every glyph's instructions emptied."""
    font = TTFont(io.BytesIO(data))
    for tag in (*HINTING_TABLES, *DROPPED_TABLES):
        if tag in font:
            del font[tag]
    glyphs = font["glyf"]
    for name in font.getGlyphOrder():
        glyph = glyphs[name]
        if glyph.numberOfContours != 0 and hasattr(glyph, "program"):
            glyph.program = Program()
            glyph.program.fromBytecode(b"")
    font["maxp"].maxSizeOfInstructions = 0
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _font_files(reader: PdfReader):
    """Every distinct embedded TrueType font program (``/FontFile2``) of the document's pages."""
    seen: set[int] = set()
    for page in reader.pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        for ref in (fonts.get_object().values() if fonts is not None else ()):
            font = ref.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor is None:
                    continue
                descriptor = descriptor.get_object()
                program = descriptor.raw_get("/FontFile2") if "/FontFile2" in descriptor else None
                if isinstance(program, IndirectObject) and program.idnum not in seen:
                    seen.add(program.idnum)
                    yield program.get_object()


def slim_fonts(reader: PdfReader) -> int:
    """Slims every embedded TrueType font of ``reader``'s pages in place; returns the bytes saved (uncompressed).
    A font fontTools cannot read is left as it is."""
    saved = 0
    for stream in _font_files(reader):
        data = stream.get_data()
        try:
            slim = slim_font(data)
        except Exception:  # noqa: BLE001 - an unreadable font stays as Chromium embedded it
            continue
        if len(slim) < len(data):
            stream.set_data(slim)
            stream[NameObject("/Length1")] = NumberObject(len(slim))
            saved += len(data) - len(slim)
    return saved
