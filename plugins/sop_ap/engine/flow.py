"""The flow of a flowchart as a graph: edges, starts, ends, paths and their standard times."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .durations import TimeRange
from .model import END, Flowchart, Langkah

PATH_LIMIT = 10_000
"""At most this many paths are enumerated for the range over all paths."""


@dataclass(frozen=True)
class Edge:
    """One arrow: from a step (row index) to a step (row index) or to the end (None)."""

    source: int
    target: int | None
    label: str | None = None
    target_number: int | str | None = None


class FlowGraph:
    """The flow of one flowchart, indexed by row (0-based position in the step list)."""

    def __init__(self, chart: Flowchart) -> None:
        self.chart = chart
        self.steps: list[Langkah] = chart.steps
        self._index = {}
        for i, step in enumerate(self.steps):
            self._index.setdefault(step.no, i)
        self.edges: list[Edge] = []
        self.dangling: list[Edge] = []
        for i, step in enumerate(self.steps):
            for label, target in self._raw_targets(i, step):
                if target == END:
                    self.edges.append(Edge(i, None, label, END))
                elif target in self._index:
                    self.edges.append(Edge(i, self._index[target], label, target))
                else:
                    self.dangling.append(Edge(i, None, label, target))

    def _raw_targets(self, i: int, step: Langkah) -> list[tuple[str | None, int | str]]:
        if step.cabang:
            return list(step.cabang.items())
        if step.ke is not None:
            return [(None, step.ke)]
        if i + 1 < len(self.steps):
            return [(None, self.steps[i + 1].no)]
        return [(None, END)]

    def index_of(self, number: int) -> int | None:
        return self._index.get(number)

    @cached_property
    def successors(self) -> list[list[Edge]]:
        out: list[list[Edge]] = [[] for _ in self.steps]
        for edge in self.edges:
            out[edge.source].append(edge)
        return out

    @cached_property
    def predecessors(self) -> list[set[int]]:
        out: list[set[int]] = [set() for _ in self.steps]
        for edge in self.edges:
            if edge.target is not None:
                out[edge.target].add(edge.source)
        return out

    @cached_property
    def starts(self) -> list[int]:
        """Row 0, and every terminator that no arrow enters (a second way to begin)."""
        if not self.steps:
            return []
        starts = [0]
        for i, step in enumerate(self.steps[1:], start=1):
            if step.simbol == "terminator" and not self.predecessors[i]:
                starts.append(i)
        return starts

    @cached_property
    def ends(self) -> list[int]:
        """Rows with an arrow to the end."""
        return sorted({e.source for e in self.edges if e.target is None})

    def reachable_from(self, sources: list[int]) -> set[int]:
        seen, stack = set(sources), list(sources)
        while stack:
            for edge in self.successors[stack.pop()]:
                if edge.target is not None and edge.target not in seen:
                    seen.add(edge.target)
                    stack.append(edge.target)
        return seen

    @cached_property
    def can_finish(self) -> set[int]:
        """Rows from which some path reaches the end."""
        done = set(self.ends)
        changed = True
        while changed:
            changed = False
            for edge in self.edges:
                if edge.target is not None and edge.target in done and edge.source not in done:
                    done.add(edge.source)
                    changed = True
        return done

    def on_cycle(self, row: int) -> bool:
        """True when ``row`` can reach itself."""
        targets = [e.target for e in self.successors[row] if e.target is not None]
        return row in self.reachable_from(targets) if targets else False

    def main_path(self) -> list[int]:
        """From the first row, follow the first arrow (first decision exit) that does not go back."""
        if not self.steps:
            return []
        path, seen, row = [0], {0}, 0
        while True:
            options = self.successors[row]
            nxt = next((e for e in options if e.target is None or e.target not in seen), None)
            if nxt is None or nxt.target is None:
                return path
            row = nxt.target
            path.append(row)
            seen.add(row)

    def simple_paths(self, limit: int = PATH_LIMIT) -> list[list[int]]:
        """Every path from a start to the end that visits no row twice (at most ``limit``)."""
        paths: list[list[int]] = []

        def walk(row: int, path: list[int], seen: set[int]) -> None:
            if len(paths) >= limit:
                return
            for edge in self.successors[row]:
                if edge.target is None:
                    paths.append(list(path))
                elif edge.target not in seen:
                    seen.add(edge.target)
                    path.append(edge.target)
                    walk(edge.target, path, seen)
                    path.pop()
                    seen.discard(edge.target)

        for start in self.starts:
            walk(start, [start], {start})
        return paths

    def path_time(self, rows: list[int]) -> TimeRange:
        total = TimeRange()
        for row in rows:
            total = total + TimeRange.of(self.steps[row].duration)
        return total

    def main_path_time(self) -> TimeRange:
        """The standard time along the main path."""
        return self.path_time(self.main_path())

    def time_over_all_paths(self) -> TimeRange:
        """The shortest minimum and the longest maximum over all paths without repetition."""
        paths = self.simple_paths()
        if not paths:
            return TimeRange()
        times = [self.path_time(p) for p in paths]
        return TimeRange(min(t.min_minutes for t in times), max(t.max_minutes for t in times))
