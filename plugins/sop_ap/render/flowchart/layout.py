"""Stages 3 to 5 together: from measured sizes to a grid with every symbol placed, every arrow routed and
every label placed."""

from __future__ import annotations

from .label import place_labels
from .place import (BOTTOM_GAP, EDGE_CLEAR, FIRST_GAP, MIN_GAP, MIN_MARGIN, Grid)
from .plan import Plan
from .route import assign_tracks, resolve, choose_routes
from .style import MIN_BOX_WIDTH, TRACK

def lay_out(plan: Plan, sizes: dict[str, tuple[float, float]]) -> Grid:
    for name, node in plan.nodes.items():
        node.w, node.h = sizes.get(name, (MIN_BOX_WIDTH, 30.0))
    plan.header_sizes = [sizes.get(f"h{c}", (60.0, 14.0)) for c in range(len(plan.lanes))]
    plan.label_sizes = {e.label_name: sizes.get(e.label_name, (40.0, 12.0)) for e in plan.edges if e.label_name}
    rows = len(plan.rows)
    provisional = Grid(plan, 3 * TRACK, [MIN_GAP + 2 * TRACK] * (rows + 1), {})
    chosen = choose_routes(plan, provisional)
    tracks, chan_tracks, gap_tracks = assign_tracks(plan, provisional, chosen)
    # room for labels that hang below a symbol's bottom corner
    label_room: dict[int, float] = {}
    for i, cand in chosen.items():
        edge = plan.edges[i]
        if edge.label_name and cand.exit == "S":
            g = plan.nodes[edge.source].row + 1
            label_room[g] = max(label_room.get(g, 0.0), plan.label_sizes[edge.label_name][1] + 4)
        elif edge.label_name and cand.exit in ("E", "W") and len(cand.points) > 2:
            # a side exit whose first piece is too short for its label (a narrow outer channel): the label
            # goes beside the second piece, in the gap the line runs through
            (x0, y0), (x1, _), (_, y2) = (resolve(plan, provisional, p) for p in cand.points[:3])
            w, h = plan.label_sizes[edge.label_name]
            if abs(x1 - x0) < w + 8:
                row = plan.nodes[edge.source].row
                g = row if y2 < y0 else row + 1
                label_room[g] = max(label_room.get(g, 0.0), h + 8)
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
    grid = Grid(plan, margin, gaps, chan_tracks, label_room)
    for i, cand in chosen.items():
        edge = plan.edges[i]
        pts = [resolve(plan, grid, p, tracks, i) for p in cand.points]
        clean: list[tuple[float, float]] = []
        for p in pts:
            if clean and abs(p[0] - clean[-1][0]) < 0.01 and abs(p[1] - clean[-1][1]) < 0.01:
                continue
            clean.append((round(p[0], 2), round(p[1], 2)))
        edge.points = clean
    place_labels(plan, grid)
    return grid


# --------------------------------------------------------------------------------------------------
# The drawing pass
