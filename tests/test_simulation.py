"""Walking a case through a flowchart: steps, decisions, loops, variants, undo, scenarios."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sop_ap.engine import validate_data
from sop_ap.engine.model import Sop
from sop_ap.engine.simulation import (
    Case, LoopLimitReached, ScenarioError, SimulationError, check_scenarios, run_scenario,
)
from sop_ap.source.yaml_source import load_yaml

ROOT = Path(__file__).resolve().parents[1]
JUAI = ROOT / "sops/kabupaten-balangan/kecamatan-juai/penyusunan-rencana-kinerja-tahunan.yaml"
BAJENG = ROOT / "sops/kabupaten-gowa/kecamatan-bajeng-barat/perjanjian-kinerja.yaml"

PERFORMERS = [
    {"nama": "Camat", "sebutan": ["Kepala SKPD"]},
    {"nama": "Sekretaris Camat", "kode": "sekcam"},
    {"nama": "Kasubag Umum", "kode": "kasubag"},
    {"nama": "Staf"},
]


def base_data() -> dict:
    """The identity part of a synthetic SOP (no flowchart yet)."""
    return {
        "nomor": "001/SOP/2024", "nama": "Contoh", "instansi": "Pemerintah Kabupaten Contoh",
        "unit": "Kecamatan Contoh", "tanggal": {"pembuatan": "2024-01-02"},
        "disahkan": {"jabatan": "Camat Contoh", "nama": "Nama Pejabat, S.Sos", "nip": "19791025 199912 2 001"},
    }


def make_sop(steps: list[dict] | None = None, performers: list[dict] | None = None, **extra: object) -> Sop:
    """A synthetic SOP validated like a file; fails the test on any error diagnostic."""
    data = base_data()
    if steps is not None:
        data["pelaksana"] = performers or PERFORMERS
        data["langkah"] = steps
    data.update(extra)
    sop, diagnostics = validate_data(data)
    assert sop is not None, diagnostics
    assert [d for d in diagnostics if d.level == "error"] == []
    return sop


def load_seed(path: Path) -> Sop:
    sop, diagnostics = validate_data(load_yaml(path.read_text(encoding="utf-8")).data)
    assert sop is not None and not [d for d in diagnostics if d.level == "error"]
    return sop


def step(no: int, oleh: str | list[str], waktu: str = "10 menit", **extra: object) -> dict:
    return {"no": no, "kegiatan": f"Mengerjakan tahap {no}", "oleh": oleh, "waktu": waktu,
            "kelengkapan": f"Masukan {no}", "output": f"Keluaran {no}", **extra}


def every_kind() -> Sop:
    """Terminator, process with an inline decision, decision with a send-back loop, end."""
    return make_sop([
        step(1, "Kepala SKPD", "10 menit", simbol="terminator"),
        step(2, "sekcam", "30 menit", cabang={"Lengkap": 3, "Tidak lengkap": 1}),
        step(3, "kasubag", "5-10 menit", simbol="keputusan", cabang={"Ya": 4, "Tidak": 2}),
        step(4, "Staf", "1 jam", simbol="terminator"),
    ])


def test_every_kind_of_step() -> None:
    case = Case.start(every_kind())
    state = case.state()
    assert state.status == "running" and state.step is not None
    assert (state.step.no, state.step.symbol, state.step.decision) == (1, "terminator", False)
    assert state.step.performers == ("Camat",)  # alias 'Kepala SKPD' resolved to the column name
    assert state.step.inputs == ("Masukan 1",) and state.step.outputs == ("Keluaran 1",)
    assert state.choices == ()
    with pytest.raises(SimulationError, match="bukan keputusan"):
        case.choose("Ya")

    state = case.advance()
    assert (state.step.no, state.step.symbol, state.step.decision) == (2, "proses", True)
    assert state.step.performers == ("Sekretaris Camat",)  # code 'sekcam'
    assert [(c.label, c.target) for c in state.choices] == [("Lengkap", 3), ("Tidak lengkap", 1)]
    with pytest.raises(SimulationError, match="keputusan: pilih salah satu jawaban"):
        case.advance()
    with pytest.raises(SimulationError) as info:
        case.choose("Mungkin")
    assert info.value.message == ("Jawaban 'Mungkin' tidak ada pada keputusan langkah 2. Pilih salah satu: "
                                  "Lengkap, Tidak lengkap.")

    state = case.choose("lengkap")  # labels match without case
    assert state.step.no == 3 and state.step.symbol == "keputusan"
    assert state.history[-1].choice == "Lengkap"
    state = case.choose("Ya")
    assert state.step.no == 4 and state.step.symbol == "terminator"
    state = case.advance()
    assert state.status == "finished" and state.finished and state.step is None
    assert state.elapsed.min_minutes == 10 + 30 + 5 + 60 and state.elapsed.max_minutes == 10 + 30 + 10 + 60
    assert [f.as_dict() for f in state.case_file] == [
        {"output": f"Keluaran {n}", "step": n, "count": 1} for n in (1, 2, 3, 4)
    ]
    assert state.message is not None and state.message.startswith("Kasus selesai.")
    with pytest.raises(SimulationError, match="sudah selesai"):
        case.advance()


def test_elapsed_time_after_each_event_keeps_ranges() -> None:
    case = Case.start(every_kind())
    case.advance()
    case.choose("Lengkap")
    case.choose("Tidak")  # back to 2
    elapsed = [(e.step, e.elapsed.min_minutes, e.elapsed.max_minutes) for e in case.history]
    assert elapsed == [(1, 10, 10), (2, 40, 40), (3, 45, 50)]
    data = case.state().as_dict()
    assert data["elapsed"] == {"min": 45, "max": 50, "label": "45 menit – 50 menit"}
    assert data["step"]["visits"] == 2
    assert data["convention"].startswith("Waktu dihitung dalam waktu kerja")
    json.dumps(data)  # plain JSON


def test_not_counted_times_add_zero_and_are_listed() -> None:
    sop = make_sop([
        step(1, "Camat", "10 menit", simbol="terminator"),
        step(2, "Staf", "gabung"),
        step(3, "Staf", "-"),
        step(4, "Staf", "Setiap bulan"),
        step(5, "Staf", "1,5 jam", simbol="terminator"),
    ])
    case = Case.start(sop)
    for _ in range(5):
        state = case.advance()
    assert state.finished
    assert (state.elapsed.min_minutes, state.elapsed.max_minutes) == (100, 100)
    assert [(n.step, n.kind) for n in state.not_counted] == [(2, "gabung"), (3, "kosong"), (4, "berkala")]
    assert "2, 3 dan 4 tidak dihitung" in (state.message or "")


def test_loop_limit_stops_the_case_and_undo_resumes() -> None:
    case = Case.start(every_kind(), limit=3)
    case.advance()
    case.choose("Lengkap")
    for _ in range(2):  # 3 -> 2 -> 3 twice: steps 2 and 3 reach three visits
        case.choose("Tidak")
        case.choose("Lengkap")
    assert case.visited == [1, 2, 3, 2, 3, 2, 3]
    with pytest.raises(LoopLimitReached) as info:
        case.choose("Tidak")
    assert info.value.step == 2 and info.value.limit == 3
    assert "langkah 2 sudah dilalui 3 kali" in info.value.message
    state = case.state()
    assert state.status == "stopped" and state.stopped_at == 2 and state.step is None and state.can_undo
    assert case.log_lines()[-1] == info.value.message
    with pytest.raises(SimulationError, match="batas putaran"):
        case.advance()
    state = case.undo()
    assert state.status == "running" and state.step.no == 3
    assert case.choose("Ya").step.no == 4


def test_default_loop_limit_is_ten() -> None:
    case = Case.start(every_kind())
    case.advance()
    with pytest.raises(LoopLimitReached):
        for _ in range(20):
            case.choose("Tidak lengkap")  # 2 -> 1 -> 2 ...
            case.advance()
    assert case.state().stopped_at == 1
    assert [e.step for e in case.history].count(2) == 10


def test_closed_loop_without_decision_stops_too() -> None:
    sop_data = [step(1, "Camat", simbol="terminator"), step(2, "Staf", ke=1)]
    sop, diagnostics = validate_data({**base_data(), "pelaksana": PERFORMERS, "langkah": sop_data})
    assert sop is not None and any(d.code == "putaran-tertutup" for d in diagnostics)
    case = Case.start(sop, limit=2)
    with pytest.raises(LoopLimitReached):
        for _ in range(5):
            case.advance()


def test_undo_and_restart() -> None:
    case = Case.start(every_kind())
    with pytest.raises(SimulationError, match="Belum ada langkah"):
        case.undo()
    first = case.state().to_json()
    case.advance()
    after_one = case.state().to_json()
    case.choose("Lengkap")
    assert case.undo().to_json() == after_one
    assert case.undo().to_json() == first
    case.advance()
    case.choose("Lengkap")
    assert case.restart().to_json() == first
    assert case.history == [] and not case.state().can_undo


def test_several_starts() -> None:
    sop = make_sop([
        step(1, "Staf", "5 menit", simbol="terminator", kegiatan="Menerima surat langsung", ke=3),
        step(2, "Staf", "2 menit", simbol="terminator", kegiatan="Menerima surat elektronik"),
        step(3, "Kasubag Umum", "10 menit", simbol="terminator", ke="selesai"),
    ])
    state = Case.start(sop).state()
    assert [s for s, _ in state.starts] == [1, 2]
    assert state.start == 1 and state.step.no == 1
    case = Case.start(sop, start=2)
    assert case.state().step.no == 2 and case.state().start == 2
    case.advance()
    assert case.advance().finished
    assert case.visited == [2, 3] and case.elapsed.min_minutes == 12
    with pytest.raises(SimulationError) as info:
        Case.start(sop, start=3)
    assert info.value.message == "Langkah 3 bukan titik mulai bagan alir ini. Titik mulai yang ada: langkah 1, 2."


def test_rows_with_several_performers() -> None:
    sop = make_sop([
        step(1, "Staf", simbol="terminator"),
        step(2, ["Camat", "sekcam"], cara="bersama"),
        step(3, ["Staf", "Kasubag Umum"], cara="salah_satu"),
        step(4, ["Staf", "Kasubag Umum"], cara="salah_satu", simbol="terminator"),
    ])
    case = Case.start(sop)
    view = case.advance().step
    assert view.performers == ("Camat", "Sekretaris Camat") and view.mode == "bersama" and view.holder is None
    assert view.as_dict()["performer_text"] == "Camat dan Sekretaris Camat"
    view = case.advance().step
    assert view.mode == "salah_satu" and view.holder is None  # came from Camat and Sekretaris Camat
    assert view.as_dict()["performer_text"] == "Staf atau Kasubag Umum"
    view = case.advance().step
    assert view.holder is None  # the previous row could be either of them
    assert case.log_lines()[1] == "Langkah 2 (Camat dan Sekretaris Camat): Mengerjakan tahap 2 → langkah 3"
    assert case.log_lines()[2] == "Langkah 3 (Staf atau Kasubag Umum): Mengerjakan tahap 3 → langkah 4"

    sop = make_sop([
        step(1, "Staf", simbol="terminator"),
        step(2, ["Staf", "Kasubag Umum"], cara="salah_satu", simbol="terminator"),
    ])
    case = Case.start(sop)
    assert case.advance().step.holder == "Staf"  # the one who holds the case file


def variants_sop() -> Sop:
    return make_sop(None, varian=[
        {"nama": "Permohonan langsung", "pelaksana": [{"nama": "Petugas Loket"}, {"nama": "Camat"}],
         "langkah": [step(1, "Petugas Loket", "5 menit", simbol="terminator"),
                     step(2, "Camat", "10 menit", simbol="terminator")]},
        {"nama": "Permohonan daring", "pelaksana": [{"nama": "Operator"}, {"nama": "Camat"}],
         "langkah": [step(1, "Operator", "2 menit", simbol="terminator"),
                     step(2, "Operator", "3 menit", simbol="keputusan", cabang={"Sah": 3, "Tidak sah": "selesai"}),
                     step(3, "Camat", "10 menit", simbol="terminator")]},
    ], skenario=[
        {"nama": "Daring, berkas sah", "varian": 2, "pilihan": ["Sah"]},
        {"nama": "Daring, berkas tidak sah", "varian": "permohonan daring", "pilihan": "Tidak sah"},
        {"nama": "Langsung", "varian": "Permohonan langsung"},
    ])


def test_variants_by_index_and_name() -> None:
    sop = variants_sop()
    state = Case.start(sop, variant=1).state()
    assert (state.variant, state.variant_name, state.variants) == (1, "Permohonan daring", 2)
    assert state.step.performers == ("Operator",)
    assert Case.start(sop, variant="Permohonan langsung").state().step.performers == ("Petugas Loket",)
    with pytest.raises(SimulationError, match="Varian ke-3 tidak ada"):
        Case.start(sop, variant=2)
    with pytest.raises(SimulationError, match="Varian 'Surat' tidak ada"):
        Case.start(sop, variant="Surat")
    assert run_scenario(sop, 0).steps == [1, 2, 3]
    trace = run_scenario(sop, 1)
    assert trace.steps == [1, 2] and trace.variant == 1 and trace.elapsed.min_minutes == 5
    assert run_scenario(sop, 2).steps == [1, 2] and run_scenario(sop, 2).variant == 0
    assert check_scenarios(sop) == []


def test_juai_log_lines() -> None:
    case = Case.start(load_seed(JUAI))
    for _ in range(4):
        case.advance()
    case.choose("Tidak")
    assert case.log_lines()[-1] == ("Langkah 5 (Kasubbag Perencanaan dan Keuangan): Memverifikasi Data Penyusunan "
                                    "Kinerja — dipilih: Tidak → langkah 4")
    assert case.log_lines()[0].startswith("Langkah 1 (Camat): Memerintahkan") and case.log_lines()[0].endswith(
        "→ langkah 2")
    assert case.state().step.no == 4 and case.state().step.visits == 2


def test_case_file_counts_repeated_outputs() -> None:
    trace = run_scenario(load_seed(JUAI), 1)
    entries = {(f.step, f.output): f.count for f in trace.case_file}
    assert entries[(4, "Data Penyusunan Kinerja")] == 2
    assert entries[(5, "Data Penyusunan Kinerja Terverifikasi")] == 2
    assert entries[(9, "Dokumen Data Penyusunan Kinerja")] == 1


JUAI_MINUTES = {1: 10, 2: 60, 3: 60, 4: 900, 5: 450, 8: 60, 9: 10}
BAJENG_MINUTES = {1: 5, 2: 60, 3: 120, 4: 5, 5: 120, 6: 5, 7: 5, 8: 5, 9: 5}


@pytest.mark.parametrize("path, index, name, steps, table", [
    (JUAI, 0, "Data langsung benar", [1, 2, 3, 4, 5, 8, 9], JUAI_MINUTES),
    (JUAI, 1, "Data dikembalikan sekali, lalu benar", [1, 2, 3, 4, 5, 4, 5, 8, 9], JUAI_MINUTES),
    (BAJENG, 0, "Langsung ditandatangani", [1, 2, 3, 4, 5, 6, 7, 8, 9], BAJENG_MINUTES),
    (BAJENG, 1, "Dikembalikan sekali untuk perbaikan", [1, 2, 3, 4, 5, 6, 5, 6, 7, 8, 9], BAJENG_MINUTES),
])
def test_seed_scenarios(path: Path, index: int, name: str, steps: list[int], table: dict[int, int]) -> None:
    sop = load_seed(path)
    trace = run_scenario(sop, index)
    assert trace.scenario == name and trace.status == "finished"
    assert trace.steps == steps
    minutes = sum(table[n] for n in steps)
    assert (trace.elapsed.min_minutes, trace.elapsed.max_minutes) == (minutes, minutes)
    data = json.loads(trace.to_json())
    assert data["steps"] == steps and data["elapsed"]["min"] == minutes and data["not_counted"] == []
    assert check_scenarios(sop) == []


def test_hand_computed_seed_totals() -> None:
    juai = run_scenario(load_seed(JUAI), 1)
    assert juai.elapsed.min_minutes == 2900  # 10+60+60+900+450+900+450+60+10
    assert juai.as_dict()["elapsed"]["label"] == "6 hari 3 jam 20 menit"
    assert run_scenario(load_seed(BAJENG), 1).elapsed.min_minutes == 455  # 330 + 120 + 5


def test_trace_json_is_stable_and_deterministic() -> None:
    sop = load_seed(JUAI)
    first = run_scenario(sop, 1).to_json()
    assert first == run_scenario(load_seed(JUAI), 1).to_json()
    assert first == json.dumps(json.loads(first), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    data = json.loads(first)
    assert sorted(data) == ["case_file", "choices", "convention", "elapsed", "events", "log", "not_counted",
                            "scenario", "start", "status", "steps", "variant"]
    assert data["events"][4] == {
        "step": 5, "activity": "Memverifikasi Data Penyusunan Kinerja",
        "performers": ["Kasubbag Perencanaan dan Keuangan"], "mode": None, "action": "choose", "choice": "Tidak",
        "target": 4, "elapsed": {"min": 1480, "max": 1480, "label": "3 hari 2 jam 10 menit"},
    }
    assert data["events"][-1]["target"] == "selesai"


def test_fractional_minutes_are_rounded_in_json() -> None:
    sop = make_sop([step(1, "Staf", "0,333 menit", simbol="terminator")])
    data = Case.start(sop).state().as_dict()
    assert data["step"]["time"]["min"] == 0.33
    assert Case.start(sop).advance().as_dict()["elapsed"]["min"] == 0.33


@pytest.mark.parametrize("scenario, code, path, text", [
    ({"nama": "Kurang", "pilihan": []}, "skenario-kurang", ("pilihan",), "pilihan kurang"),
    ({"nama": "Lebih", "pilihan": ["Ya", "Ya"]}, "skenario-lebih", ("pilihan", 1), "pilihan berlebih"),
    ({"nama": "Salah", "pilihan": ["Tidak", "Mungkin"]}, "skenario-pilihan", ("pilihan", 1),
     "jawaban 'Mungkin' (pilihan ke-2) tidak ada pada keputusan langkah 5"),
    ({"nama": "Varian", "varian": 2, "pilihan": ["Ya"]}, "skenario-varian", ("varian",), "varian 2 tidak ada"),
    ({"nama": "Mulai", "mulai": 4, "pilihan": ["Ya"]}, "skenario-mulai", ("mulai",), "bukan titik mulai"),
    ({"nama": "Putaran", "pilihan": ["Tidak"] * 12}, "skenario-putaran", ("pilihan", 9), "batas putaran"),
])
def test_scenarios_that_do_not_fit(scenario: dict, code: str, path: tuple, text: str) -> None:
    sop = load_seed(JUAI)
    with pytest.raises(ScenarioError) as info:
        run_scenario(sop, scenario)
    assert info.value.code == code and info.value.path == path and text in info.value.message
    broken = sop.model_copy(update={"skenario": [*sop.skenario, sop.skenario[0].model_validate(scenario)]})
    diagnostics = check_scenarios(broken)
    assert [(d.level, d.code, d.path) for d in diagnostics] == [("error", code, ("skenario", 2, *path))]


def test_check_scenarios_warns_on_duplicate_names() -> None:
    sop = load_seed(BAJENG)
    twice = sop.model_copy(update={"skenario": [sop.skenario[0], sop.skenario[0]]})
    assert [(d.code, d.path) for d in check_scenarios(twice)] == [("skenario-nama-ganda", ("skenario", 1, "nama"))]


def test_model_accepts_scenarios_and_probabilities() -> None:
    sop = make_sop([
        step(1, "Camat", simbol="terminator"),
        step(2, "Staf", simbol="keputusan", cabang={"Ya": 3, "Tidak": 1}, peluang={"ya": 0.75, "Tidak": 0.25}),
        step(3, "Staf", simbol="terminator"),
    ], skenario=None)
    assert sop.skenario == [] and sop.langkah[1].peluang == {"ya": 0.75, "Tidak": 0.25}


@pytest.mark.parametrize("peluang, extra, message", [
    ({"Ya": 0.7, "Tidak": 0.2}, {}, "Jumlah 'peluang' harus 1 (tertulis: 0.9)."),
    ({"Ya": 0.5, "Mungkin": 0.5}, {}, "Jawaban 'Mungkin' pada 'peluang' tidak ada di 'cabang'."),
    ({"Ya": 1.5, "Tidak": -0.5}, {}, "Harus paling besar 1"),
    ({"Ya": 1}, {"simbol": "proses", "cabang": None, "ke": 3}, "'peluang' hanya untuk keputusan"),
])
def test_model_rejects_bad_probabilities(peluang: dict, extra: dict, message: str) -> None:
    data = {**base_data(), "pelaksana": PERFORMERS}
    decision = {**step(2, "Staf", simbol="keputusan", cabang={"Ya": 3, "Tidak": 1}, peluang=peluang), **extra}
    data["langkah"] = [step(1, "Camat", simbol="terminator"), {k: v for k, v in decision.items() if v is not None},
                       step(3, "Staf", simbol="terminator")]
    sop, diagnostics = validate_data(data)
    assert sop is None
    assert any(message in d.message and d.path[:2] == ("langkah", 1) for d in diagnostics), diagnostics


def test_broken_flow_cannot_be_walked() -> None:
    data = {**base_data(), "pelaksana": PERFORMERS}
    data["langkah"] = [step(1, "Camat", simbol="terminator", ke=7)]
    data["skenario"] = [{"nama": "Apa saja"}]
    sop, _ = validate_data(data)
    assert sop is not None
    with pytest.raises(SimulationError, match="langkah 1 menuju langkah 7, yang tidak ada"):
        Case.start(sop)
    assert check_scenarios(sop) == []  # the flow checks report the broken arrow
