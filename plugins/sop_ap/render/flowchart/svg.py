"""Stage 6, *SVG*: the pinned DOT that ``neato -n2`` draws, and the post-processing of Graphviz's SVG for the
page (``currentColor``, CSS classes, ids, tooltips, title and text alternative)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from .measure import node_attrs
from .place import Grid
from .plan import Plan, PlanNode
from .style import (ARROW, FG, FILL, FONT, FONT_BOLD, FONT_STACK, HEADER_FONTSIZE, HEADER_WRAP, LABEL_FONTSIZE,
                    LANE_LINE, STEP_FONTSIZE, SVG_NS, SYMBOL_CLASS, XLINK_NS)
from .text import clean, performers_text, dot_quote, wrap

ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)


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


def drawing_source(plan: Plan, grid: Grid) -> str:
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
                         f"label={dot_quote(wrap(title, HEADER_WRAP, 3))}, pos={pos(cx, body_top / 2)}, "
                         f"width={grid.lane_width / 72:.4f}, height={body_top / 72:.4f}];")
    for name, node in plan.nodes.items():
        cls = SYMBOL_CLASS[node.symbol]
        if node.kind in ("step", "extra"):
            cls = f"sop-step {cls}"
        lines.append(f'  {name} [{node_attrs(node)}, class="{cls}", pos={pos(node.x, node.y)}, '
                     f"width={node.w / 72:.4f}, height={node.h / 72:.4f}];")
    for i, edge in enumerate(plan.edges):
        attrs = [f'pos="{_spline(edge.points, height, edge.kind != "link")}"', f'id="edge{i}"']
        if edge.kind == "link":
            attrs += ["dir=none", "style=dashed", 'class="sop-fc-link"']
        elif edge.kind == "inline":
            attrs.append('class="sop-fc-inline"')
        if edge.label and edge.label_pos:
            lx, ly = edge.label_pos
            attrs += [f"label={dot_quote(edge.label)}", f'lp="{lx:.2f},{height - ly:.2f}"']
        lines.append(f"  {edge.source} -> {edge.target} [{', '.join(attrs)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------------


def tag_name(element: ET.Element) -> str:
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


def finish_svg(svg_text: str, plan: Plan, chart_index: int, title: str, alt: str,
               described_by: str | None = None) -> str:
    """The finished web SVG. Its text alternative ``alt`` is its ``<desc>``, or, with ``described_by``, the
    element of that id on the page (which shows the same text: not repeated inside the drawing)."""
    chart = plan.chart
    svg_text = re.sub(r"<\?xml[^>]*>|<!DOCTYPE[^>]*>|<!--.*?-->", "", svg_text, flags=re.S)
    root = ET.fromstring(svg_text)
    view_box = [float(v) for v in root.get("viewBox", "0 0 0 0").split()]
    root.attrib.pop("width", None)
    root.attrib.pop("height", None)
    root.set("width", "100%")  # follows the container, never wider than the drawing itself (pt -> px)
    if len(view_box) == 4 and view_box[2] > 0:
        natural = view_box[2] * 4 / 3
        root.set("style", f"max-width:{natural:.0f}px;--sop-fc-width:{natural:.0f}px")
    # A named group, not role="img": an image may not hold the focusable steps (axe nested-interactive).
    root.set("role", "group")
    root.set("class", "sop-fc")
    root.set("font-family", FONT_STACK)
    root.set("text-anchor", "middle")
    prefix = f"fc{chart_index}"
    title_id, desc_id = f"{prefix}-title", f"{prefix}-desc"
    if described_by:
        root.set("aria-labelledby", title_id)
        root.set("aria-describedby", described_by)
    else:
        root.set("aria-labelledby", f"{title_id} {desc_id}")
    root.set("data-chart", str(chart_index))
    graph_group = next(e for e in root if tag_name(e) == "g")
    graph_group.attrib.pop("id", None)
    graph_group.set("class", "sop-fc-graph")
    seen: dict[int, int] = {}
    for child in list(graph_group):
        tag = tag_name(child)
        if tag in ("title", "polygon"):  # the graph's name and its background
            graph_group.remove(child)
            continue
        if tag != "g":
            continue
        name_el = next((e for e in child if tag_name(e) == "title"), None)
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
                if tag_name(shape) == "polygon":
                    shape.set("stroke-opacity", "0.3")
            child.set("aria-hidden", "true")
            continue
        _finish_node(plan, node, child, name_el, prefix, seen)
    title_el = ET.Element(f"{{{SVG_NS}}}title", {"id": title_id})
    title_el.text = clean(f"Bagan alir {title}".strip() + (f" ({chart.name})" if chart.name else ""))
    if not described_by:
        desc_el = ET.Element(f"{{{SVG_NS}}}desc", {"id": desc_id})
        desc_el.text = alt
        root.insert(0, desc_el)
    root.insert(0, title_el)
    for polygon in root.iter(f"{{{SVG_NS}}}polygon"):
        polygon.set("points", _unclosed(polygon.get("points", "")))
    out = ET.tostring(root, encoding="unicode")
    out = out.replace(f'"{FG}"', '"currentColor"').replace(f'"{FILL}"', '"none"')
    out = out.replace(f'"{LANE_LINE}"', '"currentColor"')
    out = out.replace('fill="white"', 'fill="none"').replace('stroke="transparent"', 'stroke="none"')
    # inherited from the root instead of repeated on every text
    out = out.replace(f' font-family="{FONT_BOLD}"', ' font-weight="bold"').replace(f' font-family="{FONT}"', "")
    out = out.replace('<text text-anchor="middle" ', "<text ")
    # Text colour and the usual text size are inherited from the root too (every shape states its own fill).
    out = out.replace(' fill="currentColor"', "").replace(f' font-size="{TEXT_SIZE}"', "")
    out = out.replace(' class="sop-fc" ', f' class="sop-fc" fill="currentColor" font-size="{TEXT_SIZE}" ', 1)
    out = out.replace(" />", "/>")
    return out


TEXT_SIZE = "12.00"
"""Graphviz's size of a step's text: stated once, on the root."""


def _finish_node(plan: Plan, node: PlanNode, group: ET.Element, name_el: ET.Element | None, prefix: str,
                 seen: dict[int, int]) -> None:
    step = node.step
    symbol_class = SYMBOL_CLASS[node.symbol]
    if node.kind == "end":
        group.set("id", f"{prefix}-end-{node.lane}")
        group.set("class", f"node sop-fc-end {symbol_class}")
        if name_el is not None:
            name_el.text = "Selesai"
    elif step is not None:
        if node.kind == "step":
            seen[step.no] = count = seen.get(step.no, 0) + 1  # several symbols in one row: the first keeps the id
            group.set("id", f"{prefix}-step-{step.no}" + (f"-simbol-{count}" if count > 1 else ""))
            group.set("class", f"node sop-step {symbol_class}")
        elif node.kind == "extra":
            group.set("id", f"{prefix}-step-{step.no}-lajur-{node.lane + 1}")
            group.set("class", f"node sop-step sop-step-extra {symbol_class}")
        else:
            group.set("id", f"{prefix}-step-{step.no}-keputusan")
            group.set("class", f"node sop-fc-inline-decision {symbol_class}")
        group.set("data-step", str(step.no))
        if node.index is not None:
            group.set("data-node", str(node.index))
        group.set("data-lane", str(node.lane))
        full = f"Langkah {step.no} ({performers_text(step)}): {clean(step.kegiatan)}"
        if node.kind == "inline":
            full = f"Keputusan langkah {step.no}: " + "; ".join(
                f"{clean(edge.label.replace(chr(10), ' ')) if edge.label else '-'} ke {edge.target_text}"
                for edge in plan.edges if edge.source == node.name and edge.kind == "flow")
        else:  # the <title> child is the accessible name
            group.set("tabindex", "0")
            group.set("role", "button")
        if name_el is not None:
            name_el.text = full
    if node.symbol == "terminator":
        for shape in group:
            if tag_name(shape) == "path":
                _capsule(shape)


def _finish_edge(plan: Plan, group: ET.Element, name_el: ET.Element | None, prefix: str) -> None:
    index = int(group.get("id", "edge-1")[4:] or -1)
    edge = plan.edges[index] if 0 <= index < len(plan.edges) else None
    group.set("id", f"{prefix}-edge-{index}")
    if edge is None:
        return
    source, target = plan.nodes[edge.source], plan.nodes[edge.target]
    if source.step is not None:
        group.set("data-from", str(source.step.no))
    group.set("data-to", str(target.step.no) if target.step is not None else "selesai")
    # the model's symbols at both ends (the paper's lines carry the same), so both views can be compared
    group.set("data-source-node", "" if source.index is None else str(source.index))
    group.set("data-target-node", "" if target.index is None else str(target.index))
    if edge.kind == "flow" and edge.back:
        group.set("data-back", "true")
    if edge.label:
        group.set("data-label", clean(edge.label.replace("\n", " ")))
    if name_el is not None:
        name_el.text = edge.title
    for path in group:
        if tag_name(path) == "path":  # straight pieces: a polyline is a third of Graphviz's cubic form
            numbers = _NUMBER.findall(path.get("d", ""))
            pairs = list(zip(numbers[0::2], numbers[1::2]))
            corners = [pairs[0]] + pairs[3::3] if len(pairs) >= 4 and (len(pairs) - 1) % 3 == 0 else []
            if corners:
                path.set("d", "M" + "L".join(f"{x},{y}" for x, y in corners))
    _shared_stroke(group)


def _shared_stroke(group: ET.Element) -> None:
    """An edge's line and arrowhead share one stroke: stated once on the edge's group (its label is not stroked)."""
    shapes = [e for e in group if tag_name(e) in ("path", "polygon")]
    strokes = {(e.get("stroke"), e.get("stroke-width")) for e in shapes}
    if len(strokes) != 1 or None in next(iter(strokes)):
        return
    stroke, width = strokes.pop()
    group.set("stroke", stroke)
    group.set("stroke-width", width)
    for element in group:
        if element in shapes:
            element.attrib.pop("stroke")
            element.attrib.pop("stroke-width")
        elif tag_name(element) == "text":
            element.set("stroke", "none")


def _unclosed(points: str) -> str:
    """A polygon's points without Graphviz's repeated first point (a polygon closes itself)."""
    pairs = points.split()
    return " ".join(pairs[:-1]) if len(pairs) > 3 and pairs[0] == pairs[-1] else points


# --------------------------------------------------------------------------------------------------
# Text alternative
