"""The flow of a flowchart as a graph: edges, starts, ends, paths and their standard times.

Every algorithm here is iterative and bounded (a flowchart may have thousands of steps): reachability,
strongly connected components (Tarjan), dominators (Cooper, Harvey and Kennedy) and the times over all
paths by dynamic programming. Paths are never enumerated to compute a time.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from functools import cached_property

from .durations import Duration, DurationKind, TimeRange, format_minutes, parse_duration
from .graphs import acyclic as _acyclic, immediate_dominators, postorder as _postorder, strong_components
from .model import END, Flowchart, Langkah
from .model_symbols import TujuanSimbol
from .symbols import DEFAULT, Node, chart_symbols, norm_name, performer_lookup

PATH_LIMIT = 10_000
"""At most this many paths are listed by :meth:`FlowGraph.simple_paths`."""

SEARCH_LIMIT = 20_000
"""Work (rows entered) that the search for the longest path may spend on a flow with irregular loops,
before it settles for bounds."""


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


@dataclass(frozen=True)
class PathTimes:
    """The standard time over all paths without repetition: the shortest minimum and the longest maximum.

    The minimum is always exact. The maximum is exact for every flow whose loops are entered at one
    step (the usual "send back to step n"); otherwise it may only be known to be at least
    ``max_minutes`` (``max_exact`` is False)."""

    min_minutes: float = 0.0
    max_minutes: float = 0.0
    max_exact: bool = True

    @property
    def range(self) -> TimeRange:
        return TimeRange(self.min_minutes, self.max_minutes)

    def label(self) -> str:
        if self.max_exact:
            return self.range.label()
        return f"{format_minutes(self.min_minutes)} – paling sedikit {format_minutes(self.max_minutes)}"


@dataclass(frozen=True)
class Loops:
    """Where the loops of a flow are entered, as seen from some start rows.

    A loop is closed by an arrow back to a row that every path from the start to the arrow passes (a row
    that *dominates* the arrow's source): such a row is a loop *header*. In a component (a group of rows
    that can all reach each other) whose loops are all closed that way, every path that enters a row twice
    passes a header in between, so a header is entered at least as often as any row of its loops. A
    component where an arrow closes a cycle without such a header (two ways into one loop) is
    *irregular*."""

    reached: frozenset[int]
    headers: frozenset[int]
    forward: tuple[tuple[int, ...], ...]
    """Every arrow except those back to a header."""
    irregular: frozenset[int]
    """Components (see :attr:`FlowGraph.components`) with a cycle that has no header."""

    @property
    def regular(self) -> bool:
        return not self.irregular


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
        self.lone_ends: set[int] = set()
        """End terminators that no arrow enters: not starts (nothing follows them in their row), unreachable."""
        for node in later:
            follows = any(self.nodes[n].shape != "terminator" for n in self.row_nodes[node.row] if n > node.index)
            if node.index in entered or (node.row > 0 and not follows):
                self.edges.append(Edge(node.index, None, None, END, path=node.exits[0].path))
                if node.index not in entered:
                    self.lone_ends.add(node.index)
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
    def next_rows(self) -> list[list[int]]:
        """For each row, the rows its arrows lead to (without repeats, the end left out)."""
        return [list(dict.fromkeys(e.target for e in edges if e.target is not None)) for edges in self.successors]

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
            if node.shape == "terminator" and not self.predecessors[node.index] and node.index not in self.lone_ends:
                starts.append(node.index)
        return starts

    @cached_property
    def ends(self) -> list[int]:
        """Rows with an arrow to the end."""
        return sorted({e.source for e in self.edges if e.target is None})

    def reachable_from(self, sources: list[int]) -> set[int]:
        seen, stack = set(sources), list(sources)
        while stack:
            for target in self.next_rows[stack.pop()]:
                if target not in seen:
                    seen.add(target)
                    stack.append(target)
        return seen

    @cached_property
    def can_finish(self) -> set[int]:
        """Rows from which some path reaches the end."""
        done = set(self.ends)
        stack = list(done)
        while stack:
            for source in self.predecessors[stack.pop()]:
                if source not in done:
                    done.add(source)
                    stack.append(source)
        return done

    @cached_property
    def components(self) -> list[int]:
        """The strongly connected component of every row, numbered so that a component comes after every
        component it can reach."""
        return strong_components(self.next_rows)

    @cached_property
    def _cyclic(self) -> list[bool]:
        sizes: dict[int, int] = {}
        for c in self.components:
            sizes[c] = sizes.get(c, 0) + 1
        return [sizes[self.components[r]] > 1 or r in self.next_rows[r] for r in range(len(self.nodes))]

    def on_cycle(self, row: int) -> bool:
        """True when ``row`` can reach itself."""
        return self._cyclic[row]

    def dominators(self, roots: list[int]) -> list[int | None]:
        """The immediate dominator of every row reached from ``roots`` (None for the roots and for rows not
        reached): the last row that every path from a root to this row passes."""
        return immediate_dominators(self.next_rows, self.predecessors, roots)

    def loops(self, roots: list[int]) -> "Loops":
        """The loops of the flow as seen from ``roots`` (see :class:`Loops`)."""
        key = tuple(roots)
        cache = self.__dict__.setdefault("_loops", {})
        if key not in cache:
            cache[key] = self._find_loops(roots)
        return cache[key]

    def _find_loops(self, roots: list[int]) -> "Loops":
        n = len(self.nodes)
        idom = self.dominators(roots)
        reached = self.reachable_from(roots)
        children: list[list[int]] = [[] for _ in range(n)]
        tops = []
        for row in sorted(reached):
            (tops if idom[row] is None else children[idom[row]]).append(row)
        enter, leave = [0] * n, [0] * n  # a dominates b iff enter[a] <= enter[b] and leave[b] <= leave[a]
        clock = 0
        for top in tops:
            work = [(top, 0)]
            enter[top] = clock = clock + 1
            while work:
                row, i = work[-1]
                if i < len(children[row]):
                    work[-1] = (row, i + 1)
                    child = children[row][i]
                    enter[child] = clock = clock + 1
                    work.append((child, 0))
                    continue
                leave[row] = clock = clock + 1
                work.pop()
        headers: set[int] = set()
        forward: list[list[int]] = [[] for _ in range(n)]
        for row in reached:
            for target in self.next_rows[row]:
                if enter[target] <= enter[row] and leave[row] <= leave[target]:
                    headers.add(target)
                else:
                    forward[row].append(target)
        comp = self.components
        irregular: set[int] = set()
        within: list[list[int]] = [[t for t in forward[r] if comp[t] == comp[r]] for r in range(n)]
        members: dict[int, list[int]] = {}
        for row in reached:
            members.setdefault(comp[row], []).append(row)
        for c, rows in members.items():
            if len(rows) > 1 and not _acyclic(within, rows):
                irregular.add(c)
        return Loops(frozenset(reached), frozenset(headers), tuple(tuple(f) for f in forward), frozenset(irregular))

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
        """Paths from a start to the end that visit no row twice (at most ``limit`` of them; iterative).

        Only for small flows and tests: the number of paths grows exponentially with the decisions."""
        paths: list[list[int]] = []
        for start in self.starts:
            path, seen = [start], {start}
            work = [iter(self.successors[start])]
            while work and len(paths) < limit:
                edge = next(work[-1], None)
                if edge is None:
                    work.pop()
                    seen.discard(path.pop())
                elif edge.target is None:
                    paths.append(list(path))
                elif edge.target not in seen:
                    seen.add(edge.target)
                    path.append(edge.target)
                    work.append(iter(self.successors[edge.target]))
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

    @cached_property
    def node_spans(self) -> list[TimeRange]:
        """The time each symbol adds over all paths: its row's time, or nothing when every arrow into it comes
        from its own row (start and process in one row, a decision beside its process), so that a row counts
        once."""
        out = []
        for node in self.nodes:
            preds = self.predecessors[node.index]
            inside = bool(preds) and all(self.nodes[p].row == node.row for p in preds)
            out.append(TimeRange() if inside else TimeRange.of(self.durations[node.row]))
        return out

    def main_path_time(self) -> TimeRange:
        """The standard time along the main path."""
        return self.path_time(self.main_path())

    @cached_property
    def path_times(self) -> PathTimes:
        """The shortest minimum and the longest maximum over all paths without repetition, by dynamic
        programming (see :class:`PathTimes`)."""
        if not self.nodes or not self.ends:
            return PathTimes()
        spans = self.node_spans
        lows = [t.min_minutes for t in spans]
        highs = [t.max_minutes for t in spans]
        starts = [s for s in self.starts if s in self.can_finish]
        if not starts:
            return PathTimes()
        shortest = self.shortest_to_end(lows)
        low = min(shortest[s] for s in starts)
        loops = self.loops(self.starts)
        if loops.regular:  # no path without repetition takes an arrow back to a header: it passed it already
            return PathTimes(low, max(self._longest_to_end(loops.forward, highs)[s] for s in starts))
        found, complete = self._longest_by_search(starts, highs)
        if complete:
            return PathTimes(low, found)
        dag = self._without_back_arrows(starts)
        lower = max(found, max(self._longest_to_end(dag, highs)[s] for s in starts))
        return PathTimes(low, lower, lower >= self._longest_bound(starts, highs))

    def time_over_all_paths(self) -> TimeRange:
        """The shortest minimum and the longest maximum over all paths without repetition (the maximum may be
        a lower bound; :attr:`path_times` says)."""
        return self.path_times.range

    def shortest_to_end(self, weights: list[float]) -> list[float]:
        """For every row, the least total weight of a walk from it to the end (the row itself included)."""
        inf = float("inf")
        best = [inf] * len(self.nodes)
        heap = []
        for row in self.ends:
            best[row] = weights[row]
            heap.append((weights[row], row))
        heapq.heapify(heap)
        while heap:
            total, row = heapq.heappop(heap)
            if total > best[row]:
                continue
            for pred in self.predecessors[row]:
                value = total + weights[pred]
                if value < best[pred]:
                    best[pred] = value
                    heapq.heappush(heap, (value, pred))
        return best

    def _longest_to_end(self, forward, weights: list[float]) -> list[float]:
        """For every row, the greatest total weight of a path to the end along ``forward`` (which has no cycle);
        -inf where the end cannot be reached."""
        ends = set(self.ends)
        best = [float("-inf")] * len(self.nodes)
        for row in _postorder(forward, range(len(self.nodes))):
            tail = 0.0 if row in ends else float("-inf")
            for target in forward[row]:
                tail = max(tail, best[target])
            if tail > float("-inf"):
                best[row] = weights[row] + tail
        return best

    def _without_back_arrows(self, starts: list[int]) -> list[list[int]]:
        """The arrows without those that close a cycle in a depth-first search from ``starts``."""
        forward: list[list[int]] = [[] for _ in self.nodes]
        state = [0] * len(self.nodes)  # 0 new, 1 on the search path, 2 done
        for start in starts:
            if state[start]:
                continue
            state[start] = 1
            work = [(start, 0)]
            while work:
                row, i = work[-1]
                nexts = self.next_rows[row]
                if i < len(nexts):
                    work[-1] = (row, i + 1)
                    target = nexts[i]
                    if state[target] == 1:
                        continue
                    forward[row].append(target)
                    if state[target] == 0:
                        state[target] = 1
                        work.append((target, 0))
                    continue
                state[row] = 2
                work.pop()
        return forward

    def _longest_bound(self, starts: list[int], weights: list[float]) -> float:
        """An upper bound of the longest path without repetition: a path passes each strongly connected
        component at most once, so at most the sum of the weights of the components along it."""
        comp = self.components
        count = max(comp) + 1
        total = [0.0] * count
        for row, c in enumerate(comp):
            total[c] += weights[row]
        ending = [False] * count
        for row in self.ends:
            ending[comp[row]] = True
        best = [float("-inf")] * count
        followers: list[set[int]] = [set() for _ in range(count)]
        for row, nexts in enumerate(self.next_rows):
            for target in nexts:
                if comp[target] != comp[row]:
                    followers[comp[row]].add(comp[target])
        for c in range(count):  # components are numbered after those they reach
            tail = 0.0 if ending[c] else float("-inf")
            for f in followers[c]:
                tail = max(tail, best[f])
            if tail > float("-inf"):
                best[c] = total[c] + tail
        return max(best[comp[s]] for s in starts)

    def _longest_by_search(self, starts: list[int], weights: list[float]) -> tuple[float, bool]:
        """The longest path without repetition by a depth-first search that stops after
        :data:`SEARCH_LIMIT` rows entered; (the longest found, whether the search was complete)."""
        best = float("-inf")
        budget = SEARCH_LIMIT
        finish = self.can_finish
        for start in starts:
            seen = {start}
            path = [start]
            total = weights[start]
            work = [iter(self.successors[start])]
            while work:
                edge = next(work[-1], None)
                if edge is None:
                    work.pop()
                    row = path.pop()
                    seen.discard(row)
                    total -= weights[row]
                elif edge.target is None:
                    best = max(best, total)
                elif edge.target not in seen and edge.target in finish:
                    budget -= 1
                    if budget < 0:
                        return best, False
                    seen.add(edge.target)
                    path.append(edge.target)
                    total += weights[edge.target]
                    work.append(iter(self.successors[edge.target]))
        return best, True


