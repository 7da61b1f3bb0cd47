"""The flowchart SVG (sop_ap.render.flowchart): grid of lanes and rows, official symbols, labelled exits, loops
around boxes, hooks for the page's script, palette-neutral colours, escaping, text alternative, caching,
errors. Graphviz must be installed (tools/setup.sh): these tests fail, never skip, without it."""

from __future__ import annotations

import html

import random
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from hostile import LONG_WORD
from sop_ap.render import flowchart
from sop_ap.render.flowchart import cache as fc_cache, graphviz_run
from sop_ap.engine import validate_data
from sop_ap.engine.model import Flowchart
from sop_ap.source.registry import load_registry

ROOT = Path(__file__).resolve().parents[1]
SVG = "{http://www.w3.org/2000/svg}"
NS = {"svg": "http://www.w3.org/2000/svg"}

HOSTILE_TEXT = ("<script>alert('x')</script> & \"kutip\" 'tunggal' {kurawal} {{ jinja }} \\garis\\miring\\ \\N "
                "&amp; &lt; 🙂📄 مرحبا بالعالم " + LONG_WORD)


# --------------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------------

def _identity(**flow: object) -> dict:
    return {
        "nomor": "001/UJI/2024", "nama": "Uji bagan alir", "instansi": "Pemerintah Kabupaten Uji",
        "unit": "Kecamatan Uji", "tanggal": {"pembuatan": "2024-01-02"},
        "disahkan": {"jabatan": "Camat Uji", "nama": "Budi", "nip": "19791025 199912 2 001"}, **flow,
    }


def _sop(**flow: object):
    sop, found = validate_data(_identity(**flow))
    assert sop is not None, found
    return sop


def _chart(performers: list[str], steps: list[dict]) -> Flowchart:
    return _sop(pelaksana=[{"nama": p} for p in performers], langkah=steps).flowcharts[0]


def _root(chart: Flowchart, index: int = 0, title: str = "Uji") -> ET.Element:
    return ET.fromstring(flowchart.flowchart_svg(chart, chart_index=index, sop_title=title))


def _groups(root: ET.Element, cls: str) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if cls in (g.get("class") or "").split()]


def _steps(root: ET.Element) -> dict[str, list[ET.Element]]:
    out: dict[str, list[ET.Element]] = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("data-step") and "sop-step" in (group.get("class") or "").split():
            out.setdefault(group.get("data-step"), []).append(group)
    return out


def _text(group: ET.Element) -> str:
    return " ".join(t.text or "" for t in group.iter(f"{SVG}text"))


def _path_points(d: str) -> list[tuple[float, float]]:
    """End points of an SVG path made of M, L, H, V, C, A and Z commands (absolute)."""
    points: list[tuple[float, float]] = []
    tokens = re.findall(r"[MLHVCAZ]|-?\d+(?:\.\d+)?(?:e-?\d+)?", d)
    i, command, x, y = 0, "M", 0.0, 0.0
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            if command == "Z":
                continue
        if command in ("M", "L"):
            x, y = float(tokens[i]), float(tokens[i + 1])
            i += 2
        elif command == "H":
            x = float(tokens[i])
            i += 1
        elif command == "V":
            y = float(tokens[i])
            i += 1
        elif command == "C":
            x, y = float(tokens[i + 4]), float(tokens[i + 5])
            i += 6
        elif command == "A":
            x, y = float(tokens[i + 5]), float(tokens[i + 6])
            i += 7
        points.append((x, y))
    return points


def _box(group: ET.Element) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a node's outline."""
    xs, ys = [], []
    for shape in group:
        if shape.tag == f"{SVG}polygon":
            numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", shape.get("points", ""))]
            xs += numbers[0::2]
            ys += numbers[1::2]
        elif shape.tag == f"{SVG}path":
            pts = _path_points(shape.get("d", ""))
            xs += [p[0] for p in pts]
            ys += [p[1] for p in pts]
    return min(xs), min(ys), max(xs), max(ys)


def _edge_points(group: ET.Element) -> list[tuple[float, float]]:
    """The corners of an edge drawn as straight pieces."""
    out: list[tuple[float, float]] = []
    for p in _path_points(group.find("svg:path", NS).get("d")):
        if not out or abs(p[0] - out[-1][0]) > 0.01 or abs(p[1] - out[-1][1]) > 0.01:
            out.append(p)
    return out


def _node_boxes(root: ET.Element) -> list[tuple[str, tuple[float, float, float, float]]]:
    return [(g.get("id") or "", _box(g)) for g in _groups(root, "node")]


