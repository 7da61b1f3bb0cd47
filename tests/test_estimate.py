"""Estimated completion time: exact distribution over decision probabilities, against hand-computed values."""

from __future__ import annotations

import json
import time

import pytest

from sop_ap.engine.estimate import DEFAULT_FIRST_EXIT, EstimateError, estimate_completion, exit_probabilities
from sop_ap.engine.simulation import SimulationError
from test_simulation import JUAI, load_seed, make_sop, step


def loop_sop(waktu: str = "20 menit", peluang: dict | None = None) -> object:
    """1 (10) -> 2 (waktu) -> 3 decision (5) {Ya: 4, Tidak: 2} -> 4 (10): T = 20 + (t2 + 5) * K."""
    decision = step(3, "Kasubag Umum", "5 menit", simbol="keputusan", cabang={"Ya": 4, "Tidak": 2})
    if peluang is not None:
        decision["peluang"] = peluang
    return make_sop([step(1, "Camat", "10 menit", simbol="terminator"), step(2, "Staf", waktu), decision,
                     step(4, "Staf", "10 menit", simbol="terminator")])


def times(total) -> tuple[float, float]:
    return (total.min_minutes, total.max_minutes)


def test_geometric_loop_with_half_probability() -> None:
    result = estimate_completion(loop_sop(peluang={"Ya": 0.5, "Tidak": 0.5}))
    # K passes through 2-3, P(K = k) = 0.5**k, k <= 10 (the loop bound): T = 20 + 25 K.
    assert times(result.median) == (45, 45)  # P(K = 1) = 0.5
    assert times(result.p90) == (120, 120)  # P(K <= 3) = 0.875 < 0.9 <= P(K <= 4) = 0.9375
    assert result.cut_probability == pytest.approx(0.5 ** 10)
    assert result.finish_probability == pytest.approx(1 - 0.5 ** 10)
    mean = sum(0.5 ** k * (20 + 25 * k) for k in range(1, 11)) / (1 - 0.5 ** 10)
    assert result.mean.min_minutes == pytest.approx(mean)
    assert [(a, p) for a, _, p in result.distribution[:3]] == [(45, pytest.approx(0.5)), (70, pytest.approx(0.25)),
                                                             (95, pytest.approx(0.125))]
    assert times(result.main_path) == (45, 45) and result.main_path_steps == (1, 2, 3, 4)
    assert [(p.step, p.label, p.probability, p.source) for p in result.probabilities] == [
        (3, "Ya", 0.5, "sop"), (3, "Tidak", 0.5, "sop")]


def test_default_probabilities_first_exit_point_eight() -> None:
    result = estimate_completion(loop_sop())
    assert DEFAULT_FIRST_EXIT == 0.8
    assert [(p.label, p.probability, p.source) for p in result.probabilities] == [
        ("Ya", 0.8, "default"), ("Tidak", pytest.approx(0.2), "default")]
    assert times(result.median) == (45, 45)  # P(K = 1) = 0.8
    assert times(result.p90) == (70, 70)  # P(K <= 2) = 0.96
    assert result.cut_probability == pytest.approx(0.2 ** 10)


def test_three_exits_share_the_rest_equally() -> None:
    decision = step(2, "Staf", simbol="keputusan", cabang={"Setuju": 3, "Revisi": 1, "Tolak": "selesai"})
    probs = exit_probabilities(make_sop([step(1, "Camat", simbol="terminator"), decision,
                                         step(3, "Staf", simbol="terminator")]).langkah[1])
    assert probs == {"Setuju": (0.8, "default"), "Revisi": (pytest.approx(0.1), "default"),
                     "Tolak": (pytest.approx(0.1), "default")}


def test_visitor_overrides() -> None:
    sop = loop_sop()
    result = estimate_completion(sop, overrides={(3, "tidak"): 0.5})
    assert [(p.label, p.probability, p.source) for p in result.probabilities] == [
        ("Ya", 0.5, "default"), ("Tidak", 0.5, "visitor")]
    assert times(result.p90) == (120, 120)
    assert times(estimate_completion(sop, overrides={(3, "Ya"): 1.0}).p90) == (45, 45)
    with pytest.raises(EstimateError, match="Jawaban 'Mungkin' tidak ada pada keputusan langkah 3"):
        estimate_completion(sop, overrides={(3, "Mungkin"): 0.5})
    with pytest.raises(EstimateError, match="Langkah 2 bukan keputusan"):
        estimate_completion(sop, overrides={(2, "Ya"): 0.5})
    with pytest.raises(EstimateError, match="harus antara 0 dan 1"):
        estimate_completion(sop, overrides={(3, "Ya"): 1.5})
    with pytest.raises(EstimateError, match="harus 1"):
        estimate_completion(sop, overrides={(3, "Ya"): 0.7, (3, "Tidak"): 0.7})
    with pytest.raises(EstimateError, match="harus 1"):
        estimate_completion(sop, overrides={(3, "Ya"): 0.2, (3, "Tidak"): 0.2})


