"""The paper layout of an SOP: what "Cetak" prints, like the signed document, on A4 landscape.

Page 1 is the identity part (header block and the six boxes). The flowchart table follows, split
into pages between rows: ``No | Kegiatan | one column per pelaksana | Kelengkapan | Waktu | Output |
Keterangan``. The symbols are drawn inside the pelaksana columns of the table: on each page one cell
spans the pelaksana columns and all rows, and holds an SVG whose geometry matches the fixed row
height and column widths (in millimetres). Arrows run down and along row boundaries, loops back run
in a gutter on the left of the lanes, and flow that crosses a page goes through a pair of lettered
off-page connectors (pentagons). The last page carries the signature block.

No MkDocs, no Graphviz. The identity page, the signature block and the wrapper are templates
(``paper.html``, ``paper_identity.html``, ``paper_letterhead.html``, ``paper_signature.html``); the flowchart
pages are built here, every SOP text HTML-escaped.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass

from ..engine.checks import chart_columns
from ..engine.flow import FlowGraph
from ..engine.model_symbols import JudulKolom
from ..engine.symbols import drawing_gaps
from ..engine.model import Flowchart, Sop
from .html_text import esc
from .letterhead import letterhead_context
from .templates import render, trusted
from ..source.registry import Registry, SopEntry

PAGE_WIDTH_MM = 270.0
"""A4 landscape (297 mm) less 10 mm margins on both sides, less room for the table's borders."""
BODY_HEIGHT_MM = 160.0
"""Room for step rows on one page, below the repeated header (190 mm less the header and the title)."""
COL_NO, COL_KEGIATAN, COL_KELENGKAPAN, COL_WAKTU, COL_OUTPUT, COL_KETERANGAN = 9.0, 62.0, 34.0, 17.0, 34.0, 22.0
LINE_MM = 3.4
"""Height of one line of 7.5 pt text."""
CHARS_PER_MM = 0.62
"""Characters of 7.5 pt text per millimetre of column width (a conservative estimate)."""
MIN_ROW_MM, MAX_ROW_MM = 17.0, 40.0
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _lines(text: str, width_mm: float) -> int:
    per_line = max(1, int(width_mm * CHARS_PER_MM))
    words = text.split()
    lines, current = 1, 0
    for word in words:
        length = len(word)
        if current and current + 1 + length > per_line:
            lines += 1
            current = 0
        lines += (length - 1) // per_line if length > per_line else 0
        current = (current + 1 + length) if current else min(length, per_line)
    return lines


def row_height(chart: Flowchart) -> float:
    """One row height for the whole table: enough for the longest cell, within bounds."""
    need = MIN_ROW_MM
    for step in chart.steps:
        cells = [(step.kegiatan, COL_KEGIATAN), (", ".join(step.kelengkapan), COL_KELENGKAPAN),
                 (", ".join(step.output), COL_OUTPUT), (step.keterangan or "", COL_KETERANGAN)]
        lines = max(_lines(text, width - 2) for text, width in cells)
        need = max(need, lines * LINE_MM + 3)
    return min(need, MAX_ROW_MM)


@dataclass(frozen=True)
class Geometry:
    """Sizes of the pelaksana area on paper (millimetres)."""

    lanes: int
    lane_width: float
    row: float

    @property
    def width(self) -> float:
        return self.lanes * self.lane_width

    def x(self, lane: int) -> float:
        return (lane + 0.5) * self.lane_width

    def y(self, row: int) -> float:
        return (row + 0.5) * self.row

    @property
    def symbol_w(self) -> float:
        return min(self.lane_width * 0.72, 22.0)

    @property
    def symbol_h(self) -> float:
        return min(self.row * 0.45, 9.0)


def _symbol(kind: str, cx: float, cy: float, g: Geometry, number: int, step_id: str) -> str:
    w, h = g.symbol_w, g.symbol_h
    if kind == "keputusan":
        w, h = w * 1.1, h * 1.35
        shape = (f'<polygon points="{cx:.2f},{cy - h / 2:.2f} {cx + w / 2:.2f},{cy:.2f} {cx:.2f},{cy + h / 2:.2f} '
                 f'{cx - w / 2:.2f},{cy:.2f}"/>')
    elif kind == "terminator":
        shape = (f'<rect x="{cx - w / 2:.2f}" y="{cy - h / 2:.2f}" width="{w:.2f}" height="{h:.2f}" '
                 f'rx="{h / 2:.2f}" ry="{h / 2:.2f}"/>')
    else:
        shape = f'<rect x="{cx - w / 2:.2f}" y="{cy - h / 2:.2f}" width="{w:.2f}" height="{h:.2f}"/>'
    return (f'<g class="sop-paper-symbol sop-paper-{kind}" data-step="{number}" {step_id}>{shape}'
            f'<text x="{cx:.2f}" y="{cy + 1.2:.2f}">{number}</text></g>')


