"""Messages: PyYAML's English rendered in Indonesian, unknown problems with the English at the end only;
control characters refused or shown as escapes; far-future dates and absurd durations warned about."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from helpers import base_sop, is_indonesian, load, to_yaml
from sop_ap.engine.checks import check_sop
from sop_ap.engine.durations import DurationKind, parse_duration
from sop_ap.render.html_text import esc
from sop_ap.source.yaml_source import _translate_yaml_problem
from sopdata import VALID

ENGLISH = re.compile(r"\b(while|found|expected|could not|constructor|determine|scanning|parsing|document|"
                     r"invalid literal|exceeded)\b")


@pytest.mark.parametrize("raw,words", [
    ("nomor: !!python/object:os.system x\n", "Tag YAML"),
    ("nomor: !pribadi teks\n", "Tag YAML"),
    ("%YAML 2.0\n---\nnomor: x\n", "Versi YAML"),
    ("nomor: & x\n", "anchor"),
    ('nomor: "a\\xZZ"\n', "heksadesimal"),
    ("nomor: |-x\n  a\n", "Tanda '|'"),
    ("nomor: [a, b\nnama: x\n", "kurung '[ ]'"),
    ("nomor: !!omap [a]\n", "omap"),
    ("x: " + "[" * 200 + "]" * 200 + "\n", "bersarang"),
], ids=["python tag", "own tag", "yaml 2.0", "anchor", "hex escape", "block scalar", "flow list", "omap", "nesting"])
def test_known_pyyaml_problems_are_indonesian(raw: str, words: str) -> None:
    entry = load(raw)
    message = entry.diagnostics[0].message
    assert words in message and is_indonesian(message) and not ENGLISH.search(message), message


def test_an_unknown_problem_gets_an_indonesian_sentence_with_the_english_at_the_end() -> None:
    message = _translate_yaml_problem("something nobody has seen")
    assert message.startswith("YAML tidak dapat dibaca") and is_indonesian(message.split("(")[0])
    assert message.endswith("(Keterangan pembaca YAML: something nobody has seen)")
    entry = load("nomor: !!int abc\n")
    assert entry.diagnostics[0].message.startswith("Nilai tidak dapat dibaca.")
    head, _, detail = entry.diagnostics[0].message.partition(" (Keterangan pembaca YAML: ")
    assert is_indonesian(head) and not ENGLISH.search(head) and detail.startswith("invalid literal")


def test_a_timestamp_tag_on_text_is_no_crash() -> None:
    entry = load(VALID.replace("nomor: \"001/SOP/2024\"", "nomor: !!timestamp abc"))
    assert entry.sop is not None and entry.sop.nomor == "abc"


@pytest.mark.parametrize("escape,name", [("\\0", "NUL"), ("\\e", "ESC"), ("\\a", "BEL"), ("\\x85", "\\x85")])
def test_control_characters_from_escapes_are_refused_with_line(escape: str, name: str) -> None:
    text = VALID.replace("kegiatan: Memeriksa berkas", f'kegiatan: "Memeriksa{escape} berkas"')
    entry = load(text)
    diag = entry.diagnostics[0]
    assert entry.sop is None and diag.code == "karakter-kontrol" and name in diag.message
    assert diag.line == text.splitlines().index(next(ln for ln in text.splitlines() if escape in ln)) + 1
    assert diag.field_path == "langkah[1].kegiatan"


def test_control_characters_never_reach_html_raw() -> None:
    out = esc("a\x00b\x07c\x1bd <e>")
    assert out == "a\\x00b\\x07c\\x1bd &lt;e&gt;"
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", out)


def test_far_future_dates_are_warned_about() -> None:
    data = base_sop()
    data["tanggal"]["efektif"] = dt.date(9999, 12, 31)
    entry = load(data)
    found = [d for d in entry.diagnostics if d.code == "tanggal-jauh"]
    assert entry.ok and len(found) == 1 and "9999-12-31" in found[0].message
    assert found[0].field_path == "tanggal.efektif" and found[0].line == to_yaml(data).splitlines().index(
        "  efektif: 9999-12-31") + 1
    near = base_sop()
    near["tanggal"]["revisi"] = dt.date.today().replace(day=1) + dt.timedelta(days=400)  # a planned review
    assert not [d for d in check_sop(load(near).sop) if d.code == "tanggal-jauh"]


@pytest.mark.parametrize("waktu", ["100000000000000000000000 hari", "13 bulan", "1-300 hari"])
def test_absurd_durations_are_warned_about(waktu: str) -> None:
    data = base_sop()
    data["langkah"][2]["waktu"] = waktu
    entry = load(data)
    found = [d for d in entry.diagnostics if d.code == "waktu-besar"]
    assert entry.ok and len(found) == 1 and "sangat panjang" in found[0].message
    assert found[0].field_path == "langkah[2].waktu"


def test_a_duration_too_large_for_a_number_is_unreadable_not_a_crash() -> None:
    assert parse_duration("9" * 400 + " hari").kind is DurationKind.UNREADABLE
    data = base_sop()
    data["langkah"][2]["waktu"] = "9" * 400 + " hari"
    entry = load(data)
    assert entry.ok and [d.code for d in entry.diagnostics] == ["waktu-tak-terbaca"]
