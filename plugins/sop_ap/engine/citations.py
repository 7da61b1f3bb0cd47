"""Legal-basis citations: the kinds of regulation and the standard citation pattern.

``<Jenis> Nomor <n> Tahun <yyyy> tentang <Judul>`` is parsed into parts; the kind is
normalised to a short code (``PP``, ``Permenpan RB``, ``Perka BKN`` …) so that a citation can
be matched with the regulations data file whatever wording the document used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Canonical kind -> wordings seen in documents (lower case, without "Republik Indonesia").
KIND_ALIASES: dict[str, tuple[str, ...]] = {
    "UUD": ("uud", "undang-undang dasar", "uud 1945"),
    "UU": ("uu", "undang-undang", "undang undang"),
    "Perppu": ("perppu", "perpu", "peraturan pemerintah pengganti undang-undang"),
    "PP": ("pp", "peraturan pemerintah"),
    "Perpres": ("perpres", "peraturan presiden"),
    "Keppres": ("keppres", "kepres", "keputusan presiden"),
    "Inpres": ("inpres", "instruksi presiden"),
    "Permenpan RB": (
        "permenpan rb", "permenpan-rb", "permenpan dan rb", "permenpan", "permenpanrb",
        "peraturan menteri pendayagunaan aparatur negara dan reformasi birokrasi",
        "peraturan menteri pendayagunaan aparatur negara",
        "peraturan menpan rb", "peraturan menpan",
    ),
    "Kepmenpan": ("kepmenpan", "keputusan menteri pendayagunaan aparatur negara"),
    "Permendagri": ("permendagri", "peraturan menteri dalam negeri"),
    "PMK": ("pmk", "permenkeu", "peraturan menteri keuangan"),
    "Permen": ("permen", "peraturan menteri"),
    "Perka BKN": (
        "perka bkn", "peraturan kepala bkn", "peraturan kepala badan kepegawaian negara",
    ),
    "Peraturan BKN": ("peraturan bkn", "peraturan badan kepegawaian negara"),
    "Perka BPS": ("perka bps", "peraturan kepala badan pusat statistik"),
    "Perda": ("perda", "peraturan daerah"),
    "Pergub": ("pergub", "peraturan gubernur"),
    "Perbup": ("perbup", "peraturan bupati"),
    "Perwal": ("perwal", "peraturan wali kota", "peraturan walikota"),
    "SE": ("se", "surat edaran"),
}

_ALIAS_TO_KIND = {alias: kind for kind, aliases in KIND_ALIASES.items() for alias in aliases}
_NOISE = re.compile(r"\b(republik indonesia|ri)\b")


def normalise_kind(text: str) -> str | None:
    """The canonical code for a kind of regulation, or None when it is not known."""
    low = " ".join(_NOISE.sub(" ", text.lower().replace(".", " ")).split())
    if low in _ALIAS_TO_KIND:
        return _ALIAS_TO_KIND[low]
    if low.upper() in KIND_ALIASES:
        return low.upper()
    for kind in KIND_ALIASES:
        if kind.lower() == low:
            return kind
    return None


def regulation_key(kind: str, number: str, year: int) -> str:
    """A stable identifier such as ``pp-46-2011`` or ``permenpan-rb-35-2012``."""
    slug = re.sub(r"[^a-z0-9]+", "-", f"{kind} {number} {year}".lower()).strip("-")
    return slug


_CITATION = re.compile(
    r"^(?P<kind>.+?)\s+(?:nomor|no\.?)?\s*(?P<number>[0-9][\w./-]*)\s+tahun\s+(?P<year>\d{4})"
    r"(?:\s+tentang\s+(?P<about>.+?))?[.;,]?$",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True)
class ParsedCitation:
    """The parts of a citation in the standard pattern."""

    kind: str
    number: str
    year: int
    about: str | None


def parse_citation(text: str) -> ParsedCitation | None:
    """Parse ``<Jenis> Nomor <n> Tahun <yyyy> tentang <Judul>``; None when the text does not fit."""
    match = _CITATION.match(" ".join(text.split()))
    if not match:
        return None
    kind = normalise_kind(match["kind"])
    if kind is None:
        return None
    about = match["about"]
    return ParsedCitation(kind, match["number"], int(match["year"]), about.strip() if about else None)
