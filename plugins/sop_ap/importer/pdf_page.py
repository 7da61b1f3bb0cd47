"""One PDF page as a drawing: words with positions, ruling lines, closed shapes, arrowheads and the
strokes that can be arrow shafts. Read with pdfplumber, which enters Form XObjects (the wrapper that
an electronic signature puts around each page's content).

Coordinates are pdfplumber's: points, x to the right, y (``top``) downwards from the page's top edge.
Ruling lines come from whatever draws them: stroked lines, thin filled rectangles (office programs and
signing tools draw every rule that way) and thin subpaths of larger paths.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

THIN = 1.6
"""A filled or stroked thing at most this thick (pt) is a line: a table rule or an arrow shaft."""
HEAD_MAX = 9.0
"""An arrowhead is a small filled polygon, at most this wide and high (pt)."""

PAD = 3.0
"""Assumed left and right padding of a table cell (pt), to tell a word broken by a narrow cell."""

JOINERS = {"dan", "atau", "dan/atau", "di", "ke", "dari", "untuk", "yang", "&", "pada", "serta"}
"""Words that start a wrapped line on their own: never the rest of a broken word."""

Point = tuple[float, float]


class _Box:
    """The centre of anything with ``x0``, ``x1``, ``top`` and ``bottom``."""

    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Word(_Box):
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    conf: float = 100.0
    """How sure OCR is of the word (0-100); 100 for a PDF's own text."""



@dataclass
class Rule:
    """An axis-aligned ruling line: ``pos`` is y for a horizontal rule and x for a vertical one."""

    pos: float
    start: float
    end: float

    def covers(self, value: float, slack: float = 1.5) -> bool:
        return self.start - slack <= value <= self.end + slack


@dataclass
class Shape(_Box):
    """A closed path that may be a flowchart symbol."""

    x0: float
    top: float
    x1: float
    bottom: float
    vertices: list[Point]
    curved: bool

    @property
    def w(self) -> float:
        return self.x1 - self.x0

    @property
    def h(self) -> float:
        return self.bottom - self.top

    def contains(self, x: float, y: float, slack: float = 0.0) -> bool:
        return self.x0 - slack <= x <= self.x1 + slack and self.top - slack <= y <= self.bottom + slack

    def encloses(self, x: float, y: float) -> bool:
        """The point lies inside the outline itself (not only inside its box): ray casting."""
        if not self.contains(x, y, 0.5):
            return False
        pts, inside = self.vertices, False
        for (ax, ay), (bx, by) in zip(pts, pts[1:] + pts[:1]):
            if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
                inside = not inside
        return inside or self.curved  # a rounded outline's vertices cut its corners: keep the box there

    def distance(self, x: float, y: float) -> float:
        """Distance from a point to the shape's box (0 inside)."""
        dx = max(self.x0 - x, 0.0, x - self.x1)
        dy = max(self.top - y, 0.0, y - self.bottom)
        return math.hypot(dx, dy)


@dataclass
class Head:
    """An arrowhead: its centre, its tip and the unit direction it points to."""

    centre: Point
    tip: Point
    direction: Point
    size: float


@dataclass
class Page:
    number: int
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    hrules: list[Rule] = field(default_factory=list)
    vrules: list[Rule] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)
    heads: list[Head] = field(default_factory=list)
    segments: list[tuple[Point, Point]] = field(default_factory=list)
    images: int = 0
    """Pictures as wide as a table on the page."""
    dropped: list[Word] = field(default_factory=list)
    """Words OCR saw but could not read (too unsure to keep): the cells they sit in are doubtful."""
    vocabulary: dict[str, int] = field(default_factory=dict)
    """Word counts of the whole document (``vocabulary_of``), to mend words broken by narrow cells."""

    # --- cells -------------------------------------------------------------------------------------
    def cell_at(self, x: float, y: float) -> tuple[float, float, float, float] | None:
        """The table cell around a point: the nearest rules on each side that pass by it, or None."""
        left = max((r.pos for r in self.vrules if r.pos < x and r.covers(y)), default=None)
        right = min((r.pos for r in self.vrules if r.pos > x and r.covers(y)), default=None)
        top = max((r.pos for r in self.hrules if r.pos < y and r.covers(x)), default=None)
        bottom = min((r.pos for r in self.hrules if r.pos > y and r.covers(x)), default=None)
        if None in (left, right, top, bottom):
            return None
        return (round(left, 1), round(top, 1), round(right, 1), round(bottom, 1))  # type: ignore[arg-type]

    def text_words(self) -> int:
        """Words above the bottom margin (where a signature's footer sits)."""
        return sum(1 for w in self.words if w.bottom < self.height - 45)

    def words_in(self, x0: float, top: float, x1: float, bottom: float) -> list[Word]:
        return [w for w in self.words if x0 <= w.cx <= x1 and top <= w.cy <= bottom]


