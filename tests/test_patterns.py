"""One small SOP per pattern of flowchart-patterns.md (tests/data/patterns): each validates, simulates,
and survives the trip through sops.json and the widget's JSON bridge."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from sop_ap.engine import bridge
from sop_ap.engine.estimate import estimate_completion
from sop_ap.engine.flow import FlowGraph
from sop_ap.engine.simulation import Case, run_scenario
from sop_ap.engine.training import TrainingSession
from sop_ap.engine.validate import validate_data
from sop_ap.source.registry import Registry, load_registry
from sop_ap.render.site_data import registry_json, sop_data

PATTERNS = Path(__file__).parent / "data" / "patterns"
FILES = sorted(PATTERNS.glob("*.yaml"))


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(PATTERNS)


def sop(registry: Registry, stem: str):
    entry = next(e for e in registry.entries if e.path.stem == stem)
    assert entry.sop is not None
    return entry.sop


def call(command: str, **args) -> dict:
    answer = json.loads(bridge.handle(command, json.dumps(args)))
    assert answer["ok"], answer
    return answer["result"]


def test_every_pattern_file_validates_without_errors(registry: Registry) -> None:
    assert len(FILES) == 7
    assert [d.format() for d in registry.all_diagnostics() if d.level == "error"] == []
    listed = {e.path.stem for e in registry.entries if not e.sop.flowcharts[0].simple}  # type: ignore[union-attr]
    assert listed == {"01-dua-mulai", "02-mulai-dan-akhir-sebaris", "03-tujuan-ke-kolom", "04-keputusan-bersarang",
                      "06-kotak-samping-dan-putaran"}


def test_two_starts_ask_which_and_alternatives_follow_the_lane(registry: Registry) -> None:
    data = sop(registry, "01-dua-mulai")
    case = Case.start(data, ask=True)
    state = case.state().as_dict()
    assert state["step"]["activity"] == "Dari mana kasus dimulai?"
    assert [c["label"] for c in state["choices"]] == ["Datang langsung", "Lewat surel"]
    case.choose("Lewat surel")
    assert case.state().step.performers == ("Sekretariat",)
    case.advance()
    case.advance()  # row 3 (Sekretariat) -> row 4: the alternative in the lane that holds the case
    assert case.state().step.no == 4 and case.state().step.performers == ("Sekretariat",)
    trace = run_scenario(data, 1)
    assert trace.steps == [1, 3, 4, 5, 4, 5, 6]
    assert [e.performers for e in trace.events][2:5] == [("Sekretariat",), ("Loket", "Sekretariat"), ("Loket",)]


def test_start_and_process_in_one_row_count_the_row_once(registry: Registry) -> None:
    data = sop(registry, "02-mulai-dan-akhir-sebaris")
    graph = FlowGraph(data.flowcharts[0])
    assert [graph.nodes[n].text for n in graph.starts] == ["Mulai"]
    assert len([e for e in graph.edges if e.target is None]) == 4  # three ends in the last row, one in row 3
    stacked = graph.successors[graph.row_nodes[2][0]][0]
    assert graph.nodes[stacked.target].text == "Selesai" and graph.nodes[stacked.target].row == 2
    case = Case.start(data)
    case.advance()
    assert case.state().step.performers == ("Pengurus Barang",) and case.elapsed.min_minutes == 10
    case.advance()
    assert case.elapsed.min_minutes == 10  # row 1's time once for its two symbols
    case.choose("Tidak rusak")
    assert case.state().step.performers == ("Pengemudi",)
    assert case.advance().finished


def test_exit_to_a_lane_decides_who_acts_next(registry: Registry) -> None:
    data = sop(registry, "03-tujuan-ke-kolom")
    technical, admin = run_scenario(data, 0), run_scenario(data, 1)
    assert technical.events[3].performers == ("Tim Teknis",) and admin.events[3].performers == ("Umum",)
    decision = technical.as_dict()["events"][2]
    assert decision["text"] == "Tujuan" and decision["next"] == [{"target": 3, "performers": ["Tim Teknis"]}]
    assert "→ langkah 3 (Tim Teknis)" in technical.as_dict()["log"][2]
    estimate = estimate_completion(data)
    assert {(p.label, round(p.probability, 2)) for p in estimate.probabilities} == {("Teknis", 0.6),
                                                                                   ("Administratif", 0.4)}
    quiz = TrainingSession(data, "Umum", scenario=1)
    question = quiz.question
    assert question is not None and question.kind == "pelaksana"


def test_nested_decision_and_unlabelled_exit(registry: Registry) -> None:
    data = sop(registry, "04-keputusan-bersarang")
    case = Case.start(data)
    case.advance()
    case.choose("Ya")
    assert case.state().step.text == "Sisa cuti cukup?"
    assert [c.label for c in case.choices()] == ["Ya", "(tanpa label)"]
    case.choose("(tanpa label)")
    assert case.state().step.performers == ("Pegawai",) and case.state().step.text == "Ditolak"
    assert case.advance().finished


def test_same_label_twice_runs_both_branches_and_takes_the_longest(registry: Registry) -> None:
    data = sop(registry, "05-label-sama-paralel")
    trace = run_scenario(data, 0)
    assert trace.steps == [1, 2, 3, 4, 5]
    assert trace.elapsed.min_minutes == 10 + 30 + 2 * 450 + 60  # 2 hari beats 1 hari
    assert "bersamaan: langkah 3; langkah 4" in trace.as_dict()["log"][1]
    case = Case.start(data)
    case.advance()
    state = case.choose("Ya")
    assert state.branches == 2
    assert "cabang terlama" in (case.advance() and case.advance() and case.advance()).message
    with pytest.raises(Exception, match="paralel"):
        estimate_completion(data)


def test_side_box_loop_and_periodic_times_are_named(registry: Registry) -> None:
    data = sop(registry, "06-kotak-samping-dan-putaran")
    trace = run_scenario(data, 1)
    assert trace.steps == [1, 2, 3, 3, 4, 2, 3, 4, 5]
    assert [n.text for n in trace.not_counted] == ["Setiap bulan", "Semesteran"]


def test_table_parts_merged_time_footnote_titles(registry: Registry) -> None:
    data = sop(registry, "07-tabel-di-sekitar-simbol")
    small, large = data.flowcharts
    assert small.merged[0].isi == "1 hari" and small.connectors[0].huruf == "A"
    assert large.footnote.startswith("Ket: *)") and large.titles.kelengkapan == "Input"
    assert small.titles.kegiatan == "Aktivitas"
    trace = run_scenario(data, 0)
    assert trace.elapsed.min_minutes == 10 + 450 + 5  # the merged cell counts once


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_round_trip_through_sops_json_and_the_bridge(registry: Registry, path: Path) -> None:
    listed = next(i for i in json.loads(registry_json(registry))["sops"] if i["id"].endswith(path.stem))
    item = json.loads(sop_data(registry.by_id[listed["id"]], registry))
    assert item["id"] == listed["id"] and listed["data"] == f"data/sop/{listed['id']}.json"
    again, found = validate_data(item["sop"])
    original = sop(registry, path.stem)
    assert again == original and not [d for d in found if d.level == "error"]
    call("load", sop=item["sop"])
    for i, _ in enumerate(original.skenario):
        assert call("trace", index=i) == run_scenario(original, i).as_dict()
    state = call("start", variant=0)
    assert state["status"] == "running"


@pytest.mark.parametrize("scenario, lane", [(0, "Tim Teknis"), (1, "Umum")])
def test_training_asks_who_acts_with_the_lane_the_exit_chose(registry: Registry, scenario: int, lane: str) -> None:
    quiz = TrainingSession(sop(registry, "03-tujuan-ke-kolom"), "Sekretariat", scenario=scenario)
    asked: dict[int, str] = {}
    while quiz.question is not None:
        question = quiz.question
        if question.kind == "pelaksana":
            asked.setdefault(question.step, question.options[question.answer])
        quiz.answer(question.answer)
    assert asked[3] == lane
    assert asked[2] in {"Pimpinan", "Sekretariat"}


def test_sop_show_lists_symbols_per_row_and_exits_with_targets(capsys) -> None:
    from sop_ap.cli.main import main

    assert main(["show", "--root", str(PATTERNS), "--format", "json", "03-tujuan-ke-kolom"]) == 0
    data = json.loads(capsys.readouterr().out)
    row = data["bagan_alir"][0]["langkah"][1]
    assert [(s["oleh"], s["bentuk"], s["teks"]) for s in row["simbol_baris"]] == [
        (["Pimpinan"], "proses", None), (["Sekretariat"], "keputusan", "Tujuan")]
    assert [(e["label"], e["ke"], e["oleh"]) for e in row["simbol_baris"][1]["arah"]] == [
        ("Teknis", 3, ["Tim Teknis"]), ("Administratif", 3, ["Umum"])]
    assert main(["show", "--root", str(PATTERNS), "06-kotak-samping-dan-putaran"]) == 0
    text = capsys.readouterr().out
    assert "Perlu→3 (Pengawas)" in text and "Ganti komponen?" in text
    assert "tidak dihitung: Setiap bulan (langkah 1), Semesteran (langkah 5)" in text


def test_paper_prints_merged_cells_titles_and_draws_every_pattern(registry: Registry) -> None:
    from sop_ap.render.paper_flowchart import flowchart_pages

    data = sop(registry, "07-tabel-di-sekitar-simbol")
    small = flowchart_pages(data, data.flowcharts[0], 0)
    # the author's connector A after row 2 breaks the page there; the merged Waktu cell of rows 2-3 is
    # printed on both sides of the break, and the line continues through connector A
    assert small.count("sop-paper-flow-page") == 2 and re.findall(r'data-letter="(\w+)"', small) == ["A", "A"]
    assert small.count('<td class="sop-paper-text">1 hari</td>') == 2
    merged = flowchart_pages(data, replace(data.flowcharts[0], connectors=()), 0)
    assert merged.count('<td class="sop-paper-text sop-paper-merged" rowspan="2">1 hari</td>') == 1
    assert "Persyaratan/Perlengkapan" in small and "Aktivitas" in small
    large = flowchart_pages(data, data.flowcharts[1], 1)
    assert "<th>Input</th>" in large and "Ket: *) hanya untuk pembayaran" in large
    chart = sop(registry, "03-tujuan-ke-kolom").flowcharts[0]
    drawn = flowchart_pages(sop(registry, "03-tujuan-ke-kolom"), chart, 0)
    assert "sop-paper-keputusan" in drawn and ">Tujuan</text>" in drawn
    assert 'data-label="Teknis"' in drawn and 'data-label="Administratif"' in drawn
    assert drawn.count('class="sop-paper-symbol sop-paper-proses sop-paper-step"') >= 3
