"""Stage 1, *plan*: which symbols stand in which lane and row, and which arrows join them (no sizes yet)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...engine.checks import chart_columns
from ...engine.flow import FlowGraph
from ...engine.model import Flowchart, Langkah
from .style import DECISION_LINES, DECISION_WRAP, LABEL_WRAP, MAX_LINES, STEP_WRAP
from .text import NBSP, clean, numbered, wrap

@dataclass
class PlanNode:
    name: str
    kind: str  # step | extra | inline | end
    row: int
    lane: int
    symbol: str  # terminator | proses | keputusan
    label: str  # wrapped, not escaped
    step: Langkah | None = None
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


def make_plan(chart: Flowchart) -> Plan:
    graph = FlowGraph(chart)
    columns = chart_columns(chart)
    named = len(chart.performers)
    unknown = any(not cols for cols in columns)
    lanes = [clean(p.nama) for p in chart.performers] + ([""] if unknown else [])
    nodes: dict[str, PlanNode] = {}
    rows: list[list[str]] = []
    main: list[str] = []
    exit_node: list[str] = []
    for r, step in enumerate(chart.steps):
        cols = columns[r] or [named]
        label = numbered(step.no, step.kegiatan, DECISION_WRAP if step.simbol == "keputusan" else STEP_WRAP)
        wrapped = (wrap(label, DECISION_WRAP, DECISION_LINES) if step.simbol == "keputusan"
                   else wrap(label, STEP_WRAP, MAX_LINES)).replace(NBSP, " ")
        row = []
        for i, col in enumerate(cols):
            name = f"n{r}" if i == 0 else f"n{r}x{col}"
            nodes[name] = PlanNode(name, "step" if i == 0 else "extra", r, col, step.simbol, wrapped, step)
            row.append(name)
        main.append(row[0])
        exit_node.append(row[0])
        if step.cabang and step.simbol != "keputusan":
            nodes[f"d{r}"] = PlanNode(f"d{r}", "inline", r, cols[0], "keputusan", "", step)
            row.insert(1, f"d{r}")
            exit_node[r] = f"d{r}"
        rows.append(row)
    edges: list[PlanEdge] = []
    end_row: list[str] = []
    end_lane: dict[int, str] = {}
    for r, step in enumerate(chart.steps):
        performers = sorted((n for n in rows[r] if nodes[n].kind in ("step", "extra")), key=lambda n: nodes[n].lane)
        for i, (left, right) in enumerate(zip(performers, performers[1:])):
            if left == main[r] and exit_node[r] != main[r]:
                left = exit_node[r]  # the small diamond stands right of its rectangle: link from it
            text = ("salah satu" if step.cara == "salah_satu" else "bersama") if i == 0 else None
            edges.append(PlanEdge(left, right, "link", text, title=f"Langkah {step.no}: {text or 'bersama'}"))
        if exit_node[r] != main[r]:
            edges.append(PlanEdge(main[r], exit_node[r], "inline", title=f"Langkah {step.no}: keputusan"))
        source = nodes[exit_node[r]]
        for edge in graph.successors[r]:
            label = edge.label if step.cabang else None
            if edge.target is None:
                if step.simbol == "terminator":
                    continue  # the terminator is the end itself
                lane = source.lane
                if lane not in end_lane:
                    end_lane[lane] = f"e{lane}"
                    nodes[f"e{lane}"] = PlanNode(f"e{lane}", "end", len(chart.steps), lane, "terminator", "Selesai")
                    end_row.append(f"e{lane}")
                target = end_lane[lane]
                title = f"Langkah {step.no} ke selesai"
            else:
                candidates = [n for n in rows[edge.target] if nodes[n].kind in ("step", "extra")]
                target = min(candidates, key=lambda n: (abs(nodes[n].lane - source.lane), nodes[n].kind != "step"))
                title = f"Langkah {step.no} ke langkah {chart.steps[edge.target].no}"
            if label:
                title += f" ({clean(label)})"
            back = edge.target is not None and edge.target <= r
            edges.append(PlanEdge(source.name, target, "flow", label, back=back, title=title))
    if end_row:
        rows.append(sorted(end_row, key=lambda n: nodes[n].lane))
    for i, edge in enumerate(edges):
        if edge.label:
            edge.label = wrap(edge.label, LABEL_WRAP, 2)
            edge.label_name = f"l{i}"
    return Plan(chart, lanes, named, nodes, rows, edges)