def _crosses(a: tuple[float, float], b: tuple[float, float], box: tuple[float, float, float, float],
             inset: float = 1.5) -> bool:
    left, top, right, bottom = box[0] + inset, box[1] + inset, box[2] - inset, box[3] - inset
    return max(a[0], b[0]) > left and min(a[0], b[0]) < right and max(a[1], b[1]) > top and min(a[1], b[1]) < bottom


def _assert_edges_avoid_boxes(root: ET.Element) -> None:
    boxes = _node_boxes(root)
    for edge in _groups(root, "edge"):
        points = _edge_points(edge)
        for a, b in zip(points, points[1:]):
            assert a[0] == pytest.approx(b[0], abs=0.05) or a[1] == pytest.approx(b[1], abs=0.05), \
                f"{edge.get('id')}: not orthogonal {a} -> {b}"
            for name, box in boxes:
                assert not _crosses(a, b, box), f"{edge.get('id')} ({edge.find('svg:title', NS).text}) crosses {name}"


# --------------------------------------------------------------------------------------------------
# fixtures
# --------------------------------------------------------------------------------------------------

def test_graphviz_is_installed() -> None:
    assert shutil.which("dot"), "Graphviz (dot) tidak terpasang: jalankan 'bash tools/setup.sh'"
    assert flowchart.graphviz_version()


@pytest.fixture(scope="module")
def seeds() -> dict:
    registry = load_registry(ROOT / "sops")
    return {e.id.split("/")[-1]: e.sop for e in registry.entries}


@pytest.fixture
def fresh_cache():
    """An empty memory cache and no disk cache, before and after the test."""
    flowchart.set_cache_dir(None)
    fc_cache.clear_memory()
    yield
    flowchart.set_cache_dir(None)
    fc_cache.clear_memory()


@pytest.fixture(scope="module")
def juai(seeds) -> ET.Element:
    sop = seeds["penyusunan-rencana-kinerja-tahunan"]
    return _root(sop.flowcharts[0], title=sop.nama)


@pytest.fixture(scope="module")
def bajeng(seeds) -> ET.Element:
    sop = seeds["perjanjian-kinerja"]
    return _root(sop.flowcharts[0], title=sop.nama)


COMPLEX_STEPS = [
    {"no": 1, "kegiatan": "Menerima berkas permohonan", "oleh": "Loket", "simbol": "terminator"},
    {"no": 2, "kegiatan": "Menerima permohonan melalui surel", "oleh": "Operator", "simbol": "terminator", "ke": 3},
    {"no": 3, "kegiatan": "Memeriksa kelengkapan berkas", "oleh": ["Loket", "Operator"], "cara": "salah_satu",
     "simbol": "keputusan", "cabang": {"Lengkap": 4, "Tidak lengkap": "selesai"}},
    {"no": 4, "kegiatan": "Menelaah substansi permohonan", "oleh": "Kasi",
     "cabang": {"Teknis": 5, "Administratif": 6, "Ditolak": "selesai"}},
    {"no": 5, "kegiatan": "Memeriksa aspek teknis", "oleh": ["Kasi", "Sekcam"], "cara": "bersama"},
    {"no": 6, "kegiatan": "Memberi paraf pada konsep", "oleh": "Sekcam", "simbol": "keputusan",
     "cabang": {"Setuju": 7, "Perlu perbaikan": 4}},
    {"no": 7, "kegiatan": "Menandatangani surat", "oleh": "Camat", "simbol": "keputusan",
     "cabang": {"Ya": 8, "Tidak": 6, "Tunda": 7}},
    {"no": 8, "kegiatan": "Mengirimkan surat kepada pemohon", "oleh": "Operator"},
    {"no": 9, "kegiatan": "Mengarsipkan", "oleh": "Loket", "simbol": "terminator"},
]
COMPLEX_LANES = ["Loket", "Kasi", "Sekcam", "Camat", "Operator"]


@pytest.fixture(scope="module")
def complex_chart() -> Flowchart:
    return _chart(COMPLEX_LANES, COMPLEX_STEPS)


# --------------------------------------------------------------------------------------------------
# the SVG element
# --------------------------------------------------------------------------------------------------

