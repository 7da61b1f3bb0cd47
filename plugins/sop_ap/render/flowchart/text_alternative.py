"""The flowchart in words (Indonesian): for screen readers, and as a list on the page."""

from __future__ import annotations

from ...engine.flow import FlowGraph
from ...engine.model import Flowchart
from .text import clean, performers_text

SHAPE = {"terminator": "terminator", "proses": "proses", "keputusan": "keputusan", "penghubung": "penghubung"}


def _target(graph: FlowGraph, edge) -> str:
    if edge.target is None:
        return "selesai"
    node = graph.nodes[edge.target]
    lanes = ", ".join(clean(graph.chart.performers[c].nama) for c in node.lanes)
    several = len(graph.row_nodes[node.row]) > 1
    return f"ke langkah {edge.target_number}" + (f" ({lanes})" if several and lanes else "")


def _symbol_sentences(graph: FlowGraph, row: int) -> list[str]:
    """A row written as a list of symbols: one sentence per symbol, with its lanes, its own text and exits."""
    step = graph.chart.steps[row]
    out = []
    for index in graph.row_nodes[row]:
        node = graph.nodes[index]
        lanes = ", ".join(clean(graph.chart.performers[c].nama) for c in node.lanes) or "-"
        own = f" \u201c{clean(node.text)}\u201d" if node.text else ""
        exits = "; ".join((f"jika {clean(e.label)}, " if e.label else "lalu ") + _target(graph, e)
                          for e in graph.successors[index]) or "selesai"
        out.append(f"Langkah {step.no}, {SHAPE[node.shape]}{own} ({lanes}): {clean(step.kegiatan)}; {exits}.")
    return out


def flowchart_text_steps(chart: Flowchart) -> list[str]:
    """The flowchart in words (Indonesian), one sentence per step, for a list on the page."""
    graph = FlowGraph(chart)
    out = []
    for r, step in enumerate(chart.steps):
        if step.symbols is not None:
            out += _symbol_sentences(graph, r)
            continue
        who = performers_text(step)
        edges = graph.successors[graph.row_nodes[r][0]] if graph.row_nodes[r] else []
        what = clean(step.kegiatan)
        if step.cabang:
            exits = "; ".join(
                f"jika {clean(e.label or '')}, selesai" if e.target is None
                else f"jika {clean(e.label or '')} ke langkah {e.target_number}" for e in edges)
            if step.simbol == "keputusan":
                out.append(f"Keputusan langkah {step.no} ({who}): {what}; {exits}.")
            else:
                out.append(f"Langkah {step.no} ({who}): {what}, lalu keputusan: {exits}.")
        else:
            nxt = ("selesai" if not edges or edges[0].target is None
                   else f"lalu ke langkah {edges[0].target_number}")
            out.append(f"Langkah {step.no} ({who}): {what}, {nxt}.")
    return out


def flowchart_text_alternative(chart: Flowchart) -> str:
    """The flowchart in words (Indonesian), for screen readers and as a text alternative."""
    lanes = ", ".join(clean(p.nama) for p in chart.performers)
    head = f"Bagan alir dengan {len(chart.steps)} langkah; pelaksana dari kiri ke kanan: {lanes}."
    if chart.name:
        head = f"Varian {clean(chart.name)}. " + head
    return " ".join([head, *flowchart_text_steps(chart)])
