"""Walking a case through one flowchart of an SOP ("telusuri kasus").

A :class:`Case` knows the current step (or that it has finished), who performs it, what it needs,
the case file (outputs produced so far), the elapsed standard time and, at a decision, the choices.
Loops are bounded: a step is entered at most ``limit`` times. Scenarios from the SOP file
(``skenario``) are played by :func:`run_scenario` into a JSON trace that is identical on CPython
and under Pyodide; :func:`check_scenarios` turns scenarios that do not fit into diagnostics.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .checks import norm_name, performer_lookup
from .diagnostics import Diagnostic, Path, error, warning
from .durations import WORKING_TIME_CONVENTION, Duration, DurationKind, TimeRange
from .flow import Edge, FlowGraph
from .model import END, Flowchart, Langkah, Skenario, Sop, label_key
from .symbols import Node
from .case_state import (  # noqa: F401 - re-exported: estimate, training and bridge import them from here
    DECIMALS, CaseState, Choice, Event, FileEntry, NotCounted, Status, StepView, Target, join_names, minutes_value,
    performer_text, stable_json, time_dict,
)

NO_LABEL = "(tanpa label)"
"""How a choice is shown, and may be chosen, when its arrow has no label."""

START_QUESTION = "Dari mana kasus dimulai?"
"""The question a case asks first when its flowchart has several starts."""

DEFAULT_LIMIT = 10
"""How many times a case may enter the same step before it stops."""

NOT_COUNTED_REASONS: dict[DurationKind, str] = {
    DurationKind.MERGED: "waktunya digabung dengan baris di atasnya",
    DurationKind.MISSING: "waktu tidak diisi",
    DurationKind.PERIODIC: "waktu berkala, tidak dijumlahkan",
    DurationKind.UNREADABLE: "waktu tidak dapat dibaca",
}


class SimulationError(ValueError):
    """A move the case cannot make; ``message`` is Indonesian text for the visitor."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class FlowNotWalkable(SimulationError):
    """The flowchart itself is broken (an arrow to a step that does not exist)."""


class LoopLimitReached(SimulationError):
    """The case would enter a step more than ``limit`` times; it stops (undo is possible)."""

    def __init__(self, message: str, step: int, limit: int) -> None:
        super().__init__(message)
        self.step = step
        self.limit = limit


class ScenarioError(SimulationError):
    """A scenario that does not fit its flowchart; ``path`` is relative to the scenario."""

    def __init__(self, message: str, code: str, path: Path = ()) -> None:
        super().__init__(message)
        self.code = code
        self.path = path


# --- small helpers shared with estimate and training ---------------------------------------------

def pick_flowchart(sop: Sop, variant: int | str = 0) -> tuple[int, Flowchart]:
    """The flowchart by 0-based index or by name (case-insensitive)."""
    charts = sop.flowcharts
    if isinstance(variant, int) and not isinstance(variant, bool):
        if 0 <= variant < len(charts):
            return variant, charts[variant]
        raise SimulationError(f"Varian ke-{variant + 1} tidak ada; SOP ini punya {len(charts)} bagan alir.")
    for i, chart in enumerate(charts):
        if chart.name and label_key(chart.name) == label_key(str(variant)):
            return i, chart
    names = ", ".join(f"'{c.name}'" for c in charts if c.name) or "(tanpa nama)"
    raise SimulationError(f"Varian '{variant}' tidak ada. Varian yang ada: {names}.")


def walkable_graph(chart: Flowchart) -> FlowGraph:
    """The flow graph of a chart, or :class:`FlowNotWalkable` when an arrow points nowhere."""
    graph = FlowGraph(chart)
    if graph.dangling:
        edge = graph.dangling[0]
        raise FlowNotWalkable(f"Bagan alir belum dapat ditelusuri: langkah {graph.nodes[edge.source].no} menuju "
                              f"langkah {edge.target_number}, yang tidak ada.")
    return graph


