"""The flowchart of an SOP as inline SVG, drawn by Graphviz in the official notation (Permenpan RB 35/2012).

Drawn by the Python ``graphviz`` package driving the system ``dot``, in two passes:

1. *Measure*: every symbol and text (steps, lane titles, exit labels) is laid out once by ``dot -Tplain``,
   which gives the exact size of each node for Graphviz's own fonts.
2. *Draw*: this module places the nodes on a strict grid (one lane per pelaksana in the declared column
   order, one row per step in step order), routes every arrow orthogonally through the free space
   between rows ("gaps") and beside the lanes ("channels"), and lets ``neato -n2`` draw the pinned nodes
   and edges as SVG. Graphviz clusters do not align lanes and ``splines=ortho`` crashes with edge labels
   on Debian's Graphviz 2.42/2.43, hence the routing here: a loop back leaves its decision on the side,
   runs up a channel and enters its target from the side or from above, never through a box.

The SVG is then post-processed for the page: colours become ``currentColor`` and CSS classes (both
Material palettes, see :data:`FLOWCHART_CSS`), the root scales with its container (``viewBox``,
``width="100%"``), every step's group gets ``id="fc{chart}-step-{no}"``, ``data-step``, ``tabindex`` and
a tooltip with the full kegiatan, and the whole chart gets a ``<title>`` and a ``<desc>`` (the text
alternative). Results are cached in memory and, after :func:`set_cache_dir`, on disk.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import subprocess
import textwrap
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from os import cpu_count
from pathlib import Path

import graphviz

from ..engine.checks import chart_columns
from ..engine.flow import FlowGraph
from ..engine.symbols import drawing_gaps
from ..engine.model import Flowchart, Langkah

RENDERER_VERSION = "5"  # 5: the drawing is a named group (role="group"), not an image
"""Part of every cache key: raise it whenever the drawing changes."""
DOT_TIMEOUT = 30
"""Seconds one Graphviz run may take before it is stopped."""
FG = "#010203"
"""Sentinel colour for lines and text; becomes ``currentColor``."""
FILL = "#040506"
"""Sentinel fill colour of symbols; becomes ``none`` (the stylesheet tints them by class)."""
LANE_LINE = "#070809"
"""Sentinel colour of the lane grid lines; becomes a faint ``currentColor``."""
FONT = "DejaVu Sans"
FONT_BOLD = "DejaVu Sans Bold"
FONT_STACK = "DejaVu Sans, Verdana, Arial, sans-serif"
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)

STEP_FONTSIZE = 12
DECISION_FONTSIZE = 11
LABEL_FONTSIZE = 10
HEADER_FONTSIZE = 12
STEP_WRAP = 18
DECISION_WRAP = 15
LABEL_WRAP = 16
HEADER_WRAP = 20
MAX_LINES = 4
DECISION_LINES = 3
MIN_BOX_WIDTH = 1.7 * 72
"""Every process and terminator box is at least this wide (points), so the lanes look alike."""
ARROW = 7.0
"""Length of an arrowhead (Graphviz: 10 points times arrowsize 0.7)."""
TRACK = 8.0
"""Distance between parallel lines in a channel or a gap (points)."""

SYMBOL_CLASS = {"terminator": "sop-fc-terminator", "proses": "sop-fc-process", "keputusan": "sop-fc-decision"}

FLOWCHART_CSS = """
svg.sop-fc { --sop-fc-terminator: rgba(46, 125, 50, .14); --sop-fc-process: rgba(48, 63, 159, .08);
  --sop-fc-decision: rgba(255, 160, 0, .22); --sop-fc-lane: rgba(0, 0, 0, .028);
  --sop-fc-head: rgba(0, 0, 0, .06); --sop-fc-grid: currentColor; --sop-fc-active: var(--md-accent-fg-color, #526cfe);
  --sop-fc-active-fill: rgba(82, 108, 254, .20); }
[data-md-color-scheme="slate"] svg.sop-fc { --sop-fc-terminator: rgba(129, 199, 132, .20);
  --sop-fc-process: rgba(159, 168, 218, .14); --sop-fc-decision: rgba(255, 213, 79, .20);
  --sop-fc-lane: rgba(255, 255, 255, .035); --sop-fc-head: rgba(255, 255, 255, .08);
  --sop-fc-active-fill: rgba(82, 108, 254, .35); }
svg.sop-fc .sop-fc-terminator > path, svg.sop-fc .sop-fc-terminator > polygon { fill: var(--sop-fc-terminator); }
svg.sop-fc .sop-fc-process > polygon { fill: var(--sop-fc-process); }
svg.sop-fc .sop-fc-decision > polygon { fill: var(--sop-fc-decision); }
svg.sop-fc .sop-fc-lane > polygon { stroke: var(--sop-fc-grid); stroke-opacity: .28; fill: none; }
svg.sop-fc .sop-fc-lane-odd > polygon { fill: var(--sop-fc-lane); }
svg.sop-fc .sop-fc-lane-title > polygon { fill: var(--sop-fc-head); stroke: var(--sop-fc-grid); stroke-opacity: .28; }
svg.sop-fc .sop-fc-lane-title text { font-weight: 700; }
svg.sop-fc .sop-fc-link > path { stroke-dasharray: 5 3; }
svg.sop-fc .sop-fc-link text { font-style: italic; }
svg.sop-fc .sop-step { cursor: pointer; }
svg.sop-fc .sop-step > path, svg.sop-fc .sop-step > polygon { pointer-events: all; }
svg.sop-fc .sop-step:focus { outline: none; }
svg.sop-fc .sop-step:hover > path, svg.sop-fc .sop-step:hover > polygon { stroke-width: 2px; }
svg.sop-fc .sop-step:focus-visible > path, svg.sop-fc .sop-step:focus-visible > polygon,
svg.sop-fc .sop-step.is-active > path, svg.sop-fc .sop-step.is-active > polygon {
  stroke: var(--sop-fc-active); stroke-width: 3px; fill: var(--sop-fc-active-fill); }
svg.sop-fc .sop-step.is-active text { font-weight: 700; }
@media print { svg.sop-fc { --sop-fc-lane: transparent; --sop-fc-head: transparent; } }
"""
"""Stylesheet for the flowchart SVG (class ``sop-fc``), for Material's light and dark (slate) palettes."""

NO_GRAPHVIZ = "Graphviz (dot) tidak ditemukan; pasang paket 'graphviz' (bash tools/setup.sh)."


class FlowchartError(RuntimeError):
    """Graphviz is missing or failed; the message is in Indonesian."""


# --------------------------------------------------------------------------------------------------
# Running Graphviz and caching
# --------------------------------------------------------------------------------------------------

_memory: dict[str, str] = {}
_cache_dir: Path | None = None


def set_cache_dir(path: Path | str | None) -> None:
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
    except (graphviz.CalledProcessError, RuntimeError, OSError) as exc:
        raise FlowchartError(f"Versi Graphviz (dot -V) tidak dapat dibaca: {exc}") from exc


def _run_dot(source: str, fmt: str = "svg", engine: str = "dot") -> str:
    """Run the system Graphviz on ``source`` through the Python ``graphviz`` package, with a time limit.

    ``engine="neato-n2"`` draws a graph whose nodes and edges are all pinned."""
    from graphviz.backend import dot_command, execute

    if engine == "neato-n2":
        cmd = dot_command.command("neato", fmt, neato_no_op=2)
    else:
        cmd = dot_command.command(engine, fmt)
    try:
        proc = execute.run_check(cmd, input=source.encode("utf-8"), capture_output=True, quiet=True,
                                 timeout=DOT_TIMEOUT)
    except graphviz.ExecutableNotFound as exc:
        raise FlowchartError(NO_GRAPHVIZ) from exc
    except subprocess.TimeoutExpired as exc:
        raise FlowchartError(f"Graphviz tidak selesai menggambar bagan alir dalam {DOT_TIMEOUT} detik.") from exc
    except graphviz.CalledProcessError as exc:
        stderr = exc.stderr.decode("utf-8", "replace") if isinstance(exc.stderr, bytes) else str(exc.stderr or "")
        raise FlowchartError(f"Graphviz gagal menggambar bagan alir: {stderr.strip()[:500]}") from exc
    except OSError as exc:
        raise FlowchartError(f"Graphviz tidak dapat dijalankan: {exc}") from exc
    return proc.stdout.decode("utf-8", "replace")


def _cache_key(source: str) -> str:
    return hashlib.sha256(f"{RENDERER_VERSION}\n{graphviz_version()}\n{source}".encode()).hexdigest()


def _cache_path(key: str) -> Path | None:
    return _cache_dir / f"{key}.svg" if _cache_dir is not None else None


def _cached(key: str) -> str | None:
    """A cached SVG from memory or disk; a damaged file counts as missing."""
    svg = _memory.get(key)
    if svg is not None:
        return svg
    path = _cache_path(key)
    if path is None or not path.is_file():
        return None
    try:
        svg = path.read_text(encoding="utf-8")
        if not svg.lstrip().startswith("<") or _tag(ET.fromstring(svg)) != "svg":
            return None
    except (OSError, UnicodeDecodeError, ET.ParseError, ValueError):
        return None  # a damaged cache file: draw again
    _memory[key] = svg
    return svg


def _store(key: str, svg: str) -> None:
    """Keep ``svg`` in memory and write it atomically to the disk cache (a failed write is only slower)."""
    _memory[key] = svg
    path = _cache_path(key)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{id(svg)}.tmp")
        tmp.write_text(svg, encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass


# --------------------------------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------------------------------

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def _clean(text: str) -> str:
    """Text without characters that XML 1.0 cannot hold."""
    return _CONTROL.sub("", text)


_SPACES = re.compile(r"[ \t\n\r\f\v]+")


def _wrap(text: str, width: int = STEP_WRAP, lines: int = MAX_LINES) -> str:
    """``text`` on at most ``lines`` lines of about ``width`` characters, with an ellipsis when cut.

    A word a little longer than ``width`` stays whole on its own line; a much longer one is cut."""
    hard = width + 3
    words = []
    for word in _SPACES.split(_clean(text).strip()):  # not str.split(): a no-break space joins
        words += [word[i:i + width] for i in range(0, len(word), width)] if len(word) > hard else [word]
    wrapped = textwrap.wrap(" ".join(words), width=width, break_long_words=False, break_on_hyphens=False) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        last = wrapped[-1]
        wrapped[-1] = (last if len(last) < hard else last[: hard - 1].rstrip()) + "…"
    return "\n".join(wrapped)


NBSP = "\u00a0"


def _numbered(number: int, text: str, width: int) -> str:
    """``"5. kegiatan"``, the number kept on the line of the first word when they fit together."""
    words = [w for w in _SPACES.split(_clean(text).strip()) if w]
    if words and len(str(number)) + 2 + len(words[0]) <= width + 3:
        return f"{number}.{NBSP}" + " ".join(words)
    return f"{number}. " + " ".join(words)


def _quote(text: str) -> str:
    """A DOT label string that shows ``text`` literally: no Graphviz escapes, no HTML entities."""
    text = _clean(text).replace("&", "&amp;").replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("\n", "\\n") + '"'


def _performers_text(step: Langkah) -> str:
    names = [_clean(n) for n in step.oleh]
    if len(names) < 2:
        return ", ".join(names)
    joiner = " atau " if step.cara == "salah_satu" else " dan "
    return ", ".join(names[:-1]) + joiner + names[-1]


# --------------------------------------------------------------------------------------------------
# The plan: nodes in lanes and rows, edges between them
# --------------------------------------------------------------------------------------------------

@dataclass
class _Node:
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
class _Edge:
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
class _Plan:
    chart: Flowchart
    lanes: list[str]  # lane titles; an extra unnamed lane holds steps whose performers are unknown
    named_lanes: int
    nodes: dict[str, _Node]
    rows: list[list[str]]  # node names per row (steps, then the row of end symbols)
    edges: list[_Edge]
    label_sizes: dict[str, tuple[float, float]] = field(default_factory=dict)
    header_sizes: list[tuple[float, float]] = field(default_factory=list)


def _plan(chart: Flowchart) -> _Plan:
    graph = FlowGraph(chart)
    columns = chart_columns(chart)
    named = len(chart.performers)
    unknown = any(not cols for cols in columns)
    lanes = [_clean(p.nama) for p in chart.performers] + ([""] if unknown else [])
    nodes: dict[str, _Node] = {}
    rows: list[list[str]] = []
    main: list[str] = []
    exit_node: list[str] = []
    for r, step in enumerate(chart.steps):
        cols = columns[r] or [named]
        label = _numbered(step.no, step.kegiatan, DECISION_WRAP if step.simbol == "keputusan" else STEP_WRAP)
        wrapped = (_wrap(label, DECISION_WRAP, DECISION_LINES) if step.simbol == "keputusan"
                   else _wrap(label, STEP_WRAP, MAX_LINES)).replace(NBSP, " ")
        row = []
        for i, col in enumerate(cols):
            name = f"n{r}" if i == 0 else f"n{r}x{col}"
            nodes[name] = _Node(name, "step" if i == 0 else "extra", r, col, step.simbol, wrapped, step)
            row.append(name)
        main.append(row[0])
        exit_node.append(row[0])
        if step.cabang and step.simbol != "keputusan":
            nodes[f"d{r}"] = _Node(f"d{r}", "inline", r, cols[0], "keputusan", "", step)
            row.insert(1, f"d{r}")
            exit_node[r] = f"d{r}"
        rows.append(row)
    edges: list[_Edge] = []
    end_row: list[str] = []
    end_lane: dict[int, str] = {}
    for r, step in enumerate(chart.steps):
        performers = sorted((n for n in rows[r] if nodes[n].kind in ("step", "extra")), key=lambda n: nodes[n].lane)
        for i, (left, right) in enumerate(zip(performers, performers[1:])):
            if left == main[r] and exit_node[r] != main[r]:
                left = exit_node[r]  # the small diamond stands right of its rectangle: link from it
            text = ("salah satu" if step.cara == "salah_satu" else "bersama") if i == 0 else None
            edges.append(_Edge(left, right, "link", text, title=f"Langkah {step.no}: {text or 'bersama'}"))
        if exit_node[r] != main[r]:
            edges.append(_Edge(main[r], exit_node[r], "inline", title=f"Langkah {step.no}: keputusan"))
        source = nodes[exit_node[r]]
        for edge in graph.successors[r]:
            label = edge.label if step.cabang else None
            if edge.target is None:
                if step.simbol == "terminator":
                    continue  # the terminator is the end itself
                lane = source.lane
                if lane not in end_lane:
                    end_lane[lane] = f"e{lane}"
                    nodes[f"e{lane}"] = _Node(f"e{lane}", "end", len(chart.steps), lane, "terminator", "Selesai")
                    end_row.append(f"e{lane}")
                target = end_lane[lane]
                title = f"Langkah {step.no} ke selesai"
            else:
                candidates = [n for n in rows[edge.target] if nodes[n].kind in ("step", "extra")]
                target = min(candidates, key=lambda n: (abs(nodes[n].lane - source.lane), nodes[n].kind != "step"))
                title = f"Langkah {step.no} ke langkah {chart.steps[edge.target].no}"
            if label:
                title += f" ({_clean(label)})"
            back = edge.target is not None and edge.target <= r
            edges.append(_Edge(source.name, target, "flow", label, back=back, title=title))
    if end_row:
        rows.append(sorted(end_row, key=lambda n: nodes[n].lane))
    for i, edge in enumerate(edges):
        if edge.label:
            edge.label = _wrap(edge.label, LABEL_WRAP, 2)
            edge.label_name = f"l{i}"
    return _Plan(chart, lanes, named, nodes, rows, edges)


def _node_attrs(node: _Node) -> str:
    """Shape, size and text of a symbol (the same in the measuring and the drawing pass)."""
    if node.kind == "inline":
        return 'shape=diamond, label="", width=0.42, height=0.34, fixedsize=true'
    if node.kind == "end":
        return f'shape=box, style="rounded,filled", label="Selesai", fontsize={DECISION_FONTSIZE}, margin="0.14,0.03"'
    label = _quote(node.label)
    if node.symbol == "keputusan":
        return f'shape=diamond, style="filled", label={label}, fontsize={DECISION_FONTSIZE}, margin="0,0"'
    if node.symbol == "terminator":
        return (f'shape=box, style="rounded,filled", label={label}, fontsize={STEP_FONTSIZE}, '
                f'margin="0.16,0.05", width={MIN_BOX_WIDTH / 72:.3f}, height=0.42')
    return (f'shape=box, style="filled", label={label}, fontsize={STEP_FONTSIZE}, margin="0.08,0.05", '
            f'width={MIN_BOX_WIDTH / 72:.3f}, height=0.42')


def _measure_source(plan: _Plan) -> str:
    """DOT text whose plain layout gives the size of every symbol and text; routing inputs as comments."""
    lines = [
        "digraph sop {",
        f'  node [fontname="{FONT}", fontsize={STEP_FONTSIZE}];',
    ]
    for c, title in enumerate(plan.lanes):
        lines.append(f'  h{c} [shape=plaintext, margin=0, width=0.01, height=0.01, fontname="{FONT_BOLD}", '
                     f"fontsize={HEADER_FONTSIZE}, label={_quote(_wrap(title, HEADER_WRAP, 3))}];")
    for name, node in plan.nodes.items():
        lines.append(f"  {name} [{_node_attrs(node)}];")
    for edge in plan.edges:
        if edge.label_name:
            lines.append(f"  {edge.label_name} [shape=plaintext, margin=0, width=0.01, height=0.01, "
                         f"fontsize={LABEL_FONTSIZE}, label={_quote(edge.label or '')}];")
    lines.append("}")
    # What the layout depends on besides the sizes: rows, lanes and edges (for the cache key).
    for r, row in enumerate(plan.rows):
        lines.append(f"// row {r}: " + " ".join(f"{n}@{plan.nodes[n].lane}" for n in row))
    for edge in plan.edges:
        lines.append(f"// edge {edge.kind} {edge.source} -> {edge.target} back={int(edge.back)} "
                     f"label={edge.label_name or '-'}")
    return "\n".join(lines) + "\n"


def _parse_plain(text: str) -> dict[str, tuple[float, float]]:
    """Node name -> (width, height) in points, from ``dot -Tplain``."""
    sizes = {}
    for line in text.splitlines():
        parts = line.split(None, 6)
        if len(parts) >= 6 and parts[0] == "node":
            sizes[parts[1]] = (float(parts[4]) * 72, float(parts[5]) * 72)
    return sizes


# --------------------------------------------------------------------------------------------------
# Layout on a grid, and orthogonal routing
# --------------------------------------------------------------------------------------------------

HEADER_PAD = 10.0
INLINE_GAP = 14.0
MIN_MARGIN = 16.0
MIN_GAP = 24.0
FIRST_GAP = 20.0
BOTTOM_GAP = 14.0
EDGE_CLEAR = 12.0
"""The first and last straight piece of an arrow at a gap is at least this long."""


class _Grid:
    """Positions of lanes, rows, gaps and channels (points, y downwards)."""

    def __init__(self, plan: _Plan, margin: float, gaps: list[float], chan_tracks: dict[int, int],
                 gap_tops: dict[int, float] | None = None) -> None:
        self.plan = plan
        nodes = plan.nodes
        content = MIN_BOX_WIDTH
        for row in plan.rows:
            for lane in {nodes[n].lane for n in row}:
                in_lane = [nodes[n] for n in row if nodes[n].lane == lane]
                width = sum(n.w for n in in_lane) + INLINE_GAP * (len(in_lane) - 1)
                content = max(content, width)
        for w, _ in plan.header_sizes:
            content = max(content, w + 12)
        self.margin = margin
        self.lane_width = content + 2 * margin
        self.lanes = len(plan.lanes)
        self.header_height = max([h for _, h in plan.header_sizes] + [12.0]) + 2 * HEADER_PAD
        self.chan_tracks = chan_tracks
        # rows
        self.row_top: list[float] = []
        self.row_height: list[float] = []
        self.gap_top: list[float] = []
        self.gap_height = gaps
        self.gap_label_room = gap_tops or {}
        y = self.header_height
        for r, row in enumerate(plan.rows):
            self.gap_top.append(y)
            y += gaps[r]
            height = max(nodes[n].h for n in row)
            self.row_top.append(y)
            self.row_height.append(height)
            y += height
        self.gap_top.append(y)
        y += gaps[len(plan.rows)]
        self.height = y
        self.width = self.lanes * self.lane_width
        for row in plan.rows:
            for lane in {nodes[n].lane for n in row}:
                in_lane = [nodes[n] for n in row if nodes[n].lane == lane]
                width = sum(n.w for n in in_lane) + INLINE_GAP * (len(in_lane) - 1)
                left = self.lane_center(lane) - width / 2
                for node in in_lane:
                    node.x = left + node.w / 2
                    left += node.w + INLINE_GAP
        for r, row in enumerate(plan.rows):
            for name in row:
                nodes[name].y = self.row_top[r] + self.row_height[r] / 2
        self._row_bottoms = [t + h for t, h in zip(self.row_top, self.row_height)]

    def lane_center(self, lane: int) -> float:
        return (lane + 0.5) * self.lane_width

    def chan_x(self, k: int, track: int | None = None) -> float:
        """x of channel ``k`` (the boundary left of lane ``k``); a track number spreads parallel lines."""
        base = k * self.lane_width
        if track is None:
            track = 0
        if k == 0:
            return base + TRACK * (track + 0.75)
        if k == self.lanes:
            return base - TRACK * (track + 0.75)
        step = (track // 2 + 0.6) * TRACK
        return base + step if track % 2 == 0 else base - step

    def gap_y(self, g: int, track: int | None = None) -> float:
        top = self.gap_top[g] + self.gap_label_room.get(g, 0.0)
        if track is None:
            return (top + self.gap_top[g] + self.gap_height[g]) / 2
        return top + EDGE_CLEAR + track * TRACK

    def rows_between(self, y1: float, y2: float) -> range:
        lo, hi = min(y1, y2), max(y1, y2)
        first = bisect.bisect_left(self._row_bottoms, lo)
        last = bisect.bisect_right(self.row_top, hi)
        return range(first, last)


# A route is a list of points; each coordinate is symbolic until tracks are assigned:
#   x: ("n", node, factor) = node.x + factor * node.w / 2   |  ("c", k) = channel k
#   y: ("n", node, factor) = node.y + factor * node.h / 2   |  ("g", g) = gap g
SIDE = {"N": (0, -1), "S": (0, 1), "E": (1, 0), "W": (-1, 0)}


def _port(node: str, side: str) -> tuple[tuple, tuple]:
    fx, fy = SIDE[side]
    return ("n", node, fx), ("n", node, fy)


@dataclass
class _Candidate:
    points: list[tuple[tuple, tuple]]
    exit: str
    entry: str


def _candidates(plan: _Plan, grid: _Grid, edge: _Edge) -> list[_Candidate]:
    u, v = plan.nodes[edge.source], plan.nodes[edge.target]
    out: list[_Candidate] = []
    if edge.kind in ("link", "inline"):
        if v.x < u.x:
            u, v = v, u
        return [_Candidate([_port(u.name, "E"), _port(v.name, "W")], "E", "W")]
    forward = v.row > u.row
    if forward:
        if abs(u.x - v.x) < 0.5:
            out.append(_Candidate([_port(u.name, "S"), _port(v.name, "N")], "S", "N"))
        else:
            side = "E" if v.x > u.x else "W"
            out.append(_Candidate([_port(u.name, side), (("n", v.name, 0), ("n", u.name, 0)), _port(v.name, "N")],
                                  side, "N"))
            gap = ("g", u.row + 1)
            out.append(_Candidate([_port(u.name, "S"), (("n", u.name, 0), gap), (("n", v.name, 0), gap),
                                   _port(v.name, "N")], "S", "N"))
    lo, hi = min(u.lane, v.lane), max(u.lane, v.lane) + 1
    sides = ("E", "W", "S", "N") if u.kind == "inline" and not forward else ("E", "W", "S")
    for side in sides:
        for k in range(lo, hi + 1):
            cx = grid.chan_x(k)
            if side == "E" and cx <= u.x + u.w / 2 + 4:
                continue
            if side == "W" and cx >= u.x - u.w / 2 - 4:
                continue
            chan = ("c", k)
            if side == "S":
                below = ("g", u.row + 1)
                start = [_port(u.name, "S"), (("n", u.name, 0), below), (chan, below)]
            elif side == "N":
                above_u = ("g", u.row)
                start = [_port(u.name, "N"), (("n", u.name, 0), above_u), (chan, above_u)]
            else:
                start = [_port(u.name, side), (chan, ("n", u.name, 0))]
            entry = "W" if cx < v.x - v.w / 2 - 4 else ("E" if cx > v.x + v.w / 2 + 4 else None)
            if entry:
                out.append(_Candidate(start + [(chan, ("n", v.name, 0)), _port(v.name, entry)], side, entry))
            above = ("g", v.row)
            if not (side == "S" and v.row == u.row + 1) and not (side == "N" and v.row == u.row):
                out.append(_Candidate(start + [(chan, above), (("n", v.name, 0), above), _port(v.name, "N")],
                                      side, "N"))
    return out


def _resolve(plan: _Plan, grid: _Grid, point: tuple[tuple, tuple], tracks: dict | None = None,
             key: tuple | None = None) -> tuple[float, float]:
    (xk, *xa), (yk, *ya) = point
    if xk == "n":
        node = plan.nodes[xa[0]]
        x = node.x + xa[1] * node.w / 2
    else:
        x = grid.chan_x(xa[0], tracks.get((key, "c", xa[0])) if tracks is not None else None)
    if yk == "n":
        node = plan.nodes[ya[0]]
        y = node.y + ya[1] * node.h / 2
    else:
        y = grid.gap_y(ya[0], tracks.get((key, "g", ya[0])) if tracks is not None else None)
    return x, y


def _segments(points: list[tuple[float, float]]) -> list[tuple[float, float, float, float]]:
    return [(a[0], a[1], b[0], b[1]) for a, b in zip(points, points[1:]) if a != b]


def _hits_node(plan: _Plan, grid: _Grid, seg: tuple[float, float, float, float], skip: set[str]) -> bool:
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


class _Near:
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


def _crossings(seg: Segment, others: list[Segment]) -> tuple[int, float]:
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


def _route(plan: _Plan, grid: _Grid) -> dict[int, _Candidate]:
    """Choose a route for every edge: no box crossed, few bends, few crossings, sides used once.

    Edges are routed one by one (the main flow first); when that leaves crossings or crowded labels, a
    second order, loops first, is tried too and the cheaper result wins, since a decision's exits compete
    for its sides."""
    def kind(i: int) -> tuple[int, bool]:
        edge = plan.edges[i]
        source, target = plan.nodes[edge.source], plan.nodes[edge.target]
        detour = edge.back or target.row > source.row + 1
        return {"link": 0, "inline": 0, "flow": 1}[edge.kind], detour

    main_first = sorted(range(len(plan.edges)), key=lambda i: (*kind(i), plan.nodes[plan.edges[i].source].row, i))
    loops_first = sorted(range(len(plan.edges)), key=lambda i: (kind(i)[0], not kind(i)[1],
                                                               plan.nodes[plan.edges[i].source].row, i))
    total, extra, chosen = _route_in_order(plan, grid, main_first)
    if extra > 0.5 and loops_first != main_first:  # crossings or crowded labels: try the other order
        other_total, _, other = _route_in_order(plan, grid, loops_first)
        if other_total < total - 0.01:
            chosen = other
    return chosen


def _box_hit(seg: tuple[float, float, float, float], box: tuple[float, float, float, float]) -> bool:
    x1, y1, x2, y2 = seg
    left, top, right, bottom = box
    return max(x1, x2) > left and min(x1, x2) < right and max(y1, y2) > top and min(y1, y2) < bottom


def _route_in_order(plan: _Plan, grid: _Grid, order: list[int]) -> tuple[float, dict[int, _Candidate]]:
    used: dict[tuple[str, str], str] = {}  # (node, side) -> "in" / "out"
    chosen: dict[int, _Candidate] = {}
    drawn = _Near()  # (edge index, piece) of every line drawn so far
    labels = _Near()
    heads = _Near()  # arrow tips already drawn
    total = extra = 0.0
    for i in order:
        edge = plan.edges[i]
        best, best_score, best_pts, best_base = None, 0.0, [], 0.0
        candidates = _candidates(plan, grid, edge)
        if edge.kind != "flow":  # a dashed link or the arrow into an inline decision: one straight line
            best, best_pts = candidates[0], [_resolve(plan, grid, p) for p in candidates[0].points]
            candidates = []
            best_score = best_base = 0.0
        viable = []
        for cand in candidates:
            src, dst = cand.points[0][0][1], cand.points[-1][0][1]
            penalty = 0.0
            if (src, cand.exit) in used:
                if cand.exit != "S" or used[(src, cand.exit)] != "out":
                    continue
                penalty += 30
            if (dst, cand.entry) in used and cand.entry != "N":
                continue
            if src == dst and cand.entry == cand.exit:
                continue
            if cand.entry == "N" and used.get((dst, "N")) == "out":
                continue
            pts = [_resolve(plan, grid, p) for p in cand.points]
            segs = _segments(pts)
            if not segs:
                continue
            length = sum(abs(sg[2] - sg[0]) + abs(sg[3] - sg[1]) for sg in segs)
            base = (len(segs) - 1) * 6 + length / 40 + penalty
            if cand.entry in ("E", "W") and plan.nodes[dst].symbol == "keputusan":
                base += 2  # prefer entering a decision from the top
            viable.append((base, len(viable), cand, pts, segs, src, dst))
        viable.sort(key=lambda item: item[:2])
        for base, _, cand, pts, segs, src, dst in viable:
            if best is not None and base >= best_score:
                break  # the rest can only cost more
            if any(_hits_node(plan, grid, sg, ({src} if j == 0 else set()) | ({dst} if j == len(segs) - 1 else set()))
                   for j, sg in enumerate(segs)):
                continue
            crossings, overlap = 0, 0.0
            top = min(min(sg[1], sg[3]) for sg in segs) - 2
            bottom = max(max(sg[1], sg[3]) for sg in segs) + 2
            for j, other in _by_edge(drawn.near(top, bottom)):
                same_end = plan.edges[j].target == edge.target or plan.edges[j].source == edge.source
                for sg in segs:
                    c, o = _crossings(sg, other)
                    crossings += c
                    if not same_end:
                        overlap += o
            score = base + crossings * 5 + overlap * 2
            if best is not None and score >= best_score:
                continue
            score += 12 * sum(1 for sg in segs for hx, hy in heads.near(top, bottom + 22)
                              if (hx, hy) != pts[-1] and _box_hit(sg, (hx - 3, hy - 22, hx + 3, hy - 1)))
            score += 12 * sum(1 for sg in segs for box in labels.near(top, bottom) if _box_hit(sg, box))
            if edge.label_name and (best is None or score < best_score):
                score += _best_label(plan, grid, edge, pts, drawn, labels, segs[1:])[1]
            if best is None or score < best_score:
                best, best_score, best_pts = cand, score, pts
                best_base = base
        extra += best_score - best_base if best is not None else 0.0
        if best is None:  # cannot happen with free gaps and channels; draw straight as a last resort
            best = _Candidate([_port(edge.source, "S"), _port(edge.target, "N")], "S", "N")
            best_pts, best_score = [_resolve(plan, grid, p) for p in best.points], 1000.0
        src, dst = best.points[0][0][1], best.points[-1][0][1]
        used.setdefault((src, best.exit), "out")
        used.setdefault((dst, best.entry), "in")
        chosen[i] = best
        total += best_score
        for sg in _segments(best_pts):
            drawn.add_segment(sg, i)
        if edge.kind != "link" and best_pts:
            heads.add(best_pts[-1][1], best_pts[-1][1], best_pts[-1])
        if edge.label_name:
            centre, _ = _best_label(plan, grid, edge, best_pts, drawn, labels)
            if centre is not None:
                box = _label_box(plan, edge, centre)
                labels.add(box[1], box[3], box)
    return total, extra, chosen


def _same_port(plan: _Plan, chosen: dict[int, _Candidate], i: int, j: int) -> bool:
    """True when two edges leave the same symbol by the same side or enter one by the same side, so that
    their lines may run together."""
    a, b = plan.edges[i], plan.edges[j]
    return ((a.source == b.source and chosen[i].exit == chosen[j].exit)
            or (a.target == b.target and chosen[i].entry == chosen[j].entry))


def _assign_tracks(plan: _Plan, grid: _Grid, chosen: dict[int, _Candidate]
                   ) -> tuple[dict, dict[int, int], dict[int, int]]:
    """Give parallel lines in the same channel or gap their own track; edges to one target may share."""
    spans: dict[tuple[str, int], list[tuple[float, float, int]]] = {}
    for i, cand in chosen.items():
        pts = cand.points
        resolved = [_resolve(plan, grid, p) for p in pts]
        for j in range(len(pts) - 1):
            (xa, ya), (xb, yb) = pts[j], pts[j + 1]
            if xa[0] == "c" and xa == xb:
                spans.setdefault(("c", xa[1]), []).append((resolved[j][1], resolved[j + 1][1], i))
            if ya[0] == "g" and ya == yb:
                spans.setdefault(("g", ya[1]), []).append((resolved[j][0], resolved[j + 1][0], i))
    tracks: dict = {}
    chan_tracks: dict[int, int] = {}
    gap_tracks: dict[int, int] = {}
    for (kind, index), items in spans.items():
        lanes: list[list[tuple[float, float, int]]] = []
        for a, b, i in sorted(((min(a, b), max(a, b), i) for a, b, i in items), key=lambda t: (t[0] - t[1], t[0])):
            for n, lane in enumerate(lanes):
                clash = any(a <= hi + 6 and b >= lo - 6 and not _same_port(plan, chosen, i, j) for lo, hi, j in lane)
                if not clash:
                    lane.append((a, b, i))
                    tracks[(i, kind, index)] = n
                    break
            else:
                lanes.append([(a, b, i)])
                tracks[(i, kind, index)] = len(lanes) - 1
        (chan_tracks if kind == "c" else gap_tracks)[index] = len(lanes)
    return tracks, chan_tracks, gap_tracks


def _label_candidates(plan: _Plan, edge: _Edge, points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Possible centres of an exit's label, best first: beside the first piece of the line (ahead of the
    symbol), then beside the second piece once clear of the symbol, then behind the starting point."""
    if not edge.label_name or len(points) < 2:
        return []
    w, h = plan.label_sizes.get(edge.label_name, (40.0, 12.0))
    (x0, y0), (x1, y1) = points[0], points[1]
    if edge.kind == "link":
        u = plan.nodes[edge.source]
        top, bottom = u.y - u.h / 2, u.y + u.h / 2
        mid = (x0 + x1) / 2
        return [(mid, y0 - 3 - h / 2), (mid, y0 + 3 + h / 2), (mid, top - 3 - h / 2), (mid, bottom + 3 + h / 2)]
    above, below = y0 - 3 - h / 2, y0 + 3 + h / 2
    out: list[tuple[float, float]] = []
    if abs(y0 - y1) < 0.01:  # leaves on a side
        direction = 1 if x1 > x0 else -1
        x = x0 + direction * (4 + w / 2)
        turns_up = len(points) > 2 and points[2][1] < y1
        out += [(x, below), (x, above)] if turns_up else [(x, above), (x, below)]
        if len(points) > 2:  # beside the second piece, clear of the symbol
            node = plan.nodes[edge.source]
            down = points[2][1] > y1
            y = (max(node.y + node.h / 2, y0) + 3 + h / 2) if down else (min(node.y - node.h / 2, y0) - 3 - h / 2)
            for side in (-direction, direction):
                out.append((x1 + side * (5 + w / 2), y))
        out += [(x0 - direction * (4 + w / 2), above), (x0 - direction * (4 + w / 2), below)]
    else:  # leaves downwards (or upwards)
        sign = 1 if y1 > y0 else -1
        turn = points[2][0] - x1 if len(points) > 2 else 1
        first = -1 if turn < 0 else 1
        for step in (0, 1, 2):
            y = y0 + sign * (3 + h / 2 + step * (h + 2))
            out += [(x0 + first * (5 + w / 2), y), (x0 - first * (5 + w / 2), y)]
        y = y0 - sign * (3 + h / 2)
        out += [(x0 - first * (5 + w / 2), y), (x0 + first * (5 + w / 2), y)]
    out += _along(points, w, h)
    return out


def _along(points: list[tuple[float, float]], w: float, h: float) -> list[tuple[float, float]]:
    """Label centres further along the first piece of a line, on both sides (the last resorts)."""
    (x0, y0), (x1, y1) = points[0], points[1]
    length = abs(x1 - x0) + abs(y1 - y0)
    if length < 0.01:
        return []
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    extent = w if ux else h
    out = []
    distance = 4 + extent + 2
    while distance + extent / 2 <= length - 4:
        cx, cy = x0 + ux * (distance + extent / 2), y0 + uy * (distance + extent / 2)
        if ux:
            out += [(cx, cy - 3 - h / 2), (cx, cy + 3 + h / 2)]
        else:
            out += [(cx + 5 + w / 2, cy), (cx - 5 - w / 2, cy)]
        distance += extent / 2 + 2
    return out[:24]


def _diverge(points: list[tuple[float, float]], others: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """The part of a line after it parts from lines that leave the same port (where its label belongs)."""
    if not others:
        return points
    other_segs = [seg for line in others for seg in _segments(line)]
    for index, (a, b) in enumerate(zip(points, points[1:])):
        length = abs(b[0] - a[0]) + abs(b[1] - a[1])
        if length < 0.01:
            continue
        ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
        covered = 0.0
        for x1, y1, x2, y2 in other_segs:
            if (ux and abs(y1 - a[1]) < 0.5 and abs(y2 - a[1]) < 0.5
                    and min(x1, x2) - 0.5 <= a[0] <= max(x1, x2) + 0.5):
                far = max(x1, x2) if ux > 0 else min(x1, x2)
                covered = max(covered, (far - a[0]) * ux)
            elif (uy and abs(x1 - a[0]) < 0.5 and abs(x2 - a[0]) < 0.5
                  and min(y1, y2) - 0.5 <= a[1] <= max(y1, y2) + 0.5):
                far = max(y1, y2) if uy > 0 else min(y1, y2)
                covered = max(covered, (far - a[1]) * uy)
        if covered >= length - 0.5:
            continue
        if covered > 0.5:
            return [(a[0] + ux * covered, a[1] + uy * covered)] + points[index + 1:]
        return points[index:]
    return points[-2:]


def _label_conflicts(plan: _Plan, grid: _Grid, centre: tuple[float, float], size: tuple[float, float],
                     segments: list[Segment], labels: list[Box]) -> float:
    """How bad a label at ``centre`` is; ``segments`` and ``labels`` are (at least) those near it."""
    w, h = size
    box = (centre[0] - w / 2, centre[1] - h / 2, centre[0] + w / 2, centre[1] + h / 2)
    left, top, right, bottom = box
    conflicts = 0.0
    if left < 1 or right > grid.width - 1 or top < grid.header_height + 1 or bottom > grid.height - 1:
        conflicts += 3
    sides = [(left, top, right, top), (left, bottom, right, bottom), (left, top, left, bottom),
             (right, top, right, bottom), (left, (top + bottom) / 2, right, (top + bottom) / 2)]
    if any(_hits_node(plan, grid, side, set()) for side in sides):
        conflicts += 6  # text over a symbol is the worst: it hides the step
    conflicts += sum(1 for seg in segments if _box_hit(seg, box))
    conflicts += sum(4 for other in labels if other[0] < right and other[2] > left and other[1] < bottom
                     and other[3] > top)
    return conflicts


def _best_label(plan: _Plan, grid: _Grid, edge: _Edge, points: list[tuple[float, float]], segments: _Near,
                labels: _Near, more: list[Segment] = ()) -> tuple[tuple[float, float] | None, float]:
    """The best place for an exit's label and how bad it is (0: free), among the lines in ``segments`` (tagged
    pieces) and ``more``, and the label boxes in ``labels``."""
    size = plan.label_sizes.get(edge.label_name or "", (40.0, 12.0))
    own_first = _segments(points)[:1]
    best, best_cost = None, 0.0
    for rank, centre in enumerate(_label_candidates(plan, edge, points)):
        top, bottom = centre[1] - size[1] / 2, centre[1] + size[1] / 2
        near = [seg for _, seg in segments.near(top, bottom)] + list(more)
        cost = _label_conflicts(plan, grid, centre, size, [s for s in near if s not in own_first],
                                labels.near(top, bottom))
        cost = cost * 10 + rank * 0.5
        if best is None or cost < best_cost:
            best, best_cost = centre, cost
    return best, best_cost


def _by_edge(items: list[tuple[int, Segment]]) -> list[tuple[int, list[Segment]]]:
    """Tagged pieces grouped by their edge, in the order given."""
    groups: list[tuple[int, list[Segment]]] = []
    for j, seg in items:
        if groups and groups[-1][0] == j:
            groups[-1][1].append(seg)
        else:
            groups.append((j, [seg]))
    return groups


def _label_box(plan: _Plan, edge: _Edge, centre: tuple[float, float]) -> tuple[float, float, float, float]:
    w, h = plan.label_sizes.get(edge.label_name or "", (40.0, 12.0))
    return centre[0] - w / 2, centre[1] - h / 2, centre[0] + w / 2, centre[1] + h / 2


def _place_labels(plan: _Plan, grid: _Grid) -> None:
    """Put every exit label where it hides no line, symbol or other label (as far as possible)."""
    segments = _Near()
    by_source: dict[str, list[_Edge]] = {}
    for edge in plan.edges:
        for seg in _segments(edge.points):
            segments.add_segment(seg)
        by_source.setdefault(edge.source, []).append(edge)
    labels = _Near()
    for edge in sorted(plan.edges, key=lambda e: (e.kind != "link", plan.nodes[e.source].row)):
        if not edge.label_name:
            continue
        siblings = [e.points for e in by_source[edge.source] if e is not edge and e.kind == "flow"
                    and e.points[:1] == edge.points[:1]]
        points = _diverge(edge.points, siblings) if edge.kind == "flow" else edge.points
        centre, _ = _best_label(plan, grid, edge, points, segments, labels)
        edge.label_pos = centre
        if centre is not None:
            box = _label_box(plan, edge, centre)
            labels.add(box[1], box[3], box)


def _layout(plan: _Plan, sizes: dict[str, tuple[float, float]]) -> _Grid:
    for name, node in plan.nodes.items():
        node.w, node.h = sizes.get(name, (MIN_BOX_WIDTH, 30.0))
    plan.header_sizes = [sizes.get(f"h{c}", (60.0, 14.0)) for c in range(len(plan.lanes))]
    plan.label_sizes = {e.label_name: sizes.get(e.label_name, (40.0, 12.0)) for e in plan.edges if e.label_name}
    rows = len(plan.rows)
    provisional = _Grid(plan, 3 * TRACK, [MIN_GAP + 2 * TRACK] * (rows + 1), {})
    chosen = _route(plan, provisional)
    tracks, chan_tracks, gap_tracks = _assign_tracks(plan, provisional, chosen)
    # room for labels that hang below a symbol's bottom corner
    label_room: dict[int, float] = {}
    for i, cand in chosen.items():
        edge = plan.edges[i]
        if edge.label_name and cand.exit == "S":
            g = plan.nodes[edge.source].row + 1
            label_room[g] = max(label_room.get(g, 0.0), plan.label_sizes[edge.label_name][1] + 4)
    margin = MIN_MARGIN
    for k, n in chan_tracks.items():
        outer = k in (0, len(plan.lanes))
        need = (n + 0.5) * TRACK + 8 if outer else ((n + 1) // 2 + 0.6) * TRACK + 10
        margin = max(margin, need)
    gaps = []
    for g in range(rows + 1):
        n = gap_tracks.get(g, 0)
        room = label_room.get(g, 0.0)
        gaps.append(max(MIN_GAP, room + 2 * EDGE_CLEAR + max(n - 1, 0) * TRACK))
    if not gap_tracks.get(0) and not label_room.get(0):
        gaps[0] = FIRST_GAP
    if not gap_tracks.get(rows) and not label_room.get(rows):
        gaps[rows] = BOTTOM_GAP
    grid = _Grid(plan, margin, gaps, chan_tracks, label_room)
    for i, cand in chosen.items():
        edge = plan.edges[i]
        pts = [_resolve(plan, grid, p, tracks, i) for p in cand.points]
        clean: list[tuple[float, float]] = []
        for p in pts:
            if clean and abs(p[0] - clean[-1][0]) < 0.01 and abs(p[1] - clean[-1][1]) < 0.01:
                continue
            clean.append((round(p[0], 2), round(p[1], 2)))
        edge.points = clean
    _place_labels(plan, grid)
    return grid


# --------------------------------------------------------------------------------------------------
# The drawing pass
# --------------------------------------------------------------------------------------------------

def _spline(points: list[tuple[float, float]], height: float, arrow: bool) -> str:
    """Graphviz ``pos`` of an edge drawn as straight pieces (y flipped: Graphviz counts upwards)."""
    pts = [(x, height - y) for x, y in points]
    end = None
    if arrow and len(pts) >= 2:
        (ax, ay), (bx, by) = pts[-2], pts[-1]
        length = abs(bx - ax) + abs(by - ay)
        cut = min(ARROW, length * 0.8)
        ux, uy = ((bx - ax) / length, (by - ay) / length) if length else (0.0, 0.0)
        end = (bx, by)
        pts[-1] = (bx - ux * cut, by - uy * cut)
    spline = [pts[0]]
    for a, b in zip(pts, pts[1:]):
        spline += [a, b, b]
    text = " ".join(f"{x:.2f},{y:.2f}" for x, y in spline)
    return (f"e,{end[0]:.2f},{end[1]:.2f} " + text) if end else text


def _render_source(plan: _Plan, grid: _Grid) -> str:
    height = grid.height
    lines = [
        "digraph sop {",
        '  graph [outputorder=nodesfirst, pad=0.08, bgcolor="transparent"];',
        f'  node [fixedsize=true, fontname="{FONT}", fontsize={STEP_FONTSIZE}, color="{FG}", fontcolor="{FG}", '
        f'fillcolor="{FILL}", penwidth=1.3];',
        f'  edge [color="{FG}", fontcolor="{FG}", fontname="{FONT}", fontsize={LABEL_FONTSIZE}, penwidth=1.2, '
        "arrowsize=0.7];",
    ]

    def pos(x: float, y: float) -> str:
        return f'"{x:.2f},{height - y:.2f}!"'

    body_top = grid.header_height
    for c, title in enumerate(plan.lanes):
        cx = grid.lane_center(c)
        named = c < plan.named_lanes
        odd = " sop-fc-lane-odd" if c % 2 else ""
        if named:  # steps whose performers are unknown stand beside the lanes, in none of them
            lines.append(f'  lane{c} [shape=box, style="filled", label="", color="{LANE_LINE}", penwidth=0.8, '
                         f'class="sop-fc-lane{odd}", pos={pos(cx, (body_top + height) / 2)}, '
                         f"width={grid.lane_width / 72:.4f}, height={(height - body_top) / 72:.4f}];")
            lines.append(f'  h{c} [shape=box, style="filled", color="{LANE_LINE}", penwidth=0.8, '
                         f'fontname="{FONT_BOLD}", fontsize={HEADER_FONTSIZE}, class="sop-fc-lane-title", '
                         f"label={_quote(_wrap(title, HEADER_WRAP, 3))}, pos={pos(cx, body_top / 2)}, "
                         f"width={grid.lane_width / 72:.4f}, height={body_top / 72:.4f}];")
    for name, node in plan.nodes.items():
        cls = SYMBOL_CLASS[node.symbol]
        if node.kind in ("step", "extra"):
            cls = f"sop-step {cls}"
        lines.append(f'  {name} [{_node_attrs(node)}, class="{cls}", pos={pos(node.x, node.y)}, '
                     f"width={node.w / 72:.4f}, height={node.h / 72:.4f}];")
    for i, edge in enumerate(plan.edges):
        attrs = [f'pos="{_spline(edge.points, height, edge.kind != "link")}"', f'id="edge{i}"']
        if edge.kind == "link":
            attrs += ["dir=none", "style=dashed", 'class="sop-fc-link"']
        elif edge.kind == "inline":
            attrs.append('class="sop-fc-inline"')
        if edge.label and edge.label_pos:
            lx, ly = edge.label_pos
            attrs += [f"label={_quote(edge.label)}", f'lp="{lx:.2f},{height - ly:.2f}"']
        lines.append(f"  {edge.source} -> {edge.target} [{', '.join(attrs)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------------

_plan_memo: dict[int, tuple[Flowchart, _Plan, str]] = {}


def _planned(chart: Flowchart) -> tuple[_Plan, str]:
    memo = _plan_memo.get(id(chart))
    if memo is not None and memo[0] is chart:
        return memo[1], memo[2]
    plan = _plan(chart)
    source = _measure_source(plan)
    if len(_plan_memo) > 20_000:
        _plan_memo.clear()
    _plan_memo[id(chart)] = (chart, plan, source)
    return plan, source


def dot_source(chart: Flowchart) -> str:
    """The DOT text that determines the drawing of one flowchart (symbols and texts, with the rows,
    lanes and arrows as comments); its hash is the cache key."""
    return _planned(chart)[1]


def _graphviz_svg(chart: Flowchart) -> str:
    """Graphviz's SVG of the chart (before post-processing), from the cache when possible."""
    return _graphviz_many([chart])[0]


BATCH = 40
"""Charts measured and drawn by one Graphviz process in :func:`prerender`."""


def _split_output(text: str, fmt: str, count: int) -> list[str] | None:
    """The outputs of ``count`` graphs that Graphviz wrote one after the other, or None if unclear."""
    if fmt == "plain":
        parts = [part + "stop\n" for part in text.split("stop\n") if part.strip()]
    else:
        parts = ["<?xml" + part for part in text.split("<?xml") if part.strip()]
    return parts if len(parts) == count else None


def _run_many(sources: list[str], fmt: str, engine: str = "dot") -> list[str]:
    """Run Graphviz once on several graphs; on any doubt, once per graph (so errors name their graph)."""
    if len(sources) > 1:
        try:
            parts = _split_output(_run_dot("".join(sources), fmt, engine), fmt, len(sources))
        except FlowchartError:
            parts = None
        if parts is not None:
            return parts
    return [_run_dot(source, fmt, engine) for source in sources]


def _graphviz_many(charts: list[Flowchart]) -> list[str]:
    """Graphviz's SVG of several charts: measured together, laid out here, drawn together; cached."""
    keys = [_cache_key(dot_source(chart)) for chart in charts]
    found = {key: _cached(key) for key in keys}
    todo: dict[str, Flowchart] = {}
    for key, chart in zip(keys, charts):
        if found[key] is None and key not in todo:
            todo[key] = chart
    if todo:
        plans = [_planned(chart)[0] for chart in todo.values()]
        measured = _run_many([_planned(chart)[1] for chart in todo.values()], "plain")
        drawings = [_render_source(plan, _layout(plan, _parse_plain(text))) for plan, text in zip(plans, measured)]
        for key, svg in zip(todo, _run_many(drawings, "svg", "neato-n2")):
            _store(key, svg)
            found[key] = svg
    return [found[key] or "" for key in keys]


def render_dot(source: str) -> str:
    """Graphviz's SVG for any DOT source (``dot -Tsvg``), cached like the flowcharts."""
    key = "dot-" + _cache_key(source)
    svg = _cached(key)
    if svg is None:
        svg = _run_dot(source)
        _store(key, svg)
    return svg


def prerender(charts: list[Flowchart]) -> None:
    """Draw many flowcharts before the pages ask for them: batches of charts per Graphviz process, one
    process per core. Charts already in the disk cache are skipped without reading them."""
    todo = []
    for chart in charts:
        if drawing_gaps(chart):
            continue  # the page shows a note instead of a drawing
        key = _cache_key(dot_source(chart))
        path = _cache_path(key)
        if key not in _memory and not (path is not None and path.is_file()):
            todo.append(chart)
    if not todo:
        return
    workers = max(1, min(cpu_count() or 1, -(-len(todo) // 4)))
    size = max(1, min(BATCH, -(-len(todo) // workers)))
    batches = [todo[i:i + size] for i in range(0, len(todo), size)]
    if len(batches) == 1:
        _graphviz_many(batches[0])
        return
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(_graphviz_many, batches))


def flowchart_svg(chart: Flowchart, *, chart_index: int = 0, sop_title: str = "") -> str:
    """Inline SVG of one flowchart: lanes, rows, symbols, labelled arrows, ids for the page's script.

    The finished SVG is cached too (by the drawing's key, the chart index, the title and the text
    alternative), so a rebuild with nothing changed runs no Graphviz and does no layout work."""
    gaps = drawing_gaps(chart)
    if gaps:
        raise FlowchartError("Bagan alir ini belum dapat digambar dengan setia: " + ", ".join(gaps) + ".")
    source = dot_source(chart)
    alt = flowchart_text_alternative(chart)
    key = "page-" + hashlib.sha256(f"{_cache_key(source)}\n{chart_index}\n{sop_title}\n{alt}".encode()).hexdigest()
    svg = _cached(key)
    if svg is None:
        svg = _finish(_graphviz_svg(chart), chart, chart_index, sop_title, alt)
        _store(key, svg)
    return svg


# --------------------------------------------------------------------------------------------------
# Post-processing
# --------------------------------------------------------------------------------------------------

def _tag(element: ET.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _capsule(path: ET.Element) -> None:
    """Turn Graphviz's slightly rounded box into a capsule (ends rounded by up to half the height)."""
    numbers = [float(n) for n in _NUMBER.findall(path.get("d", ""))]
    xs, ys = numbers[0::2], numbers[1::2]
    if not xs or not ys:
        return
    left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
    r = min((bottom - top) / 2, 22.0, (right - left) / 2)
    path.set("d", (f"M{left + r:.2f},{top:.2f} H{right - r:.2f} A{r:.2f},{r:.2f} 0 0 1 {right:.2f},{top + r:.2f} "
                   f"V{bottom - r:.2f} A{r:.2f},{r:.2f} 0 0 1 {right - r:.2f},{bottom:.2f} H{left + r:.2f} "
                   f"A{r:.2f},{r:.2f} 0 0 1 {left:.2f},{bottom - r:.2f} V{top + r:.2f} "
                   f"A{r:.2f},{r:.2f} 0 0 1 {left + r:.2f},{top:.2f} Z"))


def _finish(svg_text: str, chart: Flowchart, chart_index: int, title: str, alt: str) -> str:
    plan, _ = _planned(chart)
    svg_text = re.sub(r"<\?xml[^>]*>|<!DOCTYPE[^>]*>|<!--.*?-->", "", svg_text, flags=re.S)
    root = ET.fromstring(svg_text)
    view_box = [float(v) for v in root.get("viewBox", "0 0 0 0").split()]
    root.attrib.pop("width", None)
    root.attrib.pop("height", None)
    root.set("width", "100%")  # follows the container, never wider than the drawing itself (pt -> px)
    if len(view_box) == 4 and view_box[2] > 0:
        root.set("style", f"max-width:{view_box[2] * 4 / 3:.0f}px")
    # A named group, not role="img": an image may not hold the focusable steps (axe nested-interactive).
    root.set("role", "group")
    root.set("class", "sop-fc")
    root.set("font-family", FONT_STACK)
    root.set("text-anchor", "middle")
    prefix = f"fc{chart_index}"
    title_id, desc_id = f"{prefix}-title", f"{prefix}-desc"
    root.set("aria-labelledby", f"{title_id} {desc_id}")
    root.set("data-chart", str(chart_index))
    graph_group = next(e for e in root if _tag(e) == "g")
    graph_group.attrib.pop("id", None)
    graph_group.set("class", "sop-fc-graph")
    for child in list(graph_group):
        tag = _tag(child)
        if tag in ("title", "polygon"):  # the graph's name and its background
            graph_group.remove(child)
            continue
        if tag != "g":
            continue
        name_el = next((e for e in child if _tag(e) == "title"), None)
        name = name_el.text if name_el is not None else ""
        classes = (child.get("class") or "").split()
        if "edge" in classes:
            _finish_edge(plan, child, name_el, prefix)
            continue
        node = plan.nodes.get(name or "")
        if node is None:  # a lane or a lane title
            if name_el is not None:
                child.remove(name_el)
            child.attrib.pop("id", None)
            lane_classes = [c for c in classes if c != "node"]
            if "sop-fc-lane-title" in lane_classes:
                child.set("class", "sop-fc-lane-title")
                child.set("data-lane", name[1:] if name else "")
            else:
                child.set("class", " ".join(lane_classes))
            for shape in child:
                if _tag(shape) == "polygon":
                    shape.set("stroke-opacity", "0.3")
            child.set("aria-hidden", "true")
            continue
        _finish_node(node, child, name_el, prefix)
    title_el = ET.Element(f"{{{SVG_NS}}}title", {"id": title_id})
    title_el.text = _clean(f"Bagan alir {title}".strip() + (f" ({chart.name})" if chart.name else ""))
    desc_el = ET.Element(f"{{{SVG_NS}}}desc", {"id": desc_id})
    desc_el.text = alt
    root.insert(0, desc_el)
    root.insert(0, title_el)
    out = ET.tostring(root, encoding="unicode")
    out = out.replace(f'"{FG}"', '"currentColor"').replace(f'"{FILL}"', '"none"')
    out = out.replace(f'"{LANE_LINE}"', '"currentColor"')
    out = out.replace('fill="white"', 'fill="none"').replace('stroke="transparent"', 'stroke="none"')
    # inherited from the root instead of repeated on every text
    out = out.replace(f' font-family="{FONT_BOLD}"', ' font-weight="bold"').replace(f' font-family="{FONT}"', "")
    out = out.replace('<text text-anchor="middle" ', "<text ")
    return out


def _finish_node(node: _Node, group: ET.Element, name_el: ET.Element | None, prefix: str) -> None:
    step = node.step
    symbol_class = SYMBOL_CLASS[node.symbol]
    if node.kind == "end":
        group.set("id", f"{prefix}-end-{node.lane}")
        group.set("class", f"node sop-fc-end {symbol_class}")
        if name_el is not None:
            name_el.text = "Selesai"
    elif step is not None:
        if node.kind == "step":
            group.set("id", f"{prefix}-step-{step.no}")
            group.set("class", f"node sop-step {symbol_class}")
        elif node.kind == "extra":
            group.set("id", f"{prefix}-step-{step.no}-lajur-{node.lane + 1}")
            group.set("class", f"node sop-step sop-step-extra {symbol_class}")
        else:
            group.set("id", f"{prefix}-step-{step.no}-keputusan")
            group.set("class", f"node sop-fc-inline-decision {symbol_class}")
        group.set("data-step", str(step.no))
        full = f"Langkah {step.no} ({_performers_text(step)}): {_clean(step.kegiatan)}"
        if node.kind == "inline":
            full = f"Keputusan langkah {step.no}: " + "; ".join(
                f"{_clean(label)} ke {target if target == 'selesai' else 'langkah ' + str(target)}"
                for label, target in (step.cabang or {}).items())
        else:  # the <title> child is the accessible name
            group.set("tabindex", "0")
            group.set("role", "button")
        if name_el is not None:
            name_el.text = full
    if node.symbol == "terminator":
        for shape in group:
            if _tag(shape) == "path":
                _capsule(shape)


def _finish_edge(plan: _Plan, group: ET.Element, name_el: ET.Element | None, prefix: str) -> None:
    index = int(group.get("id", "edge-1")[4:] or -1)
    edge = plan.edges[index] if 0 <= index < len(plan.edges) else None
    group.set("id", f"{prefix}-edge-{index}")
    if edge is None:
        return
    source, target = plan.nodes[edge.source], plan.nodes[edge.target]
    if source.step is not None:
        group.set("data-from", str(source.step.no))
    group.set("data-to", str(target.step.no) if target.step is not None else "selesai")
    if edge.kind == "flow" and edge.back:
        group.set("data-back", "true")
    if edge.label:
        group.set("data-label", _clean(edge.label.replace("\n", " ")))
    if name_el is not None:
        name_el.text = edge.title
    for path in group:
        if _tag(path) == "path":  # straight pieces: a polyline is a third of Graphviz's cubic form
            numbers = _NUMBER.findall(path.get("d", ""))
            pairs = list(zip(numbers[0::2], numbers[1::2]))
            corners = [pairs[0]] + pairs[3::3] if len(pairs) >= 4 and (len(pairs) - 1) % 3 == 0 else []
            if corners:
                path.set("d", "M" + "L".join(f"{x},{y}" for x, y in corners))


# --------------------------------------------------------------------------------------------------
# Text alternative
# --------------------------------------------------------------------------------------------------

def flowchart_text_steps(chart: Flowchart) -> list[str]:
    """The flowchart in words (Indonesian), one sentence per step, for a list on the page."""
    graph = FlowGraph(chart)
    out = []
    for r, step in enumerate(chart.steps):
        who = _performers_text(step)
        edges = graph.successors[r]
        what = _clean(step.kegiatan)
        if step.cabang:
            exits = "; ".join(
                f"jika {_clean(e.label or '')}, selesai" if e.target is None
                else f"jika {_clean(e.label or '')} ke langkah {e.target_number}" for e in edges)
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
    lanes = ", ".join(_clean(p.nama) for p in chart.performers)
    head = f"Bagan alir dengan {len(chart.steps)} langkah; pelaksana dari kiri ke kanan: {lanes}."
    if chart.name:
        head = f"Varian {_clean(chart.name)}. " + head
    return " ".join([head, *flowchart_text_steps(chart)])