def test_inline_ready_responsive_accessible_svg(seeds) -> None:
    sop = seeds["perjanjian-kinerja"]
    svg = flowchart.flowchart_svg(sop.flowcharts[0], chart_index=0, sop_title=sop.nama)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "<?xml" not in svg and "<!DOCTYPE" not in svg and "<!--" not in svg
    root = ET.fromstring(svg)
    assert root.get("width") == "100%" and root.get("height") is None
    assert len(root.get("viewBox").split()) == 4 and "pt" not in root.get("viewBox")
    # A group, not an image: it holds focusable steps (an image may not; axe nested-interactive).
    assert root.get("role") == "group"
    title_id, desc_id = root.get("aria-labelledby").split()
    title, desc = root.find(f"svg:title[@id='{title_id}']", NS), root.find(f"svg:desc[@id='{desc_id}']", NS)
    assert title.text == "Bagan alir Perjanjian Kinerja"
    assert desc.text == flowchart.flowchart_text_alternative(sop.flowcharts[0])
    assert "class" in root.attrib and "sop-fc" in root.get("class").split()
    assert root.get("font-family").startswith("DejaVu Sans") and root.get("text-anchor") == "middle"
    for edge in _groups(root, "edge"):  # straight pieces written as polylines
        assert re.fullmatch(r"M[-\d.,]+(L[-\d.,]+)+", edge.find("svg:path", NS).get("d")), edge.get("id")


def test_on_the_page_the_drawing_is_described_by_its_text_form_once(seeds) -> None:
    """The page shows the text form below the drawing; the SVG points to it instead of repeating it as <desc>."""
    from sop_ap.render.page_steps import flowchart_block

    sop = seeds["perjanjian-kinerja"]
    block = flowchart_block(sop.flowcharts[0], 0, sop.nama)
    alternative = flowchart.flowchart_text_alternative(sop.flowcharts[0])
    root = ET.fromstring(block[block.index("<svg"):block.index("</svg>") + 6])
    assert root.find("svg:desc", NS) is None and root.get("aria-labelledby") == "fc0-title"
    described = root.get("aria-describedby")
    (text,) = re.findall(rf'<p id="{described}">(.*?)</p>', block, re.S)
    assert html.unescape(text) == alternative and block.count(alternative[:60]) == 1


def test_lanes_in_declared_column_order_with_headers(juai, bajeng, seeds) -> None:
    for root, sop in ((juai, seeds["penyusunan-rencana-kinerja-tahunan"]), (bajeng, seeds["perjanjian-kinerja"])):
        headers = _groups(root, "sop-fc-lane-title")
        assert [_text(h) for h in headers] == [p.nama for p in sop.flowcharts[0].performers]
        xs = [float(h.find("svg:text", NS).get("x")) for h in headers]
        assert xs == sorted(xs) and len(set(xs)) == len(xs)
        assert len({(round(_box(h)[1], 1), round(_box(h)[3], 1)) for h in headers}) == 1  # one header row
        step_top = min(_box(g)[1] for gs in _steps(root).values() for g in gs)
        assert max(_box(h)[3] for h in headers) <= step_top  # the header row is above every step


def test_each_step_sits_in_its_performers_lane_and_rows_go_down(bajeng, juai, seeds) -> None:
    for root, sop in ((bajeng, seeds["perjanjian-kinerja"]), (juai, seeds["penyusunan-rencana-kinerja-tahunan"])):
        chart = sop.flowcharts[0]
        headers = _groups(root, "sop-fc-lane-title")
        lane_boxes = [_box(h) for h in headers]
        steps = _steps(root)
        centres = []
        for step in chart.steps:
            (group,) = steps[str(step.no)]
            left, top, right, bottom = _box(group)
            cx = (left + right) / 2
            lane = next(i for i, (l, _, r, _) in enumerate(lane_boxes) if l <= cx <= r)
            names = {n.lower() for n in chart.performers[lane].names()}
            assert step.oleh[0].lower() in names, (step.no, lane)
            assert lane_boxes[lane][0] < left and right < lane_boxes[lane][2]  # inside its lane
            centres.append(((top + bottom) / 2, top, bottom))
        for (y1, _, bottom1), (y2, top2, _) in zip(centres, centres[1:]):
            assert y1 < y2 and bottom1 < top2, "one row per step, top to bottom in step order"


def test_every_step_group_has_the_page_hooks(bajeng, seeds) -> None:
    chart = seeds["perjanjian-kinerja"].flowcharts[0]
    for step in chart.steps:
        group = bajeng.find(f".//svg:g[@id='fc0-step-{step.no}']", NS)
        assert group is not None, step.no
        assert group.get("data-step") == str(step.no)
        assert {"node", "sop-step"} <= set(group.get("class").split())
        assert group.get("tabindex") == "0"
        title = group.find("svg:title", NS).text
        assert step.kegiatan in title and title.startswith(f"Langkah {step.no} (")  # the full text as tooltip
    ids = [g.get("id") for g in bajeng.iter(f"{SVG}g") if g.get("id")]
    assert len(ids) == len(set(ids))


