"""The one layout of a flowchart: rows × lanes, every symbol with its box, every arrow with its points and its
label's box. Computed once per chart (and cached as JSON beside the SVG); the web drawing and the paper pages
are two views of it.

Coordinates are points, y downwards, from the top left corner of the chart (lane titles included).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from .place import Grid
from .plan import Plan

Box = tuple[float, float, float, float]
"""left, top, right, bottom"""


@dataclass(frozen=True)
class LaidSymbol:
    """One drawn symbol: a symbol of the model in one of its lanes, an inline decision, or an added end."""

    id: str
    """The plan's name: ``n<symbol>``, ``n<symbol>x<lane>`` (another lane of the same symbol), ``d<symbol>``
    (the small diamond of a process with choices), ``e<lane>`` (an end)."""
    kind: str  # step | extra | inline | end
    shape: str  # terminator | proses | keputusan | penghubung
    node: int | None
    """Index of the model's symbol (``FlowGraph.nodes``); None for an added end."""
    step: int | None
    """The row's number (``no``); None for an added end."""
    lane: int
    row: int
    """Row of the layout: the rows of the table, then one row of added ends."""
    box: Box
    text: list[str]


@dataclass(frozen=True)
class LaidEdge:
    """One drawn line: an arrow between symbols (``flow``), into an inline decision (``inline``), or the dashed
    line that joins the lanes of one symbol (``link``)."""

    index: int
    source: str
    target: str
    kind: str
    label: str | None
    points: list[tuple[float, float]]
    label_box: Box | None
    back: bool


@dataclass(frozen=True)
class ChartLayout:
    width: float
    height: float
    header_height: float
    lane_width: float
    lanes: list[str]
    named_lanes: int
    row_tops: list[float]
    """Top of the tallest symbol of each layout row."""
    row_bottoms: list[float]
    gap_tops: list[float]
    """Top of the free space above each row (and, last, below the last row)."""
    symbols: list[LaidSymbol]
    edges: list[LaidEdge]
    table_rows: int
    """Rows of the table (the layout may hold one more row: the added ends)."""
    by_id: dict[str, LaidSymbol] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.by_id.update({s.id: s for s in self.symbols})

    def to_json(self) -> str:
        data = asdict(self)
        data.pop("by_id")
        return json.dumps(data, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> ChartLayout:
        data = json.loads(text)
        data["symbols"] = [LaidSymbol(**{**s, "box": tuple(s["box"])}) for s in data["symbols"]]
        data["edges"] = [LaidEdge(**{**e, "points": [tuple(p) for p in e["points"]],
                                     "label_box": tuple(e["label_box"]) if e["label_box"] else None})
                         for e in data["edges"]]
        return cls(**data)

    def flow_edges(self) -> set[tuple[int | None, int | None, str]]:
        """(source symbol, target symbol or None for an end, label) of every arrow: what both views must draw."""
        out = set()
        for edge in self.edges:
            if edge.kind != "flow":
                continue
            source = self.by_id[edge.source]
            target = self.by_id[edge.target]
            out.add((source.node, target.node, (edge.label or "").replace("\n", " ")))
        return out


def chart_layout(plan: Plan, grid: Grid) -> ChartLayout:
    """The layout of a planned chart after :func:`~.layout.lay_out` placed it on ``grid``."""
    symbols = []
    for name, node in plan.nodes.items():
        box = (node.x - node.w / 2, node.y - node.h / 2, node.x + node.w / 2, node.y + node.h / 2)
        symbols.append(LaidSymbol(name, node.kind, node.symbol, node.index, node.step.no if node.step else None,
                                  node.lane, node.row, tuple(round(v, 2) for v in box),
                                  node.label.split("\n") if node.label else []))
    edges = []
    for i, edge in enumerate(plan.edges):
        box = None
        if edge.label_name and edge.label_pos is not None:
            w, h = plan.label_sizes.get(edge.label_name, (40.0, 12.0))
            x, y = edge.label_pos
            box = (round(x - w / 2, 2), round(y - h / 2, 2), round(x + w / 2, 2), round(y + h / 2, 2))
        edges.append(LaidEdge(i, edge.source, edge.target, edge.kind, edge.label, list(edge.points), box, edge.back))
    return ChartLayout(
        width=grid.width, height=grid.height, header_height=grid.header_height, lane_width=grid.lane_width,
        lanes=list(plan.lanes), named_lanes=plan.named_lanes, row_tops=list(grid.row_top),
        row_bottoms=[t + h for t, h in zip(grid.row_top, grid.row_height)], gap_tops=list(grid.gap_top),
        symbols=symbols, edges=edges, table_rows=len(plan.chart.steps))
