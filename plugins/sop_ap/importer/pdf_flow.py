"""The symbols of a flowchart table and the arrows between them: each closed shape in the pelaksana
lanes is classified by its outline (rounded rectangle = terminator, rectangle = proses, diamond =
keputusan, pentagon or circle = connector), placed in its lane and row; each arrowhead is followed
back along its shaft to the symbol it leaves, and exit labels (Ya/Tidak …) are given to the nearest
arrow that leaves a decision. Off-page connectors are joined by their letter."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .pdf_page import Head, Page, Point, Shape, Word, classify, lines_of
from .pdf_table import TablePage, lane_spill


@dataclass
class Symbol:
    kind: str  # terminator, proses, keputusan, connector, or "?" (an outline of no known kind)
    page: int
    row: int  # index into the chart's rows
    lane: int
    text: str
    shape: Shape

    def as_dict(self) -> dict:
        return {"jenis": self.kind, "halaman": self.page, "baris": self.row, "lajur": self.lane, "teks": self.text,
                "kotak": [round(v, 1) for v in (self.shape.x0, self.shape.top, self.shape.x1, self.shape.bottom)]}


@dataclass
class Arrow:
    source: int | None  # symbol index
    target: int
    label: str = ""
    points: list[Point] = field(default_factory=list)  # from the source end to the head


def _symbols(parts: list[TablePage]) -> tuple[list[Symbol], list[tuple[int, int]]]:
    """Symbols of the chart; row index of each chart row (page part, row in part) -> chart row index."""
    symbols: list[Symbol] = []
    row_base = 0
    spans = []
    for part in parts:
        left, right = part.columns.lane_area
        labels = {id(w) for phrase in free_phrases(part) for w in phrase}
        for shape in part.page.shapes:
            if not (left - 20 <= shape.cx <= right + 1 and part.top - 12 <= shape.cy <= part.bottom + 12):
                continue
            lane = part.columns.lane_of(max(shape.cx, left + 0.5))
            if lane is None or shape.w > (part.columns.lanes[lane][1] - part.columns.lanes[lane][0]) * 1.3:
                continue
            if shape.cx < left - 1 and classify(shape) not in ("connector", "circle"):
                continue
            kind = classify(shape)
            enclosed = [w for w in part.page.words if shape.encloses(w.cx, w.cy) and id(w) not in labels]
            if kind == "circle":
                # a circle holding one letter is an off-page connector; otherwise a short terminator
                letter = len(enclosed) == 1 and len(enclosed[0].text) <= 2 and enclosed[0].text.isalpha()
                kind = "connector" if letter else "terminator"
            rows = part.rows
            row = next((i for i, r in enumerate(rows) if r.top - 0.5 <= shape.cy <= r.bottom + 0.5), None)
            if row is None:
                if kind != "connector" or not rows:
                    continue
                row = min(range(len(rows)), key=lambda i: min(abs(rows[i].top - shape.cy), abs(rows[i].bottom - shape.cy)))
            if rows and shape.h > (rows[row].bottom - rows[row].top) * 1.5 and kind != "connector":
                continue  # a table cell, not a symbol
            inside = enclosed
            symbols.append(Symbol(kind, part.page.number, row_base + row, lane,
                                  " ".join(" ".join(w.text for w in ln) for ln in lines_of(inside)), shape))
        spans.append((row_base, len(part.rows)))
        row_base += len(part.rows)
    return symbols, spans


def free_phrases(part: TablePage) -> list[list[Word]]:
    """Runs of words in the lanes (and running on past them) that are not a symbol's own text: exit
    labels and notes. A symbol's text lies wholly inside its outline; a label that runs over an outline
    is still a label. A run never crosses into or out of a connector."""
    left, right = part.columns.lane_area
    spill = lane_spill(part.page, part.columns)
    words = [w for w in part.page.words
             if (left <= w.cx <= right or id(w) in spill) and part.top - 10 <= w.cy <= part.bottom + 10]
    outlines = [s for s in part.page.shapes if left - 20 <= s.cx <= right + 1]

    def holder(word: Word) -> Shape | None:
        return next((s for s in outlines if s.encloses(word.cx, word.cy)), None)

    def small(shape: Shape | None) -> bool:
        return shape is not None and classify(shape) in ("connector", "circle")

    phrases: list[list[Word]] = []
    for line in lines_of(words):
        for word in line:
            last = phrases[-1][-1] if phrases else None
            if last is not None and last in line and 0 <= word.x0 - last.x1 < 1.6 * word.size \
                    and not ((small(holder(last)) or small(holder(word))) and holder(last) is not holder(word)):
                phrases[-1].append(word)
            else:
                phrases.append([word])

    def free(phrase: list[Word]) -> bool:
        for word in phrase:
            shape = holder(word)
            if shape is None or not (shape.encloses(word.x0 + 0.3, word.cy) and shape.encloses(word.x1 - 0.3, word.cy)):
                return True
        return False

    return [p for p in phrases if free(p)]


def _walk(page: Page, head: Head, stop) -> list[Point]:
    """The shaft behind an arrowhead, as points from the head back to where it starts."""
    reach = head.size + 2.5
    ends = [(math.dist(p, head.centre), i, j) for i, seg in enumerate(page.segments) for j, p in enumerate(seg)]
    ends = [e for e in ends if e[0] <= reach]
    if not ends:
        return [head.tip]

    def behind(end: tuple[float, int, int]) -> float:
        """How well a segment runs back from the head: along the head's axis first, then longer."""
        _, i, j = end
        near, far = page.segments[i][j], page.segments[i][1 - j]
        length = math.dist(near, far) or 1.0
        along = -((far[0] - near[0]) * head.direction[0] + (far[1] - near[1]) * head.direction[1]) / length
        return along * 10 + min(length, 200) / 100 - end[0]

    _, i, j = max(ends, key=behind)
    used = {i}
    points = [head.tip, page.segments[i][j], page.segments[i][1 - j]]
    for _ in range(60):
        current = points[-1]
        if stop(current):
            break
        nxt = None
        for k, (a, b) in enumerate(page.segments):
            if k in used:
                continue
            if math.dist(a, current) < 1.5:
                nxt = (k, b)
                break
            if math.dist(b, current) < 1.5:
                nxt = (k, a)
                break
        if nxt is None:
            break
        used.add(nxt[0])
        points.append(nxt[1])
    return points