def test_symbols_per_kind(juai) -> None:
    steps = _steps(juai)
    (start,), (process,), (decision,), (end,) = steps["1"], steps["2"], steps["5"], steps["9"]
    for terminator in (start, end):
        assert "sop-fc-terminator" in terminator.get("class")
        path = terminator.find("svg:path", NS)
        assert path is not None and " A" in path.get("d")  # a capsule: arcs at both ends
    assert "sop-fc-process" in process.get("class")
    points = process.find("svg:polygon", NS).get("points").split()
    assert len(points) == 4  # a rectangle (an SVG polygon closes itself: no repeated first point)
    xs = {round(float(p.split(",")[0]), 1) for p in points}
    ys = {round(float(p.split(",")[1]), 1) for p in points}
    assert len(xs) == 2 and len(ys) == 2  # axis-parallel
    assert "sop-fc-decision" in decision.get("class")
    points = decision.find("svg:polygon", NS).get("points").split()
    assert len(points) == 4  # a diamond: 4 corners
    corners = [tuple(map(float, p.split(","))) for p in points]
    assert len({round(x, 1) for x, _ in corners}) == 3 and len({round(y, 1) for _, y in corners}) == 3


def test_arrows_have_heads_and_decision_exits_their_labels(juai, bajeng) -> None:
    for root in (juai, bajeng):
        for edge in _groups(root, "edge"):
            assert edge.find("svg:polygon", NS) is not None, edge.get("id")  # an arrowhead
    exits = {(e.get("data-from"), e.get("data-to")): e for e in _groups(juai, "edge")}
    assert _text(exits[("5", "8")]) == "Ya" and exits[("5", "8")].get("data-label") == "Ya"
    assert _text(exits[("5", "4")]) == "Tidak"
    assert _text(exits[("1", "2")]) == ""  # plain arrows carry no label
    labels = {e.get("data-label") for e in _groups(bajeng, "edge") if e.get("data-label")}
    assert labels == {"Benar", "Butuh perbaikan"}
    assert len(_groups(juai, "edge")) == 7


def test_loop_back_goes_around_the_boxes(juai, bajeng, complex_chart) -> None:
    loops = [e for e in _groups(juai, "edge") if e.get("data-back") == "true"]
    assert [(e.get("data-from"), e.get("data-to")) for e in loops] == [("5", "4")]
    points = _edge_points(loops[0])
    assert len(points) >= 3  # it turns: out of the side, along a channel, into the target
    assert points[-1][1] < points[0][1]  # and goes up
    for root in (juai, bajeng, _root(complex_chart)):
        _assert_edges_avoid_boxes(root)


def _assert_labels_free(root: ET.Element) -> None:
    """No exit label on a symbol or on another label (label size estimated from its text)."""
    boxes = _node_boxes(root)
    labels = []
    for edge in _groups(root, "edge"):
        for text in edge.findall("svg:text", NS):
            x, y = float(text.get("x")), float(text.get("y"))
            width = len(text.text) * float(text.get("font-size")) * 0.55
            labels.append(((x - width / 2, y - 8, x + width / 2, y + 1), text.text))

    def overlap(a: tuple, b: tuple) -> bool:
        return a[0] < b[2] and a[2] > b[0] and a[1] < b[3] and a[3] > b[1]

    for i, (label, text) in enumerate(labels):
        for name, box in boxes:
            assert not overlap(label, box), (text, name)
        for other, other_text in labels[i + 1:]:
            assert not overlap(label, other), (text, other_text)


def test_exit_labels_do_not_sit_on_symbols_or_each_other(juai, bajeng, complex_chart) -> None:
    for root in (juai, bajeng, _root(complex_chart)):
        _assert_labels_free(root)


def test_several_performers_get_a_symbol_in_each_lane(complex_chart) -> None:
    root = _root(complex_chart)
    headers = [_box(h) for h in _groups(root, "sop-fc-lane-title")]
    steps = _steps(root)

    def lane_of(group: ET.Element) -> int:
        left, _, right, _ = _box(group)
        return next(i for i, (l, _, r, _) in enumerate(headers) if l <= (left + right) / 2 <= r)

    assert sorted(lane_of(g) for g in steps["3"]) == [0, 4]
    assert sorted(lane_of(g) for g in steps["5"]) == [1, 2]
    main = root.find(".//svg:g[@id='fc0-step-3']", NS)
    assert lane_of(main) == 0  # the first performer holds the main symbol
    for group in steps["3"]:
        assert "sop-fc-decision" in group.get("class") and group.get("tabindex") == "0"
    links = _groups(root, "sop-fc-link")
    assert sorted(_text(link) for link in links) == ["bersama", "salah satu"]
    assert all(link.find("svg:polygon", NS) is None for link in links)  # a dashed line, no arrow
    rows = {round((_box(g)[1] + _box(g)[3]) / 2) for g in steps["5"]}
    assert len(rows) == 1  # same row


