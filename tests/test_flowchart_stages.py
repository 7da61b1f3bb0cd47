"""Each stage of the flowchart package on its own: plan, measure, place, route, label, SVG, text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from sop_ap.engine import validate_data
from sop_ap.engine.model import Flowchart
from sop_ap.render.flowchart import graphviz_run
from sop_ap.render.flowchart.geometry import NearIndex, box_hit, count_crossings, hits_symbol, segments_of
from sop_ap.render.flowchart.label import best_label, label_box
from sop_ap.render.flowchart.layout import lay_out
from sop_ap.render.flowchart.measure import measure_source, parse_plain
from sop_ap.render.flowchart.place import Grid
from sop_ap.render.flowchart.plan import make_plan
from sop_ap.render.flowchart.route import choose_routes, resolve
from sop_ap.render.flowchart.style import MIN_BOX_WIDTH, STEP_WRAP
from sop_ap.render.flowchart.svg import drawing_source
from sop_ap.render.flowchart.text import dot_quote, numbered, wrap


def _chart() -> Flowchart:
    data = {
        "nomor": "1/SOP/2024", "nama": "Uji", "instansi": "Pemkab Uji", "unit": "Kecamatan Uji",
        "tanggal": {"pembuatan": "2024-01-02"},
        "disahkan": {"jabatan": "Camat", "nama": "Nama", "nip": "19791025 199912 2 001"},
        "pelaksana": [{"nama": "Camat"}, {"nama": "Staf"}],
        "langkah": [
            {"no": 1, "kegiatan": "Menerima permohonan", "oleh": "Staf", "simbol": "terminator"},
            {"no": 2, "kegiatan": "Memeriksa berkas", "oleh": "Staf", "simbol": "keputusan",
             "cabang": {"Lengkap": 3, "Tidak lengkap": 1}},
            {"no": 3, "kegiatan": "Menandatangani surat", "oleh": "Camat", "simbol": "terminator"},
        ],
    }
    sop, found = validate_data(data)
    assert sop is not None, found
    return sop.flowcharts[0]


def _sizes(plan) -> dict[str, tuple[float, float]]:
    sizes = {f"h{c}": (60.0, 14.0) for c in range(len(plan.lanes))}
    sizes.update({name: (MIN_BOX_WIDTH, 40.0) for name in plan.nodes})
    sizes.update({e.label_name: (50.0, 12.0) for e in plan.edges if e.label_name})
    return sizes


def test_plan_puts_each_step_in_its_lane_and_row() -> None:
    plan = make_plan(_chart())
    assert plan.lanes == ["Camat", "Staf"]
    assert [(plan.nodes[n].lane, plan.nodes[n].row) for n in ("n0", "n1", "n2")] == [(1, 0), (1, 1), (0, 2)]
    flows = {(e.source, e.target, e.label) for e in plan.edges if e.kind == "flow"}
    assert flows == {("n0", "n1", None), ("n1", "n2", "Lengkap"), ("n1", "n0", "Tidak lengkap")}
    assert [e.back for e in plan.edges if e.target == "n0"] == [True]


def test_measure_source_names_every_symbol_and_label_and_parses_plain_output() -> None:
    plan = make_plan(_chart())
    source = measure_source(plan)
    for name in [*plan.nodes, "h0", "h1", *(e.label_name for e in plan.edges if e.label_name)]:
        assert f"  {name} [" in source
    assert "// edge flow n1 -> n0 back=1" in source
    plain = "graph 1 2 3\nnode n0 1.0 1.0 1.5 0.5 x\nnode h0 0 0 0.25 0.2 y\nstop\n"
    assert parse_plain(plain) == {"n0": (108.0, 36.0), "h0": (18.0, 14.4)}


def test_measured_by_graphviz_every_symbol_has_a_size() -> None:
    plan = make_plan(_chart())
    sizes = parse_plain(graphviz_run.run_dot(measure_source(plan), "plain"))
    assert set(plan.nodes) <= set(sizes)
    assert all(w >= MIN_BOX_WIDTH - 0.5 for name, (w, h) in sizes.items() if plan.nodes.get(name)
               and plan.nodes[name].symbol != "keputusan")


def test_place_centres_symbols_in_their_lane_and_rows_downwards() -> None:
    plan = make_plan(_chart())
    for name, (w, h) in _sizes(plan).items():
        if name in plan.nodes:
            plan.nodes[name].w, plan.nodes[name].h = w, h
    plan.header_sizes = [(60.0, 14.0)] * 2
    grid = Grid(plan, 20.0, [24.0] * 4, {})
    assert grid.lanes == 2 and grid.width == 2 * grid.lane_width
    assert plan.nodes["n0"].x == grid.lane_center(1) and plan.nodes["n2"].x == grid.lane_center(0)
    ys = [plan.nodes[n].y for n in ("n0", "n1", "n2")]
    assert ys == sorted(ys) and ys[0] > grid.header_height
    assert 0 < grid.chan_x(1) - grid.lane_width < 20 or 0 < grid.lane_width - grid.chan_x(1) < 20


def test_route_never_crosses_a_symbol_and_ends_on_the_target() -> None:
    plan = make_plan(_chart())
    grid = lay_out(plan, _sizes(plan))
    for edge in plan.edges:
        target = plan.nodes[edge.target]
        x, y = edge.points[-1]
        assert (abs(x - target.x) <= target.w / 2 + 0.01 and abs(y - target.y) <= target.h / 2 + 0.01)
        pieces = segments_of(edge.points)
        for i, piece in enumerate(pieces):
            skip = ({edge.source} if i == 0 else set()) | ({edge.target} if i == len(pieces) - 1 else set())
            assert not hits_symbol(plan, grid, piece, skip), (edge.source, edge.target, piece)
    routes = choose_routes(plan, grid)
    assert set(routes) == set(range(len(plan.edges)))
    assert all(len(resolve(plan, grid, p)) == 2 for r in routes.values() for p in r.points)


def test_label_lies_clear_of_symbols_and_of_other_labels() -> None:
    plan = make_plan(_chart())
    grid = lay_out(plan, _sizes(plan))
    boxes = [label_box(plan, e, e.label_pos) for e in plan.edges if e.label_name]
    assert len(boxes) == 2
    for box in boxes:
        for node in plan.nodes.values():
            symbol = (node.x - node.w / 2, node.y - node.h / 2, node.x + node.w / 2, node.y + node.h / 2)
            assert not (box[0] < symbol[2] and box[2] > symbol[0] and box[1] < symbol[3] and box[3] > symbol[1])
    a, b = boxes
    assert not (a[0] < b[2] and a[2] > b[0] and a[1] < b[3] and a[3] > b[1])
    centre, cost = best_label(plan, grid, plan.edges[-1], plan.edges[-1].points, NearIndex(), NearIndex())
    assert centre is not None and cost >= 0


def test_geometry_helpers() -> None:
    assert segments_of([(0, 0), (0, 0), (0, 10), (5, 10)]) == [(0, 0, 0, 10), (0, 10, 5, 10)]
    assert box_hit((0, 5, 10, 5), (4, 0, 6, 10)) and not box_hit((0, 20, 10, 20), (4, 0, 6, 10))
    assert count_crossings((5, 0, 5, 10), [(0, 5, 10, 5)]) == (1, 0.0)
    near = NearIndex()
    near.add(0, 10, "a")
    near.add(500, 510, "b")
    assert near.near(5, 6) == ["a"] and near.near(505, 600) == ["b"]


def test_svg_source_pins_every_node_and_edge() -> None:
    plan = make_plan(_chart())
    grid = lay_out(plan, _sizes(plan))
    source = drawing_source(plan, grid)
    assert source.count("!\"") >= len(plan.nodes) + 2 * len(plan.lanes)
    assert source.count(" -> ") == len(plan.edges) and source.count('pos="e,') == len(plan.edges)
    svg = graphviz_run.run_dot(source, "svg", "neato-n2")
    ET.fromstring(svg.split("?>", 1)[-1].split("-->", 2)[-1] if "<!DOCTYPE" in svg else svg)


def test_text_wraps_numbers_and_quotes() -> None:
    lines = wrap("satu dua tiga empat lima enam tujuh delapan sembilan sepuluh " * 3, STEP_WRAP, 3).split("\n")
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert numbered(5, "Memeriksa berkas", STEP_WRAP).startswith("5.\u00a0Memeriksa")
    assert dot_quote('a "b" \\ & c\nd') == '"a \\"b\\" \\\\ &amp; c\\nd"'
