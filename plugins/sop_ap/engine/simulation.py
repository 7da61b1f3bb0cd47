"""Walking a case through one flowchart of an SOP ("telusuri kasus").

A :class:`Case` knows the current step (or that it has finished), who performs it, what it needs,
the case file (outputs produced so far), the elapsed standard time and, at a decision, the choices.
Loops are bounded: a step is entered at most ``limit`` times. Scenarios from the SOP file
(``skenario``) are played by :func:`run_scenario` into a JSON trace that is identical on CPython
and under Pyodide; :func:`check_scenarios` turns scenarios that do not fit into diagnostics.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

from .checks import norm_name, performer_lookup
from .diagnostics import Diagnostic, Path, error, warning
from .durations import WORKING_TIME_CONVENTION, Duration, DurationKind, TimeRange
from .flow import Edge, FlowGraph
from .model import END, Flowchart, Langkah, Skenario, Sop, label_key

DEFAULT_LIMIT = 10
"""How many times a case may enter the same step before it stops."""

DECIMALS = 2
"""Working minutes in JSON are rounded to this many decimals (whole minutes are ints)."""

Status = Literal["running", "finished", "stopped"]
Target = int | str
"""A step number, or ``"selesai"`` for the end."""

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

def minutes_value(minutes: float) -> int | float:
    """Working minutes for JSON: an int when whole, else rounded to :data:`DECIMALS`."""
    rounded = round(minutes, DECIMALS)
    return int(rounded) if rounded == int(rounded) else rounded


def time_dict(total: TimeRange) -> dict:
    """A time range as JSON: ``{"min": 30, "max": 40, "label": "30 menit – 40 menit"}``."""
    return {"min": minutes_value(total.min_minutes), "max": minutes_value(total.max_minutes), "label": total.label()}


def join_names(names: list[str] | tuple[str, ...], word: str = "dan") -> str:
    """``A``, ``A dan B``, ``A, B dan C``."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {word} {names[-1]}"


def performer_text(names: tuple[str, ...], mode: str | None) -> str:
    """The performers as one phrase: ``Camat dan Sekrcam`` (bersama) or ``Camat atau Sekrcam``."""
    return join_names(names, "atau" if mode == "salah_satu" else "dan")


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
        raise FlowNotWalkable(f"Bagan alir belum dapat ditelusuri: langkah {chart.steps[edge.source].no} menuju "
                              f"langkah {edge.target_number}, yang tidak ada.")
    return graph


def start_row(graph: FlowGraph, start: int | None) -> int:
    """The row of a start step given by its number (None: the first row)."""
    if start is None:
        return graph.starts[0]
    row = graph.index_of(start)
    if row is None or row not in graph.starts:
        allowed = ", ".join(str(graph.steps[r].no) for r in graph.starts)
        raise SimulationError(f"Langkah {start} bukan titik mulai bagan alir ini. Titik mulai yang ada: "
                              f"langkah {allowed}.")
    return row


def step_performers(chart: Flowchart, step: Langkah, lookup: dict[str, int] | None = None) -> tuple[str, ...]:
    """The column names of a step's performers (codes and aliases resolved; unknown names kept)."""
    lookup = performer_lookup(chart) if lookup is None else lookup
    names: list[str] = []
    for name in step.oleh:
        col = lookup.get(norm_name(name))
        shown = chart.performers[col].nama if col is not None else name
        if shown not in names:
            names.append(shown)
    return tuple(names)


def find_exit(graph: FlowGraph, row: int, label: str) -> Edge | None:
    """The decision exit with this label: exact first, then without case or extra spaces."""
    edges = [e for e in graph.successors[row] if e.label is not None]
    exact = next((e for e in edges if e.label == label), None)
    return exact or next((e for e in edges if label_key(e.label or "") == label_key(label)), None)


def target_of(graph: FlowGraph, edge: Edge) -> Target:
    return END if edge.target is None else graph.steps[edge.target].no


# --- what a state is made of ---------------------------------------------------------------------