def test_process_with_branches_gets_a_small_diamond_in_its_row(complex_chart) -> None:
    root = _root(complex_chart)
    (box,) = _steps(root)["4"]
    diamond = root.find(".//svg:g[@id='fc0-step-4-keputusan']", NS)
    assert "sop-fc-process" in box.get("class") and "sop-fc-decision" in diamond.get("class")
    b, d = _box(box), _box(diamond)
    assert b[2] < d[0]  # right of the rectangle
    assert abs((b[1] + b[3]) / 2 - (d[1] + d[3]) / 2) < 0.5  # same row
    assert d[2] - d[0] < (b[2] - b[0]) / 2  # small
    exits = {e.get("data-label") for e in _groups(root, "edge")
             if e.get("data-from") == "4" and e.get("class") == "edge"}
    assert exits == {"Teknis", "Administratif", "Ditolak"}


def test_exits_to_the_end_get_an_end_symbol(complex_chart) -> None:
    root = _root(complex_chart)
    ends = _groups(root, "sop-fc-end")
    assert ends and all(_text(g) == "Selesai" and "sop-fc-terminator" in g.get("class") for g in ends)
    to_end = [e for e in _groups(root, "edge") if e.get("data-to") == "selesai"]
    assert {e.get("data-label") for e in to_end} == {"Tidak lengkap", "Ditolak"}
    # the last terminator is the end itself: no arrow leaves it
    assert not [e for e in _groups(root, "edge") if e.get("data-from") == "9"]


def test_self_loop_and_loops_between_decisions(complex_chart) -> None:
    root = _root(complex_chart)
    pairs = {(e.get("data-from"), e.get("data-to"), e.get("data-label")) for e in _groups(root, "edge")}
    assert ("7", "7", "Tunda") in pairs and ("7", "6", "Tidak") in pairs and ("6", "4", "Perlu perbaikan") in pairs
    (tunda,) = [e for e in _groups(root, "edge") if e.get("data-label") == "Tunda"]
    assert len(_edge_points(tunda)) >= 4  # goes out and around, back into the same diamond


def test_unknown_performer_is_drawn_outside_the_lanes() -> None:
    sop = _sop(varian=[{"nama": "Varian A", "pelaksana": [{"nama": "Camat"}, {"nama": "Staf"}], "langkah": [
        {"no": 1, "kegiatan": "Mulai", "oleh": "Camat", "simbol": "terminator"},
        {"no": 2, "kegiatan": "Mengerjakan sesuatu", "oleh": "Siapa Saja"},
        {"no": 3, "kegiatan": "Selesai", "oleh": "Staf", "simbol": "terminator"}]}])
    root = _root(sop.flowcharts[0])
    headers = [_box(h) for h in _groups(root, "sop-fc-lane-title")]
    (unknown,) = _steps(root)["2"]
    assert _box(unknown)[0] > max(h[2] for h in headers)
    assert len(_groups(root, "sop-fc-lane")) == 2  # no lane frame for it
    assert root.find("svg:title", NS).text == "Bagan alir Uji (Varian A)"


def test_variants_are_drawn_separately_with_their_own_ids() -> None:
    lanes = [{"nama": "A"}, {"nama": "B"}]
    steps = [{"no": 1, "kegiatan": "Mulai", "oleh": "A", "simbol": "terminator"},
             {"no": 2, "kegiatan": "Selesai", "oleh": "B", "simbol": "terminator"}]
    sop = _sop(varian=[{"nama": "Satu", "pelaksana": lanes, "langkah": steps},
                       {"nama": "Dua", "pelaksana": lanes[::-1], "langkah": steps}])
    first, second = (_root(chart, index=i) for i, chart in enumerate(sop.flowcharts))
    assert first.find(".//svg:g[@id='fc0-step-1']", NS) is not None
    assert second.find(".//svg:g[@id='fc1-step-1']", NS) is not None
    assert second.get("aria-labelledby") == "fc1-title fc1-desc"
    assert [_text(h) for h in _groups(second, "sop-fc-lane-title")] == ["B", "A"]


# --------------------------------------------------------------------------------------------------
# escaping, colours, text alternative
# --------------------------------------------------------------------------------------------------

