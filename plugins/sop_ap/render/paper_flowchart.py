"""The flowchart table of an SOP on paper (A4 landscape), as "Cetak" prints it, drawn from the chart's one
layout (:func:`sop_ap.render.flowchart.flowchart_layout`): the same symbols, lanes, routes and labels as the
web drawing, scaled into the pelaksana columns.

The table is ``No | Kegiatan | one column per pelaksana | Kelengkapan | Waktu | Output | Keterangan``, split into
pages between rows. Each table row is a horizontal band of the layout (from just above the row's symbols to
just above the next row's), stretched where the row's text needs more room: the stretch is inserted just
above and below the symbols, where only vertical lines pass, so every route stays orthogonal and every label
stays beside its line. On each page one cell spans the pelaksana columns and the page's rows and holds the
band's SVG. A line that crosses a page break ends in a lettered off-page connector (pentagon) and starts
again from one with the same letter; breaks go after the rows where the author placed a connector
(``penghubung``), otherwise where the page is full.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from ..engine.model import Flowchart, Sop
from ..engine.model_symbols import JudulKolom
from . import templates
from .flowchart import ChartLayout, flowchart_layout
from .html_text import esc
from .text_metrics import line_count

PAGE_WIDTH_MM = 270.0
"""A4 landscape (297 mm) less 10 mm margins on both sides, less room for the table's borders."""
PAGE_HEIGHT_MM = 190.0
"""A4 landscape (210 mm) less 10 mm margins at the top and the bottom."""
RUNNING_MM = 5.5
"""The running title above the table, with its margin."""
SIGNATURE_MM = 33.0
"""Height of the signature block under the last page's table."""
COL_NO, COL_KEGIATAN, COL_KELENGKAPAN, COL_WAKTU, COL_OUTPUT, COL_KETERANGAN = 7.0, 66.0, 25.0, 16.0, 25.0, 21.0
FONT_PT = 7.5
LINE_MM = 7.5 * 1.35 * 25.4 / 72
"""Height of one line of 7.5 pt text at line height 1.35 (paper.css)."""
CELL_PAD_MM = 2.8
"""Padding and borders of a cell, top and bottom together, with a little to spare."""
CELL_SIDES_MM = 2.9
"""Padding and borders of a cell, left and right together, with a little to spare."""
MIN_ROW_MM = 8.0
CONNECTOR_MM = 6.0
"""Room for an off-page connector at a page break (height of the pentagon and a short line)."""
MAX_SCALE = 0.3528 * 0.8
"""Millimetres per layout point at most (the web drawing at 80 %)."""
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ROW_CLEAR = 4.0
"""A row's band starts this many points above its tallest symbol (below every line of the gap above)."""


def _lines(text: str, width_mm: float) -> int:
    return line_count(text, width_mm - CELL_SIDES_MM, FONT_PT)


def text_height(chart: Flowchart, row: int, merged: dict) -> float:
    """Millimetres the text cells of one row need (a merged cell's text counts on its first row)."""
    step = chart.steps[row]
    waktu = merged.get(("waktu", row), (1, step.waktu or "-"))[1]
    kelengkapan = merged.get(("kelengkapan", row), (1, ", ".join(step.kelengkapan)))[1]
    output = merged.get(("output", row), (1, ", ".join(step.output)))[1]
    cells = [(step.kegiatan, COL_KEGIATAN), (kelengkapan, COL_KELENGKAPAN), (waktu, COL_WAKTU),
             (output, COL_OUTPUT), (step.keterangan or "", COL_KETERANGAN)]
    lines = max(_lines(text, width) for text, width in cells)
    return max(MIN_ROW_MM, lines * LINE_MM + CELL_PAD_MM)


def _letters(taken: set[str]) -> Iterator[str]:
    """Off-page connector letters without end: A … Z, AA … ZZ, AAA …, skipping the author's letters."""
    for size in itertools.count(1):
        for letters in itertools.product(LETTERS, repeat=size):
            letter = "".join(letters)
            if letter not in taken:
                yield letter


def merged_cells(chart: Flowchart) -> dict[tuple[str, int], tuple[int, str]]:
    """(column, row) -> (rows spanned, text) on the first row of a merged cell, (0, '') on the rows it covers."""
    numbers = {step.no: i for i, step in enumerate(chart.steps)}
    out: dict[tuple[str, int], tuple[int, str]] = {}
    for cell in chart.merged:
        first, last = (numbers.get(n) for n in cell.langkah)
        if first is None or last is None or last <= first:
            continue
        out[(cell.kolom, first)] = (last - first + 1, cell.isi)
        out.update({(cell.kolom, r): (0, "") for r in range(first + 1, last + 1)})
    return out


