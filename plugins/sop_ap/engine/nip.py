"""NIP (Nomor Induk Pegawai): 18 digits = birth date (8) + appointment month (6) + sex (1) + serial (3).

A scanned NIP is often partly illegible. Unknown digits are written as ``?`` and are never
guessed: ``???????? 200601 1 016`` keeps the ten digits that can be read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

NIP_LENGTH = 18
UNKNOWN_DIGIT = "?"
GROUPS = (8, 6, 1, 3)


@dataclass(frozen=True)
class NipCheck:
    """The outcome of checking an NIP: normalised digits, errors and warnings (Indonesian)."""

    digits: str
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return UNKNOWN_DIGIT not in self.digits and len(self.digits) == NIP_LENGTH


def normalise_nip(text: str) -> str:
    """Drop spaces, dots and the ``NIP`` prefix; keep digits and ``?``."""
    cleaned = text.strip()
    if cleaned.upper().startswith("NIP"):
        cleaned = cleaned[3:].lstrip(" .:")
    return "".join(ch for ch in cleaned if ch not in " .-\u00a0")


def format_nip(digits: str) -> str:
    """Group 18 characters as printed on SOPs: ``19791025 199912 2 001``."""
    if len(digits) != NIP_LENGTH:
        return digits
    parts, start = [], 0
    for size in GROUPS:
        parts.append(digits[start:start + size])
        start += size
    return " ".join(parts)


def _known(part: str) -> bool:
    return UNKNOWN_DIGIT not in part


def check_nip(text: str) -> NipCheck:
    """Check the parts of an NIP that can be read; unknown digits give a warning, not an error."""
    digits = normalise_nip(text)
    errors: list[str] = []
    warnings: list[str] = []
    bad = sorted({ch for ch in digits if not (ch.isdigit() or ch == UNKNOWN_DIGIT)})
    if bad:
        errors.append(
            f"NIP hanya boleh berisi angka (dan '?' untuk angka yang tidak terbaca); ditemukan {''.join(bad)!r}."
        )
        return NipCheck(digits, tuple(errors))
    if len(digits) != NIP_LENGTH:
        errors.append(
            f"NIP harus 18 angka, tertulis {len(digits)}. Tulis angka yang tidak terbaca sebagai '?', "
            "mis. '???????? 200601 1 016'."
        )
        return NipCheck(digits, tuple(errors))
    birth, appointed, sex = digits[:8], digits[8:14], digits[14]
    birth_date = None
    if _known(birth):
        try:
            birth_date = dt.date(int(birth[:4]), int(birth[4:6]), int(birth[6:8]))
        except ValueError:
            errors.append(f"8 angka pertama NIP ({birth}) bukan tanggal lahir yang sah (TTTTBBHH).")
    if _known(appointed):
        year, month = int(appointed[:4]), int(appointed[4:6])
        if not 1 <= month <= 12:
            errors.append(f"Angka ke-9 s.d. 14 NIP ({appointed}) harus tahun dan bulan pengangkatan (TTTTBB).")
        elif birth_date and year < birth_date.year + 15:
            errors.append(
                f"Tahun pengangkatan pada NIP ({year}) terlalu dekat dengan tahun lahir ({birth_date.year})."
            )
        elif year < 1945:
            errors.append(f"Tahun pengangkatan pada NIP ({year}) tidak masuk akal.")
    if _known(sex) and sex not in "12":
        errors.append(f"Angka ke-15 NIP menandai jenis kelamin dan harus 1 atau 2, tertulis {sex}.")
    unknown = digits.count(UNKNOWN_DIGIT)
    if unknown:
        warnings.append(f"NIP tidak lengkap: {unknown} dari 18 angka tidak terbaca; periksa dokumen aslinya.")
    return NipCheck(digits, tuple(errors), tuple(warnings))