def test_hostile_text_is_escaped_and_the_svg_parses() -> None:
    chart = _chart([HOSTILE_TEXT[:40], "B <b>&"], [
        {"no": 1, "kegiatan": HOSTILE_TEXT, "oleh": HOSTILE_TEXT[:40], "simbol": "terminator"},
        {"no": 2, "kegiatan": "Memeriksa " + HOSTILE_TEXT, "oleh": "B <b>&", "simbol": "keputusan",
         "cabang": {"<i>Ya</i> & \"ok\"": 3, "Tidak {x} \\n": 1}},
        {"no": 3, "kegiatan": LONG_WORD, "oleh": "B <b>&", "simbol": "terminator"},
    ])
    svg = flowchart.flowchart_svg(chart, sop_title="<script>t</script>")
    root = ET.fromstring(svg)
    assert not list(root.iter(f"{SVG}script")) and not list(root.iter(f"{SVG}b")) and not list(root.iter(f"{SVG}i"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    (first,) = _steps(root)["1"]
    assert first.find("svg:title", NS).text == f"Langkah 1 ({HOSTILE_TEXT[:40]}): {HOSTILE_TEXT}"
    shown = _text(first)
    assert "<script>alert('x')" in shown and "</script>" in shown  # shown literally, as text
    assert "\\garis\\miring\\" in _text(_steps(root)["2"][0]) or "\\garis" in shown or "…" in shown
    labels = {e.get("data-label") for e in _groups(root, "edge") if e.get("data-label")}
    assert labels == {"<i>Ya</i> & \"ok\"", "Tidak {x} \\n"}
    assert _text(_groups(root, "sop-fc-lane-title")[1]) == "B <b>&"
    (long,) = _steps(root)["3"]
    lines = [t.text for t in long.iter(f"{SVG}text")]
    assert len(lines) <= flowchart.MAX_LINES and lines[-1].endswith("…")
    assert all(len(line) <= flowchart.STEP_WRAP + 3 for line in lines)
    assert root.find("svg:title", NS).text == "Bagan alir <script>t</script>"
    # Graphviz escapes did not leak: a literal "\N" is not replaced by the node name
    assert "\\N" in first.find("svg:title", NS).text


def test_literal_entities_and_control_characters_stay_text() -> None:
    chart = _chart(["A"], [{"no": 1, "kegiatan": "Tanda &amp; dan &#60; serta \x07bel", "oleh": "A",
                            "simbol": "terminator"}])
    root = _root(chart)
    (group,) = _steps(root)["1"]
    assert "&amp;" in _text(group) and "&#60;" in _text(group) and "\x07" not in _text(group)


def test_colours_follow_the_page_palette(bajeng, complex_chart) -> None:
    svg = flowchart.flowchart_svg(complex_chart)
    for text in (svg, ET.tostring(bajeng, encoding="unicode")):
        assert not re.search(r'(fill|stroke)="(black|white|#000000|#ffffff|#000|#fff)"', text, re.I)
        for sentinel in (flowchart.FG, flowchart.FILL, flowchart.LANE_LINE):
            assert sentinel not in text
        assert 'stroke="currentColor"' in text and 'fill="currentColor"' in text
    for cls in ("sop-fc-terminator", "sop-fc-process", "sop-fc-decision"):
        assert f".{cls}" in flowchart.FLOWCHART_CSS
    css = flowchart.FLOWCHART_CSS
    assert '[data-md-color-scheme="slate"]' in css and ".sop-step.is-active" in css
    assert not re.search(r"#(000|fff)\b|\bblack\b|\bwhite\b", css, re.I)


def test_text_alternative_in_indonesian(seeds, complex_chart) -> None:
    chart = seeds["penyusunan-rencana-kinerja-tahunan"].flowcharts[0]
    text = flowchart.flowchart_text_alternative(chart)
    assert text.startswith("Bagan alir dengan 7 langkah; pelaksana dari kiri ke kanan: Camat, Sekretaris, "
                           "Kasubbag Perencanaan dan Keuangan, Pelaksana.")
    assert ("Langkah 1 (Camat): Memerintahkan dan mengarahkan Kasubbag Perencanaan dan Keuangan untuk Menyusun "
            "Perencanaan Kinerja, lalu ke langkah 2.") in text
    assert ("Keputusan langkah 5 (Kasubbag): Memverifikasi Data Penyusunan Kinerja; jika Ya ke langkah 8; "
            "jika Tidak ke langkah 4.") in text
    assert text.endswith("Langkah 9 (Pelaksana): Mengarsipkan, selesai.")
    steps = flowchart.flowchart_text_steps(complex_chart)
    assert len(steps) == len(complex_chart.steps)
    assert steps[2] == ("Keputusan langkah 3 (Loket atau Operator): Memeriksa kelengkapan berkas; jika Lengkap ke "
                        "langkah 4; jika Tidak lengkap, selesai.")
    assert steps[3].startswith("Langkah 4 (Kasi): Menelaah substansi permohonan, lalu keputusan: jika Teknis ke "
                               "langkah 5; jika Administratif ke langkah 6; jika Ditolak, selesai.")
    assert steps[4] == "Langkah 5 (Kasi dan Sekcam): Memeriksa aspek teknis, lalu ke langkah 6."


# --------------------------------------------------------------------------------------------------
# layout on many charts
# --------------------------------------------------------------------------------------------------

def _random_chart(seed: int) -> Flowchart:
    rng = random.Random(seed)
    lanes = [f"Pelaksana {chr(65 + i)}" for i in range(rng.randint(2, 6))]
    count = rng.randint(5, 18)
    steps = []
    for n in range(1, count + 1):
        step: dict = {"no": n, "kegiatan": " ".join(rng.choice(["Menerima", "Memeriksa", "berkas", "surat",
                                                                  "permohonan", "data", "Menyusun", "konsep"])
                                                       for _ in range(rng.randint(1, 9))),
                      "oleh": rng.choice(lanes)}
        if n == 1 or n == count:
            step["simbol"] = "terminator"
        elif rng.random() < 0.3:
            targets = rng.sample([t for t in range(1, count + 1) if t != n], k=rng.choice([2, 2, 3]))
            if rng.random() < 0.2:
                targets[-1] = "selesai"
            step["cabang"] = {label: t for label, t in zip(["Ya", "Tidak", "Perlu perbaikan"], targets)}
            if rng.random() < 0.7:
                step["simbol"] = "keputusan"
        if rng.random() < 0.15 and len(lanes) > 2 and step.get("simbol") != "terminator":
            step["oleh"] = rng.sample(lanes, 2)
            step["cara"] = rng.choice(["bersama", "salah_satu"])
        steps.append(step)
    return _chart(lanes, steps)


@pytest.mark.parametrize("seed", range(16))
def test_random_charts_keep_the_grid_and_route_around_boxes(seed: int) -> None:
    chart = _random_chart(seed)
    root = _root(chart)
    steps = _steps(root)
    assert sorted(steps, key=int) == [str(s.no) for s in chart.steps]
    ys = [(_box(steps[str(s.no)][0])[1] + _box(steps[str(s.no)][0])[3]) / 2 for s in chart.steps]
    assert ys == sorted(ys)
    _assert_edges_avoid_boxes(root)
    _assert_labels_free(root)
    for step in chart.steps:
        if step.cabang:
            labels = {e.get("data-label") for e in _groups(root, "edge") if e.get("data-from") == str(step.no)
                      and e.get("class") == "edge"}
            assert labels == set(step.cabang), step.no


def test_prerender_in_batches_gives_the_same_drawing(fresh_cache) -> None:
    charts = [_random_chart(seed) for seed in range(20, 26)]
    single = []
    for chart in charts:
        single.append(flowchart.flowchart_svg(chart))
        fc_cache.clear_memory()
    flowchart.prerender(charts)
    calls: list[object] = []
    original = graphviz_run.run_dot
    graphviz_run.run_dot = lambda *a, **k: calls.append(a) or original(*a, **k)  # type: ignore[assignment]
    try:
        assert [flowchart.flowchart_svg(chart) for chart in charts] == single
    finally:
        graphviz_run.run_dot = original  # type: ignore[assignment]
    assert calls == []


# --------------------------------------------------------------------------------------------------
# caching and failures
# --------------------------------------------------------------------------------------------------

def test_cache_returns_identical_svg_without_running_graphviz(fresh_cache, tmp_path: Path, monkeypatch,
                                                              seeds) -> None:
    chart = seeds["perjanjian-kinerja"].flowcharts[0]
    calls: list[tuple] = []
    original = graphviz_run.run_dot
    monkeypatch.setattr(graphviz_run, "run_dot", lambda *a, **k: calls.append(a) or original(*a, **k))
    first = flowchart.flowchart_svg(chart, sop_title="Perjanjian Kinerja")
    assert len(calls) == 2  # measure, then draw
    assert flowchart.flowchart_svg(chart, sop_title="Perjanjian Kinerja") == first
    assert len(calls) == 2  # memory
    # on disk: a new process (empty memory) does not run Graphviz either
    flowchart.set_cache_dir(tmp_path)
    fc_cache.clear_memory()
    assert flowchart.flowchart_svg(chart, sop_title="Perjanjian Kinerja") == first
    assert len(calls) == 4
    files = sorted(tmp_path.glob("*.svg"))
    assert len(files) == 2 and all(re.fullmatch(r"(page-)?[0-9a-f]{64}\.svg", f.name) for f in files)
    fc_cache.clear_memory()
    assert flowchart.flowchart_svg(chart, sop_title="Perjanjian Kinerja") == first
    assert len(calls) == 4
    # another title reuses the drawing
    fc_cache.clear_memory()
    other = flowchart.flowchart_svg(chart, sop_title="Lain")
    assert len(calls) == 4 and "Bagan alir Lain" in other


@pytest.mark.parametrize("damage", ["<svg broken", "", "\x00\x01binary", "<html></html>", "<svg xmlns='x'><g>"])
def test_a_damaged_cache_file_is_drawn_again(fresh_cache, tmp_path: Path, seeds, damage: str) -> None:
    chart = seeds["penyusunan-rencana-kinerja-tahunan"].flowcharts[0]
    flowchart.set_cache_dir(tmp_path)
    first = flowchart.flowchart_svg(chart)
    for path in tmp_path.glob("*.svg"):
        path.write_text(damage, encoding="utf-8")
    fc_cache.clear_memory()
    assert flowchart.flowchart_svg(chart) == first
    for path in tmp_path.glob("*.svg"):
        ET.fromstring(path.read_text(encoding="utf-8"))  # repaired


def test_cache_key_covers_source_graphviz_version_and_renderer(fresh_cache, monkeypatch, seeds) -> None:
    chart = seeds["perjanjian-kinerja"].flowcharts[0]
    source = flowchart.dot_source(chart)
    assert "digraph" in source and "// edge flow" in source
    key = fc_cache.cache_key(source)
    assert re.fullmatch(r"[0-9a-f]{64}", key)
    monkeypatch.setattr(fc_cache, "RENDERER_VERSION", "test")
    assert fc_cache.cache_key(source) != key
    monkeypatch.undo()
    flowchart.graphviz_version.cache_clear()
    monkeypatch.setattr(graphviz_run, "graphviz_version", lambda: "0.0.0")
    assert fc_cache.cache_key(source) != key
    monkeypatch.undo()
    assert fc_cache.cache_key(source + " ") != key


def test_an_unwritable_cache_dir_is_only_slower(fresh_cache, tmp_path: Path, seeds) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    flowchart.set_cache_dir(blocker / "cache")  # cannot be created: a file is in the way
    svg = flowchart.flowchart_svg(seeds["perjanjian-kinerja"].flowcharts[0])
    ET.fromstring(svg)


def test_missing_graphviz_is_a_clear_indonesian_error(fresh_cache, monkeypatch, seeds) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    flowchart.graphviz_version.cache_clear()
    try:
        with pytest.raises(flowchart.FlowchartError, match="Graphviz \\(dot\\) tidak ditemukan"):
            flowchart.flowchart_svg(seeds["perjanjian-kinerja"].flowcharts[0])
        with pytest.raises(flowchart.FlowchartError, match="tidak ditemukan"):
            graphviz_run.run_dot("digraph { a }")
    finally:
        monkeypatch.undo()
        flowchart.graphviz_version.cache_clear()


def test_graphviz_failure_and_timeout_are_clear_errors(fresh_cache, monkeypatch) -> None:
    with pytest.raises(flowchart.FlowchartError, match="Graphviz gagal"):
        flowchart.render_dot("digraph { a -> }")
    from graphviz.backend import execute

    def slow(*args, **kwargs):
        assert kwargs.get("timeout") == flowchart.DOT_TIMEOUT
        raise subprocess.TimeoutExpired(args[0], kwargs["timeout"])

    monkeypatch.setattr(execute, "run_check", slow)
    with pytest.raises(flowchart.FlowchartError, match="detik"):
        graphviz_run.run_dot("digraph { a }")


def test_engine_package_stays_free_of_graphviz() -> None:
    engine = ROOT / "plugins" / "sop_ap" / "engine"
    for path in engine.glob("*.py"):
        assert not re.search(r"^\s*(import|from)\s+graphviz", path.read_text(encoding="utf-8"), re.M), path.name


def test_the_drawing_cache_key_follows_the_renderers_code(monkeypatch) -> None:
    """A change to the flowchart code (not only a raised version number) draws again instead of reusing the
    cache."""
    from sop_ap.render.flowchart import cache as fc_cache

    key = fc_cache.cache_key("digraph {}")
    assert fc_cache.CODE_VERSION == fc_cache._code_version()
    monkeypatch.setattr(fc_cache, "CODE_VERSION", "another")
    assert fc_cache.cache_key("digraph {}") != key
