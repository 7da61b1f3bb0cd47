"""The flowchart of an SOP as inline SVG, drawn by Graphviz in the official notation.

Drawn by the Python ``graphviz`` package driving the system ``dot``.

Layout: one lane per pelaksana (declared order, left to right), one row per step (step order, top to
bottom). Graphviz clusters do not align lanes, so the chart is a grid: every row is a ``rank=same``
group holding one cell per lane (the step's node, or an invisible placeholder), every lane is a chain
of heavy invisible edges through its cells, and flat invisible edges keep the cells of a row in lane
order. The visible arrows use ``constraint=false`` so they never disturb the grid.

The SVG is post-processed for the page: colours become ``currentColor`` and CSS variables (both
Material palettes), every step's group gets ``id="fc{chart}-step-{no}"``, ``data-step`` and a
tooltip with the full kegiatan, lanes get background stripes, and the size follows the container.
Rendering is cached by a hash of the DOT source and the Graphviz version.
"""

from __future__ import annotations

import hashlib
import re
import textwrap
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from os import cpu_count
from pathlib import Path

import graphviz

from .engine.checks import chart_columns
from .engine.flow import FlowGraph
from .engine.model import Flowchart

RENDERER_VERSION = "2"
FG = "#010203"
"""Sentinel colour for lines and text; becomes ``currentColor``."""
FILL = "#040506"
"""Sentinel fill colour of symbols; becomes a CSS variable per symbol."""
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)

SHAPES = {
    "terminator": 'shape=box, style="rounded,filled", peripheries=1',
    "proses": 'shape=box, style="filled"',
    "keputusan": 'shape=diamond, style="filled"',
}
SYMBOL_CLASS = {"terminator": "sop-fc-terminator", "proses": "sop-fc-process", "keputusan": "sop-fc-decision"}

FLOWCHART_CSS = """
.sop-flowchart svg { --sop-fc-terminator: rgba(76, 175, 80, .18); --sop-fc-process: rgba(63, 81, 181, .10);
  --sop-fc-decision: rgba(255, 193, 7, .28); --sop-fc-lane: rgba(0, 0, 0, .035);
  color: var(--md-default-fg-color); font-family: var(--md-text-font-family, sans-serif); }
[data-md-color-scheme="slate"] .sop-flowchart svg { --sop-fc-terminator: rgba(129, 199, 132, .22);
  --sop-fc-process: rgba(159, 168, 218, .16); --sop-fc-decision: rgba(255, 213, 79, .22);
  --sop-fc-lane: rgba(255, 255, 255, .045); }
.sop-flowchart .sop-fc-terminator > path, .sop-flowchart .sop-fc-terminator > polygon { fill: var(--sop-fc-terminator); }
.sop-flowchart .sop-fc-process > polygon { fill: var(--sop-fc-process); }
.sop-flowchart .sop-fc-decision > polygon { fill: var(--sop-fc-decision); }
.sop-flowchart .sop-fc-lane-bg { fill: var(--sop-fc-lane); }
.sop-flowchart .sop-step { cursor: pointer; }
.sop-flowchart .sop-step:focus { outline: none; }
.sop-flowchart .sop-step:focus-visible > path, .sop-flowchart .sop-step:focus-visible > polygon,
.sop-flowchart .sop-step.is-active > path, .sop-flowchart .sop-step.is-active > polygon {
  stroke: var(--md-accent-fg-color); stroke-width: 3px; }
.sop-flowchart .sop-fc-edge-label { font-size: 10px; }
"""


NO_GRAPHVIZ = "Graphviz (dot) tidak ditemukan; pasang paket 'graphviz' (bash tools/setup.sh)."


class FlowchartError(RuntimeError):
    """Graphviz is missing or failed; the message is in Indonesian."""


_memory: dict[str, str] = {}
_cache_dir: Path | None = None


def set_cache_dir(path: Path | None) -> None:
    """Cache rendered SVG on disk in ``path`` (None: in memory only)."""
    global _cache_dir
    _cache_dir = Path(path) if path is not None else None


