"""The generator writes the flowchart patterns of real documents, and a stress SOP holds them all at scale."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from sop_ap.engine.flow import FlowGraph
from sop_ap.engine.simulation import Case
from sop_ap.engine.validate import validate_data
from sop_ap.source.registry import load_registry

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

from generate_sops import generate, write  # noqa: E402
from sop_patterns import patterns_stress_sop  # noqa: E402


def test_generated_files_with_patterns_are_valid_and_use_them(tmp_path: Path) -> None:
    root = tmp_path / "sops"
    write(80, 21, root, patterns=1.0)
    registry = load_registry(root)
    assert [d.format() for d in registry.all_diagnostics() if d.level == "error"] == []
    texts = [p.read_text(encoding="utf-8") for p in root.rglob("*.yaml")]
    for key in ("arah:", "teks:", "gabung:", "\n    simbol:\n", "oleh: "):
        assert sum(key in t for t in texts) >= 5, key
    assert not any(c.simple for e in registry.entries for c in e.sop.flowcharts if "\n    simbol:\n" in
                   e.path.read_text(encoding="utf-8"))  # type: ignore[union-attr]


def test_without_patterns_the_output_is_unchanged() -> None:
    assert generate(20, 3) == generate(20, 3, patterns=0.0)
    assert all("arah:" not in text and "gabung:" not in text for _, text in generate(20, 3))


def test_stress_sop_with_every_pattern() -> None:
    data = json.loads(json.dumps(patterns_stress_sop(), default=str))
    started = time.perf_counter()
    sop, found = validate_data(data)
    assert time.perf_counter() - started < 2.0
    assert sop is not None and [d.message for d in found if d.level == "error"] == []
    chart = sop.flowcharts[0]
    graph = FlowGraph(chart)
    assert (len(chart.steps), len(chart.performers)) == (100, 12)
    assert sum(n.shape == "keputusan" for n in graph.nodes) == 40
    assert len(graph.starts) == 2 and sum(graph.on_cycle(n) for n in range(len(graph.nodes))) > 30
    case = Case.start(sop, ask=True)
    moves = 0
    while case.status == "running" and moves < 2000:  # always the first answer: 'Ya', forward
        choices = case.choices()
        case.choose(choices[0].label) if choices else case.advance()
        moves += 1
    state = case.state()
    assert state.status == "finished" and state.history[-1].step == 100
    assert any(len(e.next) == 2 for e in state.history)  # the parallel 'Ya' arrows ran both branches
    assert [n.text for n in state.not_counted if n.kind != "gabung"] == ["Semesteran"]
