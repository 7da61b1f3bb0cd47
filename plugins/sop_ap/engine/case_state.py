"""What a case shows: the state of a case, its events, and the JSON helpers shared by the simulation,
the estimate and the training (split from :mod:`sop_ap.engine.simulation`, which re-exports them)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

from .durations import WORKING_TIME_CONVENTION, TimeRange
from .model import END

DECIMALS = 2
"""Working minutes in JSON are rounded to this many decimals (whole minutes are ints)."""

Status = Literal["running", "finished", "stopped"]
Target = int | str
"""A step number, or ``"selesai"`` for the end."""


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
    text: str | None = None
    next: tuple[tuple[Target, tuple[str, ...]], ...] = ()
    """Where the case goes and who acts there; several entries when branches run in parallel."""

    def as_dict(self) -> dict:
        data = {"step": self.step, "activity": self.activity, "performers": list(self.performers),
                "mode": self.mode, "action": self.action, "choice": self.choice, "target": self.target,
                "elapsed": time_dict(self.elapsed)}
        if self.text is not None:
            data["text"] = self.text
        if len(self.next) > 1 or any(names for _, names in self.next):
            data["next"] = [{"target": t, "performers": list(names)} for t, names in self.next]
        return data

    def log_line(self) -> str:
        """``Langkah 5 (Kasubbag …): Memverifikasi … — dipilih: Tidak → langkah 4``."""
        line = f"Langkah {self.step} ({performer_text(self.performers, self.mode)}): {self.activity}"
        if self.text:
            line += f" [{self.text}]"
        if self.choice is not None:
            line += f" — dipilih: {self.choice}"
        if not self.next:
            return line + (" → selesai" if self.target == END else f" → langkah {self.target}")
        parts = [("selesai" if t == END else f"langkah {t}") + (f" ({join_names(list(n))})" if n else "")
                 for t, n in self.next]
        return line + " → " + (parts[0] if len(parts) == 1 else "bersamaan: " + "; ".join(parts))


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
    text: str | None = None

    def as_dict(self) -> dict:
        return {"no": self.no, "activity": self.activity, "symbol": self.symbol, "decision": self.decision,
                "text": self.text,
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
    branches: int = 1
    """How many parallel branches are still running (1 for a case without parallel branches)."""
    choose_start: bool = False
    """The case has not begun: it asks from which start (the choices are the starts)."""

    @property
    def finished(self) -> bool:
        return self.status == "finished"

    def as_dict(self) -> dict:
        return {
            "sop": {"number": self.sop_number, "name": self.sop_name},
            "variant": {"index": self.variant, "name": self.variant_name, "count": self.variants},
            "start": self.start,
            "starts": [{"step": no, "activity": text} for no, text in self.starts],
            "branches": self.branches,
            "choose_start": self.choose_start,
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
