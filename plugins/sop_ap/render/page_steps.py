"""The flowchart part of an SOP page: the drawing (with its text form) and the step table, whose pelaksana
columns hold each row's symbols with their exits."""

from __future__ import annotations

from ..engine.flow import FlowGraph
from ..engine.model import Flowchart
from ..engine.model_symbols import JudulKolom
from .paper_flowchart import merged_cells
from .templates import render, trusted

SYMBOL_NAME = {"terminator": "Mulai atau selesai", "proses": "Proses", "keputusan": "Keputusan",
               "penghubung": "Penghubung"}


def symbol(shape: str, name: str | None = None, extra_class: str = "") -> dict:
    """A symbol of the step table or a list (template macro ``symbol.html``): its shape, accessible name, class."""
    return {"shape": shape, "name": name or SYMBOL_NAME[shape], "extra": extra_class}


def _exits(graph: FlowGraph, node: int) -> list[dict]:
    """The exits of a symbol: label and target (``langkah 4 (Umum)``; the lane when the arrow picks one)."""
    out = []
    for edge in graph.successors[node]:
        target = "selesai" if edge.target is None else f"langkah {edge.target_number}"
        if edge.target is not None and len(graph.row_nodes[graph.nodes[edge.target].row]) > 1:
            target += " (" + " + ".join(graph.chart.performers[c].nama for c in graph.nodes[edge.target].lanes) + ")"
        out.append({"label": edge.label or "", "target": target})
    return out


def _mutu(merged: dict, key: str, row: int, items: list[str]) -> dict | None:
    """One Mutu Baku cell: its lines and row span (None for the rows a merged cell covers)."""
    span, text = merged.get((key, row), (1, None))
    if span == 0:
        return None
    return {"span": span, "lines": [text] if text is not None else items}


def steps_context(chart: Flowchart, chart_index: int) -> dict:
    """Plain data of the step table (template ``steps_table.html``)."""
    graph = FlowGraph(chart)
    merged = merged_cells(chart)
    rows = []
    for i, step in enumerate(chart.steps):
        cells = []
        for col in range(len(chart.performers)):
            symbols = []
            for n in (n for n in graph.row_nodes[i] if col in graph.nodes[n].lanes):
                node = graph.nodes[n]
                # A terminator is where the procedure starts (no arrow enters it) or where it ends.
                name = ("Mulai" if n in graph.starts else "Selesai") if node.shape == "terminator" else None
                symbols.append({
                    "symbol": symbol(node.shape, name),
                    "inline": symbol("keputusan", extra_class="sop-sym-inline")
                    if step.cabang and node.shape == "proses" else None,
                    "text": node.text or "", "exits": _exits(graph, n)})
            cells.append({"col": col, "symbols": symbols})
        notes = [step.keterangan] if step.keterangan else []
        if len(step.oleh) > 1:
            notes.append("Dikerjakan bersama" if step.cara == "bersama" else "Dikerjakan salah satu pelaksana")
        rows.append({
            "no": step.no, "kegiatan": step.kegiatan, "cells": cells, "notes": notes,
            "oleh": ", ".join(dict.fromkeys(x for index in graph.row_nodes[i] for x in graph.nodes[index].names)),
            "kelengkapan": _mutu(merged, "kelengkapan", i, list(step.kelengkapan)),
            "waktu": _mutu(merged, "waktu", i, [step.waktu or "-"]),
            "waktu_kind": graph.durations[i].kind.value,
            "output": _mutu(merged, "output", i, list(step.output)),
        })
    return {"chart_index": chart_index, "titles": chart.titles or JudulKolom(), "footnote": chart.footnote or "",
            "performers": [p.nama for p in chart.performers], "rows": rows}


def steps_table(chart: Flowchart, chart_index: int, template_dirs: tuple[str, ...] = ()) -> str:
    """The official table: symbols in the pelaksana columns, Mutu Baku, notes (template ``steps_table.html``)."""
    return render("steps_table.html", template_dirs, table=steps_context(chart, chart_index))


def flowchart_block(chart: Flowchart, chart_index: int, title: str, template_dirs: tuple[str, ...] = ()) -> str:
    """The drawing with its text form, or the reason it could not be drawn (template ``flowchart_block.html``)."""
    from .flowchart import FlowchartError, flowchart_svg, flowchart_text_alternative

    try:
        # The text form below the drawing describes it (aria-describedby): not repeated as the SVG's <desc>.
        svg = trusted(flowchart_svg(chart, chart_index=chart_index, sop_title=title,
                                    described_by=alt_id(chart_index)))
        error = ""
    except FlowchartError as exc:
        svg, error = None, str(exc)
    alt = flowchart_text_alternative(chart) if svg is not None else ""
    return render("flowchart_block.html", template_dirs, chart_index=chart_index, svg=svg, error=error, alt=alt,
                  alt_id=alt_id(chart_index))


def alt_id(chart_index: int) -> str:
    """The id of a chart's text form on the page, which describes the drawing."""
    return f"fc{chart_index}-alt"