def _arrows(parts: list[TablePage], symbols: list[Symbol]) -> list[Arrow]:
    arrows: list[Arrow] = []
    for part in parts:
        mine = [i for i, s in enumerate(symbols) if s.page == part.page.number]
        left, right = part.columns.lane_area
        for head in part.page.heads:
            if not (left - 3 <= head.tip[0] <= right + 3 and part.top - 12 <= head.tip[1] <= part.bottom + 12):
                continue
            probe = (head.tip[0] + head.direction[0] * 1.0, head.tip[1] + head.direction[1] * 1.0)
            near = [(symbols[i].shape.distance(*probe), i) for i in mine]
            near = [n for n in near if n[0] <= 4.0]
            ahead = [n for n in near if not symbols[n[1]].shape.contains(*head.centre)]
            near = ahead or near  # the head's own base may sit inside the symbol it leaves
            if not near:
                continue
            target = min(near)[1]

            def stop(p: Point, target=target) -> bool:
                return any(symbols[i].shape.distance(*p) <= 2.5 for i in mine if i != target)

            points = _walk(part.page, head, stop)
            end = points[-1]
            source = min(((symbols[i].shape.distance(*end), i) for i in mine if i != target), default=None)
            arrows.append(Arrow(source[1] if source and source[0] <= 6.0 else None, target, "", points[::-1]))
    return arrows


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length))
    return math.dist(p, (a[0] + t * dx, a[1] + t * dy))


