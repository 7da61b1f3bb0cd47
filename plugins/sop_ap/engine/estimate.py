"""Estimated completion time: the distribution of the total standard time of a case.

Every decision exit has a probability. Defaults (:func:`exit_probabilities`): when a decision has
no ``peluang`` in the SOP file, its **first exit gets 0.8** and the other exits share the remaining
**0.2 equally** — the first exit is usually the expected answer (Ya, Lengkap, Benar). The SOP file
may give ``peluang: {Ya: 0.7, Tidak: 0.3}`` on a decision; the visitor may override single exits with
``{(step_no, label): p}`` (the exits not overridden share the rest in their former proportions).

Method: exact dynamic programming over the states (row, elapsed minimum, elapsed maximum, visit
counts), generation by generation. The loop bound is the one of a
:class:`~sop_ap.engine.simulation.Case`: a path that would enter a step more than ``limit`` times is
cut, as are states whose probability falls below ``min_probability``; their mass is reported as
``cut_probability`` and counts as "not finished" (so a quantile that falls into it is unknown).
Ranges (``5-10 menit``) are followed as two sums: with every minimum and with every maximum; the
quantiles are taken of each sum. Times that are not counted (merged, missing, periodic) add zero.

Visit counts are kept only where they can matter: for the rows of the loop the case is in (a row left
behind for good is never entered again), and there only for the loop headers (see
:class:`~sop_ap.engine.flow.Loops`: in a loop entered at one step, the header is entered at least as
often as any other row of the loop, so it reaches the bound first). The work is bounded: after
``max_states`` states the computation stops, the cases still under way are reported as
``pending_probability``, and a quantile that they could still change is given as a lower bound
("paling sedikit"), computed with each pending case finishing by the quickest way from where it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from .durations import WORKING_TIME_CONVENTION, DurationKind, TimeRange
from .flow import FlowGraph
from .symbols import Node
from .model import PROBABILITY_TOLERANCE, Langkah, Sop, label_key
from .simulation import (
    DEFAULT_LIMIT, NO_LABEL, NOT_COUNTED_REASONS, SimulationError, Target, minutes_value, pick_flowchart, start_row,
    target_of, time_dict, walkable_graph,
)

DEFAULT_FIRST_EXIT = 0.8
"""Probability of a decision's first exit when the SOP gives none; the others share the rest."""

ADDS_NOTHING = (DurationKind.PERIODIC, DurationKind.MISSING, DurationKind.UNREADABLE)
"""Times that cannot be added up (a merged time counts once, on its first row)."""

MIN_PROBABILITY = 1e-12
"""States less likely than this are cut (their mass is reported)."""

QUANTILE_TOLERANCE = 1e-9

MAX_STATES = 200_000
"""At most this many states are gone through (about a second on CPython); the rest is bounded."""

Source = Literal["default", "sop", "visitor"]
Overrides = Mapping[tuple[int, str], float]
Move = tuple[int | None, float, int, int]


def _count(number: int) -> str:
    """``200000`` -> ``200.000`` (Indonesian thousands separator)."""
    return f"{number:,}".replace(",", ".")


class EstimateError(SimulationError):
    """Probabilities given by the visitor that do not fit the flowchart."""


@dataclass(frozen=True)
class ExitProbability:
    """The probability used for one decision exit, and where it comes from."""

    step: int
    label: str
    target: Target
    probability: float
    source: Source

    def as_dict(self) -> dict:
        return {"step": self.step, "label": self.label, "target": self.target,
                "probability": round(self.probability, 6), "source": self.source}


def sop_probabilities(step: Langkah | Node) -> tuple[dict[str, float], Source]:
    """The probabilities of a decision's exits from its ``peluang``, or the defaults."""
    if isinstance(step, Node):
        labels, peluang = [label or "" for label in dict.fromkeys(s.label or "" for s in step.exits)], step.probabilities
    else:
        labels, peluang = list(step.cabang or {}), step.peluang
    if peluang is not None:
        given = {label_key(k): v for k, v in peluang.items()}
        return {label: given.get(label_key(label), 0.0) for label in labels}, "sop"
    rest = (1 - DEFAULT_FIRST_EXIT) / (len(labels) - 1)
    return {label: DEFAULT_FIRST_EXIT if i == 0 else rest for i, label in enumerate(labels)}, "default"