@dataclass(frozen=True)
class FileEntry:
    """One output in the case file, with the step that produced it and how often."""

    output: str
    step: int
    count: int = 1

    def as_dict(self) -> dict:
        return {"output": self.output, "step": self.step, "count": self.count}


@dataclass(frozen=True)
class NotCounted:
    """A step whose standard time adds nothing to the elapsed time, and why."""

    step: int
    text: str
    kind: str
    reason: str

    def as_dict(self) -> dict:
        return {"step": self.step, "text": self.text, "kind": self.kind, "reason": self.reason}


@dataclass(frozen=True)
class Choice:
    """One exit of a decision: its label and target step number (or ``selesai``)."""

    label: str
    target: Target

    def as_dict(self) -> dict:
        return {"label": self.label, "target": self.target}


@dataclass(frozen=True)
class Event:
    """One completed step: who did it, what was chosen, where the case went, time elapsed after."""

    step: int
    activity: str
    performers: tuple[str, ...]
    mode: str | None
    action: Literal["advance", "choose"]
    choice: str | None
    target: Target
    elapsed: TimeRange

    def as_dict(self) -> dict:
        return {"step": self.step, "activity": self.activity, "performers": list(self.performers),
                "mode": self.mode, "action": self.action, "choice": self.choice, "target": self.target,
                "elapsed": time_dict(self.elapsed)}

    def log_line(self) -> str:
        """``Langkah 5 (Kasubbag …): Memverifikasi … — dipilih: Tidak → langkah 4``."""
        line = f"Langkah {self.step} ({performer_text(self.performers, self.mode)}): {self.activity}"
        if self.choice is not None:
            line += f" — dipilih: {self.choice}"
        return line + (" → selesai" if self.target == END else f" → langkah {self.target}")


@dataclass(frozen=True)
class StepView:
    """The current step as the widget shows it."""

    no: int
    activity: str
    symbol: str
    decision: bool
    performers: tuple[str, ...]
    mode: str | None
    holder: str | None
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    time_text: str | None
    time_kind: str
    time: TimeRange
    visits: int
    note: str | None

    def as_dict(self) -> dict:
        return {"no": self.no, "activity": self.activity, "symbol": self.symbol, "decision": self.decision,
                "performers": list(self.performers), "performer_text": performer_text(self.performers, self.mode),
                "mode": self.mode, "holder": self.holder, "inputs": list(self.inputs), "outputs": list(self.outputs),
                "time": {**time_dict(self.time), "text": self.time_text, "kind": self.time_kind},
                "visits": self.visits, "note": self.note}


@dataclass(frozen=True)
class CaseState:
    """Everything the widget shows about a case; :meth:`as_dict` is its JSON form."""

    sop_number: str
    sop_name: str
    variant: int
    variant_name: str | None
    variants: int
    start: int
    starts: tuple[tuple[int, str], ...]
    status: Status
    step: StepView | None
    choices: tuple[Choice, ...]
    case_file: tuple[FileEntry, ...]
    elapsed: TimeRange
    not_counted: tuple[NotCounted, ...]
    history: tuple[Event, ...]
    message: str | None
    stopped_at: int | None
    limit: int
    can_undo: bool

    @property
    def finished(self) -> bool:
        return self.status == "finished"

    def as_dict(self) -> dict:
        return {
            "sop": {"number": self.sop_number, "name": self.sop_name},
            "variant": {"index": self.variant, "name": self.variant_name, "count": self.variants},
            "start": self.start,
            "starts": [{"step": no, "activity": text} for no, text in self.starts],
            "status": self.status,
            "step": self.step.as_dict() if self.step else None,
            "choices": [c.as_dict() for c in self.choices],
            "case_file": [f.as_dict() for f in self.case_file],
            "elapsed": time_dict(self.elapsed),
            "not_counted": [n.as_dict() for n in self.not_counted],
            "history": [e.as_dict() for e in self.history],
            "log": [e.log_line() for e in self.history],
            "message": self.message,
            "stopped_at": self.stopped_at,
            "limit": self.limit,
            "can_undo": self.can_undo,
            "convention": WORKING_TIME_CONVENTION,
        }

    def to_json(self) -> str:
        return stable_json(self.as_dict())


