"""Small valid SOPs as plain data, turned into YAML text, and helpers to find diagnostics and lines.

Tests take :func:`base_sop`, break it in one place, dump it with :func:`to_yaml` and load the text
the way ``sop validate`` does; the line of a diagnostic is checked against the line of the text
that was broken (found with :func:`line_of`).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path

import yaml

from sop_ap.engine.diagnostics import Diagnostic
from sop_ap.source.registry import SopEntry, load_registry, load_sop_text
from sop_ap.source.yaml_source import SopYamlLoader

ROOT = Path(__file__).resolve().parents[1]
SOPS = ROOT / "sops"
BAJENG_ID = "kabupaten-gowa/kecamatan-bajeng-barat/perjanjian-kinerja"
JUAI_ID = "kabupaten-balangan/kecamatan-juai/penyusunan-rencana-kinerja-tahunan"
BAJENG_FILE = SOPS / f"{BAJENG_ID}.yaml"
JUAI_FILE = SOPS / f"{JUAI_ID}.yaml"
SEED_FILES = {"bajeng-barat": BAJENG_FILE, "juai": JUAI_FILE}

FILE = "uji.yaml"

# Common words of the Indonesian messages; an English message (or a raw exception text) has none.
INDONESIAN_WORDS = ("tidak", "harus", "kolom", "langkah", "berkas", "tulis", "dari", "yang", "atau", "pada",
                    "dengan", "bukan", "boleh", "isi", "sudah", "nilai", "baris", "dipakai", "wajib")


def base_steps() -> list[dict]:
    """Five steps: start, a decision that may go back, two processes, the end."""
    return [
        {"no": 1, "kegiatan": "Menerima permohonan", "oleh": "Staf", "simbol": "terminator", "waktu": "5 menit"},
        {"no": 2, "kegiatan": "Memeriksa kelengkapan berkas", "oleh": "Staf", "simbol": "keputusan",
         "cabang": {"Lengkap": 3, "Tidak lengkap": 1}, "waktu": "10 menit"},
        {"no": 3, "kegiatan": "Membuat konsep surat", "oleh": "Staf", "waktu": "1 jam"},
        {"no": 4, "kegiatan": "Menandatangani surat", "oleh": "Camat", "waktu": "15 menit"},
        {"no": 5, "kegiatan": "Menyerahkan surat kepada pemohon", "oleh": "Staf", "simbol": "terminator",
         "waktu": "5-10 menit"},
    ]


def base_performers() -> list[dict]:
    return [{"nama": "Camat"}, {"nama": "Staf Pelayanan", "kode": "Staf", "sebutan": ["Petugas Loket"]}]


def base_sop() -> dict:
    """A small SOP without any problem (no error, no warning)."""
    return {
        "nomor": "001/SOP/2024",
        "nama": "Pelayanan Surat Keterangan Domisili",
        "instansi": "Pemerintah Kabupaten Contoh",
        "unit": "Kecamatan Contoh",
        "tanggal": {"pembuatan": dt.date(2024, 1, 2), "efektif": dt.date(2024, 1, 10)},
        "disahkan": {"jabatan": "Camat Contoh", "nama": "Nama Pejabat, S.Sos.", "nip": "19791025 199912 2 001"},
        "dasar_hukum": [{"jenis": "PP", "nomor": "17", "tahun": 2018, "tentang": "Kecamatan"}],
        "kualifikasi": ["Memahami tata naskah dinas"],
        "peralatan": ["Komputer"],
        "pelaksana": base_performers(),
        "langkah": base_steps(),
    }


def variant_sop() -> dict:
    """The base SOP with two flowcharts (``varian``), each with its own performers and steps."""
    data = base_sop()
    del data["pelaksana"], data["langkah"]
    online_steps = [
        {"no": 1, "kegiatan": "Menerima permohonan lewat surel", "oleh": "Operator", "simbol": "terminator",
         "waktu": "5 menit"},
        {"no": 2, "kegiatan": "Menandatangani surat elektronik", "oleh": "Camat", "waktu": "10 menit"},
        {"no": 3, "kegiatan": "Mengirim surat kepada pemohon", "oleh": "Operator", "simbol": "terminator",
         "waktu": "5 menit"},
    ]
    data["varian"] = [
        {"nama": "Datang langsung", "pelaksana": base_performers(), "langkah": base_steps()},
        {"nama": "Lewat surel", "pelaksana": [{"nama": "Camat"}, {"nama": "Operator Layanan", "kode": "Operator"}],
         "langkah": online_steps},
    ]
    return data


def fresh(data: dict) -> dict:
    return copy.deepcopy(data)


class _Dumper(yaml.SafeDumper):
    """Quotes a text only where the project's loader would read it as something else (so ``no:`` and
    ``Ya:`` are written plainly, as a person writes them)."""


_Dumper.yaml_implicit_resolvers = {key: list(value) for key, value in SopYamlLoader.yaml_implicit_resolvers.items()}


def to_yaml(data: object) -> str:
    """Block-style YAML, keys in the order written, one field a line."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False,
                     width=10_000)


def load(source: dict | str | bytes) -> SopEntry:
    """Load an SOP (data, text or bytes) the way a file is loaded."""
    text = to_yaml(source) if isinstance(source, dict) else source
    return load_sop_text(text, FILE)


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line number of the n-th line that contains ``needle``."""
    found = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(found) >= occurrence, f"{needle!r} not found {occurrence} time(s) in the text"
    return found[occurrence - 1]


def summary(diagnostics: list[Diagnostic]) -> list[tuple[str, str, str, int | None]]:
    """(level, code, field path, line) of every diagnostic, for assertion messages."""
    return [(d.level, d.code, d.field_path, d.line) for d in diagnostics]


def with_code(entry: SopEntry, code: str) -> list[Diagnostic]:
    return [d for d in entry.diagnostics if d.code == code]


def only(entry: SopEntry, code: str) -> Diagnostic:
    """The one diagnostic with ``code`` (fails when there are none or several)."""
    found = with_code(entry, code)
    assert len(found) == 1, summary(entry.diagnostics)
    return found[0]


def errors(entry: SopEntry) -> list[Diagnostic]:
    return [d for d in entry.diagnostics if d.level == "error"]


def is_indonesian(message: str) -> bool:
    words = set(re.findall(r"[a-z]+", message.lower()))
    return any(word in words for word in INDONESIAN_WORDS) and "Traceback" not in message


def write_registry(root: Path, files: dict[str, dict | str]):
    """Write SOP files (data or text) under ``root`` and load them as a registry."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content if isinstance(content, str) else to_yaml(content), encoding="utf-8")
    return load_registry(root)


def write_one_sop(root: Path, data: dict):
    """One valid SOP written as ``root/sops/uji/uji/sop.yaml``: (its entry, the registry)."""
    registry = write_registry(root / "sops", {"uji/uji/sop.yaml": data})
    (entry,) = registry.entries
    assert entry.ok, entry.diagnostics
    return entry, registry


def seed_data(path: Path) -> dict:
    """A seed file as JSON-compatible data (dates as ISO text), read with the project's YAML loader."""
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=SopYamlLoader)
    return json.loads(json.dumps(raw, default=lambda value: value.isoformat()))