def exit_probabilities(step: Langkah | Node,
                       overrides: Mapping[str, float] | None = None) -> dict[str, tuple[float, Source]]:
    """Label -> (probability, source) for one decision; ``overrides`` maps labels to the visitor's values."""
    base, source = sop_probabilities(step)
    if not overrides:
        return {label: (p, source) for label, p in base.items()}
    keys = {label_key(label): label for label in base}
    chosen: dict[str, float] = {}
    for label, p in overrides.items():
        if label_key(label) not in keys:
            raise EstimateError(f"Jawaban '{label}' tidak ada pada keputusan langkah {step.no}. Jawaban yang ada: "
                                f"{', '.join(base)}.")
        if not 0 <= p <= 1:
            raise EstimateError(f"Peluang jawaban '{label}' pada langkah {step.no} harus antara 0 dan 1 "
                                f"(tertulis: {p:g}).")
        chosen[keys[label_key(label)]] = float(p)
    given = sum(chosen.values())
    rest = [label for label in base if label not in chosen]
    if given > 1 + PROBABILITY_TOLERANCE or (not rest and abs(given - 1) > PROBABILITY_TOLERANCE):
        raise EstimateError(f"Jumlah peluang pada keputusan langkah {step.no} harus 1 (tertulis: {given:g}).")
    out = {label: (p, "visitor") for label, p in chosen.items()}
    weight = sum(base[label] for label in rest)
    for label in rest:
        share = base[label] / weight if weight > 0 else 1 / len(rest)
        out[label] = (max(0.0, 1 - given) * share, source)
    return {label: out[label] for label in base}


@dataclass(frozen=True)
class Estimate:
    """The distribution of the total standard time, summarised beside the main path's time."""

    median: TimeRange | None
    p90: TimeRange | None
    mean: TimeRange | None
    main_path: TimeRange
    main_path_steps: tuple[int, ...]
    finish_probability: float
    cut_probability: float
    probabilities: tuple[ExitProbability, ...]
    not_counted: tuple[int, ...]
    distribution: tuple[tuple[float, float, float], ...]
    limit: int
    pending_probability: float = 0.0
    """Probability of the cases still under way when the computation stopped (``max_states``)."""
    median_at_least: bool = False
    """The median is only known to be at least :attr:`median` (the computation stopped early)."""
    p90_at_least: bool = False
    states: int = 0
    """States the computation went through."""
    not_counted_names: tuple[str, ...] = ()
    """The times left out of every total, by name (``Semesteran (langkah 5)``)."""

    def _label(self, total: TimeRange, at_least: bool) -> str:
        return f"paling sedikit {total.label()}" if at_least else total.label()

    def summary(self) -> str:
        """One Indonesian sentence for the visitor."""
        if self.median is None or self.p90 is None:
            if self.pending_probability > 0:
                text = (f"Perkiraan waktu penyelesaian tidak dapat ditentukan: bagan alir ini terlalu bercabang "
                        f"untuk dihitung tuntas (perhitungan dihentikan setelah {_count(self.states)} keadaan).")
            else:
                text = (f"Perkiraan waktu penyelesaian tidak dapat ditentukan: {self.cut_probability:.0%} kasus "
                        f"melewati batas putaran ({self.limit} kali per langkah).")
        else:
            text = (f"Perkiraan waktu penyelesaian: separuh kasus selesai dalam "
                    f"{self._label(self.median, self.median_at_least)}, 90% kasus dalam "
                    f"{self._label(self.p90, self.p90_at_least)}.")
            if self.median_at_least or self.p90_at_least:
                text += (f" Bagan alir ini sangat bercabang: perhitungan dihentikan setelah {_count(self.states)} "
                         "keadaan, sehingga angka bertanda 'paling sedikit' hanya batas bawah.")
        text = f"{text} Waktu baku jalur utama: {self.main_path.label()}."
        if self.not_counted_names:
            text += f" Tidak dihitung: {', '.join(self.not_counted_names)}."
        return text

    def as_dict(self) -> dict:
        def maybe(total: TimeRange | None, at_least: bool = False) -> dict | None:
            if total is None:
                return None
            return {**time_dict(total), "label": self._label(total, at_least)}
        return {
            "median": maybe(self.median, self.median_at_least), "p90": maybe(self.p90, self.p90_at_least),
            "median_at_least": self.median_at_least, "p90_at_least": self.p90_at_least,
            "pending_probability": round(self.pending_probability, 6), "mean": maybe(self.mean),
            "main_path": time_dict(self.main_path), "main_path_steps": list(self.main_path_steps),
            "finish_probability": round(self.finish_probability, 6),
            "cut_probability": round(self.cut_probability, 6),
            "probabilities": [p.as_dict() for p in self.probabilities],
            "not_counted": list(self.not_counted),
            "distribution": [{"min": minutes_value(a), "max": minutes_value(b), "p": round(p, 6)}
                             for a, b, p in self.distribution],
            "limit": self.limit, "summary": self.summary(), "convention": WORKING_TIME_CONVENTION,
        }


