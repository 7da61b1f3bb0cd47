"""Stage 5, *label*: each exit's label beside its own line, clear of symbols, lines and other labels."""

from __future__ import annotations

from .geometry import Box, Segment, box_hit, hits_symbol, NearIndex, segments_of
from .place import Grid
from .plan import PlanEdge, Plan

def _label_candidates(plan: Plan, edge: PlanEdge, points: list[tuple[float, float]]) -> list[tuple[float, float]]:
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
    if len(points) > 2:  # beside the second piece too (a loop up a narrow outer channel)
        out += _along(points[1:], w, h)
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
    other_segs = [seg for line in others for seg in segments_of(line)]
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


def _label_conflicts(plan: Plan, grid: Grid, centre: tuple[float, float], size: tuple[float, float],
                     segments: list[Segment], labels: list[Box]) -> float:
    """How bad a label at ``centre`` is; ``segments`` and ``labels`` are (at least) those near it."""
    w, h = size
    box = (centre[0] - w / 2, centre[1] - h / 2, centre[0] + w / 2, centre[1] + h / 2)
    left, top, right, bottom = box
    conflicts = 0.0
    if left < 1 or right > grid.width - 1 or top < grid.header_height + 1 or bottom > grid.height - 1:
        conflicts += 8  # past the border: cut off on the page, as bad as over a symbol
    sides = [(left, top, right, top), (left, bottom, right, bottom), (left, top, left, bottom),
             (right, top, right, bottom), (left, (top + bottom) / 2, right, (top + bottom) / 2)]
    if any(hits_symbol(plan, grid, side, set()) for side in sides):
        conflicts += 12  # text over a symbol is the worst: it hides the step
    conflicts += sum(1 for seg in segments if box_hit(seg, box))
    conflicts += sum(4 for other in labels if other[0] < right and other[2] > left and other[1] < bottom
                     and other[3] > top)
    return conflicts


def best_label(plan: Plan, grid: Grid, edge: PlanEdge, points: list[tuple[float, float]], segments: NearIndex,
                labels: NearIndex, more: list[Segment] = ()) -> tuple[tuple[float, float] | None, float]:
    """The best place for an exit's label and how bad it is (0: free), among the lines in ``segments`` (tagged
    pieces) and ``more``, and the label boxes in ``labels``."""
    size = plan.label_sizes.get(edge.label_name or "", (40.0, 12.0))
    own_first = segments_of(points)[:1]
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


def by_edge(items: list[tuple[int, Segment]]) -> list[tuple[int, list[Segment]]]:
    """Tagged pieces grouped by their edge, in the order given."""
    groups: list[tuple[int, list[Segment]]] = []
    for j, seg in items:
        if groups and groups[-1][0] == j:
            groups[-1][1].append(seg)
        else:
            groups.append((j, [seg]))
    return groups


def label_box(plan: Plan, edge: PlanEdge, centre: tuple[float, float]) -> tuple[float, float, float, float]:
    w, h = plan.label_sizes.get(edge.label_name or "", (40.0, 12.0))
    return centre[0] - w / 2, centre[1] - h / 2, centre[0] + w / 2, centre[1] + h / 2


def place_labels(plan: Plan, grid: Grid) -> None:
    """Put every exit label where it hides no line, symbol or other label (as far as possible)."""
    segments = NearIndex()
    by_source: dict[str, list[PlanEdge]] = {}
    for edge in plan.edges:
        for seg in segments_of(edge.points):
            segments.add_segment(seg)
        by_source.setdefault(edge.source, []).append(edge)
    labels = NearIndex()
    for edge in sorted(plan.edges, key=lambda e: (e.kind != "link", plan.nodes[e.source].row)):
        if not edge.label_name:
            continue
        siblings = [e.points for e in by_source[edge.source] if e is not edge and e.kind == "flow"
                    and e.points[:1] == edge.points[:1]]
        points = _diverge(edge.points, siblings) if edge.kind == "flow" else edge.points
        centre, _ = best_label(plan, grid, edge, points, segments, labels)
        edge.label_pos = centre
        if centre is not None:
            box = label_box(plan, edge, centre)
            labels.add(box[1], box[3], box)
