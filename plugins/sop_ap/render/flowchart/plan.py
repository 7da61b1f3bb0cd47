"""Stage 1, *plan*: which symbols stand in which lane and row, and which arrows join them (no sizes yet)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...engine.flow import FlowGraph
from ...engine.symbols import Node
from ...engine.model import Flowchart, Langkah
from .style import DECISION_LINES, DECISION_WRAP, LABEL_WRAP, MAX_LINES, STEP_WRAP
from .text import NBSP, clean, numbered, wrap


@dataclass
class PlanNode:
    name: str
    kind: str  # step | extra | inline | end
    row: int
    lane: int
    symbol: str  # terminator | proses | keputusan | penghubung
    label: str  # wrapped, not escaped
    step: Langkah | None = None
    index: int | None = None
    """The symbol of the model (index in ``FlowGraph.nodes``) this node draws; None for an added end."""
    w: float = 0.0
    h: float = 0.0
    dx: float = 0.0
    x: float = 0.0
    y: float = 0.0


@dataclass
class PlanEdge:
    source: str
    target: str
    kind: str  # flow | inline | link
    label: str | None = None
    label_name: str | None = None
    back: bool = False
    title: str = ""
    target_text: str = ""
    """``selesai`` or ``langkah N`` (for tooltips)."""
    points: list[tuple[float, float]] = field(default_factory=list)
    label_pos: tuple[float, float] | None = None


@dataclass
class Plan:
    chart: Flowchart
    lanes: list[str]  # lane titles; an extra unnamed lane holds steps whose performers are unknown
    named_lanes: int
    nodes: dict[str, PlanNode]
    rows: list[list[str]]  # node names per row (steps, then the row of end symbols)
    edges: list[PlanEdge]
    label_sizes: dict[str, tuple[float, float]] = field(default_factory=dict)
    header_sizes: list[tuple[float, float]] = field(default_factory=list)


def _label(node: Node) -> str:
    """The text inside a symbol: its own text as written (a diamond's "Lengkap?", a side box), or else the row's
    number and activity."""
    decision = node.shape == "keputusan"
    width = DECISION_WRAP if decision else STEP_WRAP
    text = clean(node.text) if node.text else numbered(node.no, node.step.kegiatan, width)
    return (wrap(text, DECISION_WRAP, DECISION_LINES) if decision else wrap(text, STEP_WRAP, MAX_LINES)).replace(NBSP, " ")


def make_plan(chart: Flowchart) -> Plan:
    """Every symbol of the model in its lane(s) and row, every exit as an arrow (all patterns of the model:
    several symbols per row, symbols across lanes, own text, exits to a lane, repeated and unlabelled exits,
    side boxes, loops, connectors, ends)."""
    graph = FlowGraph(chart)
    named = len(chart.performers)
    unknown = any(not node.lanes for node in graph.nodes)
    lanes = [clean(p.nama) for p in chart.performers] + ([""] if unknown else [])
    nodes: dict[str, PlanNode] = {}
    rows: list[list[str]] = [[] for _ in chart.steps]
    copies: dict[int, list[str]] = {}  # graph node -> its plan nodes, one per lane (the first is the main one)
    exit_node: dict[int, str] = {}
    for node in graph.nodes:
        cols = list(node.lanes) or [named]
        label = _label(node)
        names = []
        for i, col in enumerate(cols):
            name = f"n{node.index}" if i == 0 else f"n{node.index}x{col}"
            nodes[name] = PlanNode(name, "step" if i == 0 else "extra", node.row, col, node.shape, label, node.step,
                                   index=node.index)
            names.append(name)
        copies[node.index] = names
        rows[node.row] += names
        exit_node[node.index] = names[0]
        legacy = node.step.symbols is None and bool(node.step.cabang)
        if node.shape != "keputusan" and (legacy or (node.step.symbols is not None and graph.is_choice(node.index))):
            name = f"d{node.index}"
            nodes[name] = PlanNode(name, "inline", node.row, cols[0], "keputusan", "", node.step, index=node.index)
            row = rows[node.row]
            row.insert(row.index(names[0]) + 1, name)
            exit_node[node.index] = name
    edges: list[PlanEdge] = []
    end_row: list[str] = []
    end_lane: dict[int, str] = {}
    for node in graph.nodes:
        names = copies[node.index]
        main = names[0]
        performers = sorted(names, key=lambda n: nodes[n].lane)
        for i, (left, right) in enumerate(zip(performers, performers[1:])):
            if left == main and exit_node[node.index] != main:
                left = exit_node[node.index]  # the small diamond stands right of its rectangle: link from it
            text = ("salah satu" if node.mode == "salah_satu" else "bersama") if i == 0 else None
            edges.append(PlanEdge(left, right, "link", text, title=f"Langkah {node.no}: {text or 'bersama'}"))
        if exit_node[node.index] != main:
            edges.append(PlanEdge(main, exit_node[node.index], "inline", title=f"Langkah {node.no}: keputusan"))
        source = nodes[exit_node[node.index]]
        for edge in graph.successors[node.index]:
            label = edge.label
            if edge.target is None:
                if node.shape == "terminator":
                    continue  # the terminator is the end itself
                lane = source.lane
                if lane not in end_lane:
                    end_lane[lane] = f"e{lane}"
                    nodes[f"e{lane}"] = PlanNode(f"e{lane}", "end", len(chart.steps), lane, "terminator", "Selesai")
                    end_row.append(f"e{lane}")
                target = end_lane[lane]
                to = "selesai"
                title = f"Langkah {node.no} ke selesai"
            else:
                candidates = copies[edge.target]
                target = min(candidates, key=lambda n: (abs(nodes[n].lane - source.lane), nodes[n].kind != "step"))
                to = f"langkah {graph.nodes[edge.target].no}"
                title = f"Langkah {node.no} ke {to}"
            if label:
                title += f" ({clean(label)})"
            target_row = graph.nodes[edge.target].row if edge.target is not None else len(chart.steps)
            back = edge.target is not None and (target_row < node.row or (target_row == node.row
                                                                          and edge.target <= node.index))
            edges.append(PlanEdge(source.name, target, "flow", label, back=back, title=title, target_text=to))
    if end_row:
        rows.append(sorted(end_row, key=lambda n: nodes[n].lane))
    for i, edge in enumerate(edges):
        if edge.label:
            edge.label = wrap(edge.label, LABEL_WRAP, 2)
            edge.label_name = f"l{i}"
    return Plan(chart, lanes, named, nodes, rows, edges)