def start_row(graph: FlowGraph, start: int | None, lane: str | None = None) -> int:
    """The start symbol given by its step number, and lane when the row holds several (None: the first)."""
    if start is None:
        return graph.starts[0]
    lookup = performer_lookup(graph.chart)
    col = lookup.get(norm_name(lane)) if lane else None
    for node in graph.starts:
        if graph.nodes[node].no == start and (lane is None or col in graph.nodes[node].lanes):
            return node
    allowed = ", ".join(str(graph.nodes[n].no) + (f" ({graph.nodes[n].text})" if graph.nodes[n].text else "")
                        for n in graph.starts)
    raise SimulationError(f"Langkah {start}{f' di kolom {lane}' if lane else ''} bukan titik mulai bagan alir ini. "
                          f"Titik mulai yang ada: langkah {allowed}.")


def start_label(graph: FlowGraph, node: int) -> str:
    """A start as offered to the visitor: its own text, else 'langkah N'; the lane when its row has several."""
    item = graph.nodes[node]
    text = item.text or f"langkah {item.no}"
    if len(graph.row_nodes[item.row]) > 1 and not item.text:
        text += f" ({performer_text(node_performers(graph.chart, item), item.mode)})"
    return text


def node_performers(chart: Flowchart, node: Node, lookup: dict[str, int] | None = None) -> tuple[str, ...]:
    """The column names of a symbol's performers (codes and aliases resolved; unknown names kept)."""
    return _names(chart, node.names, lookup)


def step_performers(chart: Flowchart, step: Langkah, lookup: dict[str, int] | None = None) -> tuple[str, ...]:
    """The column names of a row's performers (every symbol of the row)."""
    names = list(step.oleh) if step.symbols is None else [n for sym in step.symbols for n in sym.lanes]
    return _names(chart, names, lookup)


def _names(chart: Flowchart, written: list[str] | tuple[str, ...], lookup: dict[str, int] | None) -> tuple[str, ...]:
    lookup = performer_lookup(chart) if lookup is None else lookup
    names: list[str] = []
    for name in written:
        col = lookup.get(norm_name(name))
        shown = chart.performers[col].nama if col is not None else name
        if shown not in names:
            names.append(shown)
    return tuple(names)


def find_exits(graph: FlowGraph, node: int, label: str) -> tuple[str, list[Edge]] | None:
    """The exits of a symbol with this label (several: parallel branches): exact first, then loosely."""
    groups = graph.exit_groups(node)
    wanted = "" if label in {"", NO_LABEL} else label
    exact = next((g for g in groups if g[0] == wanted), None)
    return exact or next((g for g in groups if label_key(g[0]) == label_key(wanted)), None)


def find_exit(graph: FlowGraph, row: int, label: str) -> Edge | None:
    """The first exit with this label (see :func:`find_exits`)."""
    found = find_exits(graph, row, label)
    return found[1][0] if found else None


def choice_labels(graph: FlowGraph, node: int) -> list[str]:
    """The labels a visitor chooses from at a symbol, as shown."""
    return [label or NO_LABEL for label, _ in graph.exit_groups(node)]


def target_of(graph: FlowGraph, edge: Edge) -> Target:
    return END if edge.target is None else graph.nodes[edge.target].no


def longest(a: TimeRange, b: TimeRange) -> TimeRange:
    """The later of two branch times: parallel branches take as long as the longest one."""
    return TimeRange(max(a.min_minutes, b.min_minutes), max(a.max_minutes, b.max_minutes))


@dataclass(frozen=True)
class _Token:
    """One place the case is at: a symbol, the branch's elapsed time, and the row it came from."""

    node: int
    elapsed: TimeRange
    last_row: int | None = None