@dataclass
class PaperPage:
    rows: range
    top: float
    """Layout y of the page's first band (before stretching)."""
    bottom: float
    heights: list[float]
    """Millimetres of each table row on this page (band and stretch; the first and last rows hold the room
    for connectors at the breaks)."""
    stretch: list[tuple[float, float]]
    """(layout y, points inserted there) in order."""
    room_top: float
    room_bottom: float

    def y(self, y: float) -> float:
        """A layout y on this page's drawing (points, from the page's top)."""
        out = y - self.top + self.room_top
        for at, amount in self.stretch:
            if y > at:
                out += amount
        return out

    @property
    def height(self) -> float:
        return self.y(self.bottom) + self.room_bottom


@dataclass
class PaperView:
    """How one layout is cut into printed pages."""

    layout: ChartLayout
    scale: float
    """Millimetres per layout point."""
    pages: list[PaperPage]
    bands: list[tuple[float, float]]
    breaks: dict[int, str]
    """Row after which the author placed a connector -> its letter."""


def bands(layout: ChartLayout) -> list[tuple[float, float]]:
    """(top, bottom) of each table row in the layout; the last row also holds the added ends."""
    rows = layout.table_rows
    tops = [layout.header_height] + [layout.row_tops[r] - ROW_CLEAR for r in range(1, rows)]
    return [(tops[r], tops[r + 1] if r + 1 < rows else layout.height) for r in range(rows)]


def header_height(chart: Flowchart, lane_mm: float) -> float:
    """Millimetres of the table's two header rows: the second is as tall as the longest column title."""
    titles = chart.titles or JudulKolom()
    cells = [(p.nama, lane_mm) for p in chart.performers] + [
        (titles.title("kelengkapan", "Kelengkapan"), COL_KELENGKAPAN), (titles.title("waktu", "Waktu"), COL_WAKTU),
        (titles.title("output", "Output"), COL_OUTPUT)]
    lines = max(line_count(text, width - CELL_SIDES_MM, FONT_PT * 1.1) for text, width in cells)  # bold
    return (LINE_MM + CELL_PAD_MM) + (lines * LINE_MM + CELL_PAD_MM)


def paper_view(chart: Flowchart, layout: ChartLayout, lane_area_mm: float, closing_mm: float = 0.0) -> PaperView:
    scale = min(MAX_SCALE, lane_area_mm / layout.width)
    body_mm = PAGE_HEIGHT_MM - RUNNING_MM - header_height(chart, layout.lane_width * scale) - 1.0
    row_bands = bands(layout)
    merged = merged_cells(chart)
    numbers = {step.no: i for i, step in enumerate(chart.steps)}
    breaks = {numbers[c.sesudah]: c.huruf for c in chart.connectors if c.sesudah in numbers}
    room = CONNECTOR_MM / scale
    extra: list[float] = []  # points each row is stretched by, for its text
    for r, (top, bottom) in enumerate(row_bands):
        need = text_height(chart, r, merged) / scale
        extra.append(max(0.0, need - (bottom - top)))
    mm = [(b - t + e) * scale for (t, b), e in zip(row_bands, extra)]
    groups: list[list[int]] = [[]]
    used = 0.0
    for r in range(len(row_bands)):
        budget = body_mm - 2 * CONNECTOR_MM
        if groups[-1] and (used + mm[r] > budget or (r - 1) in breaks):
            groups.append([])
            used = 0.0
        groups[-1].append(r)
        used += mm[r]
    if closing_mm and len(groups[-1]) > 1 and used + closing_mm > body_mm - (CONNECTOR_MM if len(groups) > 1 else 0):
        # the signature block would go to a page of its own: take the last row with it, as the originals do
        groups.append([groups[-1].pop()])
    pages = []
    for p, rows in enumerate(groups):
        stretch = []
        for r in rows:
            half = extra[r] / 2
            if half:
                stretch += [(layout.row_tops[r] - 0.5, half), (layout.row_bottoms[r] + 0.5, half)]
        room_top = room if p > 0 else 0.0
        room_bottom = room if p < len(groups) - 1 else 0.0
        page = PaperPage(range(rows[0], rows[-1] + 1), row_bands[rows[0]][0], row_bands[rows[-1]][1], [],
                         sorted(stretch), room_top, room_bottom)
        heights = []
        for r in rows:
            heights.append((page.y(row_bands[r][1]) - page.y(row_bands[r][0])) * scale)
        heights[0] += room_top * scale
        heights[-1] += room_bottom * scale
        page.heights = heights
        pages.append(page)
    return PaperView(layout, scale, pages, row_bands, breaks)


