"""Bounded algorithms: thousands of steps, long chains of decisions and loops validate, summarise, estimate,
walk and lay out without recursion and without enumerating paths."""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import to_yaml
from sop_ap.render import flowchart
from sop_ap.render.flowchart.layout import lay_out
from sop_ap.render.flowchart.plan import make_plan
from sop_ap.engine.estimate import estimate_completion
from sop_ap.engine.flow import FlowGraph
from sop_ap.engine.model import Flowchart, Langkah, Pelaksana
from sop_ap.engine.simulation import Case
from sop_ap.engine.training import TrainingSession
from sop_ap.source.registry import load_sop_text
from sop_ap.render.summary import chart_summary

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from stress_sops import chained_sop, long_sop  # noqa: E402


def _load(data: dict):
    entry = load_sop_text(to_yaml(data), "besar.yaml")
    assert entry.ok, [d.format() for d in entry.diagnostics][:5]
    return entry


def _fake_sizes(plan) -> dict[str, tuple[float, float]]:
    """Sizes of every symbol and text as Graphviz would measure them, roughly, so that the layout runs
    without Graphviz."""
    sizes = {f"h{c}": (90.0, 16.0) for c in range(len(plan.lanes))}
    for name, node in plan.nodes.items():
        lines = node.label.count("\n") + 1
        sizes[name] = (130.0, 14.0 * lines + 10) if node.kind != "inline" else (30.0, 24.0)
    for edge in plan.edges:
        if edge.label_name:
            sizes[edge.label_name] = (8.0 * max(len(x) for x in (edge.label or "x").split("\n")), 13.0)
    return sizes


def _layout(chart: Flowchart) -> None:
    plan = make_plan(chart)
    lay_out(plan, _fake_sizes(plan))
    assert all(edge.points for edge in plan.edges if edge.kind == "flow")


def _walk_to_end(entry) -> Case:
    case = Case.start(entry.sop)
    while case.status == "running":
        step = case.current_step
        if step.is_decision:
            case.choose(next(iter(step.cabang)))
        else:
            case.advance()
    return case


def test_five_thousand_steps_validate_summarise_estimate_walk_and_train() -> None:
    start = time.perf_counter()
    entry = _load(long_sop(5000))  # a decision with a loop back every 10 steps
    chart = entry.sop.flowcharts[0]
    summary = chart_summary(chart)  # was a RecursionError in flow.simple_paths
    assert len(summary["jalur_utama"]) == 5000
    assert summary["waktu_semua_jalur"]["min_menit"] == summary["waktu_jalur_utama"]["min_menit"]
    estimate = estimate_completion(entry.sop)
    assert estimate.states <= 200_000 and estimate.median is not None
    assert estimate.pending_probability > 0 and estimate.median_at_least
    assert "paling sedikit" in estimate.summary() and "paling sedikit" in estimate.as_dict()["median"]["label"]
    assert _walk_to_end(entry).status == "finished"
    training = TrainingSession(entry.sop, "Staf Pelayanan")
    assert training.question is not None
    assert time.perf_counter() - start < 60


def test_sixty_chained_decisions_with_loops_are_fast() -> None:
    entry = _load(chained_sop(200, decisions=60, loops=3))  # 2**60 paths without repetition
    chart = entry.sop.flowcharts[0]
    start = time.perf_counter()
    times = FlowGraph(chart).path_times
    chart_summary(chart)
    estimate = estimate_completion(entry.sop)
    _layout(chart)
    elapsed = time.perf_counter() - start
    assert times.max_exact and times.min_minutes < times.max_minutes
    assert estimate.states <= 200_000
    assert elapsed < 10, f"{elapsed:.1f} s"  # was 11 s for the summary alone, and no end for the estimate


def test_longest_path_of_a_flow_with_two_ways_into_a_loop_is_bounded_honestly(monkeypatch) -> None:
    # The loop 3-4|5-6 is entered at 3 and, from step 2, at 6: no single entry, so no exact dynamic program.
    def row(no: int, minutes: int, **extra) -> Langkah:
        return Langkah(no=no, kegiatan=f"Langkah {no}", oleh=["A"], waktu=f"{minutes} menit", **extra)

    steps = [row(1, 1, simbol="terminator"), row(2, 1, simbol="keputusan", cabang={"Ya": 3, "Tidak": 6}),
             row(3, 2, simbol="keputusan", cabang={"Satu": 4, "Dua": 5}), row(4, 10, ke=6), row(5, 20),
             row(6, 30, simbol="keputusan", cabang={"Selesai": 7, "Ulang": 3}), row(7, 1, simbol="terminator")]
    chart = Flowchart(None, [Pelaksana(nama="A")], steps, ())
    assert not FlowGraph(chart).loops([0]).regular
    exact = FlowGraph(chart).path_times
    assert (exact.min_minutes, exact.max_minutes, exact.max_exact) == (33, 55, True)  # 1-2-6-7 and 1-2-3-5-6-7
    from sop_ap.engine import flow
    monkeypatch.setattr(flow, "SEARCH_LIMIT", 0)  # as if the flow were too large to search
    bounded = FlowGraph(chart).path_times
    assert bounded.min_minutes == 33 and bounded.max_minutes <= 55 and not bounded.max_exact
    assert bounded.label() == "33 menit – paling sedikit 55 menit"


