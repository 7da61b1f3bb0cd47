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
import struct

from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import IndirectObject, NameObject, NumberObject

HINTING_TABLES = ("fpgm", "prep", "cvt ")
DROPPED_TABLES = ("GSUB", "GPOS", "GDEF", "MATH", "kern", "FFTM", "post", "name")


def slim_font(data: bytes) -> bytes:
    """The TrueType font ``data`` without hinting and layout tables, glyph ids and outlines unchanged.

    The tables are deleted and each glyph's instructions cut out of its raw bytes (:func:`_without_instructions`):
    letting fontTools decompile and recompile every glyph instead took 0.15 to 0.45 s a font, most of the time the
    PDF worker spent on a batch."""
    # Bounding boxes as they are: recalculating them would unpack every glyph (and move some by a unit).
    font = TTFont(io.BytesIO(data), recalcBBoxes=False, recalcTimestamp=False)
    for tag in (*HINTING_TABLES, *DROPPED_TABLES):
        if tag in font:
            del font[tag]
    glyphs = font["glyf"].glyphs  # the raw glyphs: indexing the table itself would decompile each one
    for glyph in glyphs.values():
        raw = getattr(glyph, "data", None)
        if raw:
            glyph.data = _without_instructions(raw)
    font["maxp"].maxSizeOfInstructions = 0
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


ARGS_ARE_WORDS, HAS_SCALE, MORE_COMPONENTS, HAS_XY_SCALE, HAS_2X2, HAS_INSTRUCTIONS = (
    0x0001, 0x0008, 0x0020, 0x0040, 0x0080, 0x0100)


def _without_instructions(data: bytes) -> bytes:
    """One glyph's bytes (the TrueType ``glyf`` format) without its instructions."""
    (contours,) = struct.unpack_from(">h", data)
    if contours >= 0:  # simple glyph: header, end points, instruction length and instructions, then the outline
        at = 10 + 2 * contours
        (length,) = struct.unpack_from(">H", data, at)
        return data[:at] + b"\0\0" + data[at + 2 + length:]
    at = 10  # composite glyph: components, then (when the last one says so) instructions
    while True:
        (flags,) = struct.unpack_from(">H", data, at)
        size = 4 + (4 if flags & ARGS_ARE_WORDS else 2)
        size += 2 if flags & HAS_SCALE else 4 if flags & HAS_XY_SCALE else 8 if flags & HAS_2X2 else 0
        if flags & MORE_COMPONENTS:
            at += size
            continue
        if not flags & HAS_INSTRUCTIONS:
            return data
        return data[:at] + struct.pack(">H", flags & ~HAS_INSTRUCTIONS) + data[at + 2:at + size]


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
