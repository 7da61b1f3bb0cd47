"""Every validation rule, each with an input that breaks it: the level, code, field path and line of the
diagnostic, and an Indonesian message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import (
    FILE, base_sop, errors, fresh, is_indonesian, line_of, load, only, summary, to_yaml, variant_sop, with_code,
    write_registry,
)
from sop_ap.engine import FlowGraph
from sop_ap.engine.nip import check_nip, format_nip, normalise_nip


def test_the_base_sop_has_no_problem() -> None:
    entry = load(base_sop())
    assert entry.sop is not None and entry.ok
    assert entry.diagnostics == []


def test_the_variant_sop_has_no_problem() -> None:
    entry = load(variant_sop())
    assert entry.ok and entry.diagnostics == [], summary(entry.diagnostics)
    assert [chart.name for chart in entry.sop.flowcharts] == ["Datang langsung", "Lewat surel"]


@dataclass(frozen=True)
class Case:
    id: str
    mutate: Callable[[dict], None]
    level: str
    code: str
    field: str
    needle: str  # text on the line the diagnostic must point at
    word: str  # an Indonesian word or phrase of the message
    occurrence: int = 1  # which line holding ``needle``
    model_error: bool = False  # the model refuses the SOP (entry.sop is None)
    edit: tuple[str, str] | None = None  # a change of the YAML text, for what the dumper would quote


def step(i: int, **changes) -> Callable[[dict], None]:
    def mutate(data: dict) -> None:
        data["langkah"][i].update(changes)
    return mutate


def drop(i: int, key: str) -> Callable[[dict], None]:
    def mutate(data: dict) -> None:
        del data["langkah"][i][key]
    return mutate


def both(*mutations: Callable[[dict], None]) -> Callable[[dict], None]:
    def mutate(data: dict) -> None:
        for m in mutations:
            m(data)
    return mutate


def setting(*path_and_value) -> Callable[[dict], None]:
    *path, value = path_and_value

    def mutate(data: dict) -> None:
        target = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value
    return mutate


def add_performer(name: str) -> Callable[[dict], None]:
    def mutate(data: dict) -> None:
        data["pelaksana"].append({"nama": name})
    return mutate


CASES = [
    # --- performers -------------------------------------------------------------------------------------
    Case("unknown performer", step(3, oleh="Bendahara"), "error", "pelaksana-tak-dikenal", "langkah[3].oleh[0]",
         "oleh: Bendahara", "tidak ada di daftar"),
    Case("unknown second of several performers", step(3, oleh=["Camat", "Bendahara"]), "error",
         "pelaksana-tak-dikenal", "langkah[3].oleh[1]", "- Bendahara", "tidak ada di daftar"),
    Case("unused performer column", add_performer("Bendahara"), "warning", "pelaksana-tak-dipakai",
         "pelaksana[2]", "nama: Bendahara", "tidak dipakai"),
    Case("two columns share a name", setting("pelaksana", 0, "sebutan", ["Petugas Loket"]), "error",
         "pelaksana-ganda", "pelaksana[1]", "nama: Staf Pelayanan", "unik"),
    # --- the flow graph ---------------------------------------------------------------------------------
    Case("unreachable step", step(1, cabang={"Lengkap": 4, "Tidak lengkap": 1}), "error", "tak-terjangkau",
         "langkah[2]", "- no: 3", "tidak dapat dicapai"),
    Case("cycle without a way out", both(step(1, cabang={"Lengkap": 5, "Tidak lengkap": 3}), step(3, ke=3)),
         "error", "putaran-tertutup", "langkah[2]", "- no: 3", "tanpa jalan keluar"),
    Case("step that leads into a closed loop", both(step(1, cabang={"Lengkap": 5, "Tidak lengkap": 3}), step(3, ke=4)),
         "error", "putaran-tertutup", "langkah[3]", "- no: 4", "tanpa jalan keluar"),
    Case("decision exit to a step that does not exist", step(1, cabang={"Lengkap": 3, "Tidak lengkap": 9}),
         "error", "tujuan-tak-ada", "langkah[1].cabang.Tidak lengkap", "Tidak lengkap: 9", "yang tidak ada"),
    Case("'ke' to a step that does not exist", step(2, ke=12), "error", "tujuan-tak-ada", "langkah[2].ke",
         "ke: 12", "yang tidak ada"),
    Case("decision labels differ only by case", step(1, cabang={"Ya": 3, "ya": 1}), "error", "cabang-ganda",
         "langkah[1].cabang.ya", "ya: 1", "harus berbeda"),
    Case("decision labels differ only by case and spaces", step(1, cabang={"Tidak lengkap": 1, "tidak  LENGKAP": 3}),
         "error", "cabang-ganda", "langkah[1].cabang.tidak  LENGKAP", "tidak  LENGKAP: 3", "harus berbeda"),
    # --- the shape of a decision (the model refuses the SOP) --------------------------------------------
    Case("decision with one exit", step(1, cabang={"Lengkap": 3}), "error", "isian", "langkah[1]", "- no: 2",
         "paling sedikit dua cabang", model_error=True),
    Case("keputusan without cabang", drop(1, "cabang"), "error", "isian", "langkah[1]", "- no: 2",
         "harus punya 'cabang'", model_error=True),
    Case("both ke and cabang", step(1, ke=3), "error", "isian", "langkah[1]", "- no: 2", "tidak keduanya",
         model_error=True),
    Case("terminator with branches", step(1, simbol="terminator"), "error", "isian", "langkah[1]", "- no: 2",
         "tidak boleh bercabang", model_error=True),
    Case("exit that is not a step number", step(1, cabang={"Lengkap": "tiga", "Tidak lengkap": 1}), "error",
         "isian", "langkah[1].cabang.Lengkap", "Lengkap: tiga", "Tujuan tidak sah", model_error=True),
    # --- numbering --------------------------------------------------------------------------------------
    Case("duplicate step number", step(2, no=2), "error", "nomor-ganda", "langkah[2].no", "- no: 2",
         "dipakai dua kali", occurrence=2),
    Case("decreasing step numbers", step(2, no=1), "error", "nomor-urutan", "langkah[2].no", "- no: 1",
         "urut dari atas", occurrence=2),
    Case("gap in step numbers", step(4, no=7), "warning", "nomor-loncat", "langkah[4].no", "- no: 7",
         "tidak ada langkah 5, 6"),
    Case("huge gap in step numbers", step(4, no=1_000_000), "warning", "nomor-loncat", "langkah[4].no",
         "- no: 1000000", "tidak ada langkah 5 s.d. 999999)"),
    # --- wording and times ------------------------------------------------------------------------------
    Case("kegiatan starts with a performer's name", step(3, kegiatan="Camat menandatangani surat"), "warning",
         "kegiatan-bersubjek", "langkah[3].kegiatan", "kegiatan: Camat menandatangani", "kata kerja aktif"),
    Case("kegiatan starts with a performer's alias", step(1, kegiatan="Petugas Loket memeriksa berkas"),
         "warning", "kegiatan-bersubjek", "langkah[1].kegiatan", "kegiatan: Petugas Loket", "tanpa subjek"),
    Case("kegiatan starts with a performer's code", step(2, kegiatan="Staf membuat konsep surat"), "warning",
         "kegiatan-bersubjek", "langkah[2].kegiatan", "kegiatan: Staf membuat", "tanpa subjek"),
    Case("kegiatan starts with a generic actor", step(2, kegiatan="Kepala Seksi membuat konsep surat"), "warning",
         "kegiatan-bersubjek", "langkah[2].kegiatan", "kegiatan: Kepala Seksi", "tanpa subjek"),
    Case("unreadable time", step(2, waktu="kira-kira lama"), "warning", "waktu-tak-terbaca", "langkah[2].waktu",
         "waktu: kira-kira lama", "tidak dapat dibaca"),
    Case("first step merged with the row above", step(0, waktu="gabung"), "error", "waktu-gabung",
         "langkah[0].waktu", "waktu: gabung", "tidak dapat digabung"),
    # --- dates ------------------------------------------------------------------------------------------
    Case("effective before made", setting("tanggal", "efektif", dt.date(2023, 12, 31)), "warning",
         "tanggal-urutan", "tanggal.efektif", "efektif: 2023-12-31", "lebih awal"),
    Case("revised before made", setting("tanggal", "revisi", dt.date(2023, 6, 1)), "warning", "tanggal-urutan",
         "tanggal.revisi", "revisi: 2023-06-01", "lebih awal"),
    # --- NIP ----------------------------------------------------------------------------------------------
    Case("NIP with a bad birth date", setting("disahkan", "nip", "19791335 199912 2 001"), "error", "nip",
         "disahkan.nip", "nip: 19791335", "tanggal lahir"),
    Case("NIP with a bad appointment month", setting("disahkan", "nip", "19791025 199913 2 001"), "error", "nip",
         "disahkan.nip", "nip: 19791025 199913", "bulan pengangkatan"),
    Case("NIP with sex digit 3", setting("disahkan", "nip", "19791025 199912 3 001"), "error", "nip",
         "disahkan.nip", "nip: 19791025 199912 3", "jenis kelamin"),
    Case("NIP too short", setting("disahkan", "nip", "19791025 199912 2"), "error", "nip", "disahkan.nip",
         "nip: 19791025 199912 2", "harus 18 angka"),
    Case("NIP too long", setting("disahkan", "nip", "19791025 199912 2 0011"), "error", "nip", "disahkan.nip",
         "nip: 19791025 199912 2 0011", "harus 18 angka"),
    Case("NIP with unreadable digits", setting("disahkan", "nip", "???????? 200601 1 016"), "warning",
         "nip-tidak-lengkap", "disahkan.nip", "nip: ????????", "tidak terbaca"),
    Case("NIP with letters", setting("disahkan", "nip", "1979 ABC"), "error", "isian", "disahkan.nip",
         "nip: 1979 ABC", "hanya boleh berisi angka", model_error=True),
    Case("NIP left empty", setting("disahkan", "nip", None), "warning", "nip-kosong", "disahkan", "disahkan:",
         "tidak diisi"),
    # --- fields -------------------------------------------------------------------------------------------
    Case("unknown field with a suggestion", both(step(1, kegaitan="Memeriksa berkas"), drop(1, "kegiatan")), "error",
         "isian", "langkah[1].kegaitan", "kegaitan: Memeriksa", "Mungkin maksud Anda 'kegiatan'?", model_error=True),
    Case("unknown top-level field with a suggestion", setting("tangal", "kemarin"), "error", "isian", "tangal",
         "tangal: kemarin", "Mungkin maksud Anda 'tanggal'?", model_error=True),
    Case("wrong symbol", step(2, simbol="lingkaran"), "error", "isian", "langkah[2].simbol", "simbol: lingkaran",
         "Harus salah satu dari", model_error=True),
    Case("step number that is not a number", step(2, no="tiga"), "error", "isian", "langkah[2].no", "- no: tiga",
         "bilangan bulat", model_error=True),
    Case("wrong date (words)", setting("tanggal", "pembuatan", "2 Januari 2024"), "error", "isian",
         "tanggal.pembuatan", "pembuatan: 2 Januari 2024", "TTTT-BB-HH", model_error=True),
    Case("wrong date (no such day)", lambda d: None, "error", "isian", "tanggal.pembuatan",
         "pembuatan: 2024-02-30", "Tanggal tidak valid", model_error=True,
         edit=("pembuatan: 2024-01-02", "pembuatan: 2024-02-30")),
    Case("wrong date (no such month)", lambda d: None, "error", "isian", "tanggal.efektif", "efektif: 2024-13-01",
         "Tanggal tidak valid", model_error=True, edit=("efektif: 2024-01-10", "efektif: 2024-13-01")),
    Case("wrong relation", setting("keterkaitan", [{"sop": "Penyusunan Renja", "hubungan": "saudara"}]), "error",
         "isian", "keterkaitan[0].hubungan", "hubungan: saudara", "prasyarat", model_error=True),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule(case: Case) -> None:
    data = base_sop()
    case.mutate(data)
    text = to_yaml(data)
    if case.edit:
        assert case.edit[0] in text
        text = text.replace(*case.edit)
    entry = load(text)
    diag = next((d for d in with_code(entry, case.code) if d.field_path == case.field), None)
    assert diag is not None, summary(entry.diagnostics)
    assert diag.level == case.level
    assert diag.path and diag.field_path == case.field
    assert diag.file == FILE
    assert diag.line == line_of(text, case.needle, case.occurrence), summary(entry.diagnostics)
    assert diag.column is not None and diag.column >= 1
    assert case.word in diag.message, diag.message
    assert is_indonesian(diag.message), diag.message
    assert (entry.sop is None) == case.model_error
    if case.level == "warning":
        assert entry.ok, summary(entry.diagnostics)  # a warning alone does not make the SOP invalid
    else:
        assert not entry.ok


def test_closed_loop_is_reported_once() -> None:
    """One mistake, one message: the loop is named at its first step, not at every step on it."""
    data = base_sop()
    both(step(1, cabang={"Lengkap": 5, "Tidak lengkap": 3}), step(3, ke=3))(data)
    text = to_yaml(data)
    entry = load(text)
    assert sorted((d.code, d.field_path, d.line) for d in errors(entry)) == [
        ("putaran-tertutup", "langkah[2]", line_of(text, "- no: 3")),
    ]


def test_a_loop_with_a_way_out_is_fine() -> None:
    entry = load(base_sop())  # step 2 goes back to step 1 when incomplete: allowed, the other exit ends
    graph = FlowGraph(entry.sop.flowcharts[0])
    assert graph.on_cycle(1) and graph.can_finish == {0, 1, 2, 3, 4}


def test_unreachable_step_is_the_only_error() -> None:
    data = base_sop()
    step(1, cabang={"Lengkap": 4, "Tidak lengkap": 1})(data)
    assert [(d.code, d.field_path) for d in errors(load(data))] == [("tak-terjangkau", "langkah[2]")]


def test_duplicate_key_labels_are_not_silently_merged() -> None:
    """'Ya' and 'ya' are different YAML keys: both reach the model, and the rule catches them."""
    text = to_yaml(base_sop()).replace("    Lengkap: 3\n    Tidak lengkap: 1\n", "    Ya: 3\n    ya: 1\n")
    entry = load(text)
    assert list(entry.sop.langkah[1].cabang) == ["Ya", "ya"]
    assert only(entry, "cabang-ganda").message.startswith("Label cabang 'ya' sama dengan 'Ya'; setiap jawaban "
                                                          "keputusan harus berbeda.")


def test_missing_required_field_points_at_the_file_start() -> None:
    data = base_sop()
    del data["unit"]
    entry = load(data)
    (diag,) = entry.diagnostics
    assert (diag.level, diag.code, diag.field_path, diag.line) == ("error", "isian", "unit", 1)
    assert diag.message == "Kolom 'unit' wajib diisi."


def test_missing_nested_field_points_at_its_parent() -> None:
    data = base_sop()
    del data["disahkan"]["nama"]
    text = to_yaml(data)
    (diag,) = load(text).diagnostics
    assert diag.field_path == "disahkan.nama" and diag.line == line_of(text, "disahkan:")
    assert diag.message == "Kolom 'nama' wajib diisi."


def test_misspelt_field_gives_both_the_suggestion_and_the_missing_field() -> None:
    data = base_sop()
    both(step(1, kegaitan="Memeriksa berkas"), drop(1, "kegiatan"))(data)
    text = to_yaml(data)
    entry = load(text)
    assert sorted((d.field_path, d.line, d.message) for d in entry.diagnostics) == [
        ("langkah[1].kegaitan", line_of(text, "kegaitan:"),
         "Kolom 'kegaitan' tidak dikenal. Mungkin maksud Anda 'kegiatan'?"),
        ("langkah[1].kegiatan", line_of(text, "- no: 2"), "Kolom 'kegiatan' wajib diisi."),
    ]


def test_unknown_field_without_a_close_name() -> None:
    data = base_sop()
    data["zzzqqq"] = 1
    (diag,) = load(data).diagnostics
    assert "tidak dikenal" in diag.message and "Mungkin" not in diag.message and "Hapus kolom" in diag.message


def test_several_performers_on_one_step() -> None:
    data = base_sop()
    step(3, oleh=["Camat", "Petugas Loket"], cara="salah_satu")(data)
    entry = load(data)
    assert entry.ok and entry.diagnostics == []
    assert entry.sop.langkah[3].oleh == ["Camat", "Petugas Loket"] and entry.sop.langkah[3].cara == "salah_satu"
    step(3, oleh=["Camat", "Staf"], cara="bersama")(data)
    assert load(data).diagnostics == []
    step(3, cara="bergiliran")(data)
    text = to_yaml(data)
    diag = only(load(text), "isian")
    assert diag.field_path == "langkah[3].cara" and diag.line == line_of(text, "cara: bergiliran")


def test_second_start_terminator_is_a_second_way_in() -> None:
    data = base_sop()
    data["langkah"].append({"no": 6, "kegiatan": "Menerima permohonan lewat surel", "oleh": "Staf",
                            "simbol": "terminator", "ke": 2, "waktu": "5 menit"})
    data["langkah"][4]["ke"] = "selesai"
    entry = load(data)
    assert entry.ok and entry.diagnostics == [], summary(entry.diagnostics)
    graph = FlowGraph(entry.sop.flowcharts[0])
    assert graph.starts == [0, 5]
    assert graph.ends == [4]


def test_a_second_start_that_is_not_a_terminator_is_unreachable() -> None:
    data = base_sop()
    data["langkah"].append({"no": 6, "kegiatan": "Menerima permohonan lewat surel", "oleh": "Staf", "ke": 2})
    data["langkah"][4]["ke"] = "selesai"
    text = to_yaml(data)
    diag = only(load(text), "tak-terjangkau")
    assert diag.field_path == "langkah[5]" and diag.line == line_of(text, "- no: 6")


def test_several_ends() -> None:
    data = base_sop()
    step(1, cabang={"Lengkap": 3, "Ditolak": "selesai"})(data)  # a decision exit that ends the flow
    step(3, ke="selesai")(data)  # 'ke: selesai' in the middle
    data["langkah"][4]["kegiatan"] = "Mengarsipkan berkas yang ditolak"
    data["langkah"][1]["cabang"]["Perlu arsip"] = 5
    entry = load(data)
    assert entry.ok and entry.diagnostics == [], summary(entry.diagnostics)
    graph = FlowGraph(entry.sop.flowcharts[0])
    assert graph.ends == [1, 3, 4]
    assert sorted(graph.simple_paths()) == [[0, 1], [0, 1, 2, 3], [0, 1, 4]]


def test_selesai_in_the_middle_leaves_later_steps_unreachable() -> None:
    """The first unreachable step is named; the steps it leads to are not repeated."""
    data = base_sop()
    step(2, ke="selesai")(data)
    text = to_yaml(data)
    entry = load(text)
    assert sorted((d.code, d.field_path, d.line) for d in errors(entry)) == [
        ("tak-terjangkau", "langkah[3]", line_of(text, "- no: 4")),
    ]


# --- variants --------------------------------------------------------------------------------------------


def test_variants_have_their_own_performers() -> None:
    data = variant_sop()
    data["varian"][1]["langkah"][2]["oleh"] = "Staf"  # a performer of the first variant only
    text = to_yaml(data)
    entry = load(text)
    assert entry.sop is not None
    diag = only(entry, "pelaksana-tak-dikenal")
    assert diag.field_path == "varian[1].langkah[2].oleh[0]" and diag.level == "error"
    assert diag.line == line_of(text, "oleh: Staf", 5)  # the first variant uses Staf four times
    assert "Pilih salah satu dari: Camat, Operator Layanan" in diag.message


@pytest.mark.parametrize("mutate,code,field,needle,occurrence", [
    (lambda d: d["varian"][0]["langkah"][3].update(oleh="Bendahara"), "pelaksana-tak-dikenal",
     "varian[0].langkah[3].oleh[0]", "oleh: Bendahara", 1),
    (lambda d: d["varian"][0]["langkah"][1].update(cabang={"Lengkap": 3, "Tidak lengkap": 8}), "tujuan-tak-ada",
     "varian[0].langkah[1].cabang.Tidak lengkap", "Tidak lengkap: 8", 1),
    (lambda d: d["varian"][1]["langkah"][2].update(no=2), "nomor-ganda", "varian[1].langkah[2].no", "- no: 2", 3),
    (lambda d: d["varian"][1]["pelaksana"].append({"nama": "Bendahara"}), "pelaksana-tak-dipakai",
     "varian[1].pelaksana[2]", "nama: Bendahara", 1),
    (lambda d: d["varian"][0]["langkah"][1].pop("kegiatan"), "isian", "varian[0].langkah[1].kegiatan", "- no: 2", 1),
    (lambda d: d["varian"][1].pop("pelaksana"), "isian", "varian[1].pelaksana", "- nama: Lewat surel", 1),
])
def test_variant_diagnostics_have_variant_paths(mutate, code, field, needle, occurrence) -> None:
    data = variant_sop()
    mutate(data)
    text = to_yaml(data)
    entry = load(text)
    diag = next((d for d in with_code(entry, code) if d.field_path == field), None)
    assert diag is not None, summary(entry.diagnostics)
    assert diag.line == line_of(text, needle, occurrence)
    assert is_indonesian(diag.message)


def test_variants_and_a_single_flowchart_do_not_mix() -> None:
    data = variant_sop()
    data["langkah"] = fresh(data["varian"][0]["langkah"])
    (diag,) = load(data).diagnostics
    assert diag.level == "error" and "tidak keduanya" in diag.message and diag.line == 1
    data = base_sop()
    del data["pelaksana"], data["langkah"]
    (diag,) = load(data).diagnostics
    assert "harus punya bagan alir" in diag.message


# --- NIP ---------------------------------------------------------------------------------------------------


def test_nip_grouping_and_normalisation() -> None:
    assert format_nip("197910251999122001") == "19791025 199912 2 001"
    assert normalise_nip("NIP. 19791025 199912 2 001") == "197910251999122001"
    assert format_nip("12345") == "12345"  # not 18 characters: left as written
    result = check_nip("19791025.199912.2.001")
    assert result.errors == () and result.warnings == () and result.complete
    entry = load(base_sop())
    assert entry.sop.disahkan.nip_display == "19791025 199912 2 001"
    data = base_sop()
    data["disahkan"]["nip"] = "197910251999122001"
    assert load(data).sop.disahkan.nip_display == "19791025 199912 2 001"


@pytest.mark.parametrize("nip,phrase", [
    ("19791335 199912 2 001", "bukan tanggal lahir yang sah"),
    ("19790230 199912 2 001", "bukan tanggal lahir yang sah"),
    ("19791025 199900 2 001", "tahun dan bulan pengangkatan"),
    ("19791025 199912 3 001", "harus 1 atau 2, tertulis 3"),
    ("19791025 198512 2 001", "terlalu dekat dengan tahun lahir"),
    ("19791025 199912 2 01", "harus 18 angka, tertulis 17"),
])
def test_nip_errors(nip: str, phrase: str) -> None:
    result = check_nip(nip)
    assert len(result.errors) == 1 and phrase in result.errors[0], result.errors
    assert not result.complete or result.errors


def test_nip_with_unknown_digits_is_a_warning_not_an_error() -> None:
    result = check_nip("???????? 200601 1 016")
    assert result.errors == ()
    assert result.warnings == ("NIP tidak lengkap: 8 dari 18 angka tidak terbaca; periksa dokumen aslinya.",)
    assert not result.complete
    assert format_nip(result.digits) == "???????? 200601 1 016"
    # unknown digits are not checked, but the known parts still are
    assert "harus 1 atau 2" in check_nip("???????? 200601 5 016").errors[0]


# --- keterkaitan and regulations (they need the registry) -----------------------------------------------


def _linking(title: str) -> dict:
    data = base_sop()
    data["keterkaitan"] = [title, {"sop": "Pengaduan Masyarakat", "hubungan": "lanjutan"}]
    return data


def _titled(title: str, unit: str = "Kecamatan Contoh") -> dict:
    data = base_sop()
    data["nama"], data["unit"] = title, unit
    return data


def test_keterkaitan_to_nothing_is_a_warning(tmp_path: Path) -> None:
    registry = write_registry(tmp_path, {"kab/kec/surat.yaml": _linking("Penyusunan Renja")})
    text = (tmp_path / "kab/kec/surat.yaml").read_text(encoding="utf-8")
    entry = registry.by_id["kab/kec/surat"]
    found = sorted((d.level, d.field_path, d.line) for d in with_code(entry, "keterkaitan-tak-ada"))
    assert found == [("warning", "keterkaitan[0]", line_of(text, "- Penyusunan Renja")),
                     ("warning", "keterkaitan[1]", line_of(text, "- sop: Pengaduan Masyarakat"))]
    message = with_code(entry, "keterkaitan-tak-ada")[0].message
    assert "tidak menunjuk SOP mana pun di Kecamatan Contoh" in message and is_indonesian(message)
    assert entry.ok and registry.links == []


def test_same_title_in_another_unit_does_not_resolve(tmp_path: Path) -> None:
    registry = write_registry(tmp_path, {
        "kab/kec/surat.yaml": _linking("SOP Penyusunan Renja"),
        "kab/lain/renja.yaml": _titled("Penyusunan Renja", unit="Kecamatan Lain"),
    })
    entry = registry.by_id["kab/kec/surat"]
    assert [d.field_path for d in with_code(entry, "keterkaitan-tak-ada")] == ["keterkaitan[0]", "keterkaitan[1]"]
    assert registry.links == []


def test_same_title_in_the_same_unit_resolves(tmp_path: Path) -> None:
    registry = write_registry(tmp_path, {
        "kab/kec/surat.yaml": _linking("SOP Penyusunan Renja"),  # "SOP " and case do not matter
        "kab/lain/renja.yaml": _titled("Penyusunan Renja", unit="Kecamatan Lain"),
        "kab/kec/renja.yaml": _titled("penyusunan  renja"),
    })
    entry = registry.by_id["kab/kec/surat"]
    assert [d.field_path for d in with_code(entry, "keterkaitan-tak-ada")] == ["keterkaitan[1]"]
    assert [(ln.source, ln.target, ln.relation, ln.index) for ln in registry.links] == [
        ("kab/kec/surat", "kab/kec/renja", "terkait", 0)]
    assert registry.link_at("kab/kec/surat", 0) is registry.by_id["kab/kec/renja"]
    assert [ln.source for ln in registry.incoming("kab/kec/renja")] == ["kab/kec/surat"]


def test_keterkaitan_by_id_resolves_across_units(tmp_path: Path) -> None:
    registry = write_registry(tmp_path, {
        "kab/kec/surat.yaml": _linking("kab/lain/renja"),
        "kab/lain/renja.yaml": _titled("Penyusunan Renja", unit="Kecamatan Lain"),
    })
    assert [(ln.target, ln.index) for ln in registry.links] == [("kab/lain/renja", 0)]


def test_two_sops_with_the_same_title_in_a_unit(tmp_path: Path) -> None:
    registry = write_registry(tmp_path, {"kab/kec/a.yaml": _titled("Renja"), "kab/kec/b.yaml": _titled("SOP Renja")})
    (diag,) = [d for e in registry.entries for d in e.diagnostics]
    assert diag.code == "nama-ganda" and diag.level == "warning" and diag.field_path == "nama"


def test_revoked_regulation_is_flagged_with_its_replacement(tmp_path: Path) -> None:
    data = base_sop()
    data["dasar_hukum"].append({"jenis": "Peraturan Pemerintah", "nomor": 53, "tahun": 2010,
                                "tentang": "Disiplin Pegawai Negeri Sipil"})
    registry = write_registry(tmp_path, {"kab/kec/surat.yaml": data})
    text = (tmp_path / "kab/kec/surat.yaml").read_text(encoding="utf-8")
    (diag,) = registry.entries[0].diagnostics
    assert (diag.level, diag.code, diag.field_path) == ("warning", "dasar-hukum-dicabut", "dasar_hukum[1]")
    assert diag.line == line_of(text, "- jenis: Peraturan Pemerintah")
    assert "Dasar hukum PP Nomor 53 Tahun 2010 sudah tidak berlaku" in diag.message
    assert "PP Nomor 94 Tahun 2021" in diag.message and is_indonesian(diag.message)


def test_regulation_in_force_is_not_flagged(tmp_path: Path) -> None:
    data = base_sop()
    data["dasar_hukum"] = [{"jenis": "PP", "nomor": "30", "tahun": 2019, "tentang": "Penilaian Kinerja PNS"}]
    registry = write_registry(tmp_path, {"kab/kec/surat.yaml": data})
    assert registry.entries[0].diagnostics == []


def test_a_units_regulations_file_overrides_the_shipped_data(tmp_path: Path) -> None:
    own = ("peraturan:\n  - jenis: PP\n    nomor: '17'\n    tahun: 2018\n    tentang: Kecamatan\n"
           "    status: dicabut\n    diganti_oleh: ['PP 99/2030']\n    sumber: uji\n")
    registry = write_registry(tmp_path, {"kab/kec/surat.yaml": base_sop(), "peraturan.yaml": own})
    assert len(registry.entries) == 1  # the regulations file is not an SOP
    (diag,) = registry.entries[0].diagnostics
    assert diag.code == "dasar-hukum-dicabut" and "PP 99/2030" in diag.message


def test_citation_needs_kind_number_and_year_or_text() -> None:
    data = base_sop()
    data["dasar_hukum"] = [{"jenis": "PP", "tahun": 2018}]
    text = to_yaml(data)
    (diag,) = load(text).diagnostics
    assert diag.field_path == "dasar_hukum[0]" and diag.line == line_of(text, "- jenis: PP")
    assert "harus memuat 'jenis', 'nomor' dan 'tahun', atau 'teks'" in diag.message
    data["dasar_hukum"] = [{"teks": "Keputusan Menpan Nomor 63/KEP/M.PAN/7/2003"}]
    assert load(data).diagnostics == []


def test_every_rule_message_is_indonesian() -> None:
    """The messages of all the cases above, once more, without the English words of the libraries."""
    for case in CASES:
        data = fresh(base_sop())
        case.mutate(data)
        text = to_yaml(data).replace(*case.edit) if case.edit else to_yaml(data)
        for diag in load(text).diagnostics:
            assert is_indonesian(diag.message), (case.id, diag.message)
            for english in ("Input should", "Field required", "Value error", "validation error"):
                assert english not in diag.message, (case.id, diag.message)