def test_estimate_that_stops_early_gives_lower_bounds() -> None:
    entry = _load(long_sop(40, every=10))
    full = estimate_completion(entry.sop)
    assert full.pending_probability == 0 and not full.median_at_least
    cut = estimate_completion(entry.sop, max_states=300)
    assert cut.states <= 300 and cut.pending_probability > 0
    assert cut.median is not None and cut.median.min_minutes <= full.median.min_minutes
    assert cut.p90.max_minutes <= full.p90.max_minutes
    assert cut.median_at_least and cut.mean is None
    assert "paling sedikit" in cut.summary() and "300" not in cut.summary().split("setelah")[0]


def test_thousand_step_flowchart_is_drawn_in_linear_time() -> None:
    chart = _load(long_sop(1000)).sop.flowcharts[0]
    start = time.perf_counter()
    svg = flowchart.flowchart_svg(chart)
    elapsed = time.perf_counter() - start
    assert svg.count('class="node sop-step ') == 1000
    assert elapsed < 40, f"{elapsed:.1f} s"  # quadratic routing took minutes


# --- property: random valid SOPs with loops and many decisions ---------------------------------------------

TIMES = ["5 menit", "10-20 menit", "1 jam", "2 hari", "-", "Setiap bulan", "1,5 jam", "3-5 hari"]


@st.composite
def flows(draw) -> dict:
    """A valid SOP: every step reaches the next by its first exit (so everything is reachable and can
    finish); other exits go anywhere, back (loops), forward (skips) or to the end."""
    count = draw(st.integers(3, 50))
    steps = [{"no": 1, "kegiatan": "Menerima berkas", "oleh": "A", "simbol": "terminator", "waktu": "5 menit"}]
    for no in range(2, count):
        step = {"no": no, "kegiatan": f"Mengolah {no}", "oleh": draw(st.sampled_from(["A", "B", ["A", "B"]])),
                "waktu": draw(st.sampled_from(TIMES))}
        if draw(st.integers(0, 9)) < 5:
            others = draw(st.lists(st.one_of(st.integers(1, count), st.just("selesai")), min_size=1, max_size=2))
            step["cabang"] = {"Ya": no + 1, **{f"Pilihan {i}": t for i, t in enumerate(others)}}
            step["simbol"] = "keputusan"
        steps.append(step)
    steps.append({"no": count, "kegiatan": "Menyerahkan", "oleh": "A", "simbol": "terminator", "waktu": "5 menit"})
    return {"nomor": "1/SOP/2024", "nama": "Acak", "instansi": "Pemerintah Kabupaten Contoh", "unit": "Kecamatan",
            "tanggal": {"pembuatan": dt.date(2024, 1, 2)},
            "disahkan": {"jabatan": "Camat", "nama": "Nama", "nip": "19791025 199912 2 001"},
            "pelaksana": [{"nama": "A"}, {"nama": "B"}], "langkah": steps}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flows())
def test_random_valid_sops_validate_summarise_estimate_and_lay_out_in_bounded_time(data: dict) -> None:
    start = time.perf_counter()
    entry = _load(data)
    chart = entry.sop.flowcharts[0]
    graph = FlowGraph(chart)
    summary = chart_summary(chart)
    times = graph.path_times
    assert times.min_minutes <= summary["waktu_jalur_utama"]["min_menit"]
    assert times.max_minutes >= summary["waktu_jalur_utama"]["maks_menit"] or not times.max_exact
    estimate = estimate_completion(entry.sop)
    assert estimate.finish_probability + estimate.cut_probability + estimate.pending_probability == \
        pytest.approx(1, abs=1e-6)
    _layout(chart)
    assert time.perf_counter() - start < 10


@settings(max_examples=60, deadline=None)
@given(flows().filter(lambda d: len(d["langkah"]) <= 12))
def test_path_times_equal_the_enumeration_of_all_paths(data: dict) -> None:
    chart = _load(data).sop.flowcharts[0]
    graph = FlowGraph(chart)
    paths = graph.simple_paths(limit=10**6)
    spans = [graph.path_time(p) for p in paths]
    times = graph.path_times
    assert times.min_minutes == pytest.approx(min(t.min_minutes for t in spans))
    assert times.max_exact and times.max_minutes == pytest.approx(max(t.max_minutes for t in spans))
