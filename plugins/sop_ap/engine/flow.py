"""The flow of a flowchart as a graph: edges, starts, ends, paths and their standard times."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .durations import Duration, DurationKind, TimeRange, parse_duration
from .model import END, Flowchart, Langkah
from .model_symbols import TujuanSimbol
from .symbols import DEFAULT, Node, chart_symbols, norm_name, performer_lookup

PATH_LIMIT = 10_000
"""At most this many paths are enumerated for the range over all paths."""


@dataclass(frozen=True)
class Edge:
    """One arrow: from a symbol (node index) to a symbol (node index) or to the end (None).

    For a chart with one symbol per row, node index and row index are the same.
    """

    source: int
    target: int | None
    label: str | None = None
    target_number: int | str | None = None
    problem: str | None = None
    """For a dangling arrow: 'langkah' (no such row), 'pelaksana' (no such performer), 'kolom' (no
    symbol of that row in that lane) or 'ambigu' (several symbols in the row, none in the source's lane)."""
    path: tuple[str | int, ...] = ()


class FlowGraph:
    """The flow of one flowchart over its symbols (see :mod:`sop_ap.engine.symbols`)."""

    def __init__(self, chart: Flowchart) -> None:
        self.chart = chart
        self.steps: list[Langkah] = chart.steps
        self.nodes: list[Node] = chart_symbols(chart)
        self._lookup = performer_lookup(chart)
        self._index: dict[int, int] = {}
        for i, step in enumerate(self.steps):
            self._index.setdefault(step.no, i)
        self.row_nodes: list[list[int]] = [[] for _ in self.steps]
        for node in self.nodes:
            self.row_nodes[node.row].append(node.index)
        self.edges: list[Edge] = []
        self.dangling: list[Edge] = []
        later: list[Node] = []
        for node in self.nodes:
            if not node.written and node.shape == "terminator" and node.step.symbols is not None:
                later.append(node)  # an end if some arrow enters it, else a start going to the next row
                continue
            self._add_exits(node)
        entered = {e.target for e in self.edges if e.target is not None}
        for node in later:
            if node.index in entered:
                self.edges.append(Edge(node.index, None, None, END, path=node.exits[0].path))
            else:
                self._add_exits(node)
        self.edges.sort(key=lambda e: e.source)

    def _add_exits(self, node: Node) -> None:
        for spec in node.exits:
            target, number, problem = self._resolve(node, spec.target)
            edge = Edge(node.index, target, spec.label, number, problem, spec.path)
            (self.dangling if problem else self.edges).append(edge)

    def _resolve(self, node: Node, target: object) -> tuple[int | None, int | str | None, str | None]:
        """(node index or None for the end, target as shown, problem or None)."""
        if target == END:
            return None, END, None
        if target == DEFAULT:
            if node.shape == "terminator" and node.step.symbols is not None:  # (Mulai) then [first process]
                after = [n for n in self.row_nodes[node.row] if n > node.index and self.nodes[n].shape != "terminator"]
                if after:
                    return after[0], node.no, None
            if node.row + 1 >= len(self.steps):
                return None, END, None
            return self._in_row(node, node.row + 1, None)
        if isinstance(target, TujuanSimbol):
            row = self._index.get(target.langkah)
            if row is None:
                return None, target.langkah, "langkah"
            col = self._lookup.get(norm_name(target.oleh))
            if col is None:
                return None, target.langkah, "pelaksana"
            return self._in_row(node, row, col)
        row = self._index.get(int(target))  # type: ignore[call-overload]
        if row is None:
            return None, target, "langkah"  # type: ignore[return-value]
        return self._in_row(node, row, None)

    def _in_row(self, node: Node, row: int, col: int | None) -> tuple[int | None, int | str | None, str | None]:
        number = self.steps[row].no
        candidates = self.row_nodes[row]
        if col is not None:
            found = [n for n in candidates if col in self.nodes[n].lanes]
            if row == node.row:  # stacked in one lane: the symbol below the source
                found = [n for n in found if n > node.index] or found
            return (found[0], number, None) if found else (None, number, "kolom")
        if len(candidates) == 1:
            return candidates[0], number, None
        if row == node.row:  # the next symbol of the same row (start and process in one row)
            after = [n for n in candidates if n > node.index]
            if after:
                return after[0], number, None
        same = [n for n in candidates if set(self.nodes[n].lanes) & set(node.lanes)]
        if same:
            return same[0], number, None
        return None, number, "ambigu"

    def row_of(self, node: int) -> int:
        """The row (0-based) of a symbol."""
        return self.nodes[node].row

    def exit_groups(self, node: int) -> list[tuple[str, list[Edge]]]:
        """The exits of a symbol grouped by label ('' for no label), in the order written.

        Every group is one choice; a group with several arrows runs all of them (parallel branches).
        """
        groups: dict[str, list[Edge]] = {}
        for edge in self.successors[node]:
            groups.setdefault(edge.label or "", []).append(edge)
        return list(groups.items())

    def is_choice(self, node: int) -> bool:
        """True when the case must choose an exit here (two or more distinct labels)."""
        return len(self.exit_groups(node)) >= 2

    def index_of(self, number: int) -> int | None:
        """The first symbol of the row with this number (its row index when rows hold one symbol)."""
        row = self._index.get(number)
        return self.row_nodes[row][0] if row is not None and self.row_nodes[row] else None

    @cached_property
    def successors(self) -> list[list[Edge]]:
        out: list[list[Edge]] = [[] for _ in self.nodes]
        for edge in self.edges:
            out[edge.source].append(edge)
        return out

    @cached_property
    def predecessors(self) -> list[set[int]]:
        out: list[set[int]] = [set() for _ in self.nodes]
        for edge in self.edges:
            if edge.target is not None:
                out[edge.target].add(edge.source)
        return out

    @cached_property
    def starts(self) -> list[int]:
        """The first symbol, and every terminator that no arrow enters (another way to begin)."""
        if not self.nodes:
            return []
        starts = [0]
        for node in self.nodes[1:]:
            if node.shape == "terminator" and not self.predecessors[node.index]:
                starts.append(node.index)
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
        if not self.nodes:
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

    def path_time(self, nodes: list[int]) -> TimeRange:
        """The standard time along symbols; a row's time counts once for consecutive symbols of one row."""
        total, last = TimeRange(), None
        for node in nodes:
            row = self.nodes[node].row
            if row != last:
                total = total + TimeRange.of(self.durations[row])
            last = row
        return total

    @cached_property
    def durations(self) -> list[Duration]:
        """The standard time of every row; a merged Waktu cell counts once, on its first row."""
        out = [step.duration for step in self.steps]
        for cell in self.chart.merged:
            if cell.kolom != "waktu":
                continue
            first, last = (self._index.get(n) for n in cell.langkah)
            if first is None or last is None or last < first:
                continue
            out[first] = parse_duration(cell.isi)
            for row in range(first + 1, last + 1):
                out[row] = Duration(cell.isi, DurationKind.MERGED, 0.0, 0.0)
        return out

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
