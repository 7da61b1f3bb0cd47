"""Positions (jabatan) across the registry: one name for each position, whatever each SOP calls it.

SOPs of different units name the same position differently ("Kasubag Perencanaan", "Kasubbag
Perencanaan dan Keuangan"; "Sekrcam", "Sekretaris"). The unit keeps a list of its positions with their
aliases in ``sops/_jabatan.yaml``::

    jabatan:
      - nama: Sekretaris Kecamatan
        alias: [Sekcam, Sekrcam, Sekretaris, Sekretaris Camat]

A performer whose name (or one of its ``kode``/``sebutan``) is listed is shown under the position's name
on the pelaksana pages. Names that are not listed but look alike (compared with rapidfuzz after common
abbreviations are written out) get a warning from ``sop validate`` suggesting to list them together.
Only performers who act in at least one step count: an empty column is no one's task.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from ..engine.checks import chart_columns, norm_name
from ..engine.diagnostics import Diagnostic, warning
from ..engine.model import Flowchart

POSITIONS_FILE = "_jabatan.yaml"
"""In the registry folder; the leading underscore keeps it out of the SOP files."""
SIMILARITY = 90
"""rapidfuzz ratio (0-100) from which two position names are taken for one position spelled differently."""
ABBREVIATIONS = {
    "kasubag": "kepala sub bagian", "kasubbag": "kepala sub bagian", "kasubid": "kepala sub bidang",
    "kasi": "kepala seksi", "kasie": "kepala seksi", "kabag": "kepala bagian", "kabid": "kepala bidang",
    "sekcam": "sekretaris camat", "sekrcam": "sekretaris camat", "sekdes": "sekretaris desa",
    "kades": "kepala desa", "kadis": "kepala dinas", "kaban": "kepala badan", "subag": "sub bagian",
    "subbag": "sub bagian", "sekretaris kecamatan": "sekretaris camat",
}


def fuzzy_key(name: str) -> str:
    """Lower case, punctuation gone, abbreviations written out: "Kasubag Perencanaan" ->
    "kepala sub bagian perencanaan"."""
    words = re.findall(r"[0-9a-z]+", name.lower())
    text = " ".join(ABBREVIATIONS.get(w, w) for w in words)
    for short, full in ABBREVIATIONS.items():
        if " " in short:
            text = text.replace(short, full)
    return text


@dataclass
class Positions:
    """The unit's list: any listed name or alias (normalised) -> the position's name."""

    names: dict[str, str] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def canonical(self, *names: str) -> str | None:
        for name in names:
            found = self.names.get(norm_name(name))
            if found:
                return found
        return None


def load_positions(root: Path) -> Positions:
    """``root/_jabatan.yaml`` if there is one; problems become warnings (the list only helps grouping)."""
    path = root / POSITIONS_FILE
    positions = Positions()
    if not path.is_file():
        return positions
    display = path.as_posix()

    def problem(message: str) -> Positions:
        positions.diagnostics.append(warning("jabatan-berkas", message).located(display, None, None))
        return positions

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        return problem(f"Daftar jabatan tidak dapat dibaca: {exc}. Daftar ini diabaikan.")
    items = data.get("jabatan") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return problem("Daftar jabatan harus berisi 'jabatan:' dengan butir {nama, alias}. Daftar ini diabaikan.")
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("nama"), str) or not item["nama"].strip():
            problem(f"Butir jabatan ke-{i + 1} tidak punya 'nama'; butir ini diabaikan.")
            continue
        aliases = item.get("alias") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        name = " ".join(item["nama"].split())
        for alias in [name, *[a for a in aliases if isinstance(a, str)]]:
            key = norm_name(alias)
            if key in positions.names and positions.names[key] != name:
                problem(f"'{alias}' tercantum pada dua jabatan ('{positions.names[key]}' dan '{name}'); "
                        f"yang pertama dipakai.")
                continue
            positions.names[key] = name
    return positions


def acting_columns(chart: Flowchart) -> set[int]:
    """The performer columns that hold a symbol in at least one row."""
    return {col for cols in chart_columns(chart) for col in cols}


def position_name(positions: Positions, performer) -> str:
    """The name a performer is listed under: its position's, or its own."""
    return positions.canonical(*performer.names()) or performer.nama


def _similarity(key_a: str, key_b: str) -> float:
    """How much two written-out names look like one position (0-100). The same words, or one name
    continuing the other ("kepala sub bagian perencanaan" / "... perencanaan dan keuangan") count fully;
    otherwise rapidfuzz's ratio catches spelling differences ("perencanan"). A name that only ends like
    another ("camat" / "sekretaris camat") is another position."""
    if key_a == key_b:
        return 100.0
    short, long = sorted((key_a.split(), key_b.split()), key=len)
    if len(" ".join(short)) >= 8 and long[:len(short)] == short:
        return 100.0 * len(short) / len(long) if len(short) == 1 else 95.0
    return fuzz.ratio(key_a, key_b)


def similar_names(names: list[str]) -> list[tuple[str, str, float]]:
    """Pairs of names (a before b) that look like one position, with their similarity."""
    keys = [(name, fuzzy_key(name)) for name in names]
    pairs = []
    for i, (a, key_a) in enumerate(keys):
        for b, key_b in keys[i + 1:]:
            if not key_a or not key_b:
                continue
            score = _similarity(key_a, key_b)
            if score >= SIMILARITY:
                pairs.append((a, b, score))
    return pairs


def role_notes(registry) -> list[Diagnostic]:
    """Warnings for positions named differently across the registry's SOPs and not yet in _jabatan.yaml."""
    positions = getattr(registry, "positions", None) or load_positions(registry.root)
    first_seen: dict[str, tuple] = {}  # shown name -> (entry, chart index, column)
    for entry in registry.entries:
        if not entry.ok:
            continue
        for ci, chart in enumerate(entry.sop.flowcharts):
            acting = acting_columns(chart)
            for col, performer in enumerate(chart.performers):
                if col in acting and positions.canonical(*performer.names()) is None:
                    first_seen.setdefault(performer.nama, (entry, ci, col))
    notes = list(positions.diagnostics)
    for a, b, score in similar_names(sorted(first_seen)):
        entry, ci, col = first_seen[b]
        other = first_seen[a][0]
        where = ("varian", ci, "pelaksana", col) if entry.sop.varian else ("pelaksana", col)
        message = (f"Jabatan '{b}' mirip '{a}' (di {other.display}; kemiripan {score:.0f}%). Bila keduanya jabatan "
                   f"yang sama, catat sebagai satu jabatan dengan alias di {POSITIONS_FILE} agar SOP-nya "
                   "dikelompokkan bersama di halaman pelaksana.")
        diag = warning("jabatan-mirip", message, where)
        notes.append(_locate(entry, diag))
    return notes


def _locate(entry, diag: Diagnostic) -> Diagnostic:
    """The diagnostic with the file, line and column of its field in ``entry``'s file."""
    before = len(entry.diagnostics)
    entry.add([diag])
    located = entry.diagnostics.pop(before)
    return located


def positions_of(registry) -> Positions:
    """The registry's list of positions, read once per registry."""
    cached = getattr(registry, "_sop_positions", None)
    if cached is None:
        cached = load_positions(registry.root)
        registry._sop_positions = cached
    return cached
