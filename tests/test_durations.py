"""Standard times: parsing the *Waktu* column, the working-time convention, totals along the flow."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import BAJENG_ID, JUAI_ID, SOPS, base_sop, load
from sop_ap.engine import (
    DurationKind, FlowGraph, TimeRange, WORKING_TIME_CONVENTION, format_minutes, parse_duration,
)
from sop_ap.engine.durations import MINUTES_PER_UNIT
from sop_ap.source.registry import load_registry

HOUR, DAY = 60, 450

FIXED = DurationKind.FIXED
RANGE = DurationKind.RANGE


@pytest.mark.parametrize("text,kind,low,high", [
    ("5 Menit", FIXED, 5, 5),
    ("60 menit", FIXED, 60, 60),
    ("1 Jam", FIXED, 60, 60),
    ("2 Hari", FIXED, 900, 900),
    ("5-10 menit", RANGE, 5, 10),
    ("1-2 hari", RANGE, 450, 900),
    ("2 minggu", FIXED, 2 * 5 * DAY, 2 * 5 * DAY),
    ("1 bulan", FIXED, 20 * DAY, 20 * DAY),
    ("1,5 jam", FIXED, 90, 90),
    ("30 mnt", FIXED, 30, 30),
    ("3 hari kerja", FIXED, 3 * DAY, 3 * DAY),
    ("1 jam - 2 hari", RANGE, 60, 900),
    ("5 s.d. 10 menit", RANGE, 5, 10),
    ("2 sampai dengan 3 jam", RANGE, 120, 180),
    ("  10   MENIT  ", FIXED, 10, 10),
])
def test_countable_times(text: str, kind: DurationKind, low: float, high: float) -> None:
    duration = parse_duration(text)
    assert duration.kind is kind
    assert (duration.min_minutes, duration.max_minutes) == (low, high)
    assert duration.countable
    assert duration.text == text.strip()


@pytest.mark.parametrize("text,kind", [
    ("Semesteran", DurationKind.PERIODIC),
    ("Setiap bulan", DurationKind.PERIODIC),
    ("Tiap triwulan", DurationKind.PERIODIC),
    ("Tahunan", DurationKind.PERIODIC),
    ("-", DurationKind.MISSING),
    ("", DurationKind.MISSING),
    (None, DurationKind.MISSING),
    ("   ", DurationKind.MISSING),
    ("gabung", DurationKind.MERGED),
    ("Gabung", DurationKind.MERGED),
    ("kira-kira lama", DurationKind.UNREADABLE),
    ("10-5 menit", DurationKind.UNREADABLE),  # a range that runs backwards is not a range
    ("5 detik", DurationKind.UNREADABLE),
    ("lima menit", DurationKind.UNREADABLE),
])
def test_times_that_do_not_add_up(text, kind: DurationKind) -> None:
    duration = parse_duration(text)
    assert duration.kind is kind
    if kind is DurationKind.MERGED:
        assert (duration.min_minutes, duration.max_minutes) == (0, 0)  # counted once, on the row above
    else:
        assert not duration.countable and duration.min_minutes is None and duration.max_minutes is None
    assert TimeRange.of(duration) == TimeRange(0, 0)


def test_numbers_are_read_as_text() -> None:
    assert parse_duration(5).kind is DurationKind.UNREADABLE  # a number without unit is not a time
    data = base_sop()
    data["langkah"][2]["waktu"] = 15  # written without a unit in the file: kept as text, then flagged
    entry = load(data)
    assert entry.sop.langkah[2].waktu == "15"
    assert [d.code for d in entry.diagnostics] == ["waktu-tak-terbaca"]


def test_working_time_convention() -> None:
    assert MINUTES_PER_UNIT == {"menit": 1, "jam": 60, "hari": 450, "minggu": 2250, "bulan": 9000}
    assert parse_duration("1 hari").min_minutes == 7.5 * HOUR == 450
    assert parse_duration("1 minggu").min_minutes == 5 * parse_duration("1 hari").min_minutes
    assert parse_duration("1 bulan").min_minutes == 4 * parse_duration("1 minggu").min_minutes
    assert "1 hari = 1 hari kerja = 7,5 jam kerja" in WORKING_TIME_CONVENTION
    assert "1 minggu = 5 hari kerja" in WORKING_TIME_CONVENTION and "1 bulan = 20 hari kerja" in WORKING_TIME_CONVENTION


@pytest.mark.parametrize("minutes,text", [
    (0, "0 menit"),
    (5, "5 menit"),
    (60, "1 jam"),
    (125, "2 jam 5 menit"),
    (450, "1 hari"),
    (451, "1 hari 1 menit"),
    (900 + 120, "2 hari 2 jam"),
    (1550, "3 hari 3 jam 20 menit"),
    (9000, "20 hari"),
    (4.6, "5 menit"),
])
def test_format_minutes(minutes: float, text: str) -> None:
    assert format_minutes(minutes) == text


def test_time_range_label_and_sum() -> None:
    assert TimeRange(5, 5).label() == "5 menit"
    assert TimeRange(5, 10).label() == "5 menit – 10 menit"
    assert TimeRange(450, 510).label() == "1 hari – 1 hari 1 jam"
    assert TimeRange().label() == "0 menit"
    total = TimeRange.of(parse_duration("5-10 menit")) + TimeRange.of(parse_duration("1-2 hari"))
    assert total == TimeRange(455, 910)
    assert total.label() == "1 hari 5 menit – 2 hari 10 menit"


@pytest.fixture(scope="module")
def seeds():
    registry = load_registry(SOPS)
    return registry.by_id[BAJENG_ID].sop, registry.by_id[JUAI_ID].sop


def test_bajeng_barat_times(seeds) -> None:
    sop = seeds[0]
    graph = FlowGraph(sop.flowcharts[0])
    # Steps 1..9 in order; the decision (step 6) takes its first exit "Benar" to 7, the loop back to 5 is left out.
    assert [sop.langkah[r].no for r in graph.main_path()] == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    by_hand = 5 + 60 + 120 + 5 + 120 + 5 + 5 + 5 + 5  # 5 Menit, 60 menit, 120 menit, 5 menit, 120 menit, 5 x 4
    assert by_hand == 330
    assert graph.main_path_time() == TimeRange(330, 330)
    assert graph.main_path_time().label() == "5 jam 30 menit"
    # The only path without repetition is the main path (the other exit goes back).
    assert graph.simple_paths() == [graph.main_path()]
    assert graph.time_over_all_paths() == TimeRange(330, 330)


def test_juai_times(seeds) -> None:
    sop = seeds[1]
    graph = FlowGraph(sop.flowcharts[0])
    assert [sop.langkah[r].no for r in graph.main_path()] == [1, 2, 3, 4, 5, 8, 9]
    by_hand = 10 + HOUR + HOUR + 2 * DAY + DAY + HOUR + 10  # 10 Menit, 1 Jam, 1 Jam, 2 Hari, 1 Hari, 1 Jam, 10 Menit
    assert by_hand == 1550
    assert graph.main_path_time() == TimeRange(by_hand, by_hand)
    assert graph.main_path_time().label() == "3 hari 3 jam 20 menit"
    assert graph.time_over_all_paths() == TimeRange(1550, 1550)


def test_time_over_all_paths_takes_the_shortest_and_longest() -> None:
    data = base_sop()
    data["langkah"][1]["cabang"] = {"Lengkap": 3, "Ditolak": "selesai"}
    graph = FlowGraph(load(data).sop.flowcharts[0])
    # rejected: 5 + 10 minutes; complete: 5 + 10 + 60 + 15 + (5..10) minutes
    assert graph.main_path_time() == TimeRange(95, 100)
    assert graph.time_over_all_paths() == TimeRange(15, 100)
    assert graph.time_over_all_paths().label() == "15 menit – 1 jam 40 menit"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_text_parses_without_raising(text: str) -> None:
    duration = parse_duration(text)
    assert isinstance(duration.kind, DurationKind)
    if duration.countable:
        assert 0 <= duration.min_minutes <= duration.max_minutes


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(sorted(MINUTES_PER_UNIT)))
def test_fixed_times_scale_with_their_unit(n: int, unit: str) -> None:
    duration = parse_duration(f"{n} {unit}")
    assert duration.kind is DurationKind.FIXED and duration.min_minutes == n * MINUTES_PER_UNIT[unit]
