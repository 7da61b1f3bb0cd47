"""The flowchart of an SOP as inline SVG, drawn by Graphviz in the official notation (Permenpan RB 35/2012).

A pipeline of small modules, one stage each:

1. :mod:`.plan`: symbols in lanes and rows, arrows between them (no sizes);
2. :mod:`.measure`: every symbol and text is laid out once by ``dot -Tplain`` for its exact size;
3. :mod:`.place`: a strict grid (one lane per pelaksana in the declared column order, one row per step),
   with gaps between rows and channels beside the lanes;
4. :mod:`.route`: every arrow routed orthogonally through gaps and channels, never through a box
   (Graphviz clusters do not align lanes and ``splines=ortho`` crashes with edge labels on Debian's
   Graphviz 2.42/2.43);
5. :mod:`.label`: exit labels beside their own line;
6. :mod:`.svg`: ``neato -n2`` draws the pinned nodes and edges, and the SVG is post-processed for the page.

:mod:`.layout` runs stages 3 to 5, :mod:`.cache` keeps results in memory and on disk, :mod:`.graphviz_run`
runs Graphviz, :mod:`.text_alternative` says the chart in words. This module is the public API.
"""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from os import cpu_count

from ...engine.model import Flowchart
from . import cache, graphviz_run
from .cache import cached, set_cache_dir, store
from .graphviz_run import BATCH, DOT_TIMEOUT, FlowchartError, graphviz_version
from .chart_layout import ChartLayout, LaidEdge, LaidSymbol, chart_layout
from .layout import lay_out
from .measure import measure_source, parse_plain
from .plan import Plan, make_plan
from .style import FG, FILL, FLOWCHART_CSS, LANE_LINE, MAX_LINES, STEP_WRAP
from .svg import finish_svg, drawing_source
from .text_alternative import flowchart_text_alternative, flowchart_text_steps

_plan_memo: dict[int, tuple[Flowchart, Plan, str]] = {}

__all__ = ["ChartLayout", "LaidEdge", "LaidSymbol", "flowchart_layout", "DOT_TIMEOUT", "FG", "FILL", "FLOWCHART_CSS", "FlowchartError", "LANE_LINE", "MAX_LINES", "STEP_WRAP", "dot_source", "flowchart_svg", "flowchart_text_alternative",
           "flowchart_text_steps", "graphviz_version", "prerender", "render_dot", "set_cache_dir"]


def _planned(chart: Flowchart) -> tuple[Plan, str]:
    memo = _plan_memo.get(id(chart))
    if memo is not None and memo[0] is chart:
        return memo[1], memo[2]
    plan = make_plan(chart)
    source = measure_source(plan)
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


def _graphviz_many(charts: list[Flowchart]) -> list[str]:
    """Graphviz's SVG of several charts: measured together, laid out here, drawn together; cached."""
    keys = [cache.cache_key(dot_source(chart)) for chart in charts]
    found = {key: cached(key) for key in keys}
    todo: dict[str, Flowchart] = {}
    for key, chart in zip(keys, charts):
        if found[key] is None and key not in todo:
            todo[key] = chart
    if todo:
        plans = [_planned(chart)[0] for chart in todo.values()]
        measured = graphviz_run.run_many([_planned(chart)[1] for chart in todo.values()], "plain")
        drawings = []
        for key, plan, text in zip(todo, plans, measured):
            grid = lay_out(plan, parse_plain(text))
            _keep_layout(key, chart_layout(plan, grid))
            drawings.append(drawing_source(plan, grid))
        for key, svg in zip(todo, graphviz_run.run_many(drawings, "svg", "neato-n2")):
            store(key, svg)
            found[key] = svg
    return [found[key] or "" for key in keys]


def _keep_layout(key: str, layout: ChartLayout) -> None:
    cache.store("layout-" + key, layout.to_json(), ".json")
    _layouts[key] = layout


_layouts: dict[str, ChartLayout] = {}


def flowchart_layout(chart: Flowchart) -> ChartLayout:
    """The one layout of a chart (rows × lanes, symbols, routes, labels) that the web drawing was made from and
    that the paper pages draw: from memory, the disk cache, or measured and laid out now."""
    key = cache.cache_key(dot_source(chart))
    layout = _layouts.get(key)
    if layout is not None:
        return layout
    text = cache.cached_json("layout-" + key)
    if text is not None:
        try:
            layout = ChartLayout.from_json(text)
        except (ValueError, TypeError, KeyError):
            layout = None
    if layout is None:
        plan, source = _planned(chart)
        grid = lay_out(plan, parse_plain(graphviz_run.run_dot(source, "plain")))
        _keep_layout(key, chart_layout(plan, grid))
        return _layouts[key]
    if len(_layouts) > 5000:
        _layouts.clear()
    _layouts[key] = layout
    return layout


def render_dot(source: str) -> str:
    """Graphviz's SVG for any DOT source (``dot -Tsvg``), cached like the flowcharts."""
    key = "dot-" + cache.cache_key(source)
    svg = cached(key)
    if svg is None:
        svg = graphviz_run.run_dot(source)
        store(key, svg)
    return svg


def prerender(charts: list[Flowchart]) -> None:
    """Draw many flowcharts before the pages ask for them: batches of charts per Graphviz process, one
    process per core. Charts already in the disk cache are skipped without reading them."""
    todo = []
    for chart in charts:
        key = cache.cache_key(dot_source(chart))
        path = cache.cache_path(key)
        if key not in cache._memory and not (path is not None and path.is_file()):
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


def flowchart_svg(chart: Flowchart, *, chart_index: int = 0, sop_title: str = "",
                  described_by: str | None = None) -> str:
    """Inline SVG of one flowchart: lanes, rows, symbols, labelled arrows, ids for the page's script. Its text
    alternative is its ``<desc>``, or with ``described_by`` the page's element of that id.

    The finished SVG is cached too (by the drawing's key, the chart index, the title and the text
    alternative), so a rebuild with nothing changed runs no Graphviz and does no layout work."""
    source = dot_source(chart)
    alt = flowchart_text_alternative(chart)
    key = "page-" + hashlib.sha256(
        f"{cache.cache_key(source)}\n{chart_index}\n{sop_title}\n{alt}\n{described_by}".encode()).hexdigest()
    svg = cached(key)
    if svg is None:
        svg = finish_svg(_graphviz_svg(chart), _planned(chart)[0], chart_index, sop_title, alt, described_by)
        store(key, svg)
    return svg
