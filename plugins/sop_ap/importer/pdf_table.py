"""The flowchart table of PDF pages: its columns from the two-level header ("Pelaksana" over the lanes,
"Mutu Baku" over Kelengkapan | Waktu | Output), and its rows from the ruling lines. Pages without a
header continue the table of the page before when their column rules line up with it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .pdf_page import Page, Word, break_decision, classify, lines_of, text_of, unsure


def maybe_broken(words: list[Word], span: tuple[float, float], vocabulary: dict[str, int]) -> bool:
    """A title where a line may end inside a word that a narrow cell broke, and the document cannot tell."""
    lines = lines_of(words)
    return any(not break_decision(a, b, span, vocabulary)[1] for a, b in zip(lines, lines[1:]))


KINDS = [
    ("no", r"^no\.?$|^nomor$"),
    ("kegiatan", r"kegiatan|aktivitas|uraian|prosedur"),
    ("kelengkapan", r"kelengkapan|persyaratan|perlengkapan|^input|sumber\s+data|masukan|syarat"),
    ("waktu", r"^waktu"),
    ("output", r"^output|keluaran|^hasil"),
    ("keterangan", r"^ket"),
]
HEADER_WORD = re.compile(r"(?i)^waktu$")
NUMBER_ROW = re.compile(r"^\(\d+\)$")


@dataclass
class Columns:
    """Column x ranges of one flowchart table, and the titles as printed."""

    spans: dict[str, tuple[float, float]]
    lanes: list[tuple[float, float]]
    lane_names: list[str]
    titles: dict[str, str] = field(default_factory=dict)
    doubtful: set[int] = field(default_factory=set)
    """Lanes whose title may hold a word broken by the narrow cell."""

    @property
    def lane_area(self) -> tuple[float, float]:
        return (self.lanes[0][0], self.lanes[-1][1]) if self.lanes else (0.0, 0.0)

    def boundaries(self) -> list[float]:
        xs = {round(x, 1) for span in self.spans.values() for x in span}
        xs |= {round(x, 1) for lane in self.lanes for x in lane}
        return sorted(xs)

    def lane_of(self, x: float) -> int | None:
        return next((i for i, (a, b) in enumerate(self.lanes) if a - 1 <= x <= b + 1), None)


@dataclass
class Row:
    page: int
    top: float
    bottom: float
    cells: dict[str, str]
    merged_above: set[str] = field(default_factory=set)
    doubtful: set[str] = field(default_factory=set)
    """Cells where a line may end inside a word broken without a hyphen."""
    unclear: set[str] = field(default_factory=set)
    """Cells with words that OCR read without confidence."""


@dataclass
class TablePage:
    """The part of a flowchart table on one page."""

    page: Page
    columns: Columns
    header_top: float | None
    top: float
    bottom: float
    rows: list[Row]
    title: str = ""


def _kind(title: str) -> str | None:
    low = " ".join(title.lower().split())
    return next((kind for kind, pattern in KINDS if re.search(pattern, low)), None)


def find_header(page: Page) -> tuple[Columns, float, float] | None:
    """(columns, header top, header bottom) of a flowchart table header on the page, or None."""
    for word in page.words:
        if not HEADER_WORD.match(word.text):
            continue
        cell = page.cell_at(word.cx, word.cy)
        if cell is None:
            continue
        left, top, right, bottom = cell
        above = page.cell_at(word.cx, top - 1.5)
        header_top = top
        if above is not None and re.search(r"(?i)mutu|baku", text_of(page.words_in(*above))):
            header_top = above[1]
        middle = (top + bottom) / 2
        xs = sorted(r.pos for r in page.vrules if r.covers(middle, 0.5) and r.start <= middle <= r.end)
        if len(xs) < 5:
            continue
        intervals = [(a, b) for a, b in zip(xs, xs[1:]) if b - a > 4]
        titles, broken = [], []
        for a, b in intervals:
            words = [w for w in page.words_in(a, header_top - 1, b, bottom + 1)
                     if (c := page.cell_at(w.cx, w.cy)) is not None and abs(c[0] - a) < 2.5 and abs(c[2] - b) < 2.5]
            titles.append(text_of(words, span=(a, b), vocabulary=page.vocabulary))
            broken.append(maybe_broken(words, (a, b), page.vocabulary))
        kinds = [_kind(t) for t in titles]
        if "kegiatan" not in kinds or "waktu" not in kinds:
            continue
        k = kinds.index("kegiatan")
        first_mutu = next((i for i in range(k + 1, len(kinds)) if kinds[i] in ("kelengkapan", "waktu", "output")), None)
        if first_mutu is None or first_mutu == k + 1:
            continue
        spans: dict[str, tuple[float, float]] = {}
        shown: dict[str, str] = {}
        for i, (span, kind) in enumerate(zip(intervals, kinds)):
            if k < i < first_mutu or kind is None or kind in spans:
                continue
            spans[kind], shown[kind] = span, titles[i]
        if "no" not in spans and k > 0:
            spans["no"] = intervals[k - 1]  # the No column with an empty or merged title
        lanes = intervals[k + 1:first_mutu]
        doubtful = {i for i, flag in enumerate(broken[k + 1:first_mutu]) if flag}
        return Columns(spans, lanes, titles[k + 1:first_mutu], shown, doubtful), header_top, bottom
    return None


def _continues(page: Page, columns: Columns) -> bool:
    """A headerless page whose vertical rules line up with the previous table's columns."""
    xs = [r.pos for r in page.vrules if r.end - r.start > 8]
    wanted = columns.boundaries()
    hits = sum(any(abs(x - b) < 2.5 for x in xs) for b in wanted)
    return hits >= max(4, 0.7 * len(wanted))


