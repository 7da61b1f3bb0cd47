"""Bad files never raise: each gets a clear Indonesian message, with a line where it makes sense.
Property tests (hypothesis) feed random text and bytes, mutate the seeds, and pass random data."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import (
    BAJENG_FILE, FILE, JUAI_FILE, base_sop, errors, is_indonesian, line_of, load, only, seed_data, summary, to_yaml,
)
from sop_ap.engine import validate_data
from sop_ap.source.registry import load_sop_file, load_sop_text
from sop_ap.source.yaml_source import MAX_BYTES, SopYamlLoader, load_yaml

BASE = to_yaml(base_sop())
SEED_TEXTS = [BAJENG_FILE.read_text(encoding="utf-8"), JUAI_FILE.read_text(encoding="utf-8")]
YAML_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


def yaml_line_count(text: str) -> int:
    """Lines as YAML counts them (it also breaks lines on NEL, LS and PS)."""
    return len(YAML_LINE_BREAK.split(text))


def refused(raw: str | bytes) -> tuple[str, str, int | None]:
    """Load a file that must be refused: (code, message, line) of its first error, checking the basics."""
    entry = load_sop_text(raw, FILE)
    found = errors(entry)
    assert found and entry.sop is None and not entry.ok, summary(entry.diagnostics)
    for diag in entry.diagnostics:
        assert diag.file == FILE and diag.message and is_indonesian(diag.message), diag.message
        assert "Traceback" not in diag.message and "Error:" not in diag.message
    return found[0].code, found[0].message, found[0].line


# --- malformed files: (raw, code, words of the message, line) -----------------------------------------------

BAD_FILES = [
    ("unclosed quote", 'nomor: "tanpa penutup\nnama: x\n', "yaml", "tanda kutip", 3),
    ("unclosed single quote", "nomor: 'tanpa penutup\nnama: x\n", "yaml", "tanda kutip", 3),
    ("unclosed bracket", "nomor: [\n", "yaml", "kurung", 2),
    ("bad indentation", "nomor: 1\n  nama: x\n", "yaml", "':' tidak diharapkan", 2),
    ("list item out of line", "kualifikasi:\n  - a\n - b\n", "yaml", "tidak sesuai", 3),
    ("missing colon", "nomor: x\nnama\nunit: y\n", "yaml", "':'", 3),
    ("empty file", "", "berkas-kosong", "Berkas kosong", None),
    ("only blank lines", "\n   \n\n", "berkas-kosong", "Berkas kosong", None),
    ("comments only", "# yaml-language-server: $schema=x\n# hanya komentar\n", "berkas-kosong", "Berkas kosong",
     None),
    ("document marker only", "---\n", "bukan-pemetaan", "harus berupa pemetaan", 1),
    ("a list", "- a\n- b\n", "bukan-pemetaan", "bukan daftar", 1),
    ("a scalar", "hanya teks\n", "bukan-pemetaan", "bukan satu nilai", 1),
    ("a number", "42\n", "bukan-pemetaan", "bukan satu nilai", 1),
    ("several documents", "nomor: 1\n---\nnomor: 2\n", "yaml", "lebih dari satu dokumen", 2),
    ("tab indentation", "nomor: 1\n\tnama: x\n", "yaml", "Karakter tab", 2),
    ("tab before a nested key", BASE.replace("  pembuatan:", "\tpembuatan:"), "yaml", "Karakter tab",
     line_of(BASE, "pembuatan:")),
    ("tab before a list item", "kualifikasi:\n\t- a\n", "yaml", "Karakter tab", 2),
    ("tab after spaces", "tanggal:\n  \tpembuatan: 2024-01-02\n", "yaml", "Karakter tab", 2),
    ("alias of a list", "a: &x [1]\nb: *x\n", "yaml-alias", "alias", 2),
    ("alias of a text", BASE.replace("nama: Pelayanan", "nama: &n Pelayanan").replace(
        "instansi: Pemerintah Kabupaten Contoh", "instansi: *n"), "yaml-alias", "alias", 3),
    ("undefined alias", "nomor: *tidak_ada\n", "yaml", "Alias", 1),
    ("python tag", "nomor: !!python/object/apply:os.system ['echo x']\n", "yaml", "Tag YAML", 1),
    ("complex key", "? [a, b]\n: 1\n", "yaml-kunci", "Kunci pemetaan harus berupa teks", 1),
    ("control character", "nomor: a\x07b\n", "yaml", "karakter kontrol", None),
]


@pytest.mark.parametrize("raw,code,words,line", [c[1:] for c in BAD_FILES], ids=[c[0] for c in BAD_FILES])
def test_bad_files_get_a_clear_message(raw: str, code: str, words: str, line: int | None) -> None:
    found_code, message, found_line = refused(raw)
    assert found_code == code
    assert words in message, message
    if line is not None:
        assert found_line == line


@pytest.mark.parametrize("raw,code,words", [
    (b"\x00\x01\x02binary", "berkas-biner", "bukan teks"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "berkas-biner", "data biner"),
    (b"nomor: \xff\xfe tidak sah\n", "berkas-encoding", "bukan teks UTF-8"),
    ("nomor: Kecamatan Bajeng Barat\n".encode("utf-16"), "berkas-biner", "bukan teks"),
    ("nomor: Jalan Poros Bontoala\nnama: Catatan \u00e9\n".encode("latin-1"), "berkas-encoding", "UTF-8"),
], ids=["nul bytes", "png", "invalid utf-8", "utf-16", "latin-1"])
def test_binary_and_non_utf8_files(raw: bytes, code: str, words: str) -> None:
    found_code, message, _ = refused(raw)
    assert found_code == code and words in message


def test_utf8_bom_is_accepted() -> None:
    for raw in ("\ufeff".encode() + BASE.encode(), "\ufeff" + BASE):
        entry = load_sop_text(raw, FILE)
        assert entry.ok and entry.diagnostics == [], summary(entry.diagnostics)
        assert entry.sop.nomor == "001/SOP/2024"


def test_windows_and_old_mac_line_ends_keep_line_numbers() -> None:
    broken = BASE.replace("oleh: Camat", "oleh: Bendahara")
    expected = line_of(broken, "oleh: Bendahara")
    for newline in ("\r\n", "\r"):
        diag = only(load(broken.replace("\n", newline)), "pelaksana-tak-dikenal")
        assert diag.line == expected


def test_colon_in_an_unquoted_list_item_becomes_a_mapping() -> None:
    text = BASE.replace("- Memahami tata naskah dinas", "- Catatan: memahami tata naskah dinas")
    entry = load(text)
    (diag,) = entry.diagnostics
    assert (diag.code, diag.field_path, diag.line) == ("isian", "kualifikasi[0]", line_of(text, "- Catatan:"))
    assert "terbaca sebagai pemetaan karena memuat ': '" in diag.message
    assert "tanda kutip" in diag.message
    quoted = BASE.replace("- Memahami tata naskah dinas", "- 'Catatan: memahami tata naskah dinas'")
    assert load(quoted).sop.kualifikasi == ["Catatan: memahami tata naskah dinas"]


@pytest.mark.parametrize("old,new,field,words", [
    ("- no: 3", "- no: tiga", "langkah[2].no", "bilangan bulat"),
    ("  pembuatan: 2024-01-02\n  efektif: 2024-01-10\n", "  - 2024-01-02\n", "tanggal", "pemetaan"),
    ("  oleh: Camat", "  oleh: {nama: Camat}", "langkah[3].oleh", "daftar"),
    ("- Komputer", "- [Komputer, Printer]", "peralatan[0]", "Harus berupa teks"),
    ("nomor: 001/SOP/2024", "nomor: 1.5", "nomor", "Harus berupa teks"),
    ("nomor: 001/SOP/2024", "nomor: 2024-01-01", "nomor", "Harus berupa teks"),
    ("nomor: 001/SOP/2024", "nomor:", "nomor", "Harus berupa teks"),
    ("  tahun: 2018", "  tahun: dua ribu", "dasar_hukum[0].tahun", "bilangan bulat"),
    ("  tahun: 2018", "  tahun: 1800", "dasar_hukum[0].tahun", "paling kecil 1900"),
    ("  simbol: keputusan", "  simbol: keputusan\n  peluang: {Lengkap: banyak}", "langkah[1].peluang.Lengkap",
     "angka"),
    ("  simbol: keputusan", "  simbol: keputusan\n  peluang: {Lengkap: 0.5, Tidak lengkap: 0.4}", "langkah[1]",
     "Jumlah 'peluang' harus 1"),
    ("pelaksana:\n", "pelaksana: Camat\nlama:\n", "pelaksana", "daftar"),
    ("- no: 5\n", "- Menyerahkan surat\n- no: 5\n", "langkah[4]", "pemetaan"),
])
def test_wrong_types_are_reported_on_their_field(old: str, new: str, field: str, words: str) -> None:
    assert old in BASE
    text = BASE.replace(old, new, 1)
    entry = load(text)
    diag = next((d for d in errors(entry) if d.field_path == field), None)
    assert diag is not None, summary(entry.diagnostics)
    assert words in diag.message and is_indonesian(diag.message), diag.message
    assert diag.line is not None and 1 <= diag.line <= yaml_line_count(text)
    changed = next(i for i, (a, b) in enumerate(zip(BASE.splitlines(), text.splitlines()), 1) if a != b)
    assert 0 <= changed - diag.line <= 6  # at the broken line, or at its step or parent just above


def test_duplicate_keys_are_all_reported_at_the_second_with_the_first_named() -> None:
    text = BASE.replace("nama: Pelayanan Surat Keterangan Domisili\n",
                        "nama: Pelayanan Surat Keterangan Domisili\nnama: Lagi\n")
    text = text.replace("unit: Kecamatan Contoh\n", "unit: Kecamatan Contoh\nunit: Lagi\n")
    text = text.replace("    Lengkap: 3\n", "    Lengkap: 3\n    Lengkap: 4\n")
    entry = load(text)
    dups = [d for d in entry.diagnostics if d.code == "kunci-ganda"]
    assert [(d.level, d.line) for d in dups] == [
        ("error", line_of(text, "nama: Lagi")), ("error", line_of(text, "unit: Lagi")),
        ("error", line_of(text, "Lengkap: 4"))]
    assert dups[0].message == (f"Kunci 'nama' ditulis dua kali (pertama di baris {line_of(text, 'nama: Pelayanan')}). "
                               "Hapus salah satunya.")
    assert f"pertama di baris {line_of(text, 'Lengkap: 3')}" in dups[2].message
    assert entry.sop is not None and entry.sop.nama == "Pelayanan Surat Keterangan Domisili"  # the first is kept
    assert not entry.ok


def test_huge_file_is_refused_fast(tmp_path: Path) -> None:
    huge = BASE + "catatan:\n" + "".join(f"- catatan ke-{i} yang cukup panjang untuk mengisi\n"
                                         for i in range(MAX_BYTES // 40))
    raw = huge.encode()
    assert len(raw) > MAX_BYTES > 1_000_000 - 1
    start = time.perf_counter()
    code, message, _ = refused(raw)
    assert code == "berkas-besar" and "terlalu besar" in message
    path = tmp_path / "besar.yaml"
    path.write_bytes(raw)
    entry = load_sop_file(path, tmp_path, "besar.yaml")
    assert [d.code for d in entry.diagnostics] == ["berkas-besar"] and entry.diagnostics[0].file == "besar.yaml"
    assert time.perf_counter() - start < 2


def test_a_file_just_under_the_limit_is_read() -> None:
    padding = "# " + "x" * 100 + "\n"
    text = BASE + padding * ((MAX_BYTES - len(BASE) - 200) // len(padding))
    assert len(text.encode()) <= MAX_BYTES
    assert load(text.encode()).diagnostics == []


def test_billion_laughs_is_refused_fast() -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 14)]
    start = time.perf_counter()
    code, message, line = refused("\n".join(lines) + "\n")
    assert time.perf_counter() - start < 2
    assert code == "yaml-alias" and "alias" in message
    assert line in (1, 2)  # the first alias (line 2) points at the list anchored on line 1


def test_billion_laughs_inside_an_sop_is_refused_fast() -> None:
    bomb = ["x0: &x0 [a, a, a, a, a, a, a, a, a, a]"]
    bomb += [f"x{i}: &x{i} [" + ", ".join([f"*x{i - 1}"] * 10) + "]" for i in range(1, 12)]
    text = BASE.replace("kualifikasi:\n", "\n".join(bomb) + "\nkualifikasi:\n")
    start = time.perf_counter()
    code, _, line = refused(text)
    assert time.perf_counter() - start < 2
    assert code == "yaml-alias" and line in (line_of(text, "x0: &x0"), line_of(text, "x1: &x1"))


@pytest.mark.parametrize("raw", [
    "x: " + "[" * 10_000 + "]" * 10_000 + "\n",
    "x: " + "{a: " * 5_000 + "1" + "}" * 5_000 + "\n",
    "[" * 10_000 + "]" * 10_000 + "\n",
    "".join("  " * i + "-\n" for i in range(2_000)),
], ids=["lists in a field", "mappings in a field", "lists at the top", "block lists"])
def test_deep_nesting_does_not_crash(raw: str) -> None:
    start = time.perf_counter()
    code, message, _ = refused(raw)
    assert message and time.perf_counter() - start < 10


@pytest.mark.parametrize("field", ["nomor", "kualifikasi", "oleh"])
def test_deeply_nested_value_in_a_field_gets_a_message(field: str) -> None:
    """10,000 nested brackets: one Indonesian message at the field's line, whatever parser or version is
    installed (libyaml 0.2.5 with PyYAML >= 6.0.4 refuses deep flow nesting itself, older ones do not)."""
    deep = "[" * 10_000 + "]" * 10_000
    text = {"nomor": BASE.replace("nomor: 001/SOP/2024", "nomor: " + deep),
            "kualifikasi": BASE.replace("- Memahami tata naskah dinas", "- " + deep),
            "oleh": BASE.replace("  oleh: Camat", "  oleh: " + deep)}[field]
    start = time.perf_counter()
    code, message, line = refused(text)
    assert time.perf_counter() - start < 5
    assert code == "yaml-dalam" and "terlalu dalam" in message and "exceeded" not in message
    assert line == line_of(text, "[[[")


def test_many_brackets_side_by_side_are_fine() -> None:
    """The depth limit counts nesting, not brackets: 300 bracketed notes in one SOP stay valid."""
    notes = "".join(f"- '[catatan {i}] (lihat {{lampiran}})'\n" for i in range(300))
    text = BASE.replace("kualifikasi:\n", "kualifikasi:\n" + notes, 1)
    assert text != BASE
    entry = load_sop_text(text, FILE)
    assert entry.ok, summary(entry.diagnostics)


def test_yaml_12_booleans_and_leading_zeros() -> None:
    parsed = load_yaml("a: Ya\nb: No\nc: on\nd: '009'\ne: 009\nf: true\ng: yes\nh: OFF\ni: 0x1F\nj: 12\n")
    assert parsed.diagnostics == []
    assert parsed.data == {"a": "Ya", "b": "No", "c": "on", "d": "009", "e": "009", "f": True, "g": "yes",
                           "h": "OFF", "i": "0x1F", "j": 12}
    assert yaml.load("cabang: {Yes: 3, No: 1}", Loader=SopYamlLoader) == {"cabang": {"Yes": 3, "No": 1}}
    assert yaml.load("{true: 1, 1: 2, 2024-01-01: 3}", Loader=SopYamlLoader) == {"true": 1, "1": 2,
                                                                               "2024-01-01": 3}


@pytest.mark.parametrize("labels", [("Ya", "Tidak"), ("Yes", "No"), ("on", "off"), ("Y", "N"), ("true", "false")])
def test_decision_labels_stay_text(labels: tuple[str, str]) -> None:
    yes, no = labels
    text = BASE.replace("    Lengkap: 3\n    Tidak lengkap: 1\n", f"    {yes}: 3\n    {no}: 1\n")
    entry = load(text)
    assert entry.ok and entry.diagnostics == [], summary(entry.diagnostics)
    assert entry.sop.langkah[1].cabang == {yes: 3, no: 1}


def test_leading_zeros_stay_text() -> None:
    entry = load(BASE.replace("nomor: 001/SOP/2024", "nomor: 009"))
    assert entry.ok and entry.sop.nomor == "009"
    entry = load(BASE.replace("  nomor: '17'", "  nomor: 017"))
    assert entry.ok and entry.sop.dasar_hukum[0].nomor == "017"


def test_a_date_that_does_not_exist_is_reported_on_its_line() -> None:
    text = BASE.replace("pembuatan: 2024-01-02", "pembuatan: 2024-02-30")
    (diag,) = load(text).diagnostics
    assert (diag.code, diag.field_path, diag.line) == ("isian", "tanggal.pembuatan", line_of(text, "pembuatan:"))
    assert "Tanggal tidak valid (tertulis: '2024-02-30')" in diag.message


# --- property tests ------------------------------------------------------------------------------------------


def check_never_raises(raw: str | bytes, display: str = FILE) -> None:
    entry = load_sop_text(raw, display)
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    limit = yaml_line_count(text) + 1
    if entry.sop is None:
        assert errors(entry), "refused without an error"
    for diag in entry.diagnostics:
        assert diag.level in ("error", "warning") and diag.code
        assert isinstance(diag.message, str) and diag.message.strip()
        assert diag.file == display
        assert diag.line is None or 1 <= diag.line <= limit, (diag, limit)


YAMLISH = st.lists(st.sampled_from(list("abc019 :-#'\"[]{},&*!|>?\n\t\r%@`\ufeff") + ["no: ", "  - ", "nomor: "]),
                  max_size=60).map("".join)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=300), st.binary(max_size=300), YAMLISH))
def test_random_text_and_bytes_never_raise(raw) -> None:
    check_never_raises(raw)


MUTATION = st.tuples(st.sampled_from(["delete", "duplicate", "swap", "insert", "indent", "truncate", "dedent"]),
                     st.integers(0, 10_000), st.integers(0, 10_000), st.text(min_size=1, max_size=6))


def mutate(text: str, mutations) -> str:
    lines = text.splitlines()
    for kind, a, b, junk in mutations:
        if not lines:
            break
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
            lines[i] = " " * (b % 7) + lines[i]
        elif kind == "dedent":
            lines[i] = lines[i].lstrip()
        else:
            lines = lines[:i]
    return "\n".join(lines) + "\n"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from([0, 1]), mutations=st.lists(MUTATION, min_size=1, max_size=3))
def test_mutated_seeds_never_raise(seed: int, mutations) -> None:
    check_never_raises(mutate(SEED_TEXTS[seed], mutations), "mutasi.yaml")


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)
FIELDS = ["nomor", "nama", "instansi", "unit", "subunit", "tanggal", "disahkan", "dasar_hukum", "kualifikasi",
          "keterkaitan", "peralatan", "peringatan", "pencatatan", "pelaksana", "langkah", "varian", "catatan",
          "skenario", "tidak_dikenal"]
STEP_FIELDS = ["no", "kegiatan", "oleh", "cara", "simbol", "ke", "cabang", "kelengkapan", "waktu", "output",
               "keterangan", "peluang", "lain"]


def check_data(data: object) -> None:
    sop, found = validate_data(data)
    if sop is None:
        assert any(d.level == "error" for d in found)
    for diag in found:
        assert diag.message.strip() and diag.code and diag.level in ("error", "warning")
        assert isinstance(diag.path, tuple) and isinstance(diag.field_path, str)


SEEDS_DATA = [seed_data(BAJENG_FILE), seed_data(JUAI_FILE)]


@settings(max_examples=150, deadline=None)
@given(data=JSON)
def test_random_documents_never_raise(data) -> None:
    check_data(data)
    sop, found = validate_data(data)
    assert sop is None and found  # random data is never a valid SOP


@settings(max_examples=150, deadline=None)
@given(seed=st.sampled_from([0, 1]), field=st.sampled_from(FIELDS), value=JSON)
def test_seed_with_a_random_field_never_raises(seed: int, field: str, value) -> None:
    data = dict(SEEDS_DATA[seed])
    data[field] = value
    check_data(data)


@settings(max_examples=150, deadline=None)
@given(seed=st.sampled_from([0, 1]), row=st.integers(0, 100), field=st.sampled_from(STEP_FIELDS), value=JSON,
       nested=st.sampled_from(["langkah", "pelaksana", "tanggal", "disahkan", "dasar_hukum"]))
def test_seed_with_a_random_nested_field_never_raises(seed: int, row: int, field: str, value, nested: str) -> None:
    data = yaml.load(yaml.safe_dump(SEEDS_DATA[seed]), Loader=yaml.SafeLoader)  # a deep copy
    target = data[nested]
    if isinstance(target, list):
        target = target[row % len(target)]
    target[field] = value
    check_data(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(FIELDS), value=JSON)
def test_random_data_written_as_yaml_never_raises(field: str, value) -> None:
    data = base_sop()
    data[field] = value
    check_never_raises(yaml.safe_dump(data, allow_unicode=True))