def _connector(cx: float, cy: float, letter: str, pointing_down: bool = True) -> str:
    """An off-page connector: a pentagon with its letter."""
    w, h = 5.6, 5.2
    top, bottom = cy - h / 2, cy + h / 2
    if pointing_down:
        points = f"{cx - w / 2:.2f},{top:.2f} {cx + w / 2:.2f},{top:.2f} {cx + w / 2:.2f},{cy + h / 6:.2f} " \
                 f"{cx:.2f},{bottom:.2f} {cx - w / 2:.2f},{cy + h / 6:.2f}"
    else:
        points = f"{cx:.2f},{top:.2f} {cx + w / 2:.2f},{cy - h / 6:.2f} {cx + w / 2:.2f},{bottom:.2f} " \
                 f"{cx - w / 2:.2f},{bottom:.2f} {cx - w / 2:.2f},{cy - h / 6:.2f}"
    return (f'<g class="sop-paper-connector" data-letter="{letter}"><polygon points="{points}"/>'
            f'<text x="{cx:.2f}" y="{cy + 1.1:.2f}">{letter}</text></g>')


def _path(points: list[tuple[float, float]], arrow: bool = True) -> str:
    d = "M" + " L".join(f"{x:.2f},{y:.2f}" for x, y in points)
    marker = ' marker-end="url(#sop-paper-arrow)"' if arrow else ""
    return f'<path class="sop-paper-arrow" d="{d}"{marker}/>'


def _label(x: float, y: float, text: str) -> str:
    return f'<text class="sop-paper-label" x="{x:.2f}" y="{y:.2f}">{esc(text)}</text>'


def _letters() -> Iterator[str]:
    """Off-page connector labels without end: A … Z, AA … ZZ, AAA …"""
    for size in itertools.count(1):
        for letters in itertools.product(LETTERS, repeat=size):
            yield "".join(letters)


def _page_svgs(chart: Flowchart, chart_index: int, g: Geometry, pages: list[range]) -> list[str]:
    """One SVG per page chunk: lane lines, row lines, symbols, arrows and off-page connectors."""
    graph = FlowGraph(chart)
    columns = chart_columns(chart)
    page_of = {row: p for p, rows in enumerate(pages) for row in rows}
    parts: list[list[str]] = [[] for _ in pages]
    letters = _letters()
    half_w, half_h = g.symbol_w / 2, g.symbol_h / 2

    def local_y(row: int) -> float:
        return g.y(row - pages[page_of[row]].start)

    def exit_point(row: int, side: str) -> tuple[float, float]:
        cx, cy = g.x(columns[row][0]), local_y(row)
        decision = chart.steps[row].simbol == "keputusan"
        w = half_w * (1.1 if decision else 1)
        h = half_h * (1.35 if decision else 1)
        return {"s": (cx, cy + h), "n": (cx, cy - h), "w": (cx - w, cy), "e": (cx + w, cy)}[side]

    for row, step in enumerate(chart.steps):
        if not columns[row]:
            continue
        page = page_of[row]
        for i, col in enumerate(columns[row]):
            step_id = f'id="paper{chart_index}-step-{step.no}"' if i == 0 else ""
            parts[page].append(_symbol(step.simbol, g.x(col), local_y(row), g, step.no, step_id))
        for col in columns[row][1:]:
            a, b = exit_point(row, "e"), (g.x(col) - half_w, local_y(row))
            parts[page].append(f'<path class="sop-paper-arrow sop-paper-dashed" d="M{a[0]:.2f},{a[1]:.2f} '
                               f'L{b[0]:.2f},{b[1]:.2f}"/>')
        for edge in graph.successors[row]:
            if edge.target is None or not columns[edge.target]:
                continue
            target = edge.target
            tx = g.x(columns[target][0])
            label = edge.label
            if page_of[target] != page:
                letter = next(letters)
                if target > row:
                    sx, sy = exit_point(row, "s")
                    cy = min(sy + 4.5, (row - pages[page].start + 1) * g.row - 3)
                    parts[page].append(_path([(sx, sy), (sx, cy - 2.6)]))
                    parts[page].append(_connector(sx, cy, letter))
                else:
                    sx, sy = exit_point(row, "w")
                    cx = sx - 5
                    parts[page].append(_path([(sx, sy), (cx + 2.9, sy)]))
                    parts[page].append(_connector(cx, sy, letter))
                if label:
                    parts[page].append(_label(sx + 1.5, sy + 3.5, label))
                ty_top = local_y(target) - g.row / 2 + 3.2
                parts[page_of[target]].append(_connector(tx, ty_top, letter))
                parts[page_of[target]].append(_path([(tx, ty_top + 2.6), exit_point(target, "n")]))
                continue
            if target == row + 1:
                sx, sy = exit_point(row, "s")
                # the turn runs just below the row line, inside the next row, so it stays visible
                turn = (row - pages[page].start + 1) * g.row + min(2.2, g.row / 2 - half_h - 1)
                points = [(sx, sy), (sx, turn), (tx, turn), exit_point(target, "n")]
                if abs(sx - tx) < 0.01:
                    points = [(sx, sy), exit_point(target, "n")]
                parts[page].append(_path(points))
                if label:
                    parts[page].append(_label(sx + 1.2, sy + 3.2, label))
            elif target > row + 1:
                sx, sy = exit_point(row, "e")
                gutter = g.x(columns[row][0]) + g.lane_width / 2 - 1.2
                ex, ey = exit_point(target, "e")
                if ex > gutter:
                    gutter = ex + 2
                parts[page].append(_path([(sx, sy), (gutter, sy), (gutter, ey), (ex, ey)]))
                if label:
                    parts[page].append(_label(sx + 1, sy - 1.2, label))
            else:  # a loop back: along the left gutter of the lanes involved
                sx, sy = exit_point(row, "w")
                left_lane = min(columns[row][0], columns[target][0])
                gutter = left_lane * g.lane_width + 1.2
                ex, ey = exit_point(target, "w")
                parts[page].append(_path([(sx, sy), (gutter, sy), (gutter, ey), (ex, ey)]))
                if label:
                    parts[page].append(_label(gutter + 1, sy - 1.2, label))
    out = []
    for p, rows in enumerate(pages):
        height = len(rows) * g.row
        grid = "".join(f'<line class="sop-paper-grid" x1="{i * g.lane_width:.2f}" y1="0" x2="{i * g.lane_width:.2f}" '
                       f'y2="{height:.2f}"/>' for i in range(1, g.lanes))
        grid += "".join(f'<line class="sop-paper-grid" x1="0" y1="{r * g.row:.2f}" x2="{g.width:.2f}" '
                        f'y2="{r * g.row:.2f}"/>' for r in range(1, len(rows)))
        out.append(
            f'<svg class="sop-paper-flow" viewBox="0 0 {g.width:.2f} {height:.2f}" '
            f'style="width:{g.width:.2f}mm;height:{height:.2f}mm" role="img" '
            f'aria-label="Simbol bagan alir halaman {p + 1}">'
            '<defs><marker id="sop-paper-arrow" viewBox="0 0 6 6" refX="5.5" refY="3" markerWidth="2.6" '
            'markerHeight="2.6" orient="auto"><path d="M0,0 L6,3 L0,6 z"/></marker></defs>'
            f"{grid}{''.join(parts[p])}</svg>"
        )
    return out