@dataclass(frozen=True)
class _Snapshot:
    active: tuple[_Token, ...]
    status: Status
    visits: tuple[int, ...]
    elapsed: TimeRange
    case_file: tuple[FileEntry, ...]
    not_counted: tuple[NotCounted, ...]
    history: tuple[Event, ...]
    message: str | None = None
    stopped_at: int | None = None
    choosing_start: bool = False
    start: int = 0

    @property
    def row(self) -> int | None:
        """The symbol the case is at (the first of the running branches), or None."""
        return self.active[0].node if self.active and not self.choosing_start else None


def _not_counted(step: Langkah, duration: Duration) -> NotCounted | None:
    if duration.kind in NOT_COUNTED_REASONS:
        return NotCounted(step.no, duration.text or step.waktu or "", duration.kind.value,
                          NOT_COUNTED_REASONS[duration.kind])
    return None


def _file_with(case_file: tuple[FileEntry, ...], step: Langkah, again: bool = True) -> tuple[FileEntry, ...]:
    """The case file after ``step``: its outputs added, or counted once more when the step made them before
    (``again`` False: the step was not done before, so there is nothing to look for)."""
    if not again:
        return case_file + tuple(FileEntry(output, step.no) for output in step.output)
    entries = list(case_file)
    for output in step.output:
        i = next((i for i, e in enumerate(entries) if e.step == step.no and e.output == output), None)
        if i is None:
            entries.append(FileEntry(output, step.no))
        else:
            entries[i] = FileEntry(output, step.no, entries[i].count + 1)
    return tuple(entries)


# --- the case ------------------------------------------------------------------------------------

