"""The flowchart part of an SOP page: the drawing (with its text form) and the step table, whose pelaksana
columns hold each row's symbols with their exits."""

from __future__ import annotations

from ..engine.flow import FlowGraph
from ..engine.model import Flowchart
from ..engine.model_symbols import JudulKolom
from .html_text import esc

SYMBOL_SVG = {
    "terminator": '<rect x="2" y="3" width="36" height="16" rx="8" ry="8"/>',
    "proses": '<rect x="4" y="2" width="32" height="18"/>',
    "keputusan": '<polygon points="20,1 38,11 20,21 2,11"/>',
    "penghubung": '<circle cx="20" cy="11" r="9"/>',
}
SYMBOL_NAME = {"terminator": "Mulai atau selesai", "proses": "Proses", "keputusan": "Keputusan",
               "penghubung": "Penghubung"}


def symbol_svg(symbol: str, extra_class: str = "", name: str | None = None) -> str:
    name = name or SYMBOL_NAME[symbol]
    return (f'<svg class="sop-sym sop-sym-{symbol} {extra_class}" viewBox="0 0 40 22" width="40" height="22" '
            f'role="img" aria-label="{name}"><title>{name}</title>'
            f"{SYMBOL_SVG[symbol]}</svg>")


def _next_text(graph: FlowGraph, node: int) -> str:
    """The exits of a symbol: ``Ya → langkah 3; Tidak → langkah 4 (Umum)``; the lane when the arrow picks one."""
    parts = []
    for edge in graph.successors[node]:
        target = "selesai" if edge.target is None else f"langkah {edge.target_number}"
        if edge.target is not None and len(graph.row_nodes[graph.nodes[edge.target].row]) > 1:
            target += " (" + " + ".join(graph.chart.performers[c].nama for c in graph.nodes[edge.target].lanes) + ")"
        parts.append(f"{esc(edge.label)} → {esc(target)}" if edge.label else f"→ {esc(target)}")
    return "; ".join(parts)


def _merged_cells(chart: Flowchart) -> dict[tuple[str, int], tuple[int, str]]:
    """(column, row) -> (rowspan, text) for the first row of a merged cell, (0, '') for the rows it covers."""
    numbers = {step.no: i for i, step in enumerate(chart.steps)}
    out: dict[tuple[str, int], tuple[int, str]] = {}
    for cell in chart.merged:
        first, last = (numbers.get(n) for n in cell.langkah)
        if first is None or last is None or last <= first:
            continue
        out[(cell.kolom, first)] = (last - first + 1, cell.isi)
        out.update({(cell.kolom, r): (0, "") for r in range(first + 1, last + 1)})
    return out


def _cell_list(items: list[str]) -> str:
    if not items:
        return "-"
    if len(items) == 1:
        return esc(items[0])
    return "<ul>" + "".join(f"<li>{esc(x)}</li>" for x in items) + "</ul>"


def _mutu(merged: dict, key: str, row: int, cls: str, content: str, extra: str = "") -> str:
    """One Mutu Baku cell, spanning rows when the file merges it (nothing for the rows it covers)."""
    span, text = merged.get((key, row), (1, None))
    if span == 0:
        return ""
    rowspan = f' rowspan="{span}"' if span > 1 else ""
    return f'\n<td class="{cls}"{rowspan}{extra}>{esc(text) if text is not None else content}</td>'