def _grouped(overrides: Overrides | None, graph: FlowGraph) -> dict[int, dict[str, float]]:
    """The visitor's overrides by row; unknown steps and steps that are not decisions are errors."""
    out: dict[int, dict[str, float]] = {}
    for (number, label), p in (overrides or {}).items():
        row = graph.index_of(number)
        row = next((n for n in graph.row_nodes[graph.nodes[row].row] if graph.is_choice(n)), row) if row is not None \
            else None
        if row is None or not graph.is_choice(row):
            raise EstimateError(f"Langkah {number} bukan keputusan pada bagan alir ini; peluang hanya untuk jawaban "
                                "keputusan.")
        out.setdefault(row, {})[label] = p
    return out


def _transitions(graph: FlowGraph, overrides: Overrides | None) -> tuple[list[list[tuple[int | None, float]]],
                                                                          list[ExitProbability]]:
    """For each row, (target row or None for the end, probability); and the probabilities used."""
    grouped = _grouped(overrides, graph)
    table: list[list[tuple[int | None, float]]] = []
    used: list[ExitProbability] = []
    for row, step in enumerate(graph.nodes):
        edges = graph.successors[row]
        if any(len(group) > 1 for _, group in graph.exit_groups(row)):
            raise EstimateError(f"Perkiraan waktu selesai belum dapat dihitung: langkah {step.no} menjalankan "
                                "beberapa cabang bersamaan (paralel). Telusuri kasusnya: waktu cabang paralel "
                                "dihitung menurut cabang terlama.")
        if not graph.is_choice(row):
            table.append([(edges[0].target, 1.0)])
            continue
        probs = exit_probabilities(step, grouped.get(row))
        merged: dict[int | None, float] = {}
        for edge in edges:
            p, source = probs[edge.label or ""]
            used.append(ExitProbability(step.no, edge.label or NO_LABEL, target_of(graph, edge), p, source))
            if p > 0:
                merged[edge.target] = merged.get(edge.target, 0.0) + p
        table.append(list(merged.items()))
    return table, used


def _main_path(graph: FlowGraph, start: int) -> list[int]:
    """From ``start``, follow the first arrow that does not go back."""
    path, seen, row = [start], {start}, start
    while True:
        nxt = next((e for e in graph.successors[row] if e.target is None or e.target not in seen), None)
        if nxt is None or nxt.target is None:
            return path
        row = nxt.target
        path.append(row)
        seen.add(row)