@lru_cache(maxsize=1)
def graphviz_version() -> str:
    """The version of the system's Graphviz (part of the cache key)."""
    try:
        return ".".join(str(part) for part in graphviz.version())
    except graphviz.ExecutableNotFound as exc:
        raise FlowchartError(NO_GRAPHVIZ) from exc


def _quote(text: str) -> str:
    """A DOT double-quoted string holding ``text`` literally (no Graphviz escapes)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _wrap(text: str, width: int = 20, lines: int = 4) -> str:
    words = " ".join(text.split())
    wrapped = textwrap.wrap(words, width=width, break_long_words=True, break_on_hyphens=False) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return "\n".join(wrapped)


_dot_memo: dict[int, tuple[Flowchart, str]] = {}


def dot_source(chart: Flowchart) -> str:
    """The DOT text of one flowchart (the grid, the symbols and the labelled arrows)."""
    memo = _dot_memo.get(id(chart))
    if memo is not None and memo[0] is chart:
        return memo[1]
    source = _dot_source(chart)
    if len(_dot_memo) > 20_000:
        _dot_memo.clear()
    _dot_memo[id(chart)] = (chart, source)
    return source


def _dot_source(chart: Flowchart) -> str:
    graph = FlowGraph(chart)
    columns = chart_columns(chart)
    lanes = len(chart.performers)
    lines = [
        "digraph sop {",
        '  graph [newrank=true, splines=true, nodesep=0.25, ranksep=0.32, pad=0.15, bgcolor="transparent", '
        'fontname="DejaVu Sans"];',
        f'  node [fontname="DejaVu Sans", fontsize=11, color="{FG}", fontcolor="{FG}", fillcolor="{FILL}", '
        'penwidth=1.3, margin="0.08,0.05"];',
        f'  edge [color="{FG}", fontcolor="{FG}", fontname="DejaVu Sans", fontsize=10, penwidth=1.2, '
        "arrowsize=0.7];",
    ]
    header = [f"h{c}" for c in range(lanes)]
    lines.append("  { rank=same; " + " ".join(
        f"h{c} [shape=plaintext, fontsize=12, width=1.9, label={_quote(_wrap(p.nama, 22, 3))}];"
        for c, p in enumerate(chart.performers)) + " }")
    grid: list[list[str]] = []
    for r, step in enumerate(chart.steps):
        cells = [f"p{r}_{c}" for c in range(lanes)]
        defs = []
        for c in range(lanes):
            if c in columns[r]:
                node = f"s{step.no}" if c == columns[r][0] else f"s{step.no}_{c}"
                cells[c] = node
                label = _quote(f"{step.no}. " + _wrap(step.kegiatan, 16 if step.simbol == "keputusan" else 20))
                width = "1.9" if step.simbol == "keputusan" else "1.7"
                defs.append(f"{node} [{SHAPES[step.simbol]}, label={label}, width={width}];")
            else:
                defs.append(f"{cells[c]} [style=invis, shape=point, width=1.7, height=0.01];")
        if step.cabang and step.simbol == "proses" and columns[r]:
            defs.append(f'd{step.no} [shape=diamond, style="filled", label="?", width=0.45, height=0.45];')
        lines.append("  { rank=same; " + " ".join(defs) + " }")
        grid.append(cells)
    for c in range(lanes):
        chain = [header[c]] + [row[c] for row in grid]
        lines.append("  " + " -> ".join(chain) + " [style=invis, weight=100];")
    if lanes > 1:
        lines.append("  " + " -> ".join(header) + " [style=invis];")
        for row in grid:
            lines.append("  " + " -> ".join(row) + " [style=invis];")
    for r, step in enumerate(chart.steps):
        if not columns[r]:
            continue
        source = f"s{step.no}"
        for extra in columns[r][1:]:
            lines.append(f"  {source} -> s{step.no}_{extra} [style=dashed, dir=none, constraint=false];")
        if step.cabang and step.simbol == "proses":
            lines.append(f"  {source} -> d{step.no} [constraint=false];")
            source = f"d{step.no}"
        for edge in graph.successors[r]:
            if edge.target is None:
                continue
            target_row = edge.target
            if not columns[target_row]:
                continue
            target = f"s{chart.steps[target_row].no}"
            attrs = ["constraint=false"]
            if edge.label:
                attrs.append(f"xlabel={_quote(_wrap(edge.label, 14, 2))}")
            if target_row <= r:  # a loop back: leave and enter on the side, around the boxes
                attrs += ['tailport="w"', 'headport="w"']
            elif target_row > r + 1:
                attrs += ['tailport="e"', 'headport="e"'] if columns[target_row][0] >= columns[r][0] else [
                    'tailport="w"', 'headport="w"']
            else:
                attrs += ['tailport="s"', 'headport="n"']
            lines.append(f"  {source} -> {target} [{', '.join(attrs)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _run_dot(source: str) -> str:
    """The Python ``graphviz`` package runs the system ``dot`` on the source."""
    try:
        return graphviz.pipe("dot", "svg", source.encode("utf-8"), quiet=True).decode("utf-8")
    except graphviz.ExecutableNotFound as exc:
        raise FlowchartError(NO_GRAPHVIZ) from exc
    except graphviz.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode(errors="replace")[:500] if isinstance(exc.stderr, bytes) else exc.stderr
        raise FlowchartError(f"Graphviz gagal menggambar bagan alir: {detail}") from exc


def _cache_key(source: str) -> str:
    return hashlib.sha256(f"{RENDERER_VERSION}\n{graphviz_version()}\n{source}".encode()).hexdigest()


def render_dot(source: str) -> str:
    """Graphviz's SVG for a DOT source, from the memory or disk cache when possible."""
    key = _cache_key(source)
    if key in _memory:
        return _memory[key]
    path = _cache_dir / f"{key}.svg" if _cache_dir is not None else None
    if path is not None and path.is_file():
        try:
            svg = path.read_text(encoding="utf-8")
            ET.fromstring(svg)
            _memory[key] = svg
            return svg
        except (OSError, UnicodeDecodeError, ET.ParseError):
            pass  # a damaged cache file: draw again
    svg = _run_dot(source)
    _memory[key] = svg
    _store(path, svg)
    return svg


