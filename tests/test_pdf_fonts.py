"""The PDF's fonts lose hinting and layout tables but keep every glyph's outline, width and id."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTFont

from sop_ap.render.pdf_fonts import DROPPED_TABLES, slim_font

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
HINTING = ("fpgm", "prep", "cvt ")


@pytest.mark.parametrize("name", ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"])
def test_a_slimmed_font_draws_every_glyph_the_same(name: str) -> None:
    path = DEJAVU / name
    assert path.is_file(), f"{path} is missing: tools/setup.sh installs fonts-dejavu-core"
    data = path.read_bytes()
    before, after = TTFont(io.BytesIO(data)), TTFont(io.BytesIO(slim_font(data)))
    assert len(slim_font(data)) < 0.8 * len(data)
    assert all(table in before for table in HINTING)
    assert not any(table in after for table in (*HINTING, *DROPPED_TABLES))
    order_before, order_after = before.getGlyphOrder(), after.getGlyphOrder()
    assert len(order_after) == len(order_before)  # glyph ids, which the PDF's text refers to, are kept
    assert [after["hmtx"][g] for g in order_after] == [before["hmtx"][g] for g in order_before]  # widths
    glyphs_before, glyphs_after = before.getGlyphSet(), after.getGlyphSet()
    drawn = 0
    for gid, glyph in enumerate(order_before):  # every glyph, simple and composite (accents)
        pens = DecomposingRecordingPen(glyphs_before), DecomposingRecordingPen(glyphs_after)  # components resolved
        glyphs_before[glyph].draw(pens[0])
        glyphs_after[order_after[gid]].draw(pens[1])
        assert pens[0].value == pens[1].value, glyph
        drawn += bool(pens[0].value)
    assert drawn > 3000
    assert not any(after["glyf"][g].program.getBytecode() for g in after.getGlyphOrder()
                   if hasattr(after["glyf"][g], "program"))
    composites = [g for g in order_before if before["glyf"][g].isComposite()]
    assert composites and all(after["glyf"][order_after[before.getGlyphID(g)]].isComposite() for g in composites)