def _pages(count: int, row: float) -> list[range]:
    per_page = max(1, math.floor(BODY_HEIGHT_MM / row))
    return [range(start, min(start + per_page, count)) for start in range(0, count, per_page)]


def _cell_list(items: list[str]) -> str:
    return "<br>".join(esc(x) for x in items) or "-"


SHAPE_WORD = {"terminator": "Terminator", "proses": "Proses", "keputusan": "Keputusan", "penghubung": "Penghubung"}


def flowchart_pages(sop: Sop, chart: Flowchart, chart_index: int, closing: str = "") -> str:
    """The flowchart table of one chart, as printed pages."""
    lanes = len(chart.performers)
    lane_area = PAGE_WIDTH_MM - (COL_NO + COL_KEGIATAN + COL_KELENGKAPAN + COL_WAKTU + COL_OUTPUT + COL_KETERANGAN)
    g = Geometry(lanes, lane_area / lanes, row_height(chart))
    pages = _pages(len(chart.steps), g.row)
    gaps = drawing_gaps(chart)
    svgs = [] if gaps else _page_svgs(chart, chart_index, g, pages)
    words = _lane_words(chart) if gaps else []
    widths = ([COL_NO, COL_KEGIATAN] + [g.lane_width] * lanes
              + [COL_KELENGKAPAN, COL_WAKTU, COL_OUTPUT, COL_KETERANGAN])
    colgroup = "<colgroup>" + "".join(f'<col style="width:{w:.2f}mm">' for w in widths) + "</colgroup>"
    title = esc(sop.nama) + (f" — {esc(chart.name)}" if chart.name else "")
    titles = chart.titles or JudulKolom()
    head = (
        f'<thead><tr><th rowspan="2">No</th><th rowspan="2">{esc(titles.title("kegiatan", "Kegiatan"))}</th>'
        f'<th colspan="{lanes}">PELAKSANA</th><th colspan="3">MUTU BAKU</th>'
        f'<th rowspan="2">{esc(titles.title("keterangan", "Keterangan"))}</th></tr>'
        "<tr>" + "".join(f"<th>{esc(p.nama)}</th>" for p in chart.performers)
        + "".join(f"<th>{esc(titles.title(key, default))}</th>" for key, default in
                  (("kelengkapan", "Kelengkapan"), ("waktu", "Waktu"), ("output", "Output"))) + "</tr></thead>"
    )
    merged = _merged_text(chart)
    out = []
    for p, rows in enumerate(pages):
        body = []
        for i, row in enumerate(rows):
            step = chart.steps[row]
            if gaps:  # never a misleading drawing: the symbols in words, each in its lane
                flow = "".join(f'<td class="sop-paper-text">{cell}</td>' for cell in words[row])
            else:
                flow = (f'<td class="sop-paper-lanes" colspan="{lanes}" rowspan="{len(rows)}">{svgs[p]}</td>'
                        if i == 0 else "")
            body.append(
                f'<tr style="height:{g.row:.2f}mm"><td class="sop-paper-no">{step.no}</td>'
                f'<td class="sop-paper-text">{esc(step.kegiatan)}</td>{flow}'
                f'<td class="sop-paper-text">{merged.get(("kelengkapan", row), _cell_list(step.kelengkapan))}</td>'
                f'<td class="sop-paper-text">{merged.get(("waktu", row), esc(step.waktu or "-"))}</td>'
                f'<td class="sop-paper-text">{merged.get(("output", row), _cell_list(step.output))}</td>'
                f'<td class="sop-paper-text">{esc(step.keterangan or "")}</td></tr>'
            )
        out.append(
            f'<div class="sop-paper-page sop-paper-flow-page" data-page="{p + 1}">'
            f'<p class="sop-paper-running">{title} · {esc(sop.nomor)} · halaman bagan alir {p + 1} dari '
            f"{len(pages)}</p>"
            f'<table class="sop-paper-table">{colgroup}{head}<tbody>{"".join(body)}</tbody></table>'
            f'{_gap_note(gaps) if p == 0 else ""}{_footnote(chart) if p == len(pages) - 1 else ""}'
            f'{closing if p == len(pages) - 1 else ""}</div>'
        )
    return "".join(out)