def test_ranges_give_min_and_max_quantiles() -> None:
    result = estimate_completion(loop_sop("10-30 menit", {"Ya": 0.5, "Tidak": 0.5}))
    # T_min = 20 + 15 K, T_max = 20 + 35 K
    assert times(result.median) == (35, 55)
    assert times(result.p90) == (80, 160)
    assert times(result.main_path) == (35, 55)
    assert result.as_dict()["median"] == {"min": 35, "max": 55, "label": "35 menit – 55 menit"}


def test_branches_without_loop_hand_computed() -> None:
    sop = make_sop([
        step(1, "Camat", "10 menit", simbol="terminator"),
        step(2, "Staf", "10 menit", simbol="keputusan", cabang={"Cepat": 3, "Lambat": 4},
             peluang={"Cepat": 0.3, "Lambat": 0.7}),
        step(3, "Staf", "10 menit", ke=5),
        step(4, "Staf", "100 menit"),
        step(5, "Staf", "10 menit", simbol="terminator"),
    ])
    result = estimate_completion(sop)
    assert [(a, b) for a, b, _ in result.distribution] == [(40, 40), (130, 130)]
    assert [p for *_, p in result.distribution] == [pytest.approx(0.3), pytest.approx(0.7)]
    assert times(result.median) == (130, 130) and times(result.p90) == (130, 130)
    assert result.mean.min_minutes == pytest.approx(0.3 * 40 + 0.7 * 130)
    assert times(result.main_path) == (40, 40) and result.main_path_steps == (1, 2, 3, 5)
    assert result.cut_probability == 0


def test_quantile_unknown_when_most_cases_hit_the_loop_bound() -> None:
    result = estimate_completion(loop_sop(peluang={"Ya": 0.05, "Tidak": 0.95}), limit=3)
    assert result.finish_probability == pytest.approx(0.05 + 0.95 * 0.05 + 0.95 ** 2 * 0.05)
    assert result.median is None and result.p90 is None
    assert result.summary().startswith("Perkiraan waktu penyelesaian tidak dapat ditentukan: 86% kasus")
    assert result.as_dict()["median"] is None


def test_not_counted_starts_and_variants() -> None:
    sop = make_sop([
        step(1, "Staf", "5 menit", simbol="terminator", ke=3),
        step(2, "Staf", "-", simbol="terminator"),
        step(3, "Camat", "1 jam", simbol="terminator", ke="selesai"),
    ])
    assert times(estimate_completion(sop).median) == (65, 65)
    second = estimate_completion(sop, start=2)
    assert times(second.median) == (60, 60) and second.not_counted == (2,) and second.main_path_steps == (2, 3)
    with pytest.raises(SimulationError, match="bukan titik mulai"):
        estimate_completion(sop, start=3)
    from test_simulation import variants_sop
    assert times(estimate_completion(variants_sop(), variant=1).median) == (15, 15)  # 2 + 3 + 10, 'Sah' = 0.8


def test_juai_seed() -> None:
    result = estimate_completion(load_seed(JUAI))
    assert times(result.main_path) == (1550, 1550)
    assert times(result.median) == (1550, 1550)
    assert times(result.p90) == (2900, 2900)  # one send-back: + 900 + 450
    data = json.loads(json.dumps(result.as_dict(), sort_keys=True))
    assert data["p90"]["label"] == "6 hari 3 jam 20 menit"
    assert data["summary"] == ("Perkiraan waktu penyelesaian: separuh kasus selesai dalam 3 hari 3 jam 20 menit, "
                               "90% kasus dalam 6 hari 3 jam 20 menit. Waktu baku jalur utama: 3 hari 3 jam 20 menit.")


def twenty_steps() -> object:
    """20 steps, three decisions whose send-backs overlap (one loop inside another)."""
    steps = [step(1, "Camat", "10 menit", simbol="terminator")]
    for no in range(2, 20):
        extra: dict = {}
        if no == 6:
            extra = {"simbol": "keputusan", "cabang": {"Ya": 7, "Tidak": 3}}
        elif no == 12:
            extra = {"simbol": "keputusan", "cabang": {"Lengkap": 13, "Belum": 8}, "peluang": {"Lengkap": 0.6,
                                                                                              "Belum": 0.4}}
        elif no == 18:
            extra = {"cabang": {"Benar": 19, "Perbaikan": 10}}
        steps.append(step(no, "Staf", f"{no}-{2 * no} menit", **extra))
    steps.append(step(20, "Staf", "1 hari", simbol="terminator"))
    return make_sop(steps)


def test_twenty_step_sop_is_fast() -> None:
    sop = twenty_steps()
    best = min(_timed(sop) for _ in range(3))
    result = estimate_completion(sop)
    assert result.finish_probability + result.cut_probability == pytest.approx(1)
    assert result.median.min_minutes >= result.main_path.min_minutes
    assert best < 2, f"estimate took {best * 1000:.0f} ms"  # guards against path enumeration, not a speed goal


def _timed(sop: object) -> float:
    start = time.perf_counter()
    estimate_completion(sop)
    return time.perf_counter() - start


def test_deterministic() -> None:
    sop = twenty_steps()
    assert json.dumps(estimate_completion(sop).as_dict(), sort_keys=True) == json.dumps(
        estimate_completion(twenty_steps()).as_dict(), sort_keys=True)