class Case:
    """One case walked through one flowchart; every move can be undone.

    Parallel branches (two arrows with one label) run one after the other, the branch at the
    highest row first; where they meet they become one again, and the case's time is that of the
    longest branch.
    """

    def __init__(self, sop: Sop, variant: int, chart: Flowchart, graph: FlowGraph, start: int | None,
                 limit: int) -> None:
        if limit < 1:
            raise SimulationError("Batas kunjungan per langkah paling sedikit 1.")
        self.sop, self.variant, self.chart, self.graph, self.limit = sop, variant, chart, graph, limit
        self._lookup = performer_lookup(chart)
        if start is None:
            first = _Snapshot((), "running", tuple(0 for _ in graph.nodes), TimeRange(), (), (), (),
                              choosing_start=True, start=graph.starts[0])
        else:
            visits = tuple(1 if r == start else 0 for r in range(len(graph.nodes)))
            first = _Snapshot((_Token(start, TimeRange()),), "running", visits, TimeRange(), (), (), (), start=start)
        self._stack: list[_Snapshot] = [first]
        self._unique_numbers = len({s.no for s in chart.steps}) == len(chart.steps)

    @property
    def start_row(self) -> int:
        return self._now.start

    @classmethod
    def start(cls, sop: Sop, variant: int | str = 0, start: int | None = None, limit: int = DEFAULT_LIMIT,
              ask: bool = False, lane: str | None = None) -> "Case":
        """A new case at a start of the chosen flowchart (``start``: a start step number).

        With ``ask`` and no ``start``, a flowchart with several starts first asks which one.
        """
        index, chart = pick_flowchart(sop, variant)
        graph = walkable_graph(chart)
        node: int | None = start_row(graph, start, lane)
        if ask and start is None and len(graph.starts) > 1:
            node = None
        return cls(sop, index, chart, graph, node, limit)

    # -- reading

    @property
    def _now(self) -> _Snapshot:
        return self._stack[-1]

    @property
    def status(self) -> Status:
        return self._now.status

    @property
    def finished(self) -> bool:
        return self._now.status == "finished"

    @property
    def current_node(self) -> Node | None:
        row = self._now.row
        return None if row is None else self.graph.nodes[row]

    @property
    def current_step(self) -> Langkah | None:
        node = self.current_node
        return None if node is None else node.step

    @property
    def needs_choice(self) -> bool:
        """True when the case waits for a choice: which start, or which exit of a decision."""
        return self._now.status == "running" and bool(self.choices())

    @property
    def history(self) -> list[Event]:
        return list(self._now.history)

    @property
    def elapsed(self) -> TimeRange:
        return self._now.elapsed

    @property
    def visited(self) -> list[int]:
        """Step numbers in the order the case was at them (the current step last)."""
        current = self.current_step
        return [e.step for e in self._now.history] + ([current.no] if current else [])

    def performers(self, step: Langkah | Node) -> tuple[str, ...]:
        if isinstance(step, Node):
            return node_performers(self.chart, step, self._lookup)
        return step_performers(self.chart, step, self._lookup)

    def choices(self) -> list[Choice]:
        """The starts to choose from, or the exits of the current decision (empty elsewhere)."""
        now = self._now
        if now.choosing_start:
            return [Choice(start_label(self.graph, n), self.graph.nodes[n].no) for n in self.graph.starts]
        row = now.row
        if row is None or not self.graph.is_choice(row):
            return []
        return [Choice(label or NO_LABEL, target_of(self.graph, edges[0])) for label, edges in
                self.graph.exit_groups(row)]

    def state(self) -> CaseState:
        now = self._now
        return CaseState(
            sop_number=self.sop.nomor, sop_name=self.sop.nama, variant=self.variant, variant_name=self.chart.name,
            variants=len(self.sop.flowcharts), start=self.graph.nodes[now.start].no,
            starts=tuple((self.graph.nodes[r].no, self.graph.nodes[r].text or self.graph.nodes[r].step.kegiatan)
                         for r in self.graph.starts),
            status=now.status, step=self._step_view(), choices=tuple(self.choices()), case_file=now.case_file,
            elapsed=now.elapsed, not_counted=now.not_counted, history=now.history, message=now.message,
            stopped_at=now.stopped_at, limit=self.limit, can_undo=len(self._stack) > 1,
            branches=max(1, len(now.active)), choose_start=now.choosing_start,
        )

    def _step_view(self) -> StepView | None:
        now = self._now
        if now.choosing_start:
            first = self.graph.nodes[self.graph.starts[0]]
            return StepView(first.no, START_QUESTION, "terminator", True, (), None, None, (), (), None, "kosong",
                            TimeRange(), 0, None, None)
        node = self.current_node
        if node is None:
            return None
        step = node.step
        names = self.performers(node)
        mode = node.mode if len(names) > 1 else None
        holder = None
        if mode == "salah_satu" and now.history:
            held = [n for n in now.history[-1].performers if n in names]
            holder = held[0] if len(held) == 1 else None
        duration = self.graph.durations[node.row]
        return StepView(step.no, step.kegiatan, node.shape, self.graph.is_choice(node.index), names, mode, holder,
                        tuple(step.kelengkapan), tuple(step.output), duration.text or step.waktu,
                        duration.kind.value, TimeRange.of(duration), now.visits[node.index], step.keterangan,
                        node.text)

    def log_lines(self) -> list[str]:
        """The history as Indonesian lines, with a closing line when the case finished or stopped."""
        lines = [e.log_line() for e in self._now.history]
        if self._now.status != "running" and self._now.message:
            lines.append(self._now.message)
        return lines

    # -- moving

    def advance(self) -> CaseState:
        """Complete a step that is not a decision and move to the next one (every arrow, if several)."""
        node = self._running_node()
        if self._now.choosing_start or self.graph.is_choice(node.index):
            labels = ", ".join(c.label for c in self.choices())
            what = START_QUESTION if self._now.choosing_start else f"Langkah {node.no} adalah keputusan:"
            raise SimulationError(f"{what} pilih salah satu jawaban ({labels}).")
        return self._move("advance", None, list(self.graph.successors[node.index]))

    def choose(self, label: str) -> CaseState:
        """Complete a decision by taking the exit(s) with this label; or pick the start."""
        node = self._running_node()
        if self._now.choosing_start:
            return self._choose_start(label)
        if not self.graph.is_choice(node.index):
            raise SimulationError(f"Langkah {node.no} bukan keputusan; lanjutkan ke langkah berikutnya tanpa memilih.")
        found = find_exits(self.graph, node.index, label)
        if found is None:
            labels = ", ".join(choice_labels(self.graph, node.index))
            raise SimulationError(f"Jawaban '{label}' tidak ada pada keputusan langkah {node.no}. Pilih salah satu: "
                                  f"{labels}.")
        return self._move("choose", found[0] or NO_LABEL, found[1])

    def _choose_start(self, label: str) -> CaseState:
        options = self.choices()
        pick = next((i for i, c in enumerate(options) if c.label == label), None)
        if pick is None:
            pick = next((i for i, c in enumerate(options) if label_key(c.label) == label_key(label)), None)
        if pick is None:
            raise SimulationError(f"Titik mulai '{label}' tidak ada. Pilih salah satu: "
                                  f"{', '.join(c.label for c in options)}.")
        node = self.graph.starts[pick]
        visits = tuple(1 if r == node else 0 for r in range(len(self.graph.nodes)))
        self._stack.append(_Snapshot((_Token(node, TimeRange()),), "running", visits, TimeRange(), (), (), (),
                                     start=node))
        return self.state()

    def undo(self) -> CaseState:
        """Take back the last move."""
        if len(self._stack) == 1:
            raise SimulationError("Belum ada langkah yang dapat dibatalkan.")
        self._stack.pop()
        return self.state()

    def restart(self) -> CaseState:
        """Back to the start of the same flowchart."""
        del self._stack[1:]
        return self.state()

    def _running_node(self) -> Node:
        now = self._now
        if now.status == "finished":
            raise SimulationError("Kasus sudah selesai. Mulai ulang untuk menelusuri lagi.")
        if now.status == "stopped":
            raise SimulationError(now.message or "Kasus dihentikan; batalkan langkah terakhir atau mulai ulang.")
        if now.choosing_start:
            return self.graph.nodes[self.graph.starts[0]]
        return self.graph.nodes[now.active[0].node]

    def _move(self, action: Literal["advance", "choose"], choice: str | None, edges: list[Edge]) -> CaseState:
        now = self._now
        token, rest = now.active[0], now.active[1:]
        node = self.graph.nodes[token.node]
        step = node.step
        same_row = token.last_row == node.row  # a row's time and outputs count once for its symbols
        duration = self.graph.durations[node.row]
        branch = token.elapsed if same_row else token.elapsed + TimeRange.of(duration)
        not_counted = now.not_counted
        skipped = None if same_row else _not_counted(step, duration)
        if skipped and all(n.step != step.no for n in not_counted):
            not_counted += (skipped,)
        names = self.performers(node)
        targets = tuple((target_of(self.graph, e), () if e.target is None else self._shown_lane(e.target))
                        for e in edges)
        event = Event(step.no, step.kegiatan, names, node.mode if len(names) > 1 else None, action, choice,
                      targets[0][0], branch, node.text, targets)
        elapsed = longest(now.elapsed, branch)
        # The case file is searched only when the row may have added to it before (quadratic otherwise).
        again = now.visits[node.index] > 1 or len(self.graph.row_nodes[node.row]) > 1 or not self._unique_numbers
        common = dict(case_file=now.case_file if same_row else _file_with(now.case_file, step, again),
                      not_counted=not_counted, history=now.history + (event,), start=now.start)
        active = list(rest)
        visits = list(now.visits)
        for edge in edges:
            if edge.target is None:
                continue
            joined = next((i for i, t in enumerate(active) if t.node == edge.target), None)
            if joined is not None:  # two branches meet: continue as one, as late as the later one
                active[joined] = _Token(edge.target, longest(active[joined].elapsed, branch), node.row)
                continue
            if visits[edge.target] >= self.limit:
                target = self.graph.nodes[edge.target].no
                message = (f"Kasus dihentikan: langkah {target} sudah dilalui {self.limit} kali (batas putaran). "
                           "Alur ini berputar terlalu lama; batalkan pilihan terakhir atau mulai ulang.")
                self._stack.append(_Snapshot((), "stopped", now.visits, elapsed, message=message,
                                             stopped_at=int(target), **common))
                raise LoopLimitReached(message, int(target), self.limit)
            visits[edge.target] += 1
            active.append(_Token(edge.target, branch, node.row))
        if not active:
            message = f"Kasus selesai. Waktu baku yang berjalan: {elapsed.label()}."
            if any(len(e.next) > 1 for e in common["history"]):  # type: ignore[attr-defined]
                message += " Cabang yang berjalan bersamaan dihitung menurut cabang terlama."
            if not_counted:
                message += f" Waktu langkah {join_names([str(n.step) for n in not_counted])} tidak dihitung."
            self._stack.append(_Snapshot((), "finished", now.visits, elapsed, message=message, **common))
            return self.state()
        active.sort(key=lambda t: (self.graph.nodes[t.node].row, t.node))
        self._stack.append(_Snapshot(tuple(active), "running", tuple(visits), elapsed, **common))
        return self.state()

    def _shown_lane(self, target: int) -> tuple[str, ...]:
        """Who acts at a target symbol, named when its row holds several symbols (the arrow decides)."""
        node = self.graph.nodes[target]
        return self.performers(node) if len(self.graph.row_nodes[node.row]) > 1 else ()