def lane_spill(page: Page, columns: Columns) -> set[int]:
    """Words of a lane's text (an exit label) that run on past the lanes into the next column."""
    left, right = columns.lane_area
    chained = [w for w in page.words if left <= w.cx <= right]
    spill: set[int] = set()
    for word in sorted((w for w in page.words if w.cx > right), key=lambda w: w.x0):
        if any(abs(word.cy - c.cy) < 1.0 and 0 <= word.x0 - c.x1 < 1.6 * word.size and c.x0 < right + 30
               for c in chained) and word.x0 - right < 40:
            chained.append(word)
            spill.add(id(word))
    return spill


def _rows(page: Page, columns: Columns, start: float) -> tuple[list[Row], float, float]:
    kx = sum(columns.spans["kegiatan"]) / 2
    spill = lane_spill(page, columns)
    # a connector's letter that spills into a text column belongs to the drawing, not to the cell
    connectors = [s for s in page.shapes if max(s.w, s.h) < 30 and classify(s) in ("connector", "circle")]
    spill |= {id(w) for w in page.words if any(s.encloses(w.cx, w.cy) for s in connectors)}
    levels = sorted({round(r.pos, 1) for r in page.hrules if r.pos >= start - 1.5 and r.covers(kx, 0.5)})
    merged: list[float] = []
    for y in levels:
        if not merged or y - merged[-1] > 2.0:
            merged.append(y)
    rows: list[Row] = []
    for top, bottom in zip(merged, merged[1:]):
        if bottom - top < 3:
            continue
        cells: dict[str, str] = {}
        doubtful: set[str] = set()
        unclear: set[str] = set()
        for kind, (a, b) in columns.spans.items():
            doubts: list[str] = []
            words = [w for w in page.words_in(a, top, b, bottom) if id(w) not in spill]
            cells[kind] = text_of(words, span=(a, b), vocabulary=page.vocabulary, doubts=doubts)
            if doubts:
                doubtful.add(kind)
            if unsure(words) or any(a <= d.cx <= b and top <= d.cy <= bottom for d in page.dropped):
                unclear.add(kind)
        non_empty = [v for v in cells.values() if v]
        if non_empty and all(NUMBER_ROW.match(v) for v in non_empty):
            continue  # the column-number row (1) (2) (3) ...
        if not non_empty:
            lane_words = page.words_in(columns.lane_area[0], top, columns.lane_area[1], bottom)
            if not lane_words and not any(top <= s.cy <= bottom and columns.lane_area[0] <= s.cx <= columns.lane_area[1]
                                          for s in page.shapes):
                continue
        above = {kind for kind, (a, b) in columns.spans.items()
                 if not any(abs(r.pos - top) <= 2.0 and r.covers((a + b) / 2, 0.5) for r in page.hrules)}
        rows.append(Row(page.number, top, bottom, cells, above, doubtful, unclear))
    return rows, (merged[0] if merged else start), (merged[-1] if merged else start)


def _title(page: Page, header_top: float) -> str:
    words = [w for w in page.words if w.bottom < header_top - 0.5 and page.cell_at(w.cx, w.cy) is None]
    lines = [w for w in words if w.top > header_top - 40]
    return text_of(lines)


def read_tables(pages: list[Page]) -> list[list[TablePage]]:
    """Flowchart tables, each as its pages in order. A header whose numbering starts again, or whose
    lanes differ, starts a new table; a repeated header with the numbering going on continues it."""
    tables: list[list[TablePage]] = []
    columns: Columns | None = None
    for page in pages:
        header = find_header(page)
        if header is not None:
            cols, header_top, header_bottom = header
            rows, _, bottom = _rows(page, cols, header_bottom)
            part = TablePage(page, cols, header_top, header_bottom, bottom, rows, _title(page, header_top))
            previous = tables[-1] if tables else None
            first, last = _first_number(rows), (_last_number(previous) if previous else None)
            restarts = first is not None and last is not None and first <= last
            if previous is not None and columns is not None and cols.lane_names == columns.lane_names \
                    and not restarts:
                previous.append(part)
            else:
                tables.append([part])
            columns = cols
        elif columns is not None and tables and _continues(page, columns):
            rows, top, bottom = _rows(page, columns, 0.0)
            if rows:
                tables[-1].append(TablePage(page, columns, None, top, bottom, rows))
    return tables


def _number(text: str) -> int | None:
    match = re.match(r"^\s*(\d{1,3})\s*[.)]?\s*$", text or "")
    return int(match[1]) if match else None


def _first_number(rows: list[Row]) -> int | None:
    return next((n for r in rows if (n := _number(r.cells.get("no", ""))) is not None), None)


def _last_number(parts: list[TablePage]) -> int | None:
    numbers = [n for p in parts for r in p.rows if (n := _number(r.cells.get("no", ""))) is not None]
    return numbers[-1] if numbers else None
