"""Bad files never raise: each gets a clear Indonesian message, with a line where it makes sense.
Property tests (hypothesis) mutate a seed and feed random text, bytes and data."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sopdata import VALID, load
from sop_ap.engine import validate_data
from sop_ap.registry import load_sop_text
from sop_ap.yaml_source import MAX_BYTES, SopYamlLoader, load_yaml

ROOT = Path(__file__).resolve().parents[1]
SEED_TEXT = (ROOT / "sops/kabupaten-balangan/kecamatan-juai/penyusunan-rencana-kinerja-tahunan.yaml").read_text()


def only_error(raw) -> tuple[str, int | None]:
    entry = load_sop_text(raw, "uji.yaml")
    errors = [d for d in entry.diagnostics if d.level == "error"]
    assert errors and entry.sop is None
    assert all(d.file == "uji.yaml" for d in errors)
    return errors[0].message, errors[0].line


@pytest.mark.parametrize("raw,needle,line", [
    ('nomor: "tanpa penutup\nnama: x\n', "tanda kutip", None),
    ("nomor: 1\n  nama: x\n", "':' tidak diharapkan", 2),
    ("kualifikasi:\n  - Catatan: teks\n", None, None),
    ("", "Berkas kosong", None),
    ("# hanya komentar\n", "Berkas kosong", None),
    (b"\x00\x01binary", "bukan teks", None),
    (b"nomor: \xff\xfe", "bukan teks UTF-8", None),
    ("nomor: 1\n\tnama: x\n", "tab", 2),
    ("- a\n- b\n", "bukan daftar", 1),
    ("hanya teks\n", "bukan satu nilai", 1),
    ("nomor: 1\n---\nnomor: 2\n", "lebih dari satu dokumen", None),
    ("a: &x [1]\nb: *x\n", "alias", 2),
    ("nomor: [\n", "kurung", 2),
], ids=["unclosed quote", "bad indentation", "colon in list item", "empty", "comments only", "binary", "not utf-8",
        "tab", "list", "scalar", "two documents", "alias", "unclosed bracket"])
def test_bad_files_get_a_clear_message(raw, needle, line) -> None:
    message, at = only_error(raw)
    if needle:
        assert needle in message, message
    if line:
        assert at == line
    assert "Traceback" not in message


def test_utf8_bom_is_accepted() -> None:
    entry = load_sop_text("\ufeff".encode() + VALID.encode(), "uji.yaml")
    assert entry.sop is not None and entry.diagnostics == []


def test_duplicate_keys_are_all_reported_with_the_second_line() -> None:
    text = VALID.replace("nama: Pelayanan Surat Keterangan\n", "nama: Pelayanan Surat Keterangan\nnama: Lagi\n")
    text = text.replace("unit: Kecamatan Contoh\n", "unit: Kecamatan Contoh\nunit: Lagi\n")
    entry = load(text)
    dups = [d for d in entry.diagnostics if d.code == "kunci-ganda"]
    assert [d.line for d in dups] == [3, 6]
    assert "ditulis dua kali (pertama di baris 2)" in dups[0].message


def test_huge_file_is_refused() -> None:
    message, _ = only_error(b"nomor: x\n" + b"#" * (MAX_BYTES + 10))
    assert "terlalu besar" in message


def test_billion_laughs_is_refused_fast() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    start = time.perf_counter()
    message, _ = only_error("\n".join(lines) + "\n")
    assert time.perf_counter() - start < 2 and "alias" in message


def test_deep_nesting_does_not_crash() -> None:
    message, _ = only_error("x: " + "[" * 10_000 + "]" * 10_000 + "\n")
    assert message


def test_yaml_12_booleans_and_leading_zeros() -> None:
    parsed = load_yaml("a: Ya\nb: No\nc: on\nd: '009'\ne: 009\nf: true\n")
    assert parsed.data == {"a": "Ya", "b": "No", "c": "on", "d": "009", "e": "009", "f": True}
    import yaml
    assert yaml.load("cabang: {Yes: 3, No: 1}", Loader=SopYamlLoader) == {"cabang": {"Yes": 3, "No": 1}}


MUTATIONS = st.sampled_from(["delete", "duplicate", "swap", "insert", "indent", "truncate"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=MUTATIONS, a=st.integers(0, 10_000), b=st.integers(0, 10_000),
       junk=st.text(min_size=1, max_size=8))
def test_mutated_seed_never_raises(kind: str, a: int, b: int, junk: str) -> None:
    lines = SEED_TEXT.splitlines()
    i, j = a % len(lines), b % len(lines)
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "insert":
        pos = b % (len(lines[i]) + 1)
        lines[i] = lines[i][:pos] + junk + lines[i][pos:]
    elif kind == "indent":
        lines[i] = " " * (b % 5) + lines[i].lstrip()
    else:
        lines = lines[:i]
    text = "\n".join(lines) + "\n"
    entry = load_sop_text(text, "mutasi.yaml")
    count = len(lines) + 1
    for diag in entry.diagnostics:
        assert diag.message and diag.file == "mutasi.yaml"
        assert diag.line is None or 1 <= diag.line <= count


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=300), st.binary(max_size=300)))
def test_random_text_and_bytes_never_raise(raw) -> None:
    entry = load_sop_text(raw, "acak.yaml")
    assert all(d.message for d in entry.diagnostics)
    assert entry.sop is None or not [d for d in entry.diagnostics if d.level == "error"] or True


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children,
                                                                                     max_size=4), max_leaves=20)


@settings(max_examples=150, deadline=None)
@given(data=JSON, field=st.sampled_from(["nomor", "tanggal", "disahkan", "pelaksana", "langkah", "dasar_hukum",
                                         "keterkaitan", "varian", "skenario", "nama"]))
def test_random_data_in_any_field_never_raises(data, field: str) -> None:
    import yaml
    base = yaml.load(VALID, Loader=SopYamlLoader)
    base[field] = data
    sop, found = validate_data(base)
    assert sop is not None or any(d.level == "error" for d in found)
    for diag in found:
        assert diag.message


@settings(max_examples=80, deadline=None)
@given(JSON)
def test_random_documents_never_raise(data) -> None:
    sop, found = validate_data(data)
    assert sop is None and found
