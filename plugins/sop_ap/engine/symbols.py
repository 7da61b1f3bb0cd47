"""The one place where a flowchart's rows become symbols with exits (the internal form).

The file may write a row's symbol on the row itself (``oleh``, ``simbol``, ``ke``/``cabang``/``arah``:
the seeds' form) or as a list of symbols (``simbol: [...]``). :func:`chart_symbols` turns both into
:class:`Node` objects: one per symbol, in row order and, inside a row, in the order written. For a
chart in the one-symbol form node ``i`` is row ``i``, so older code that indexes rows still holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import Path
from .model import Flowchart, Langkah
from .model_symbols import Arah, Simbol, TujuanSimbol

DEFAULT = "__next__"
"""Target of an exit that was not written: the next row (or the end after the last row)."""


def norm_name(text: str) -> str:
    """Compare names without case, dots or repeated spaces."""
    return " ".join(text.lower().replace(".", " ").split())


def performer_lookup(chart: Flowchart) -> dict[str, int]:
    """Every name, code and alias of the chart's performers -> column index."""
    lookup: dict[str, int] = {}
    for col, performer in enumerate(chart.performers):
        for name in performer.names():
            lookup.setdefault(norm_name(name), col)
    return lookup


@dataclass(frozen=True)
class ExitSpec:
    """One exit as written: label (None: no label), target as written, and its field path."""

    label: str | None
    target: int | str | TujuanSimbol
    path: Path


@dataclass(frozen=True)
class Node:
    """One symbol of the flowchart."""

    index: int
    row: int
    step: Langkah
    names: tuple[str, ...]
    lanes: tuple[int, ...]
    shape: str
    text: str | None
    mode: str
    exits: tuple[ExitSpec, ...]
    probabilities: dict[str, float] | None
    path: Path
    written: bool
    """False when the exits were not written (the default: next row, or the end)."""

    @property
    def no(self) -> int:
        return self.step.no

    @property
    def is_decision(self) -> bool:
        return self.shape == "keputusan"

    @property
    def labels(self) -> list[str]:
        """The distinct exit labels in the order written."""
        out: list[str] = []
        for spec in self.exits:
            if spec.label is not None and spec.label not in out:
                out.append(spec.label)
        return out

    @property
    def display(self) -> str:
        """The symbol's own text, else the row's activity."""
        return self.text or self.step.kegiatan


def _exits(ke: object, cabang: dict | None, arah: list[Arah] | None, path: Path) -> tuple[tuple[ExitSpec, ...], bool]:
    if cabang:
        return tuple(ExitSpec(label, target, (*path, "cabang", label)) for label, target in cabang.items()), True
    if arah:
        return tuple(ExitSpec(a.label, a.ke, (*path, "arah", j)) for j, a in enumerate(arah)), True
    if ke is not None:
        return (ExitSpec(None, ke, (*path, "ke")),), True  # type: ignore[arg-type]
    return (ExitSpec(None, DEFAULT, (*path, "ke")),), False


def _lanes(names: list[str], lookup: dict[str, int]) -> tuple[int, ...]:
    cols: list[int] = []
    for name in names:
        col = lookup.get(norm_name(name))
        if col is not None and col not in cols:
            cols.append(col)
    return tuple(cols)


def chart_symbols(chart: Flowchart) -> list[Node]:
    """Every symbol of the chart in the internal form (rows in order; symbols of a row in order).

    Computed once per chart: the checks, the graph and the pages all ask for it."""
    cached = chart.__dict__.get("_symbols")
    if cached is not None:
        return cached
    lookup = performer_lookup(chart)
    nodes: list[Node] = []
    for row, step in enumerate(chart.steps):
        base: Path = (*chart.path, "langkah", row)
        symbols: list[Simbol] | None = step.symbols
        if symbols is None:
            exits, written = _exits(step.ke, step.cabang, step.arah, base)
            nodes.append(Node(len(nodes), row, step, tuple(step.oleh), _lanes(step.oleh, lookup), step.shape,
                              step.teks, step.cara, exits, step.peluang, base, written))
            continue
        for j, sym in enumerate(symbols):
            path = (*base, "simbol", j)
            exits, written = _exits(sym.ke, sym.cabang, sym.arah, path)
            names = sym.lanes
            nodes.append(Node(len(nodes), row, step, tuple(names), _lanes(names, lookup), sym.bentuk, sym.teks,
                              sym.cara, exits, sym.peluang, path, written))
    chart.__dict__["_symbols"] = nodes  # a frozen dataclass: stored beside its fields, like cached_property
    return nodes


def drawing_gaps(chart: Flowchart) -> list[str]:
    """What this chart uses that the flowchart drawing cannot yet show faithfully (Indonesian, for a note).

    Empty for the seeds' form: one symbol per row, labels from ``cabang``, targets that are rows.
    """
    gaps = []
    steps = chart.steps
    if any(s.symbols is not None for s in steps):
        gaps.append("beberapa simbol dalam satu baris")
    if any(s.teks for s in steps) or any(sym.teks for s in steps for sym in s.symbols or []):
        gaps.append("teks sendiri di dalam simbol")
    if any(s.arah for s in steps):
        gaps.append("panah dengan label yang sama atau tanpa label")
    targets = [t for node in chart_symbols(chart) for t in (e.target for e in node.exits)]
    if any(isinstance(t, TujuanSimbol) for t in targets):
        gaps.append("panah menuju kolom pelaksana tertentu")
    return gaps
