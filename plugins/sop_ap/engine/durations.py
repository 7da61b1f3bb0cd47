"""Standard times (the *Waktu* column of the Mutu Baku): parsing and arithmetic.

Convention (shown to users as ``WORKING_TIME_CONVENTION``): times count in working minutes.
One *jam* is one office hour; one *hari* is one working day of 7.5 office hours (37.5 hours
over a five-day week, the working week of Indonesian civil servants); one *minggu* is five
working days; one *bulan* is four working weeks (20 working days).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from enum import Enum

MINUTES_PER_UNIT: dict[str, int] = {
    "menit": 1,
    "jam": 60,
    "hari": 450,
    "minggu": 5 * 450,
    "bulan": 20 * 450,
}

UNIT_ALIASES: dict[str, str] = {
    "menit": "menit", "mnt": "menit", "min": "menit", "m": "menit",
    "jam": "jam", "j": "jam",
    "hari": "hari", "hr": "hari", "hari kerja": "hari",
    "minggu": "minggu", "pekan": "minggu",
    "bulan": "bulan", "bln": "bulan",
}

WORKING_TIME_CONVENTION = (
    "Waktu dihitung dalam waktu kerja: 1 jam = 1 jam kerja; 1 hari = 1 hari kerja = 7,5 jam kerja; "
    "1 minggu = 5 hari kerja; 1 bulan = 20 hari kerja."
)

LONGEST_STEP_MINUTES = 12 * MINUTES_PER_UNIT["bulan"]
"""A step that takes longer than this (a working year) is most likely a typing error: it gets a warning."""

MERGED_KEYWORD = "gabung"
"""A ``waktu`` of this word means: this row shares the time written on the row above."""

PERIODIC_WORDS = ("setiap", "tiap", "per ", "harian", "mingguan", "bulanan", "triwulan",
                  "semester", "tahunan", "berkala")
MISSING_VALUES = {"", "-", "--", "—", "–", "tidak ada", "n/a"}

_NUMBER = r"\d+(?:[.,]\d+)?"
_UNIT = r"[a-zA-Z]+(?: kerja)?"
_FIXED = re.compile(rf"^(?P<n>{_NUMBER})\s*(?P<unit>{_UNIT})\.?$")
_RANGE = re.compile(
    rf"^(?P<a>{_NUMBER})\s*(?P<unit_a>{_UNIT})?\s*(?:-|–|—|s\.?\s*d\.?|sampai(?: dengan)?)\s*"
    rf"(?P<b>{_NUMBER})\s*(?P<unit>{_UNIT})\.?$"
)


class DurationKind(str, Enum):
    """What a *Waktu* cell holds."""

    FIXED = "tetap"
    RANGE = "rentang"
    PERIODIC = "berkala"
    MISSING = "kosong"
    MERGED = "gabung"
    UNREADABLE = "tidak_terbaca"


@dataclass(frozen=True)
class Duration:
    """A parsed *Waktu* value; ``min_minutes``/``max_minutes`` are working minutes or None."""

    text: str
    kind: DurationKind
    min_minutes: float | None = None
    max_minutes: float | None = None

    @property
    def countable(self) -> bool:
        """True when this value adds to a total time."""
        return self.min_minutes is not None


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _unit(text: str | None) -> str | None:
    if text is None:
        return None
    return UNIT_ALIASES.get(text.strip().lower())


@lru_cache(maxsize=4096)
def parse_duration(text: str | int | float | None) -> Duration:
    """Parse a *Waktu* cell such as ``5 Menit``, ``5-10 menit``, ``2 Hari``, ``Setiap bulan``, ``-``."""
    raw = "" if text is None else str(text).strip()
    low = " ".join(raw.lower().split())
    if low in MISSING_VALUES:
        return Duration(raw, DurationKind.MISSING)
    if low == MERGED_KEYWORD:
        return Duration(raw, DurationKind.MERGED, 0.0, 0.0)
    match = _FIXED.match(low)
    if match and _unit(match["unit"]):
        minutes = _number(match["n"]) * MINUTES_PER_UNIT[_unit(match["unit"])]
        if not math.isfinite(minutes):  # hundreds of digits: no total can use it
            return Duration(raw, DurationKind.UNREADABLE)
        return Duration(raw, DurationKind.FIXED, minutes, minutes)
    match = _RANGE.match(low)
    if match and _unit(match["unit"]) and (match["unit_a"] is None or _unit(match["unit_a"])):
        unit_b = _unit(match["unit"])
        unit_a = _unit(match["unit_a"]) or unit_b
        low_m = _number(match["a"]) * MINUTES_PER_UNIT[unit_a]
        high_m = _number(match["b"]) * MINUTES_PER_UNIT[unit_b]
        if low_m <= high_m and math.isfinite(high_m):
            return Duration(raw, DurationKind.RANGE, low_m, high_m)
    if any(word in low + " " for word in PERIODIC_WORDS):
        return Duration(raw, DurationKind.PERIODIC)
    return Duration(raw, DurationKind.UNREADABLE)


@dataclass(frozen=True)
class TimeRange:
    """A total of standard times: a minimum and a maximum in working minutes."""

    min_minutes: float = 0.0
    max_minutes: float = 0.0

    def __add__(self, other: "TimeRange") -> "TimeRange":
        return TimeRange(self.min_minutes + other.min_minutes, self.max_minutes + other.max_minutes)

    @classmethod
    def of(cls, duration: Duration) -> "TimeRange":
        """The range a single duration adds (zero when it is not countable)."""
        if not duration.countable:
            return cls()
        return cls(duration.min_minutes or 0.0, duration.max_minutes or 0.0)

    def label(self) -> str:
        """Indonesian text, e.g. ``2 jam 5 menit`` or ``1 hari – 1 hari 2 jam``."""
        low, high = format_minutes(self.min_minutes), format_minutes(self.max_minutes)
        return low if low == high else f"{low} – {high}"


def format_minutes(minutes: float) -> str:
    """Working minutes as Indonesian text in hari, jam and menit (``1 hari 2 jam 5 menit``)."""
    total = round(minutes)
    if total == 0:
        return "0 menit"
    days, rest = divmod(total, MINUTES_PER_UNIT["hari"])
    hours, mins = divmod(rest, 60)
    parts = [f"{days} hari" if days else "", f"{hours} jam" if hours else "", f"{mins} menit" if mins else ""]
    return " ".join(p for p in parts if p)