def lines_of(words: list[Word]) -> list[list[Word]]:
    """Words grouped into text lines, top to bottom, each line left to right."""
    out: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if out and abs(out[-1][0].cy - word.cy) < max(2.0, 0.45 * word.size):
            out[-1].append(word)
        else:
            out.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in out]


def _key(text: str) -> str:
    return text.strip(".,;:()\"'").lower()


def break_decision(previous: list[Word], line: list[Word], span: tuple[float, float] | None,
                   vocabulary: dict[str, int] | None) -> tuple[bool, bool]:
    """(joined, sure) for a line that may go on with the rest of a word that a narrow cell broke without
    a hyphen. Only a lone word whose next line starts in lower case can be broken. The document decides
    first: the joined word written elsewhere means join; both parts written elsewhere as words means two
    words. Otherwise the widths: a program breaks a word only when it does not fit alone, so the line
    then holds as many of its letters as fit, and one more would not have fitted (``sure`` is False)."""
    first = line[0]
    if span is None or len(previous) != 1 or not first.text[:1].islower() or not previous[0].text[-1:].isalpha() \
            or first.text.lower() in JOINERS:
        return False, True
    vocabulary = vocabulary or {}
    if vocabulary.get(_key(previous[0].text + first.text), 0) > 0:
        return True, True
    seen_prev, seen_rest = vocabulary.get(_key(previous[0].text), 0), vocabulary.get(_key(first.text), 0)
    if seen_prev > 1 and seen_rest > 1 and seen_prev != seen_rest and len(_key(first.text)) >= 3:
        return False, True  # both written elsewhere, and not always together (as a repeated header is)
    letter = (first.x1 - first.x0) / max(len(first.text), 1)
    return (previous[0].x1 - previous[0].x0) + 2 * letter > (span[1] - span[0]) - 2 * PAD, False


def text_of(words: list[Word], sep: str = " ", span: tuple[float, float] | None = None,
            vocabulary: dict[str, int] | None = None, doubts: list[str] | None = None) -> str:
    """The words as text, lines joined by ``sep``; a word cut by a hyphen at a line end is joined, and so
    is a word that a narrow cell (x range ``span``) broke without a hyphen (see ``break_decision``). A
    guess at such a break is added to ``doubts``."""
    text = ""
    previous: list[Word] | None = None
    for line in lines_of(words):
        part = " ".join(w.text for w in line)
        broken, sure = break_decision(previous, line, span, vocabulary) if previous is not None else (False, True)
        if not sure and doubts is not None:
            doubts.append(f"{previous[0].text}|{line[0].text}")
        if broken or (text.endswith("-") and not text.endswith(" -") and part[:1].islower()):
            text = (text[:-1] if text.endswith("-") and not broken else text) + part
        else:
            text = f"{text}{sep}{part}" if text else part
        previous = line
    return text.strip()


def vocabulary_of(pages: list["Page"]) -> dict[str, int]:
    """On how many pages each word is written (case and punctuation aside)."""
    counts: dict[str, int] = {}
    for page in pages:
        for key in {_key(word.text) for word in page.words}:  # once a page: a repeated header counts once
            counts[key] = counts.get(key, 0) + 1
    return counts


SURE = 90.0
"""OCR words below this confidence make the field they are in doubtful."""


def unsure(words: list[Word]) -> bool:
    """Any of the words read by OCR without confidence."""
    return any(w.conf < SURE for w in words)


# --- reading ---------------------------------------------------------------------------------------

def _merge(rules: list[Rule]) -> list[Rule]:
    """Collinear pieces of one rule (drawn cell by cell) merged into one."""
    groups: list[list[Rule]] = []
    for rule in sorted(rules, key=lambda r: r.pos):
        if groups and rule.pos - groups[-1][0].pos <= 0.9:
            groups[-1].append(rule)
        else:
            groups.append([rule])
    out: list[Rule] = []
    for group in groups:
        pos = sum(r.pos for r in group) / len(group)
        merged: list[Rule] = []
        for rule in sorted(group, key=lambda r: r.start):
            if merged and rule.start <= merged[-1].end + 1.5:
                merged[-1].end = max(merged[-1].end, rule.end)
            else:
                merged.append(Rule(pos, rule.start, rule.end))
        out += merged
    return out