def stable_json(data: object) -> str:
    """JSON that is byte-identical wherever the engine runs (sorted keys, no extra spaces)."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class _Snapshot:
    row: int | None
    status: Status
    visits: tuple[int, ...]
    elapsed: TimeRange
    case_file: tuple[FileEntry, ...]
    not_counted: tuple[NotCounted, ...]
    history: tuple[Event, ...]
    message: str | None = None
    stopped_at: int | None = None


def _not_counted(step: Langkah, duration: Duration) -> NotCounted | None:
    if duration.kind in NOT_COUNTED_REASONS:
        return NotCounted(step.no, step.waktu or "", duration.kind.value, NOT_COUNTED_REASONS[duration.kind])
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
    """One case walked through one flowchart; every move can be undone."""

    def __init__(self, sop: Sop, variant: int, chart: Flowchart, graph: FlowGraph, start: int, limit: int) -> None:
        if limit < 1:
            raise SimulationError("Batas kunjungan per langkah paling sedikit 1.")
        self.sop, self.variant, self.chart, self.graph, self.limit = sop, variant, chart, graph, limit
        self.start_row = start
        self._lookup = performer_lookup(chart)
        self._unique_numbers = len({s.no for s in chart.steps}) == len(chart.steps)
        visits = tuple(1 if r == start else 0 for r in range(len(chart.steps)))
        self._stack: list[_Snapshot] = [_Snapshot(start, "running", visits, TimeRange(), (), (), ())]

    @classmethod
    def start(cls, sop: Sop, variant: int | str = 0, start: int | None = None, limit: int = DEFAULT_LIMIT) -> "Case":
        """A new case at a start of the chosen flowchart (``start``: a start step number)."""
        index, chart = pick_flowchart(sop, variant)
        graph = walkable_graph(chart)
        return cls(sop, index, chart, graph, start_row(graph, start), limit)

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
    def current_step(self) -> Langkah | None:
        row = self._now.row
        return None if row is None else self.chart.steps[row]

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

    def performers(self, step: Langkah) -> tuple[str, ...]:
        return step_performers(self.chart, step, self._lookup)

    def choices(self) -> list[Choice]:
        """The exits of the current decision (empty elsewhere)."""
        row = self._now.row
        if row is None or not self.chart.steps[row].is_decision:
            return []
        return [Choice(e.label or "", target_of(self.graph, e)) for e in self.graph.successors[row]]

    def state(self) -> CaseState:
        now = self._now
        return CaseState(
            sop_number=self.sop.nomor, sop_name=self.sop.nama, variant=self.variant, variant_name=self.chart.name,
            variants=len(self.sop.flowcharts), start=self.chart.steps[self.start_row].no,
            starts=tuple((self.graph.steps[r].no, self.graph.steps[r].kegiatan) for r in self.graph.starts),
            status=now.status, step=self._step_view(), choices=tuple(self.choices()), case_file=now.case_file,
            elapsed=now.elapsed, not_counted=now.not_counted, history=now.history, message=now.message,
            stopped_at=now.stopped_at, limit=self.limit, can_undo=len(self._stack) > 1,
        )

    def _step_view(self) -> StepView | None:
        now = self._now
        if now.row is None:
            return None
        step = self.chart.steps[now.row]
        names = self.performers(step)
        mode = step.cara if len(names) > 1 else None
        holder = None
        if mode == "salah_satu" and now.history:
            held = [n for n in now.history[-1].performers if n in names]
            holder = held[0] if len(held) == 1 else None
        duration = step.duration
        return StepView(step.no, step.kegiatan, step.simbol, step.is_decision, names, mode, holder,
                        tuple(step.kelengkapan), tuple(step.output), step.waktu, duration.kind.value,
                        TimeRange.of(duration), now.visits[now.row], step.keterangan)

    def log_lines(self) -> list[str]:
        """The history as Indonesian lines, with a closing line when the case finished or stopped."""
        lines = [e.log_line() for e in self._now.history]
        if self._now.status != "running" and self._now.message:
            lines.append(self._now.message)
        return lines

    # -- moving

    def advance(self) -> CaseState:
        """Complete a step that is not a decision and move to the next one."""
        step = self._running_step()
        if step.is_decision:
            labels = ", ".join(step.cabang or {})
            raise SimulationError(f"Langkah {step.no} adalah keputusan: pilih salah satu jawaban ({labels}).")
        return self._move("advance", None, self.graph.successors[self._now.row or 0][0])

    def choose(self, label: str) -> CaseState:
        """Complete a decision by taking the exit with this label."""
        step = self._running_step()
        if not step.is_decision:
            raise SimulationError(f"Langkah {step.no} bukan keputusan; lanjutkan ke langkah berikutnya tanpa memilih.")
        edge = find_exit(self.graph, self._now.row or 0, label)
        if edge is None:
            labels = ", ".join(step.cabang or {})
            raise SimulationError(f"Jawaban '{label}' tidak ada pada keputusan langkah {step.no}. Pilih salah satu: "
                                  f"{labels}.")
        return self._move("choose", edge.label, edge)

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

    def _running_step(self) -> Langkah:
        now = self._now
        if now.status == "finished":
            raise SimulationError("Kasus sudah selesai. Mulai ulang untuk menelusuri lagi.")
        if now.status == "stopped":
            raise SimulationError(now.message or "Kasus dihentikan; batalkan langkah terakhir atau mulai ulang.")
        return self.chart.steps[now.row or 0]

    def _move(self, action: Literal["advance", "choose"], choice: str | None, edge: Edge) -> CaseState:
        now, row = self._now, self._now.row or 0
        step = self.chart.steps[row]
        duration = step.duration
        elapsed = now.elapsed + TimeRange.of(duration)
        not_counted = now.not_counted
        skipped = _not_counted(step, duration)
        if skipped and all(n.step != step.no for n in not_counted):
            not_counted += (skipped,)
        names = self.performers(step)
        target = target_of(self.graph, edge)
        event = Event(step.no, step.kegiatan, names, step.cara if len(names) > 1 else None, action, choice,
                      target, elapsed)
        again = now.visits[row] > 1 or not self._unique_numbers
        common = dict(elapsed=elapsed, case_file=_file_with(now.case_file, step, again), not_counted=not_counted,
                      history=now.history + (event,))
        if edge.target is None:
            message = f"Kasus selesai. Waktu baku yang berjalan: {elapsed.label()}."
            if not_counted:
                message += f" Waktu langkah {join_names([str(n.step) for n in not_counted])} tidak dihitung."
            self._stack.append(_Snapshot(None, "finished", now.visits, message=message, **common))
            return self.state()
        if now.visits[edge.target] >= self.limit:
            message = (f"Kasus dihentikan: langkah {target} sudah dilalui {self.limit} kali (batas putaran). "
                       "Alur ini berputar terlalu lama; batalkan pilihan terakhir atau mulai ulang.")
            self._stack.append(_Snapshot(None, "stopped", now.visits, message=message, stopped_at=int(target),
                                         **common))
            raise LoopLimitReached(message, int(target), self.limit)
        visits = list(now.visits)
        visits[edge.target] += 1
        self._stack.append(_Snapshot(edge.target, "running", tuple(visits), **common))
        return self.state()


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
        row = start_row(graph, scenario.mulai)
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
        if not step.is_decision:
            try:
                case.advance()
            except LoopLimitReached as exc:
                raise ScenarioError(f"Skenario '{sc.nama}': {exc.message}", "skenario-putaran", ()) from None
            continue
        labels = ", ".join(step.cabang or {})
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
