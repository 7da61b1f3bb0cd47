"""Checks of the symbols and of the table around them: lanes, decisions, merged cells, connectors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .diagnostics import Diagnostic, error
from .model import PROBABILITY_TOLERANCE, Flowchart, label_key
from .symbols import chart_symbols

if TYPE_CHECKING:
    from .flow import FlowGraph


def first_of_regions(graph: "FlowGraph", nodes: list[int]) -> list[int]:
    """One symbol per region: each listed symbol not reachable from an earlier reported one."""
    covered: set[int] = set()
    out = []
    for node in nodes:
        if node in covered:
            continue
        out.append(node)
        covered |= graph.reachable_from([node])
    return out


def check_layout(chart: Flowchart) -> list[Diagnostic]:
    """Symbols across lanes, decisions with too few exits, probabilities, merged cells, connectors."""
    return _check_symbols(chart) + _check_merged(chart) + _check_connectors(chart)


def _check_symbols(chart: Flowchart) -> list[Diagnostic]:
    out = []
    for node in chart_symbols(chart):
        if node.step.symbols is None:
            continue  # the one-symbol form is checked by the model
        if len(node.lanes) == 2 and abs(node.lanes[0] - node.lanes[1]) != 1:
            out.append(error("simbol-kolom", f"Simbol '{node.display}' pada langkah {node.no} melintasi dua kolom "
                             "yang tidak bersebelahan. Pilih dua kolom pelaksana yang berdampingan.",
                             (*node.path, "oleh")))
        if node.shape == "keputusan" and len(node.exits) < 2:
            out.append(error("keputusan-kurang", f"Keputusan '{node.display}' pada langkah {node.no} harus punya "
                             "paling sedikit dua panah keluar: tulis 'cabang' {Ya: .., Tidak: ..} atau 'arah'.",
                             node.path))
        out += _check_probabilities(node.probabilities, node.labels, node.path, node.no)
    return out


def _check_probabilities(given: dict[str, float] | None, labels: list[str], path: tuple, no: int) -> list[Diagnostic]:
    if given is None:
        return []
    keys = {label_key(label) for label in labels}
    for label in given:
        if label_key(label) not in keys:
            return [error("peluang", f"Jawaban '{label}' pada 'peluang' langkah {no} tidak ada di panah keluarnya. "
                          f"Jawaban yang ada: {', '.join(labels) or '(tidak ada)'}.", (*path, "peluang", label))]
    total = sum(given.values())
    if abs(total - 1) > PROBABILITY_TOLERANCE:
        return [error("peluang", f"Jumlah 'peluang' langkah {no} harus 1 (tertulis: {total:g}).", (*path, "peluang"))]
    return []


def _check_merged(chart: Flowchart) -> list[Diagnostic]:
    out = []
    numbers = {step.no: i for i, step in enumerate(chart.steps)}
    taken: dict[tuple[str, int], int] = {}
    for k, cell in enumerate(chart.merged):
        path = (*chart.path, "gabung", k)
        first, last = cell.langkah
        missing = [n for n in (first, last) if n not in numbers]
        if missing:
            out.append(error("gabung-tak-ada", f"Sel gabung '{cell.kolom}' menyebut langkah {missing[0]}, yang tidak "
                             "ada. Tulis nomor langkah pertama dan terakhir yang ada, mis. [4, 5].", (*path, "langkah")))
            continue
        if numbers[last] <= numbers[first]:
            out.append(error("gabung-urutan", f"Sel gabung '{cell.kolom}' harus mencakup paling sedikit dua baris, "
                             f"dari atas ke bawah: tulis [{first}, <langkah sesudahnya>].", (*path, "langkah")))
            continue
        rows = range(numbers[first], numbers[last] + 1)
        clash = next((taken[(cell.kolom, r)] for r in rows if (cell.kolom, r) in taken), None)
        if clash is not None:
            out.append(error("gabung-bertumpuk", f"Sel gabung '{cell.kolom}' langkah {first}-{last} menumpuk sel "
                             f"gabung ke-{clash + 1} pada kolom yang sama. Satu baris hanya boleh masuk satu sel "
                             "gabung per kolom.", (*path, "langkah")))
            continue
        for r in rows:
            taken[(cell.kolom, r)] = k
    return out


def _check_connectors(chart: Flowchart) -> list[Diagnostic]:
    out = []
    numbers = {step.no for step in chart.steps}
    seen: set[str] = set()
    for k, conn in enumerate(chart.connectors):
        path = (*chart.path, "penghubung", k)
        if conn.sesudah not in numbers:
            out.append(error("penghubung-tak-ada", f"Penghubung '{conn.huruf}' dipasang sesudah langkah "
                             f"{conn.sesudah}, yang tidak ada. Tulis nomor langkah yang ada.", (*path, "sesudah")))
        if conn.huruf.upper() in seen:
            out.append(error("penghubung-ganda", f"Huruf penghubung '{conn.huruf}' dipakai dua kali; beri huruf "
                             "lain (A, B, C ...).", (*path, "huruf")))
        seen.add(conn.huruf.upper())
    return out