# --- scenarios -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Trace:
    """A scenario played from the start: every completed step and the final time."""

    scenario: str
    variant: int
    variant_name: str | None
    start: int
    choices: tuple[str, ...]
    status: Status
    events: tuple[Event, ...]
    elapsed: TimeRange
    not_counted: tuple[NotCounted, ...]
    case_file: tuple[FileEntry, ...]

    @property
    def steps(self) -> list[int]:
        """The step numbers in the order they were completed."""
        return [e.step for e in self.events]

    def as_dict(self) -> dict:
        return {
            "scenario": self.scenario, "variant": {"index": self.variant, "name": self.variant_name},
            "start": self.start, "choices": list(self.choices), "status": self.status, "steps": self.steps,
            "events": [e.as_dict() for e in self.events], "log": [e.log_line() for e in self.events],
            "elapsed": time_dict(self.elapsed), "not_counted": [n.as_dict() for n in self.not_counted],
            "case_file": [f.as_dict() for f in self.case_file], "convention": WORKING_TIME_CONVENTION,
        }

    def to_json(self) -> str:
        """Byte-stable JSON (sorted keys, compact): compare CPython and Pyodide runs with it."""
        return stable_json(self.as_dict())


def as_scenario(sop: Sop, scenario: Skenario | dict | int) -> Skenario:
    """A scenario given as model, plain data, or index in ``sop.skenario``."""
    if isinstance(scenario, Skenario):
        return scenario
    if isinstance(scenario, int) and not isinstance(scenario, bool):
        if 0 <= scenario < len(sop.skenario):
            return sop.skenario[scenario]
        raise SimulationError(f"Skenario ke-{scenario + 1} tidak ada; SOP ini punya {len(sop.skenario)} skenario.")
    return Skenario.model_validate(scenario)


