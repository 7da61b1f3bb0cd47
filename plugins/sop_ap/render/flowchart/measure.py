"""Stage 2, *measure*: the DOT text whose ``dot -Tplain`` layout gives the size of every symbol and text
(Graphviz's own fonts), and the parser of that output."""

from __future__ import annotations

from .plan import PlanNode, Plan
from .style import (DECISION_FONTSIZE, FONT, FONT_BOLD, HEADER_FONTSIZE, HEADER_WRAP, LABEL_FONTSIZE, MIN_BOX_WIDTH,
                    STEP_FONTSIZE)
from .text import dot_quote, wrap

def node_attrs(node: PlanNode) -> str:
    """Shape, size and text of a symbol (the same in the measuring and the drawing pass)."""
    if node.kind == "inline":
        return 'shape=diamond, label="", width=0.42, height=0.34, fixedsize=true'
    if node.kind == "end":
        return f'shape=box, style="rounded,filled", label="Selesai", fontsize={DECISION_FONTSIZE}, margin="0.14,0.03"'
    label = dot_quote(node.label)
    if node.symbol == "penghubung":
        return f'shape=circle, style="filled", label={label}, fontsize={DECISION_FONTSIZE}, margin="0.02,0.02"'
    if node.symbol == "keputusan":
        return f'shape=diamond, style="filled", label={label}, fontsize={DECISION_FONTSIZE}, margin="0,0"'
    if node.symbol == "terminator":
        return (f'shape=box, style="rounded,filled", label={label}, fontsize={STEP_FONTSIZE}, '
                f'margin="0.16,0.05", width={MIN_BOX_WIDTH / 72:.3f}, height=0.42')
    return (f'shape=box, style="filled", label={label}, fontsize={STEP_FONTSIZE}, margin="0.08,0.05", '
            f'width={MIN_BOX_WIDTH / 72:.3f}, height=0.42')


def measure_source(plan: Plan) -> str:
    """DOT text whose plain layout gives the size of every symbol and text; routing inputs as comments."""
    lines = [
        "digraph sop {",
        f'  node [fontname="{FONT}", fontsize={STEP_FONTSIZE}];',
    ]
    for c, title in enumerate(plan.lanes):
        lines.append(f'  h{c} [shape=plaintext, margin=0, width=0.01, height=0.01, fontname="{FONT_BOLD}", '
                     f"fontsize={HEADER_FONTSIZE}, label={dot_quote(wrap(title, HEADER_WRAP, 3))}];")
    for name, node in plan.nodes.items():
        lines.append(f"  {name} [{node_attrs(node)}];")
    for edge in plan.edges:
        if edge.label_name:
            lines.append(f"  {edge.label_name} [shape=plaintext, margin=0, width=0.01, height=0.01, "
                         f"fontsize={LABEL_FONTSIZE}, label={dot_quote(edge.label or '')}];")
    lines.append("}")
    # What the layout depends on besides the sizes: rows, lanes and edges (for the cache key).
    for r, row in enumerate(plan.rows):
        lines.append(f"// row {r}: " + " ".join(f"{n}@{plan.nodes[n].lane}" for n in row))
    for edge in plan.edges:
        lines.append(f"// edge {edge.kind} {edge.source} -> {edge.target} back={int(edge.back)} "
                     f"label={edge.label_name or '-'}")
    return "\n".join(lines) + "\n"


def parse_plain(text: str) -> dict[str, tuple[float, float]]:
    """Node name -> (width, height) in points, from ``dot -Tplain``."""
    sizes = {}
    for line in text.splitlines():
        parts = line.split(None, 6)
        if len(parts) >= 6 and parts[0] == "node":
            sizes[parts[1]] = (float(parts[4]) * 72, float(parts[5]) * 72)
    return sizes


# --------------------------------------------------------------------------------------------------