def _subpaths(path: list[tuple]) -> list[tuple[list[Point], bool, bool]]:
    """(vertices, closed, curved) of each subpath of a pdfplumber path."""
    out: list[tuple[list[Point], bool, bool]] = []
    points: list[Point] = []
    closed = curved = False
    for op in path:
        kind = op[0]
        if kind == "m":
            if len(points) > 1:
                out.append((points, closed, curved))
            points, closed, curved = [op[1]], False, False
        elif kind == "l":
            points.append(op[1])
        elif kind == "c":
            points.append(op[-1])
            curved = True
        elif kind == "h":
            closed = True
    if len(points) > 1:
        out.append((points, closed, curved))
    return out


def _is_white(color: object) -> bool:
    if color is None:
        return False
    if isinstance(color, (int, float)):
        return color >= 0.95
    if isinstance(color, (tuple, list)):
        if len(color) == 4:  # CMYK
            return all(isinstance(c, (int, float)) and c <= 0.05 for c in color)
        return all(isinstance(c, (int, float)) and c >= 0.95 for c in color)
    return False


def _area(points: list[Point]) -> float:
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(points, points[1:] + points[:1]))) / 2


def _head(points: list[Point]) -> Head:
    pts = points[:-1] if len(points) > 3 and math.dist(points[0], points[-1]) < 0.3 else points
    cx = sum(p[0] for p in pts) / len(pts)
    cy = sum(p[1] for p in pts) / len(pts)
    tip = max(pts, key=lambda p: math.dist(p, (cx, cy)))
    length = math.dist(tip, (cx, cy)) or 1.0
    size = max(max(p[0] for p in pts) - min(p[0] for p in pts), max(p[1] for p in pts) - min(p[1] for p in pts))
    return Head((cx, cy), tip, ((tip[0] - cx) / length, (tip[1] - cy) / length), size)


def _add_path(page: Page, points: list[Point], closed: bool, curved: bool, filled: bool, stroked: bool,
              white: bool, hr: list[Rule], vr: list[Rule]) -> None:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
    w, h = x1 - x0, bottom - top
    if max(w, h) < 0.8:
        return
    if min(w, h) <= THIN and (filled or stroked) and not white:
        if w >= h:
            hr.append(Rule((top + bottom) / 2, x0, x1))
            page.segments.append(((x0, (top + bottom) / 2), (x1, (top + bottom) / 2)))
        else:
            vr.append(Rule((x0 + x1) / 2, top, bottom))
            page.segments.append((((x0 + x1) / 2, top), ((x0 + x1) / 2, bottom)))
        return
    if filled and not white and max(w, h) <= HEAD_MAX and 3 <= len(points) <= 6 and not curved:
        page.heads.append(_head(points))
        return
    if closed and filled and not white and not stroked and _area(points) < 0.3 * w * h:
        # a bent arrow shaft drawn as a filled outline: its edges serve as the shaft
        page.segments += list(zip(points, points[1:] + points[:1]))
        return
    if closed or (len(points) >= 4 and math.dist(points[0], points[-1]) < 1.0):
        if w >= 5 and h >= 3.5 and (stroked or (filled and not white)):
            page.shapes.append(Shape(x0, top, x1, bottom, list(points), curved))
        return
    if stroked and not white:
        page.segments += list(zip(points, points[1:]))