# --------------------------------------------------------------------------------------------------
# Drawing one page (SVG in layout points; the viewBox scales it to millimetres)
# --------------------------------------------------------------------------------------------------

def _symbol_svg(shape: str, kind: str, box: tuple[float, float, float, float]) -> str:
    left, top, right, bottom = box
    cx, cy = (left + right) / 2, (top + bottom) / 2
    w, h = right - left, bottom - top
    if shape == "keputusan":
        return (f'<polygon points="{cx:.2f},{top:.2f} {right:.2f},{cy:.2f} {cx:.2f},{bottom:.2f} '
                f'{left:.2f},{cy:.2f}"/>')
    if shape == "penghubung":
        return f'<circle cx="{cx:.2f}" cy="{cy:.2f}" r="{min(w, h) / 2:.2f}"/>'
    radius = min(h / 2, 22.0) if shape == "terminator" else 0.0
    return (f'<rect x="{left:.2f}" y="{top:.2f}" width="{w:.2f}" height="{h:.2f}" rx="{radius:.2f}" '
            f'ry="{radius:.2f}"/>')


def _text_svg(lines: list[str], cx: float, cy: float, size: float, css: str) -> str:
    step = size * 1.2
    first = cy - step * (len(lines) - 1) / 2 + size * 0.35
    return "".join(f'<text class="{css}" x="{cx:.2f}" y="{first + i * step:.2f}" font-size="{size:g}">{esc(line)}</text>'
                   for i, line in enumerate(lines))


def _connector_svg(x: float, y: float, size: float, letter: str, down: bool) -> str:
    """An off-page connector (pentagon pointing down the page, or up for a line that goes back up)."""
    w, h = size * 0.9, size
    top, bottom = y - h / 2, y + h / 2
    if down:
        points = [(x - w / 2, top), (x + w / 2, top), (x + w / 2, y + h / 6), (x, bottom), (x - w / 2, y + h / 6)]
    else:
        points = [(x, top), (x + w / 2, y - h / 6), (x + w / 2, bottom), (x - w / 2, bottom), (x - w / 2, y - h / 6)]
    text = " ".join(f"{a:.2f},{b:.2f}" for a, b in points)
    return (f'<g class="sop-paper-connector" data-letter="{esc(letter)}"><polygon points="{text}"/>'
            f'<text x="{x:.2f}" y="{y + size * 0.12:.2f}" font-size="{size * 0.5:.2f}">{esc(letter)}</text></g>')


def _clip(points: list[tuple[float, float]], top: float, bottom: float) -> list[tuple[list[tuple[float, float]],
                                                                                     str | None, str | None]]:
    """The pieces of a polyline inside [top, bottom]: (points, how it enters, how it leaves), where a crossing
    is ``"top"`` or ``"bottom"`` (None: the piece starts or ends at the line's own end)."""
    pieces: list[tuple[list[tuple[float, float]], str | None, str | None]] = []
    current: list[tuple[float, float]] = []
    entered: str | None = None
    for (x1, y1), (x2, y2) in zip(points, points[1:]):
        inside1 = top <= y1 <= bottom
        if not current and inside1:
            current = [(x1, y1)]
        for edge, at in (("top", top), ("bottom", bottom)):
            if min(y1, y2) < at < max(y1, y2) and x1 == x2:
                if current:  # leaves through this edge
                    current.append((x1, at))
                    pieces.append((current, entered, edge))
                    current = []
                else:  # enters through it
                    current = [(x1, at)]
                    entered = edge
        if current and top <= y2 <= bottom:
            current.append((x2, y2))
    if current:
        pieces.append((current, entered, None))
    return [(p, a, b) for p, a, b in pieces if len(p) > 1]


SYMBOL_TEXT_PT = 7.0
"""Text in a symbol on paper; signed originals print 5.4-8.8 pt (shared/reference/real-pdf-anatomy.md)."""
PT_MM = 25.4 / 72
LABEL_PT = 5.5


def _paper_symbol_text(symbol, box_height: float, scale: float) -> tuple[list[str], float]:
    """What a symbol says on paper, and its size in layout units. A step's symbol carries its number, at a size
    one can read: the Kegiatan column beside it holds the text, as on the signed originals (the web drawing,
    scaled down to the lanes' width, would print it at about 4 pt). Own text (a decision's question) stays."""
    numbered = symbol.step is not None and symbol.text and symbol.text[0].startswith(f"{symbol.step}.")
    if numbered:
        return [str(symbol.step)], min(SYMBOL_TEXT_PT * PT_MM / scale, box_height * 0.6)
    return symbol.text, 11.0 if symbol.shape == "keputusan" else 12.0


