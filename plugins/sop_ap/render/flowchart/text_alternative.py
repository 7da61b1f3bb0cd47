"""The flowchart in words (Indonesian): for screen readers, and as a list on the page."""

from __future__ import annotations

from ...engine.flow import FlowGraph
from ...engine.model import Flowchart
from .text import clean, performers_text

def flowchart_text_steps(chart: Flowchart) -> list[str]:
    """The flowchart in words (Indonesian), one sentence per step, for a list on the page."""
    graph = FlowGraph(chart)
    out = []
    for r, step in enumerate(chart.steps):
        who = performers_text(step)
        edges = graph.successors[r]
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