def steps_table(chart: Flowchart, chart_index: int) -> str:
    graph = FlowGraph(chart)
    merged = _merged_cells(chart)
    titles = chart.titles or JudulKolom()
    head = "".join(f'\n<th scope="col" class="sop-col-pelaksana">{esc(p.nama)}</th>' for p in chart.performers)
    rows = []
    for i, step in enumerate(chart.steps):
        cells = []
        for col, performer in enumerate(chart.performers):
            here = [n for n in graph.row_nodes[i] if col in graph.nodes[n].lanes]
            if not here:
                cells.append(f'\n<td class="sop-cell-empty" data-col="{col}"></td>')
                continue
            parts = []
            for n in here:
                node = graph.nodes[n]
                inline = symbol_svg("keputusan", "sop-sym-inline") if step.cabang and node.shape == "proses" else ""
                text = f'<span class="sop-sym-text">{esc(node.text)}</span> ' if node.text else ""
                # A terminator is where the procedure starts (no arrow enters it) or where it ends.
                name = ("Mulai" if n in graph.starts else "Selesai") if node.shape == "terminator" else None
                parts.append(f'{symbol_svg(node.shape, name=name)}{inline} {text}<span class="sop-next">'
                             f'{_next_text(graph, n)}</span>')
            cells.append(f'\n<td class="sop-cell-symbol" data-col="{col}">{"<br>".join(parts)}</td>')
        note = [esc(step.keterangan)] if step.keterangan else []
        if len(step.oleh) > 1:
            note.append("Dikerjakan bersama" if step.cara == "bersama" else "Dikerjakan salah satu pelaksana")
        duration = graph.durations[i]
        names = dict.fromkeys(n for index in graph.row_nodes[i] for n in graph.nodes[index].names)
        rows.append(
            f'<tr id="fc{chart_index}-row-{step.no}" data-step="{step.no}" class="sop-row">'
            f'\n<th scope="row" class="sop-no">{step.no}</th>'
            f'\n<td class="sop-kegiatan">{esc(step.kegiatan)}'
            f'<span class="sop-oleh">{esc(", ".join(names))}</span></td>'
            + "".join(cells)
            + _mutu(merged, "kelengkapan", i, "sop-kelengkapan", _cell_list(step.kelengkapan))
            + _mutu(merged, "waktu", i, "sop-waktu", esc(step.waktu or "-"), f' data-kind="{duration.kind.value}"')
            + _mutu(merged, "output", i, "sop-output", _cell_list(step.output))
            + f'\n<td class="sop-keterangan">{"<br>".join(note) or ""}</td></tr>'
        )
    footnote = f'<p class="sop-footnote">{esc(chart.footnote)}</p>' if chart.footnote else ""
    caption = f'<p class="sop-table-title">{esc(titles.judul)}</p>' if titles.judul else ""
    return (
        f'{caption}<div class="sop-table-wrap" tabindex="0" role="region" aria-label="Tabel langkah">'
        f'<table class="sop-steps" data-chart="{chart_index}">'
        f'<thead><tr><th scope="col" rowspan="2" class="sop-no">No</th>'
        f'<th scope="col" rowspan="2">{esc(titles.title("kegiatan", "Kegiatan"))}</th>'
        f'\n<th scope="colgroup" colspan="{len(chart.performers)}">Pelaksana</th>'
        f'\n<th scope="colgroup" colspan="3">Mutu Baku</th>'
        f'<th scope="col" rowspan="2">{esc(titles.title("keterangan", "Keterangan"))}</th></tr>'
        f'<tr>{head}<th scope="col">{esc(titles.title("kelengkapan", "Kelengkapan"))}</th>'
        f'<th scope="col">{esc(titles.title("waktu", "Waktu"))}</th>'
        f'<th scope="col">{esc(titles.title("output", "Output"))}</th></tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table></div>{footnote}"
    )


def flowchart_block(chart: Flowchart, chart_index: int, title: str) -> str:
    from .flowchart import FlowchartError, flowchart_svg, flowchart_text_alternative

    try:
        svg = flowchart_svg(chart, chart_index=chart_index, sop_title=title)
    except FlowchartError as exc:
        return f'<div class="admonition failure"><p class="admonition-title">Bagan alir</p><p>{esc(exc)}</p></div>'
    alt = flowchart_text_alternative(chart)
    # The drawing and its text form repeat the step table: kept out of the search index.
    return (f'<figure class="sop-flowchart" data-chart="{chart_index}" data-pagefind-ignore="all"><div class="sop-flowchart-scroll" '
            f'tabindex="0" role="region" aria-label="Bagan alir (dapat digeser)">{svg}</div>'
            f'<figcaption>Klik sebuah simbol untuk menyorot barisnya di tabel.</figcaption></figure>'
            f'<details class="sop-alt" data-pagefind-ignore="all"><summary>Bagan alir dalam bentuk teks</summary><p>{esc(alt)}</p></details>')