def _page_svg(view: PaperView, p: int, chart_index: int, letters: dict[tuple[int, int, float], str]) -> str:
    layout, page = view.layout, view.pages[p]
    width = layout.width
    height = page.height
    body = []
    # lane lines and row lines continue the table's borders through the drawing
    for k in range(1, len(layout.lanes)):
        x = k * layout.lane_width
        body.append(f'<line class="sop-paper-grid" x1="{x:.2f}" y1="0" x2="{x:.2f}" y2="{height:.2f}"/>')
    y = 0.0
    for h in page.heights[:-1]:
        y += h / view.scale
        body.append(f'<line class="sop-paper-grid" x1="0" y1="{y:.2f}" x2="{width:.2f}" y2="{y:.2f}"/>')
    rows = set(page.rows)
    last = p == len(view.pages) - 1
    for symbol in layout.symbols:
        if not (symbol.row in rows or (last and symbol.row >= layout.table_rows)):
            continue
        left, top, right, bottom = symbol.box
        box = (left, page.y(top), right, page.y(bottom))
        ident = ""
        if symbol.kind == "step" and symbol.step is not None:
            ident = f' id="paper{chart_index}-{symbol.id}"'
        data = f' data-step="{symbol.step}"' if symbol.step is not None else ' data-step="selesai"'
        node = f' data-node="{symbol.node}"' if symbol.node is not None else ""
        lines, size = _paper_symbol_text(symbol, box[3] - box[1], view.scale)
        text = _text_svg(lines, (left + right) / 2, (box[1] + box[3]) / 2, size, "sop-paper-symbol-text")
        body.append(f'<g class="sop-paper-symbol sop-paper-{symbol.shape} sop-paper-{symbol.kind}"{ident}{data}{node}>'
                    f"{_symbol_svg(symbol.shape, symbol.kind, box)}{text}</g>")
    size = CONNECTOR_MM / view.scale * 0.8
    for edge in layout.edges:
        mapped = [(x, page.y(y)) for x, y in edge.points]
        top, bottom = page.room_top, page.y(page.bottom)
        source, target = layout.by_id[edge.source], layout.by_id[edge.target]
        data = (f' data-source-node="{source.node}" data-target-node="{"" if target.node is None else target.node}"'
                f' data-label="{esc((edge.label or "").replace(chr(10), " "))}" data-edge="{edge.index}" data-kind="{edge.kind}"')
        css = {"flow": "sop-paper-arrow", "inline": "sop-paper-arrow", "link": "sop-paper-arrow sop-paper-dashed"}
        for points, enters, leaves in _clip(mapped, top, bottom):
            marks = []
            if enters:
                x, y0 = points[0]
                key = (edge.index, p - 1 if enters == "top" else p, x)
                cy = page.room_top / 2 if enters == "top" else bottom + page.room_bottom / 2
                marks.append(_connector_svg(x, cy, size, letters[key], enters == "top"))
                points = [(x, cy + size / 2 if enters == "top" else cy - size / 2)] + points[1:]
            if leaves:
                x, _ = points[-1]
                key = (edge.index, p - 1 if leaves == "top" else p, x)
                cy = page.room_top / 2 if leaves == "top" else bottom + page.room_bottom / 2
                marks.append(_connector_svg(x, cy, size, letters[key], leaves == "bottom"))
                points = points[:-1] + [(x, cy - size / 2 if leaves == "bottom" else cy + size / 2)]
            arrow = edge.kind != "link" and (leaves is not None or points[-1] == mapped[-1])
            d = "M" + " L".join(f"{x:.2f},{y:.2f}" for x, y in points)
            marker = ' marker-end="url(#sop-paper-arrow)"' if arrow else ""
            body.append(f'<path class="{css[edge.kind]}"{data} d="{d}"{marker}/>' + "".join(marks))
        if edge.label and edge.label_box:
            left, top_, right, bottom_ = edge.label_box
            cy = (top_ + bottom_) / 2
            if page.top <= cy <= page.bottom or (last and cy > page.bottom):
                # at least LABEL_PT on paper (originals print arrow labels at 5.5-11 pt), centred where placed
                widest = max(map(len, edge.label.split("\n")))
                size = max(10.0, min(LABEL_PT * PT_MM / view.scale, (right - left) * 2.2 / widest))
                body.append(_text_svg(edge.label.split("\n"), (left + right) / 2, page.y(cy), size,
                                      "sop-paper-label"))
    return (f'<svg class="sop-paper-flow" viewBox="0 0 {width:.2f} {height:.2f}" '
            f'style="width:{width * view.scale:.2f}mm;height:{height * view.scale:.2f}mm;--sop-stroke:{0.3 / view.scale:.2f}" '
            'role="img" '
            f'aria-label="Simbol bagan alir halaman {p + 1}">'
            '<defs><marker id="sop-paper-arrow" viewBox="0 0 6 6" refX="5.5" refY="3" markerWidth="7" '
            'markerHeight="7" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L6,3 L0,6 z"/></marker></defs>'
            f"{''.join(body)}</svg>")