def _labels(parts: list[TablePage], symbols: list[Symbol], arrows: list[Arrow]) -> None:
    """Free text in the lanes goes to the nearest arrow that leaves a decision."""
    for part in parts:
        left, right = part.columns.lane_area
        phrases = free_phrases(part)
        candidates = [a for a in arrows if a.source is not None and symbols[a.source].page == part.page.number
                      and symbols[a.source].kind == "keputusan"]
        scored = []
        for n, phrase in enumerate(phrases):
            y = (phrase[0].top + phrase[0].bottom) / 2
            probes = [(phrase[0].x0, y), ((phrase[0].x0 + phrase[-1].x1) / 2, y), (phrase[-1].x1, y)]
            centre = probes[1]
            for a, arrow in enumerate(candidates):
                pts = arrow.points if len(arrow.points) > 1 else arrow.points * 2
                d = min(_segment_distance(c, p, q) for c in probes for p, q in zip(pts, pts[1:]))
                if d <= 25:
                    scored.append((d + 0.05 * math.dist(centre, arrow.points[0]), n, a))
        used_p: set[int] = set()
        used_a: set[int] = set()
        for _, n, a in sorted(scored):
            if n in used_p or a in used_a:
                continue
            used_p.add(n)
            used_a.add(a)
            candidates[a].label = " ".join(w.text for w in phrases[n])


def read_flow(parts: list[TablePage]) -> tuple[list[Symbol], list[Arrow]]:
    """Symbols and arrows of one chart (its table pages in order)."""
    symbols, _ = _symbols(parts)
    arrows = _arrows(parts, symbols)
    _labels(parts, symbols, arrows)
    return symbols, arrows


def _shares_letter(a: str, b: str) -> bool:
    """Connectors drawn on top of each other read as one ("CB"): they share any of their letters."""
    letters_a = set(a.replace(" ", "")) if len(a.replace(" ", "")) <= 3 else {a.strip()}
    letters_b = set(b.replace(" ", "")) if len(b.replace(" ", "")) <= 3 else {b.strip()}
    return bool(letters_a & letters_b)


def resolve_connectors(symbols: list[Symbol], arrows: list[Arrow]) -> list[tuple[int, int, str, bool]]:
    """(source symbol, target symbol, label, through a connector) with off-page connectors joined:
    an arrow into a connector continues from the connector of the same letter on another page."""
    out: list[tuple[int, int, str, bool]] = []
    # an off-page connector leads into the symbol below it (where the flow comes in) or takes the flow from
    # a symbol above or beside it (where it leaves). An arrowhead drawn the wrong way round (a symbol that
    # sits low in the last row or high in the first one) is turned.
    for i, s in enumerate(symbols):
        if s.kind != "connector":
            continue
        ins = [a for a in arrows if a.target == i and a.source is not None]
        outs = [a for a in arrows if a.source == i]
        if outs and not ins and all(symbols[a.target].shape.cy < s.shape.top for a in outs):
            for arrow in outs:
                arrow.source, arrow.target, arrow.points = arrow.target, i, arrow.points[::-1]
        elif ins and not outs and all(symbols[a.source].shape.cy > s.shape.bottom for a in ins):
            for arrow in ins:
                arrow.source, arrow.target, arrow.points = i, arrow.source, arrow.points[::-1]
    outgoing: dict[int, list[Arrow]] = {}
    for arrow in arrows:
        if arrow.source is not None:
            outgoing.setdefault(arrow.source, []).append(arrow)
    for arrow in arrows:
        if arrow.source is None or symbols[arrow.source].kind == "connector":
            continue
        target, via = arrow.target, False
        seen = set()
        while symbols[target].kind == "connector" and target not in seen:
            seen.add(target)
            letter = symbols[target].text.strip()
            twins = [target] if target in outgoing else []  # a connector that the flow passes through
            twins = twins or [i for i, s in enumerate(symbols) if s.kind == "connector" and i != target and letter
                              and i in outgoing and (s.text.strip() == letter or _shares_letter(s.text, letter))]
            if not twins:
                later = [i for i, s in enumerate(symbols) if s.kind == "connector" and i in outgoing
                         and s.page > symbols[target].page and s.lane == symbols[target].lane and not letter]
                twins = later[:1]
            if not twins:
                break
            target, via = outgoing[twins[0]][0].target, True
        if symbols[target].kind != "connector":
            out.append((arrow.source, target, arrow.label, via))
    return out