def _merged_text(chart: Flowchart) -> dict[tuple[str, int], str]:
    """(column, row) -> HTML of a merged Mutu Baku cell: its text on the first row, a pointer on the others
    (pages break between rows, so the cell is not drawn across rows on paper)."""
    numbers = {step.no: i for i, step in enumerate(chart.steps)}
    out: dict[tuple[str, int], str] = {}
    for cell in chart.merged:
        first, last = (numbers.get(n) for n in cell.langkah)
        if first is None or last is None or last <= first:
            continue
        out[(cell.kolom, first)] = f"{esc(cell.isi)} (langkah {cell.langkah[0]}–{cell.langkah[1]})"
        out.update({(cell.kolom, r): "↑ digabung" for r in range(first + 1, last + 1)})
    return out


def _gap_note(gaps: list[str]) -> str:
    if not gaps:
        return ""
    return (f'<p class="sop-paper-note">Simbol ditulis dengan kata karena bagan alir ini memuat pola yang belum dapat '
            f"digambar dengan setia: {esc(', '.join(gaps))}.</p>")


def _footnote(chart: Flowchart) -> str:
    return f'<p class="sop-paper-note">{esc(chart.footnote)}</p>' if chart.footnote else ""


def _lane_words(chart: Flowchart) -> list[list[str]]:
    """Per row, per lane: its symbols in words (shape, own text, exits)."""
    graph = FlowGraph(chart)
    out = []
    for r in range(len(chart.steps)):
        cells = []
        for col in range(len(chart.performers)):
            parts = []
            for n in graph.row_nodes[r]:
                node = graph.nodes[n]
                if col not in node.lanes:
                    continue
                exits = "; ".join((f"{e.label} → " if e.label else "→ ") + str(e.target_number)
                                  for e in graph.successors[n])
                parts.append(f"{SHAPE_WORD[node.shape]}{': ' + node.text if node.text else ''} ({exits})")
            cells.append(esc(" / ".join(parts)))
        out.append(cells)
    return out


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
               template_dirs: tuple[str, ...] = (), context: dict | None = None) -> str:
    """The whole printed SOP (template ``paper.html``): identity page, flowchart pages, signature block.
    ``context``: :func:`paper_context`, when the caller has it already (the SOP page does)."""
    sop = entry.sop
    assert sop is not None
    context = context or paper_context(entry, registry, logo_url)
    last = len(sop.flowcharts) - 1
    signature = signature_block(sop, template_dirs, context["sop"])
    charts = "".join(flowchart_pages(sop, chart, i, signature if i == last else "")
                     for i, chart in enumerate(sop.flowcharts))
    return render("paper.html", template_dirs, **context, flowchart_pages=trusted(charts))
