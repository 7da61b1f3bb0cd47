"""Axis-parallel geometry shared by routing and labelling: line pieces, boxes, hits and a band index."""

from __future__ import annotations

from .place import Grid
from .plan import Plan

def segments_of(points: list[tuple[float, float]]) -> list[tuple[float, float, float, float]]:
    return [(a[0], a[1], b[0], b[1]) for a, b in zip(points, points[1:]) if a != b]


def hits_symbol(plan: Plan, grid: Grid, seg: tuple[float, float, float, float], skip: set[str]) -> bool:
    x1, y1, x2, y2 = seg
    for r in grid.rows_between(y1, y2):
        for name in plan.rows[r]:
            if name in skip:
                continue
            node = plan.nodes[name]
            pad = 3.0
            left, right = node.x - node.w / 2 - pad, node.x + node.w / 2 + pad
            top, bottom = node.y - node.h / 2 - pad, node.y + node.h / 2 + pad
            if max(x1, x2) >= left and min(x1, x2) <= right and max(y1, y2) >= top and min(y1, y2) <= bottom:
                return True
    return False


Segment = tuple[float, float, float, float]
Box = tuple[float, float, float, float]


class NearIndex:
    """Things with a vertical extent (line pieces, label boxes, arrow tips), filed by horizontal band of the
    drawing, so that a question about one place looks only at what is near it, not at the whole chart (a
    chart may have thousands of steps). Answers keep the order in which things were added."""

    BAND = 96.0

    def __init__(self) -> None:
        self._items: list[tuple[float, float, object]] = []
        self._bands: dict[int, list[int]] = {}

    def add(self, top: float, bottom: float, item: object) -> None:
        top, bottom = min(top, bottom), max(top, bottom)
        number = len(self._items)
        self._items.append((top, bottom, item))
        for band in range(int(top // self.BAND), int(bottom // self.BAND) + 1):
            self._bands.setdefault(band, []).append(number)

    def add_segment(self, seg: Segment, tag: int = -1) -> None:
        """A line piece, tagged (e.g. by its edge): it comes back as ``(tag, piece)``."""
        self.add(seg[1], seg[3], (tag, seg))

    def near(self, top: float, bottom: float) -> list:
        """What reaches into the band of heights from ``top`` to ``bottom`` (both included)."""
        top, bottom = min(top, bottom), max(top, bottom)
        found: set[int] = set()
        for band in range(int(top // self.BAND), int(bottom // self.BAND) + 1):
            found.update(self._bands.get(band, ()))
        items = self._items
        return [items[i][2] for i in sorted(found) if items[i][0] <= bottom and items[i][1] >= top]


def count_crossings(seg: Segment, others: list[Segment]) -> tuple[int, float]:
    """(crossings, length of collinear overlap) of one axis-parallel segment with others."""
    x1, y1, x2, y2 = seg
    count, overlap = 0, 0.0
    for a1, b1, a2, b2 in others:
        if x1 == x2 and a1 == a2:  # both vertical
            if abs(x1 - a1) < 2:
                overlap += max(0.0, min(max(y1, y2), max(b1, b2)) - max(min(y1, y2), min(b1, b2)))
        elif y1 == y2 and b1 == b2:  # both horizontal
            if abs(y1 - b1) < 2:
                overlap += max(0.0, min(max(x1, x2), max(a1, a2)) - max(min(x1, x2), min(a1, a2)))
        else:
            (vx, vy1, vy2), (hy, hx1, hx2) = ((x1, y1, y2), (b1, a1, a2)) if x1 == x2 else ((a1, b1, b2), (y1, x1, x2))
            if min(hx1, hx2) < vx < max(hx1, hx2) and min(vy1, vy2) < hy < max(vy1, vy2):
                count += 1
    return count, overlap


def box_hit(seg: tuple[float, float, float, float], box: tuple[float, float, float, float]) -> bool:
    x1, y1, x2, y2 = seg
    left, top, right, bottom = box
    return max(x1, x2) > left and min(x1, x2) < right and max(y1, y2) > top and min(y1, y2) < bottom