def read_page(pl_page, number: int) -> Page:
    """The drawing of one pdfplumber page."""
    page = Page(number, float(pl_page.width), float(pl_page.height))
    try:
        pl_page = pl_page.dedupe_chars()
    except Exception:  # noqa: BLE001 - dedupe is an optimisation; the raw page still reads
        pass
    for w in pl_page.extract_words(extra_attrs=["size", "fontname"], keep_blank_chars=False):
        if not w.get("upright", True) and len(w["text"]) == 1:
            continue
        page.words.append(Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]),
                               float(w.get("size") or 7), "bold" in str(w.get("fontname", "")).lower()))
    hr: list[Rule] = []
    vr: list[Rule] = []
    for obj in list(pl_page.rects) + list(pl_page.lines) + list(pl_page.curves):
        path = obj.get("path") or [("m", p) for p in obj.get("pts", [])[:1]] + [("l", p) for p in obj.get("pts", [])[1:]]
        filled, stroked = bool(obj.get("fill")), bool(obj.get("stroke"))
        if obj["object_type"] == "line":
            stroked = True
        white = _is_white(obj.get("non_stroking_color") if filled and not stroked else obj.get("stroking_color"))
        if obj["object_type"] == "rect" and not obj.get("path"):
            x0, top, x1, bottom = obj["x0"], obj["top"], obj["x1"], obj["bottom"]
            path = [("m", (x0, top)), ("l", (x1, top)), ("l", (x1, bottom)), ("l", (x0, bottom)), ("h",)]
        subs = _subpaths(path)
        # a ring (outer contour and inner contour, as some producers draw a stroke): keep the outer one
        if len(subs) == 2 and filled and all(s[1] for s in subs):
            a, b = subs
            if _area(a[0]) > 0 and 0.7 < _area(b[0]) / max(_area(a[0]), 1e-6) < 1.0:
                subs = [a]
        for points, closed, curved in subs:
            _add_path(page, points, closed, curved, filled, stroked, white, hr, vr)
    # dashes (a dashed frame, a dotted leader) are no table rules
    page.hrules = [r for r in _merge(hr) if r.end - r.start >= 5.0]
    page.vrules = [r for r in _merge(vr) if r.end - r.start >= 5.0]
    page.shapes = _dedupe(page.shapes)
    heads: list[Head] = []
    for head in page.heads:  # a marker drawn twice (fill and outline) is one arrowhead
        if not any(math.dist(head.tip, h.tip) < 0.6 for h in heads):
            heads.append(head)
    page.heads = heads
    # a picture as wide as a table (a pasted flowchart or a scan), not a logo or a signature's QR code
    page.images = sum(1 for im in pl_page.images if float(im["x1"]) - float(im["x0"]) > 0.4 * page.width)
    return page


def _dedupe(shapes: list[Shape]) -> list[Shape]:
    """Fill and outline of one symbol are often separate paths: keep one of each box."""
    out: list[Shape] = []
    for shape in shapes:
        same = next((s for s in out if abs(s.x0 - shape.x0) < 1.2 and abs(s.x1 - shape.x1) < 1.2
                     and abs(s.top - shape.top) < 1.2 and abs(s.bottom - shape.bottom) < 1.2), None)
        if same is None:
            out.append(shape)
        elif len(shape.vertices) > len(same.vertices):
            out[out.index(same)] = shape
    return out


def classify(shape: Shape) -> str:
    """The symbol kind of a closed outline, from its vertices: terminator, proses, keputusan, connector
    (pentagon), circle (a connector or a short terminator: the caller decides by its text) or "?"."""
    w, h = shape.w, shape.h
    pts: list[Point] = []
    for p in shape.vertices:
        if not any(math.dist(p, q) < 0.8 for q in pts):
            pts.append(p)
    tol = max(1.0, 0.08 * min(w, h))
    corners = [(shape.x0, shape.top), (shape.x1, shape.top), (shape.x1, shape.bottom), (shape.x0, shape.bottom)]
    mids = [(shape.cx, shape.top), (shape.x1, shape.cy), (shape.cx, shape.bottom), (shape.x0, shape.cy)]
    at_corner = [any(math.dist(p, c) < tol for p in pts) for c in corners]
    at_mid = [any(math.dist(p, m) < tol for p in pts) for m in mids]
    if all(at_corner) and not shape.curved and len(pts) <= 10:
        return "proses"
    if all(at_mid) and not any(at_corner) and len(pts) <= 6 and not shape.curved:
        return "keputusan"
    if 5 <= len(pts) <= 7 and not shape.curved:
        top_pair, bottom_pair = at_corner[0] and at_corner[1], at_corner[2] and at_corner[3]
        if (top_pair and at_mid[2] and not bottom_pair) or (bottom_pair and at_mid[0] and not top_pair) \
                or (at_corner[0] and at_corner[3] and at_mid[1]) or (at_corner[1] and at_corner[2] and at_mid[3]):
            return "connector"
    if (shape.curved or len(pts) >= 12) and not any(at_corner):
        return "circle" if 0.8 <= w / max(h, 0.1) <= 1.25 else "terminator"
    return "?"


def read_pdf(path) -> list[Page]:
    """Every page of a PDF as a drawing."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [read_page(p, i + 1) for i, p in enumerate(pdf.pages)]