def _crossing_letters(view: PaperView) -> dict[tuple[int, int, float], str]:
    """(edge, page break, x) -> letter of every line that crosses a page break; the author's letter first."""
    taken = set(view.breaks.values())
    fresh = _letters(taken)
    out: dict[tuple[int, int, float], str] = {}
    for b, page in enumerate(view.pages[:-1]):
        at = page.bottom
        author = view.breaks.get(page.rows[-1])
        for edge in view.layout.edges:
            for (x1, y1), (x2, y2) in zip(edge.points, edge.points[1:]):
                if x1 == x2 and min(y1, y2) < at < max(y1, y2):
                    key = (edge.index, b, x1)
                    if key not in out:
                        out[key] = author if author else next(fresh)
                        author = None
    return out


def page_svgs(view: PaperView, chart_index: int) -> list[str]:
    letters = _crossing_letters(view)
    return [_page_svg(view, p, chart_index, letters) for p in range(len(view.pages))]


# --------------------------------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------------------------------

def _cell_list(items: list[str]) -> list[str]:
    return list(items) or ["-"]


def flowchart_pages(sop: Sop, chart: Flowchart, chart_index: int, closing: str = "",
                    template_dirs: tuple[str, ...] = ()) -> str:
    """The flowchart table of one chart, as printed pages."""
    lanes = len(chart.performers)
    layout = flowchart_layout(chart)
    lane_columns = max(lanes, len(layout.lanes))
    fixed = COL_NO + COL_KEGIATAN + COL_KELENGKAPAN + COL_WAKTU + COL_OUTPUT + COL_KETERANGAN
    lane_area = PAGE_WIDTH_MM - fixed
    view = paper_view(chart, layout, lane_area, SIGNATURE_MM if closing else 0.0)
    svgs = page_svgs(view, chart_index)
    drawn = layout.width * view.scale
    lane_width = drawn / lane_columns
    kegiatan = COL_KEGIATAN + (lane_area - drawn)  # a narrower drawing leaves its room to the text
    widths = ([COL_NO, kegiatan] + [lane_width] * lane_columns
              + [COL_KELENGKAPAN, COL_WAKTU, COL_OUTPUT, COL_KETERANGAN])
    titles = chart.titles or JudulKolom()
    merged = merged_cells(chart)
    pages = []
    for p, page in enumerate(view.pages):
        rows = []
        for i, r in enumerate(page.rows):
            step = chart.steps[r]
            cells = {}
            for key, default in (("kelengkapan", _cell_list(step.kelengkapan)), ("waktu", [step.waktu or "-"]),
                                 ("output", _cell_list(step.output))):
                span, text = merged.get((key, r), (1, None))
                if span == 0 and i > 0:
                    cells[key] = None  # covered by the merged cell above, on this page
                    continue
                if span == 0:  # a merged cell continued from the previous page
                    first = max(f for (k, f), (s, _) in merged.items() if k == key and s > 0 and f < r)
                    span, text = merged[(key, first)][0] - (r - first), merged[(key, first)][1]
                span = min(span, page.rows[-1] - r + 1)
                cells[key] = {"span": span, "lines": [text] if text is not None else default}
            rows.append({"no": step.no, "height": f"{page.heights[i]:.2f}", "kegiatan": step.kegiatan,
                         "cells": cells, "keterangan": step.keterangan or ""})
        pages.append({"rows": rows, "svg": templates.trusted(svgs[p])})
    extra = [""] * (lane_columns - lanes)
    return templates.render(
        "paper_flowchart.html", template_dirs,
        chart_index=chart_index, sop=sop, chart=chart, pages=pages, performers=[p.nama for p in chart.performers] + extra,
        widths=[f"{w:.2f}" for w in widths], titles=titles,
        title=sop.nama + (f" — {chart.name}" if chart.name else ""),
        closing=templates.trusted(closing), lanes=lane_columns)