def _quantile(values: dict[float, float], q: float) -> float | None:
    """The smallest time whose cumulative probability reaches ``q`` (None if it is never reached)."""
    total = 0.0
    for t in sorted(values):
        total += values[t]
        if total >= q - QUANTILE_TOLERANCE:
            return t
    return None


def _moves(graph: FlowGraph, table: list[list[tuple[int | None, float]]], start: int
           ) -> tuple[list[list[Move]], list[int], list[int]]:
    """Per row: (target, probability, slot of the target's visit count or -1, size of the target's counts
    when the case enters another component, else -1); the slot of every row; the size of every row's counts.

    A row's counts are those of the tracked rows of its strongly connected component: its loop headers,
    or every row when the component has a loop without a header (see :class:`~sop_ap.engine.flow.Loops`)."""
    loops = graph.loops([start])
    comp = graph.components
    tracked: dict[int, int] = {}
    slot = [-1] * len(graph.nodes)
    for row in sorted(loops.reached):
        c = comp[row]
        if graph.on_cycle(row) and (c in loops.irregular or row in loops.headers):
            slot[row] = tracked.get(c, 0)
            tracked[c] = slot[row] + 1
    size = [tracked.get(comp[row], 0) for row in range(len(graph.nodes))]
    out: list[list[Move]] = []
    for row, exits in enumerate(table):
        moves: list[Move] = []
        for target, q in exits:
            if target is None:
                moves.append((None, q, -1, -1))
            else:
                moves.append((target, q, slot[target], size[target] if comp[target] != comp[row] else -1))
        out.append(moves)
    return out, slot, size


def _walk(graph: FlowGraph, table: list[list[tuple[int | None, float]]], start: int, limit: int,
          min_probability: float, max_states: int
          ) -> tuple[dict[tuple[float, float], float], float, dict[tuple[float, float], float], int]:
    """The exact distribution of (total min, total max) over finished paths, the cut mass, the cases still
    under way when ``max_states`` was reached (by the least totals they can still finish with), and the
    number of states gone through."""
    # A symbol adds its row's time, once for symbols of one row that follow each other.
    spans = [TimeRange.of(graph.durations[n.row]) for n in graph.nodes]
    whole = all(t.min_minutes.is_integer() and t.max_minutes.is_integer() for t in spans)
    digits = None if whole else 6  # whole minutes add exactly as ints; fractions are rounded
    lows = [round(t.min_minutes, digits) for t in spans]
    highs = [round(t.max_minutes, digits) for t in spans]
    moves, slot, size = _moves(graph, table, start)
    counts = tuple(1 if k == slot[start] else 0 for k in range(size[start]))
    live: dict[tuple, float] = {(start, 0, 0, counts, False): 1.0}
    final: dict[tuple[float, float], float] = {}
    cut = 0.0
    states = 0
    while live:
        if states + len(live) > max_states:
            break
        states += len(live)
        nxt: dict[tuple, float] = {}
        for (row, low, high, seen, same_row), p in live.items():
            if not same_row:
                low, high = low + lows[row], high + highs[row]
            if digits is not None:
                low, high = round(low, digits), round(high, digits)
            for target, q, k, fresh in moves[row]:
                pq = p * q
                if target is None:
                    final[(low, high)] = final.get((low, high), 0.0) + pq
                    continue
                if pq < min_probability:
                    cut += pq
                    continue
                if fresh >= 0:  # into another component: nothing there was visited yet
                    after = tuple(1 if i == k else 0 for i in range(fresh))
                elif k >= 0:
                    if seen[k] >= limit:
                        cut += pq
                        continue
                    after = seen[:k] + (seen[k] + 1,) + seen[k + 1:]
                else:
                    after = seen
                key = (target, low, high, after, graph.nodes[target].row == graph.nodes[row].row)
                nxt[key] = nxt.get(key, 0.0) + pq
        live = nxt
    pending: dict[tuple[float, float], float] = {}
    if live:
        rest_low = graph.shortest_to_end(lows)
        rest_high = graph.shortest_to_end(highs)
        for (row, low, high, _, _), p in live.items():
            if rest_low[row] == float("inf"):
                cut += p  # cannot finish from here
                continue
            key = (low + rest_low[row], high + rest_high[row])
            pending[key] = pending.get(key, 0.0) + p
    return final, cut, pending, states


