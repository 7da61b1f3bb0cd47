"""Every SOP in the one-symbol-per-row form means the same in the new internal form (issue 10).

The legacy meaning is computed here straight from the row fields, the way the engine read them before
symbols existed: one symbol per row, its performers are ``oleh`` (with ``cara``), its exits are
``cabang`` (label -> step), else ``ke``, else the next row (the end after the last row).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from sop_ap.engine.flow import FlowGraph
from sop_ap.engine.model import END, Flowchart
from sop_ap.source.registry import load_registry

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from generate_sops import write  # noqa: E402


def legacy(chart: Flowchart) -> list[tuple]:
    """(no, activity, performers, mode, shape, exits) per row, as the old engine read them."""
    out = []
    for i, step in enumerate(chart.steps):
        if step.cabang:
            exits = [(label, target) for label, target in step.cabang.items()]
        elif step.ke is not None:
            exits = [(None, step.ke)]
        else:
            exits = [(None, chart.steps[i + 1].no if i + 1 < len(chart.steps) else END)]
        out.append((step.no, step.kegiatan, tuple(step.oleh), step.cara, step.simbol, exits))
    return out


def internal(chart: Flowchart) -> list[tuple]:
    """The same tuple read from the normalised symbols and the graph's edges."""
    graph = FlowGraph(chart)
    assert len(graph.nodes) == len(chart.steps)
    out = []
    for node in graph.nodes:
        assert node.row == node.index
        exits = [(e.label, e.target_number) for e in graph.successors[node.index]]
        out.append((node.no, node.step.kegiatan, node.names, node.mode, node.shape, exits))
    return out


@pytest.fixture(scope="module")
def charts(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Flowchart]]:
    out = []
    roots = [ROOT / "sops"]
    for seed in (11, 12):
        root = tmp_path_factory.mktemp(f"g{seed}") / "sops"
        write(60, seed, root)
        roots.append(root)
    for root in roots:
        registry = load_registry(root)
        errors = [d.format() for d in registry.all_diagnostics() if d.level == "error"]
        assert not errors, errors[:3]
        for entry in registry.entries:
            assert entry.sop is not None
            out += [(str(entry.path), chart) for chart in entry.sop.flowcharts]
    return out


def test_old_form_means_the_same(charts: list[tuple[str, Flowchart]]) -> None:
    assert len(charts) >= 100
    for name, chart in charts:
        assert chart.simple, name
        assert internal(chart) == legacy(chart), name


def test_seeds_have_their_decision_and_performers() -> None:
    registry = load_registry(ROOT / "sops")
    decisions = [(n.no, n.labels) for e in registry.entries for c in e.sop.flowcharts  # type: ignore[union-attr]
                 for n in FlowGraph(c).nodes if n.is_decision]
    assert decisions and all(len(labels) >= 2 for _, labels in decisions)
