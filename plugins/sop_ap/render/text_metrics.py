"""How many lines a text takes in a table cell of the printed SOP: DejaVu Sans advance widths (the font the
paper layout asks for, installed with the site's fonts), greedy wrapping at spaces like the browser's."""

from __future__ import annotations

ADVANCE = (318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636,
           636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295,
           295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838,
           500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521,
           392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838)
"""Advance widths of DejaVu Sans for the characters 32 to 126, in thousandths of the font size."""
OTHER = 700
"""Any other character (accents, dashes, symbols): a little wider than the average letter."""
PT_MM = 25.4 / 72


def text_width_mm(text: str, size_pt: float) -> float:
    units = sum(ADVANCE[ord(c) - 32] if 32 <= ord(c) < 127 else OTHER for c in text)
    return units / 1000 * size_pt * PT_MM


def line_count(text: str, width_mm: float, size_pt: float) -> int:
    """Lines of ``text`` wrapped at spaces into ``width_mm`` (a word longer than a line is broken anywhere, as
    ``overflow-wrap: anywhere`` does); explicit line breaks count."""
    space = text_width_mm(" ", size_pt)
    total = 0
    for paragraph in text.split("\n"):
        lines, used = 1, 0.0
        for word in paragraph.split():
            width = text_width_mm(word, size_pt)
            if used and used + space + width > width_mm:
                lines += 1
                used = 0.0
            while width > width_mm:  # a long word runs over several lines
                lines += 1 if used or width > width_mm else 0
                width -= width_mm
                used = 0.0
            used = used + space + width if used else width
        total += lines
    return max(1, total)