def _store(path: Path | None, svg: str) -> None:
    """Write a cache file atomically; a cache that cannot be written is only slower, never an error."""
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(svg, encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass


def prerender(charts: list[Flowchart]) -> None:
    """Draw many flowcharts in parallel (one ``dot`` per core), filling the cache."""
    sources = [dot_source(c) for c in charts]
    with ThreadPoolExecutor(max_workers=max(1, cpu_count() or 1)) as pool:
        list(pool.map(render_dot, sources))


def _tag(element: ET.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _finish(svg_text: str, chart: Flowchart, chart_index: int, title: str) -> str:
    svg_text = re.sub(r"<\?xml[^>]*>|<!DOCTYPE[^>]*>|<!--.*?-->", "", svg_text, flags=re.S)
    root = ET.fromstring(svg_text)
    root.attrib.pop("width", None)
    root.attrib.pop("height", None)
    view_box = [float(v) for v in root.get("viewBox", "0 0 0 0").split()]
    root.set("width", "100%")  # follows the container, never wider than the drawing itself (pt -> px)
    if len(view_box) == 4 and view_box[2] > 0:
        root.set("style", f"max-width:{view_box[2] * 4 / 3:.0f}px")
    root.set("role", "img")
    root.set("class", "sop-fc")
    title_id, desc_id = f"fc{chart_index}-title", f"fc{chart_index}-desc"
    root.set("aria-labelledby", f"{title_id} {desc_id}")
    steps = {f"s{s.no}": s for s in chart.steps}
    graph_group = next(e for e in root if _tag(e) == "g")
    lane_x: list[float] = []
    for group in list(graph_group):
        if _tag(group) == "title":
            graph_group.remove(group)
            continue
        if _tag(group) != "g" or group.get("class") != "node":
            continue
        name_el = next((e for e in group if _tag(e) == "title"), None)
        name = name_el.text if name_el is not None else ""
        if name and re.fullmatch(r"h\d+", name):
            text = next((e for e in group if _tag(e) == "text"), None)
            if text is not None:
                lane_x.append(float(text.get("x", 0)))
            group.set("class", "sop-fc-lane-title")
            group.remove(name_el)
            continue
        base = re.fullmatch(r"s(\d+)(?:_\d+)?", name or "")
        if base:
            step = steps.get(f"s{base.group(1)}")
            if step is None:
                continue
            extra = name != f"s{step.no}"
            group.set("class", f"node sop-step {SYMBOL_CLASS[step.simbol]}")
            if not extra:
                group.set("id", f"fc{chart_index}-step-{step.no}")
            group.set("data-step", str(step.no))
            group.set("tabindex", "0")
            group.set("role", "button")
            group.set("aria-label", f"Langkah {step.no}: {step.kegiatan}")
            if name_el is not None:
                name_el.text = f"Langkah {step.no} ({', '.join(step.oleh)}): {step.kegiatan}"
        elif name_el is not None:
            name_el.text = ""
    # lane stripes behind everything (graph coordinates: x right, y up from the bottom edge)
    view = [float(v) for v in root.get("viewBox", "0 0 0 0").split()]
    if lane_x and len(view) == 4:
        width, height = view[2], view[3]
        bounds = [0.0] + [(a + b) / 2 for a, b in zip(lane_x, lane_x[1:])] + [width - 8]
        position = next((i for i, e in enumerate(graph_group) if _tag(e) == "g"), 0)
        for i in range(0, len(lane_x), 2):
            rect = ET.Element(f"{{{SVG_NS}}}rect", {
                "class": "sop-fc-lane-bg", "x": f"{bounds[i]:.1f}", "y": f"{-height + 4:.1f}",
                "width": f"{bounds[i + 1] - bounds[i]:.1f}", "height": f"{height - 4:.1f}"})
            graph_group.insert(position, rect)
            position += 1
    title_el = ET.Element(f"{{{SVG_NS}}}title", {"id": title_id})
    title_el.text = f"Bagan alir {title}".strip()
    desc_el = ET.Element(f"{{{SVG_NS}}}desc", {"id": desc_id})
    desc_el.text = flowchart_text_alternative(chart)
    root.insert(0, desc_el)
    root.insert(0, title_el)
    out = ET.tostring(root, encoding="unicode")
    out = out.replace(f'"{FG}"', '"currentColor"').replace(f'"{FILL}"', '"none"')
    out = out.replace('fill="white"', 'fill="none"').replace('stroke="transparent"', 'stroke="none"')
    return out


def flowchart_svg(chart: Flowchart, *, chart_index: int = 0, sop_title: str = "") -> str:
    """Inline SVG of one flowchart: lanes, rows, symbols, labelled arrows, ids for the page's script.

    The finished SVG is cached too (by the drawing's key, the chart index, the title and the text
    alternative), so a rebuild with nothing changed does no XML work at all."""
    source = dot_source(chart)
    alt = flowchart_text_alternative(chart)
    key = "page-" + hashlib.sha256(f"{_cache_key(source)}\n{chart_index}\n{sop_title}\n{alt}".encode()).hexdigest()
    cached = _memory.get(key)
    path = _cache_dir / f"{key}.svg" if _cache_dir is not None else None
    if cached is None and path is not None and path.is_file():
        try:
            cached = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            cached = None
    if cached is not None and cached.startswith("<svg") and cached.endswith("</svg>"):
        _memory[key] = cached
        return cached
    svg = _finish(render_dot(source), chart, chart_index, sop_title)
    _memory[key] = svg
    _store(path, svg)
    return svg


def flowchart_text_alternative(chart: Flowchart) -> str:
    """The flowchart in words (Indonesian), for screen readers and as a text alternative."""
    graph = FlowGraph(chart)
    parts = []
    for r, step in enumerate(chart.steps):
        who = ", ".join(step.oleh)
        edges = graph.successors[r]
        if step.cabang:
            exits = "; ".join(f"jika {e.label} ke {'selesai' if e.target is None else 'langkah ' + str(e.target_number)}"
                              for e in edges)
            parts.append(f"Keputusan langkah {step.no} ({who}): {step.kegiatan}; {exits}.")
        else:
            nxt = "selesai" if not edges or edges[0].target is None else f"lalu ke langkah {edges[0].target_number}"
            parts.append(f"Langkah {step.no} ({who}): {step.kegiatan}, {nxt}.")
    return " ".join(parts)
