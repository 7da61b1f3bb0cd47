"""Geometric quality rules of a flowchart layout, checked on the geometry itself (not on pictures).

Each rule gives a list of violations (Indonesian-free, for developers): an empty list everywhere is the goal.

- ``label-over-symbol``: an exit label overlaps a symbol;
- ``label-over-label``: two exit labels overlap;
- ``label-outside``: a label leaves the chart (or covers the lane titles);
- ``line-through-symbol``: a line passes through a symbol that is not its own end;
- ``symbol-missing``: a symbol of the model is not drawn;
- ``exit-missing``: an exit of the model is not drawn, or drawn with another label;
- ``label-away``: an exit's label is not next to its own line (the dashed line joining the lanes of one
  symbol carries its "bersama" / "salah satu" above the row: not an exit).

``label-over-line`` (a label crossed by another arrow's line) is counted too, as information.
"""

from __future__ import annotations

from ...engine.flow import FlowGraph
from ...engine.model import Flowchart
from .chart_layout import Box, ChartLayout

TOLERANCE = 0.5
"""Points of overlap that do not count (rounding)."""
NEAR = 10.0
"""A label is next to its line when some part of the line is at most this far from the label's box."""
RULES = ("label-over-symbol", "label-over-label", "label-outside", "line-through-symbol", "symbol-missing",
         "exit-missing", "label-away")
INFO_RULES = ("label-over-line",)


def _overlap(a: Box, b: Box, tol: float = TOLERANCE) -> bool:
    return a[0] < b[2] - tol and a[2] > b[0] + tol and a[1] < b[3] - tol and a[3] > b[1] + tol


def _segment_hits(seg: tuple[float, float, float, float], box: Box, tol: float = TOLERANCE) -> bool:
    x1, y1, x2, y2 = seg
    left, top, right, bottom = box
    return (max(x1, x2) > left + tol and min(x1, x2) < right - tol
            and max(y1, y2) > top + tol and min(y1, y2) < bottom - tol)


def _distance(seg: tuple[float, float, float, float], box: Box) -> float:
    """Distance between an axis-parallel segment and a box (0 when they touch)."""
    x1, y1, x2, y2 = seg
    dx = max(box[0] - max(x1, x2), min(x1, x2) - box[2], 0.0)
    dy = max(box[1] - max(y1, y2), min(y1, y2) - box[3], 0.0)
    return (dx * dx + dy * dy) ** 0.5


def _segments(points: list[tuple[float, float]]) -> list[tuple[float, float, float, float]]:
    return [(a[0], a[1], b[0], b[1]) for a, b in zip(points, points[1:]) if a != b]


def model_edges(chart: Flowchart) -> set[tuple[int, int | None, str]]:
    """(source symbol, target symbol or None, label) of every exit the model has and the drawing must show
    (a terminator that ends the procedure is the end itself: no arrow)."""
    graph = FlowGraph(chart)
    return {(e.source, e.target, (e.label or "").replace("\n", " ")) for e in graph.edges
            if not (e.target is None and graph.nodes[e.source].shape == "terminator")}


def _label(text: str | None) -> str:
    return " ".join((text or "").split())


def violations(chart: Flowchart, layout: ChartLayout) -> dict[str, list[str]]:
    """Every violation of every rule (and the information rules), by rule."""
    out: dict[str, list[str]] = {rule: [] for rule in RULES + INFO_RULES}
    symbols = layout.symbols
    labelled = [e for e in layout.edges if e.label_box is not None]
    for edge in layout.edges:
        if edge.label and edge.label_box is None:
            out["label-away"].append(f"edge {edge.index}: label not placed")
    for edge in labelled:
        if edge.kind == "flow" and not any(_distance(seg, edge.label_box) <= NEAR for seg in _segments(edge.points)):
            out["label-away"].append(f"edge {edge.index} label far from its line")
    for edge in labelled:
        box = edge.label_box
        for symbol in symbols:
            if _overlap(box, symbol.box):
                out["label-over-symbol"].append(f"edge {edge.index} label over {symbol.id}")
        if box[0] < -TOLERANCE or box[2] > layout.width + TOLERANCE or box[1] < layout.header_height - TOLERANCE \
                or box[3] > layout.height + TOLERANCE:
            out["label-outside"].append(f"edge {edge.index} label outside the chart")
        for other in layout.edges:
            if other is not edge and other.source != edge.source and any(
                    _segment_hits(seg, box) for seg in _segments(other.points)):
                out["label-over-line"].append(f"edge {edge.index} label crossed by edge {other.index}")
    for i, a in enumerate(labelled):
        for b in labelled[i + 1:]:
            if _overlap(a.label_box, b.label_box):
                out["label-over-label"].append(f"labels of edges {a.index} and {b.index}")
    for edge in layout.edges:
        segs = _segments(edge.points)
        for j, seg in enumerate(segs):
            for symbol in symbols:
                if (j == 0 and symbol.id == edge.source) or (j == len(segs) - 1 and symbol.id == edge.target):
                    continue
                if _segment_hits(seg, symbol.box, 1.0):
                    out["line-through-symbol"].append(f"edge {edge.index} through {symbol.id}")
    drawn = {s.node for s in symbols if s.kind == "step"}
    graph = FlowGraph(chart)
    for node in graph.nodes:
        if node.index not in drawn:
            out["symbol-missing"].append(f"symbol {node.index} (langkah {node.no})")
    expected = model_edges(chart)
    shown = {(s, t, _label(label)) for s, t, label in layout.flow_edges()}
    for item in sorted({(s, t, _label(label)) for s, t, label in expected} - shown, key=str):
        out["exit-missing"].append(f"exit {item}")
    return out


def count(found: dict[str, list[str]]) -> int:
    """Violations of the rules that must hold (information rules left out)."""
    return sum(len(found[rule]) for rule in RULES)
