"""Stage 3, *place*: lanes, rows, the gaps between rows and the channels beside lanes on a strict grid; every
symbol gets its centre. Also the symbolic points (ports) that routes are made of."""

from __future__ import annotations

import bisect

from .plan import Plan
from .style import MIN_BOX_WIDTH, TRACK

HEADER_PAD = 10.0
INLINE_GAP = 14.0
MIN_MARGIN = 16.0
MIN_GAP = 24.0
FIRST_GAP = 20.0
BOTTOM_GAP = 14.0
EDGE_CLEAR = 12.0
"""The first and last straight piece of an arrow at a gap is at least this long."""


class Grid:
    """Positions of lanes, rows, gaps and channels (points, y downwards)."""

    def __init__(self, plan: Plan, margin: float, gaps: list[float], chan_tracks: dict[int, int],
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


def port(node: str, side: str) -> tuple[tuple, tuple]:
    fx, fy = SIDE[side]
    return ("n", node, fx), ("n", node, fy)