def scenario_variant(sop: Sop, scenario: Skenario) -> int:
    """The 0-based flowchart index of a scenario (its ``varian``: 1-based number or name)."""
    value = scenario.varian
    if value is None:
        return 0
    count = len(sop.flowcharts)
    if isinstance(value, str):
        try:
            return pick_flowchart(sop, value)[0]
        except SimulationError as exc:
            if not value.isdigit():
                raise ScenarioError(f"Skenario '{scenario.nama}': {exc.message}", "skenario-varian", ("varian",))
            value = int(value)
    if 1 <= value <= count:
        return value - 1
    raise ScenarioError(f"Skenario '{scenario.nama}': varian {value} tidak ada; SOP ini punya {count} bagan alir "
                        "(nomor 1 untuk yang pertama).", "skenario-varian", ("varian",))


def start_scenario(sop: Sop, scenario: Skenario, limit: int = DEFAULT_LIMIT) -> Case:
    """A case at the scenario's variant and start (not yet played)."""
    index = scenario_variant(sop, scenario)
    chart = sop.flowcharts[index]
    graph = walkable_graph(chart)
    try:
        row = start_row(graph, scenario.mulai, scenario.mulai_oleh)
    except SimulationError as exc:
        raise ScenarioError(f"Skenario '{scenario.nama}': {exc.message}", "skenario-mulai", ("mulai",)) from None
    return Case(sop, index, chart, graph, row, limit)