def _merged(a: dict[float, float], b: dict[float, float]) -> dict[float, float]:
    out = dict(a)
    for t, p in b.items():
        out[t] = out.get(t, 0.0) + p
    return out


def _marginals(final: dict[tuple[float, float], float]) -> tuple[dict[float, float], dict[float, float]]:
    """The distributions of the total with every minimum and with every maximum."""
    lows: dict[float, float] = {}
    highs: dict[float, float] = {}
    for (low, high), p in final.items():
        lows[low] = lows.get(low, 0.0) + p
        highs[high] = highs.get(high, 0.0) + p
    return lows, highs


def estimate_completion(sop: Sop, variant: int | str = 0, start: int | None = None,
                        overrides: Overrides | None = None, limit: int = DEFAULT_LIMIT,
                        min_probability: float = MIN_PROBABILITY, max_states: int = MAX_STATES) -> Estimate:
    """Median, 90th percentile and mean of the total standard time, beside the main path's time."""
    if limit < 1:
        raise EstimateError("Batas kunjungan per langkah paling sedikit 1.")
    _, chart = pick_flowchart(sop, variant)
    graph = walkable_graph(chart)
    first = start_row(graph, start)
    table, used = _transitions(graph, overrides)
    walked, cut, waiting, states = _walk(graph, table, first, limit, min_probability, max_states)
    final = {(float(low), float(high)): p for (low, high), p in walked.items()}
    pending = {(float(low), float(high)): p for (low, high), p in waiting.items()}
    lows, highs = _marginals(final)
    pending_lows, pending_highs = _marginals(pending)
    finished = sum(final.values())
    pending_mass = sum(pending.values())

    def at(q: float) -> tuple[TimeRange | None, bool]:
        """The quantile, and whether it is only a lower bound."""
        low, high = _quantile(lows, q), _quantile(highs, q)
        if not pending:
            return (None if low is None or high is None else TimeRange(low, high)), False
        least_low = _quantile(_merged(lows, pending_lows), q)
        least_high = _quantile(_merged(highs, pending_highs), q)
        if least_low is None or least_high is None:
            return None, False
        return TimeRange(least_low, least_high), (least_low, least_high) != (low, high)

    median, median_at_least = at(0.5)
    p90, p90_at_least = at(0.9)
    mean = None
    if finished > 0 and not pending:
        mean = TimeRange(sum(t * p for t, p in lows.items()) / finished,
                         sum(t * p for t, p in highs.items()) / finished)
    main = _main_path(graph, first)
    reachable = graph.reachable_from([first])
    rows = sorted({graph.nodes[n].row for n in reachable})
    skipped = tuple(graph.steps[r].no for r in rows if graph.durations[r].kind in NOT_COUNTED_REASONS)
    named = tuple(f"{graph.durations[r].text or 'tanpa waktu'} (langkah {graph.steps[r].no})" for r in rows
                  if graph.durations[r].kind in ADDS_NOTHING)
    return Estimate(
        median=median, p90=p90, mean=mean, main_path=graph.path_time(main),
        main_path_steps=tuple(graph.nodes[r].no for r in main), finish_probability=finished, cut_probability=cut,
        probabilities=tuple(used), not_counted=skipped,
        distribution=tuple(sorted((low, high, p) for (low, high), p in final.items())), limit=limit,
        pending_probability=pending_mass, median_at_least=median_at_least, p90_at_least=p90_at_least,
        states=states, not_counted_names=named,
    )


__all__ = ["DEFAULT_FIRST_EXIT", "Estimate", "EstimateError", "ExitProbability", "estimate_completion",
           "exit_probabilities", "sop_probabilities"]
