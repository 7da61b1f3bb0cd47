"""The Graphviz flowchart: lanes in column order, rows in step order, symbols, labels, ids, escaping, cache."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from hostile import hostile_sop
from sop_ap.render import flowchart
from sop_ap.render.flowchart import cache as fc_cache, graphviz_run
from sop_ap.engine import validate_data
from sop_ap.source.registry import load_registry

ROOT = Path(__file__).resolve().parents[1]
NS = {"svg": "http://www.w3.org/2000/svg"}


def test_graphviz_is_installed() -> None:
    assert shutil.which("dot"), "Graphviz (dot) is missing: run 'bash tools/setup.sh'"


@pytest.fixture(scope="module")
def seeds():
    registry = load_registry(ROOT / "sops")
    return {e.id.split("/")[-1]: e.sop for e in registry.entries}


def _svg(sop, index: int = 0) -> ET.Element:
    return ET.fromstring(flowchart.flowchart_svg(sop.flowcharts[index], chart_index=index, sop_title=sop.nama))


def _node_box(group: ET.Element) -> tuple[float, float]:
    """The centre of a node's text block."""
    texts = group.findall("svg:text", NS)
    xs = [float(t.get("x")) for t in texts]
    ys = [float(t.get("y")) for t in texts]
    return sum(xs) / len(xs), sum(ys) / len(ys)


def test_lanes_in_declared_order_and_rows_top_to_bottom(seeds) -> None:
    sop = seeds["perjanjian-kinerja"]
    root = _svg(sop)
    lanes = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "sop-fc-lane-title"]
    names = [" ".join(t.text for t in g.findall("svg:text", NS)) for g in lanes]
    xs = [float(g.find("svg:text", NS).get("x")) for g in lanes]
    assert names == ["Camat", "Sekrcam", "Kepala Seksi", "Kasubag Perencanaan"]
    assert xs == sorted(xs)
    steps = {int(g.get("data-step")): g for g in root.iter("{http://www.w3.org/2000/svg}g")
             if g.get("id", "").startswith("fc0-step-")}
    assert sorted(steps) == [s.no for s in sop.flowcharts[0].steps]
    ys = [_node_box(steps[n])[1] for n in sorted(steps)]
    assert ys == sorted(ys), "rows must go down in step order"
    # each step sits in its performer's lane: nearest lane title by x
    lane_of = {"Camat": 0, "Sekrcam": 1, "Kepala Seksi": 2, "Kasubag Perencanaan": 3}
    for step in sop.flowcharts[0].steps:
        x, _ = _node_box(steps[step.no])
        nearest = min(range(len(xs)), key=lambda i: abs(xs[i] - x))
        assert nearest == lane_of[step.oleh[0]], step.no


def test_symbols_and_labelled_exits(seeds) -> None:
    sop = seeds["penyusunan-rencana-kinerja-tahunan"]
    root = _svg(sop)
    groups = {g.get("data-step"): g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("data-step")}
    decision = groups["5"]
    assert "sop-fc-decision" in decision.get("class")
    assert len(decision.find("svg:polygon", NS).get("points").split()) == 4  # a diamond: 4 corners (a polygon closes itself)
    assert "sop-fc-terminator" in groups["1"].get("class") and groups["1"].find("svg:path", NS) is not None
    assert "sop-fc-process" in groups["2"].get("class")
    text = ET.tostring(root, encoding="unicode")
    assert ">Ya<" in text and ">Tidak<" in text
    edges = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "edge"]
    assert len(edges) == 7  # 1-2, 2-3, 3-4, 4-5, 5-8 (Ya), 5-4 (Tidak), 8-9
    assert groups["5"].get("tabindex") == "0" and groups["5"].get("role") == "button"
    assert "Memverifikasi" in groups["5"].find("svg:title", NS).text


def test_colours_follow_the_palette(seeds) -> None:
    svg = flowchart.flowchart_svg(seeds["perjanjian-kinerja"].flowcharts[0])
    assert "currentColor" in svg
    assert not re.search(r'(fill|stroke)="(black|#000000|white|#ffffff)"', svg)
    assert flowchart.FG not in svg and flowchart.FILL not in svg
    root_tag = svg.split(">", 1)[0]
    assert 'width="100%"' in root_tag and "height=" not in root_tag  # responsive: follows its container


def test_text_alternative(seeds) -> None:
    text = flowchart.flowchart_text_alternative(seeds["penyusunan-rencana-kinerja-tahunan"].flowcharts[0])
    assert "Keputusan langkah 5 (Kasubbag): Memverifikasi Data Penyusunan Kinerja; jika Ya ke langkah 8; " \
           "jika Tidak ke langkah 4." in text
    assert text.endswith("Langkah 9 (Pelaksana): Mengarsipkan, selesai.")


def test_hostile_text_stays_text() -> None:
    sop, found = validate_data(hostile_sop())
    assert sop is not None, found
    svg = flowchart.flowchart_svg(sop.flowcharts[0])
    root = ET.fromstring(svg)  # still well-formed
    assert not list(root.iter("{http://www.w3.org/2000/svg}script"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert 'onerror' not in re.sub(r"&[a-z]+;|&#\d+;", "", svg).split("<title")[0]


def test_several_performers_give_a_symbol_in_each_lane() -> None:
    data = hostile_sop()
    sop, _ = validate_data(data)
    root = ET.fromstring(flowchart.flowchart_svg(sop.flowcharts[0]))
    three = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("data-step") == "3"]
    assert len(three) == 2  # oleh: [A, B]


def test_cache_avoids_running_dot_again(seeds, tmp_path: Path, monkeypatch) -> None:
    chart = seeds["perjanjian-kinerja"].flowcharts[0]
    flowchart.set_cache_dir(tmp_path)
    fc_cache.clear_memory()
    first = flowchart.flowchart_svg(chart)
    assert list(tmp_path.glob("*.svg"))
    fc_cache.clear_memory()
    calls = []
    monkeypatch.setattr(graphviz_run, "run_dot", lambda source: calls.append(source) or "")
    assert flowchart.flowchart_svg(chart) == first
    assert calls == []
    for path in tmp_path.glob("*.svg"):
        path.write_text("<svg broken", encoding="utf-8")  # a damaged cache file is drawn again
    fc_cache.clear_memory()
    monkeypatch.undo()
    assert flowchart.flowchart_svg(chart) == first
    flowchart.set_cache_dir(None)


def test_missing_graphviz_is_a_clear_error(seeds, monkeypatch) -> None:
    fc_cache.clear_memory()
    monkeypatch.setenv("PATH", "/nonexistent")
    flowchart.graphviz_version.cache_clear()
    with pytest.raises(flowchart.FlowchartError, match="Graphviz"):
        flowchart.flowchart_svg(seeds["perjanjian-kinerja"].flowcharts[0])
    monkeypatch.undo()
    flowchart.graphviz_version.cache_clear()