def run_scenario(sop: Sop, scenario: Skenario | dict | int, limit: int = DEFAULT_LIMIT) -> Trace:
    """Play a scenario's choices from its start to the end; :class:`ScenarioError` when they do not fit."""
    sc = as_scenario(sop, scenario)
    case = start_scenario(sop, sc, limit)
    used = 0
    while case.status == "running":
        step = case.current_step
        assert step is not None
        if not case.needs_choice:
            try:
                case.advance()
            except LoopLimitReached as exc:
                raise ScenarioError(f"Skenario '{sc.nama}': {exc.message}", "skenario-putaran", ()) from None
            continue
        labels = ", ".join(c.label for c in case.choices())
        if used >= len(sc.pilihan):
            raise ScenarioError(f"Skenario '{sc.nama}': pilihan kurang. Keputusan langkah {step.no} memerlukan "
                                f"jawaban ke-{used + 1} ({labels}).", "skenario-kurang", ("pilihan",))
        try:
            case.choose(sc.pilihan[used])
        except LoopLimitReached as exc:
            raise ScenarioError(f"Skenario '{sc.nama}': {exc.message}", "skenario-putaran",
                                ("pilihan", used)) from None
        except SimulationError:
            raise ScenarioError(f"Skenario '{sc.nama}': jawaban '{sc.pilihan[used]}' (pilihan ke-{used + 1}) tidak "
                                f"ada pada keputusan langkah {step.no}. Pilih salah satu: {labels}.",
                                "skenario-pilihan", ("pilihan", used)) from None
        used += 1
    if used < len(sc.pilihan):
        rest = ", ".join(sc.pilihan[used:])
        raise ScenarioError(f"Skenario '{sc.nama}': pilihan berlebih. Alur sudah selesai setelah {used} jawaban; "
                            f"sisa: {rest}.", "skenario-lebih", ("pilihan", used))
    state = case.state()
    return Trace(sc.nama, state.variant, state.variant_name, state.start, tuple(sc.pilihan), state.status,
                 state.history, state.elapsed, state.not_counted, state.case_file)


def check_scenarios(sop: Sop) -> list[Diagnostic]:
    """Every scenario of the SOP must fit its flowchart: labels exist, the run reaches the end."""
    out: list[Diagnostic] = []
    seen: dict[str, int] = {}
    for i, sc in enumerate(sop.skenario):
        key = label_key(sc.nama)
        if key in seen:
            out.append(warning("skenario-nama-ganda", f"Nama skenario '{sc.nama}' sudah dipakai oleh skenario ke-"
                               f"{seen[key] + 1}; beri nama yang berbeda.", ("skenario", i, "nama")))
        seen.setdefault(key, i)
        try:
            run_scenario(sop, sc)
        except FlowNotWalkable:
            continue  # the flow checks already report the broken arrow
        except ScenarioError as exc:
            out.append(error(exc.code, exc.message, ("skenario", i, *exc.path)))
    return out
