"""The geometric quality rules of the one flowchart layout, over every pattern fixture, the seeds and 200
generated SOPs; web and paper draw the same edges."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from sop_ap.render import flowchart
from sop_ap.render.flowchart import quality
from sop_ap.render.paper_flowchart import flowchart_pages
from sop_ap.source.registry import load_registry

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from layout_quality import paper_edges, web_edges  # noqa: E402


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    subprocess.run([sys.executable, str(ROOT / "tools" / "generate_sops.py"), "--count", "200", "--seed", "1",
                    "--pola", "0.5", "--out", str(out)], check=True, capture_output=True)
    return out


def _charts(root: Path):
    registry = load_registry(root)
    for entry in registry.entries:
        assert entry.ok, entry.id
        for index, chart in enumerate(entry.sop.flowcharts):
            yield entry, index, chart


@pytest.mark.parametrize("root", ["tests/data/patterns", "sops", "generated"])
def test_no_violation_and_web_and_paper_draw_the_same_edges(root: str, generated: Path) -> None:
    folder = generated if root == "generated" else ROOT / root
    charts = 0
    found: dict[str, list[str]] = {}
    for entry, index, chart in _charts(folder):
        charts += 1
        layout = flowchart.flowchart_layout(chart)
        for rule, items in quality.violations(chart, layout).items():
            if rule in quality.RULES:
                found.setdefault(rule, []).extend(f"{entry.id}#{index}: {x}" for x in items)
        web = web_edges(flowchart.flowchart_svg(chart, chart_index=index))
        paper = paper_edges(flowchart_pages(entry.sop, chart, index))
        assert web == paper, entry.id
        flows = {(s, t, label) for s, t, label, kind in web if kind == "flow"}
        assert len(flows) == len(quality.model_edges(chart)), entry.id
    assert charts >= (200 if root == "generated" else 2)
    assert {rule: items[:3] for rule, items in found.items() if items} == {}


def test_every_symbol_of_the_patterns_is_drawn_with_its_own_text() -> None:
    for entry, _, chart in _charts(ROOT / "tests" / "data" / "patterns"):
        layout = flowchart.flowchart_layout(chart)
        from sop_ap.engine.flow import FlowGraph

        for node in FlowGraph(chart).nodes:
            drawn = [s for s in layout.symbols if s.node == node.index and s.kind == "step"]
            assert len(drawn) == 1, (entry.id, node.index)
            if node.text:
                assert " ".join(drawn[0].text).replace("…", "") in node.text or node.text.startswith(drawn[0].text[0])
                assert drawn[0].shape == node.shape


def test_the_rules_find_what_is_wrong() -> None:
    chart = load_registry(ROOT / "sops").entries[0].sop.flowcharts[0]
    layout = flowchart.flowchart_layout(chart)
    assert quality.count(quality.violations(chart, layout)) == 0
    labelled = next(e for e in layout.edges if e.label_box)
    symbol = layout.symbols[1]  # symbols[0] is taken away below
    over = dataclasses.replace(labelled, label_box=symbol.box)
    far = layout.symbols[3].box  # not an end of edges[0]
    through = dataclasses.replace(layout.edges[0], points=[(0.0, far[1] + 2), (layout.width, far[1] + 2)])
    edges = [over if e is labelled else through if e is layout.edges[0] else e for e in layout.edges]
    broken = dataclasses.replace(layout, edges=edges, symbols=layout.symbols[1:], by_id={})
    broken.by_id.update({s.id: s for s in layout.symbols})
    found = quality.violations(chart, broken)
    assert found["label-over-symbol"] and found["line-through-symbol"] and found["symbol-missing"]
    assert found["label-away"]
    outside = dataclasses.replace(labelled, label_box=(layout.width - 5, 60.0, layout.width + 40, 70.0))
    found = quality.violations(chart, dataclasses.replace(layout, edges=[outside], by_id={}))
    assert found["label-outside"] and found["exit-missing"]
