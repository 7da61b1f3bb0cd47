"""Stage 4, *route*: every arrow as an orthogonal line through the gaps and channels, never through a symbol,
with few bends and crossings; parallel lines get their own tracks."""

from __future__ import annotations

from dataclasses import dataclass

from .geometry import box_hit, count_crossings, hits_symbol, NearIndex, segments_of
from .label import best_label, by_edge, label_box
from .place import Grid, port
from .plan import PlanEdge, Plan

@dataclass
class Route:
    points: list[tuple[tuple, tuple]]
    exit: str
    entry: str


def route_candidates(plan: Plan, grid: Grid, edge: PlanEdge) -> list[Route]:
    u, v = plan.nodes[edge.source], plan.nodes[edge.target]
    out: list[Route] = []
    if edge.kind in ("link", "inline"):
        if v.x < u.x:
            u, v = v, u
        return [Route([port(u.name, "E"), port(v.name, "W")], "E", "W")]
    forward = v.row > u.row
    if forward:
        if abs(u.x - v.x) < 0.5:
            out.append(Route([port(u.name, "S"), port(v.name, "N")], "S", "N"))
        else:
            side = "E" if v.x > u.x else "W"
            out.append(Route([port(u.name, side), (("n", v.name, 0), ("n", u.name, 0)), port(v.name, "N")],
                                  side, "N"))
            gap = ("g", u.row + 1)
            out.append(Route([port(u.name, "S"), (("n", u.name, 0), gap), (("n", v.name, 0), gap),
                                   port(v.name, "N")], "S", "N"))
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
                start = [port(u.name, "S"), (("n", u.name, 0), below), (chan, below)]
            elif side == "N":
                above_u = ("g", u.row)
                start = [port(u.name, "N"), (("n", u.name, 0), above_u), (chan, above_u)]
            else:
                start = [port(u.name, side), (chan, ("n", u.name, 0))]
            entry = "W" if cx < v.x - v.w / 2 - 4 else ("E" if cx > v.x + v.w / 2 + 4 else None)
            if entry:
                out.append(Route(start + [(chan, ("n", v.name, 0)), port(v.name, entry)], side, entry))
            above = ("g", v.row)
            if not (side == "S" and v.row == u.row + 1) and not (side == "N" and v.row == u.row):
                out.append(Route(start + [(chan, above), (("n", v.name, 0), above), port(v.name, "N")],
                                      side, "N"))
    return out


def resolve(plan: Plan, grid: Grid, point: tuple[tuple, tuple], tracks: dict | None = None,
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


def choose_routes(plan: Plan, grid: Grid) -> dict[int, Route]:
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


def _route_in_order(plan: Plan, grid: Grid, order: list[int]) -> tuple[float, dict[int, Route]]:
    used: dict[tuple[str, str], str] = {}  # (node, side) -> "in" / "out"
    chosen: dict[int, Route] = {}
    drawn = NearIndex()  # (edge index, piece) of every line drawn so far
    labels = NearIndex()
    heads = NearIndex()  # arrow tips already drawn
    total = extra = 0.0
    for i in order:
        edge = plan.edges[i]
        best, best_score, best_pts, best_base = None, 0.0, [], 0.0
        candidates = route_candidates(plan, grid, edge)
        if edge.kind != "flow":  # a dashed link or the arrow into an inline decision: one straight line
            best, best_pts = candidates[0], [resolve(plan, grid, p) for p in candidates[0].points]
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
            pts = [resolve(plan, grid, p) for p in cand.points]
            segs = segments_of(pts)
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
            if any(hits_symbol(plan, grid, sg, ({src} if j == 0 else set()) | ({dst} if j == len(segs) - 1 else set()))
                   for j, sg in enumerate(segs)):
                continue
            crossings, overlap = 0, 0.0
            top = min(min(sg[1], sg[3]) for sg in segs) - 2
            bottom = max(max(sg[1], sg[3]) for sg in segs) + 2
            for j, other in by_edge(drawn.near(top, bottom)):
                same_end = plan.edges[j].target == edge.target or plan.edges[j].source == edge.source
                for sg in segs:
                    c, o = count_crossings(sg, other)
                    crossings += c
                    if not same_end:
                        overlap += o
            score = base + crossings * 5 + overlap * 2
            if best is not None and score >= best_score:
                continue
            score += 12 * sum(1 for sg in segs for hx, hy in heads.near(top, bottom + 22)
                              if (hx, hy) != pts[-1] and box_hit(sg, (hx - 3, hy - 22, hx + 3, hy - 1)))
            score += 12 * sum(1 for sg in segs for box in labels.near(top, bottom) if box_hit(sg, box))
            if edge.label_name and (best is None or score < best_score):
                score += best_label(plan, grid, edge, pts, drawn, labels, segs[1:])[1]
            if best is None or score < best_score:
                best, best_score, best_pts = cand, score, pts
                best_base = base
        extra += best_score - best_base if best is not None else 0.0
        if best is None:  # cannot happen with free gaps and channels; draw straight as a last resort
            best = Route([port(edge.source, "S"), port(edge.target, "N")], "S", "N")
            best_pts, best_score = [resolve(plan, grid, p) for p in best.points], 1000.0
        src, dst = best.points[0][0][1], best.points[-1][0][1]
        used.setdefault((src, best.exit), "out")
        used.setdefault((dst, best.entry), "in")
        chosen[i] = best
        total += best_score
        for sg in segments_of(best_pts):
            drawn.add_segment(sg, i)
        if edge.kind != "link" and best_pts:
            heads.add(best_pts[-1][1], best_pts[-1][1], best_pts[-1])
        if edge.label_name:
            centre, _ = best_label(plan, grid, edge, best_pts, drawn, labels)
            if centre is not None:
                box = label_box(plan, edge, centre)
                labels.add(box[1], box[3], box)
    return total, extra, chosen


def _same_port(plan: Plan, chosen: dict[int, Route], i: int, j: int) -> bool:
    """True when two edges leave the same symbol by the same side or enter one by the same side, so that
    their lines may run together."""
    a, b = plan.edges[i], plan.edges[j]
    return ((a.source == b.source and chosen[i].exit == chosen[j].exit)
            or (a.target == b.target and chosen[i].entry == chosen[j].entry))


def assign_tracks(plan: Plan, grid: Grid, chosen: dict[int, Route]
                   ) -> tuple[dict, dict[int, int], dict[int, int]]:
    """Give parallel lines in the same channel or gap their own track; edges to one target may share."""
    spans: dict[tuple[str, int], list[tuple[float, float, int]]] = {}
    for i, cand in chosen.items():
        pts = cand.points
        resolved = [resolve(plan, grid, p) for p in pts]
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
