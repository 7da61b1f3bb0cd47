"""The `sop` command: exit codes, text and JSON output, schema, new."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sop_ap.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "sops"
JUAI = "kabupaten-balangan/kecamatan-juai/penyusunan-rencana-kinerja-tahunan"
BAJENG = "kabupaten-gowa/kecamatan-bajeng-barat/perjanjian-kinerja"


@pytest.fixture
def registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the seed registry as ./sops in a temporary working folder."""
    shutil.copytree(SEEDS, tmp_path / "sops")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "sops"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_seeds_passes_with_warnings(registry: Path, capsys) -> None:
    code, out, _ = run(capsys, "validate")
    assert code == 0
    assert "OK: 2 berkas SOP diperiksa, 0 galat, 10 peringatan." in out
    assert f"sops/{JUAI}.yaml:97:5: peringatan [langkah[5].no]: Nomor langkah meloncat dari 5 ke 8" in out


def test_strict_turns_warnings_into_errors(registry: Path, capsys) -> None:
    code, out, _ = run(capsys, "validate", "--strict")
    assert code == 1
    assert "GAGAL" in out and "10 galat" in out


def test_validate_reports_every_problem_of_every_file(registry: Path, capsys) -> None:
    juai = registry / f"{JUAI}.yaml"
    juai.write_text(juai.read_text().replace("oleh: Kasubbag\n", "oleh: Bendahara\n"), encoding="utf-8")
    (registry / "kabupaten-gowa" / "rusak.yaml").write_text("nomor: [\n", encoding="utf-8")
    (registry / "kabupaten-gowa" / "kosong.yaml").write_text("", encoding="utf-8")
    code, out, _ = run(capsys, "validate")
    assert code == 1
    assert "pelaksana-tak-dikenal" not in out  # codes are for machines; people read the message
    assert f"sops/{JUAI}.yaml:89:5: galat [langkah[4].oleh[0]]: Pelaksana 'Bendahara' tidak ada" in out
    assert "sops/kabupaten-gowa/rusak.yaml:2:1: galat" in out
    assert "sops/kabupaten-gowa/kosong.yaml: galat: Berkas kosong." in out
    assert "4 berkas SOP diperiksa, 3 galat" in out
    assert "Traceback" not in out


def test_validate_json_output(registry: Path, capsys) -> None:
    code, out, _ = run(capsys, "validate", "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["version"] == 1
    assert data["summary"] == {"files": 2, "errors": 0, "warnings": 10}
    ids = {f["id"] for f in data["files"]}
    assert ids == {JUAI, BAJENG}
    revoked = [d for d in data["diagnostics"] if d["code"] == "dasar-hukum-dicabut"]
    assert len(revoked) == 2 and revoked[0]["line"] == 20 and revoked[0]["field"] == "dasar_hukum[0]"
    assert "PP Nomor 30 Tahun 2019" in revoked[0]["message"]


def test_validate_json_on_errors_exits_1(registry: Path, capsys) -> None:
    (registry / "x.yaml").write_text("- a\n- b\n", encoding="utf-8")
    code, out, _ = run(capsys, "validate", "--format", "json", "sops/x.yaml")
    data = json.loads(out)
    assert code == 1
    assert data["summary"]["errors"] == 1
    assert data["diagnostics"][0]["message"].startswith("Isi berkas harus berupa pemetaan")


def test_validate_one_file_keeps_registry_context(registry: Path, capsys) -> None:
    code, out, _ = run(capsys, "validate", f"sops/{JUAI}.yaml")
    assert code == 0
    assert "1 berkas SOP diperiksa, 0 galat, 7 peringatan" in out


def test_validate_missing_path(registry: Path, capsys) -> None:
    code, out, _ = run(capsys, "validate", "tidak-ada/")
    assert code == 1
    assert "tidak ada" in out


def test_show_text_has_summary_and_times(registry: Path, capsys) -> None:
    code, out, _ = run(capsys, "show", BAJENG)
    assert code == 0
    assert "PERJANJIAN KINERJA" in out
    assert "NIP 19791025 199912 2 001" in out
    # 5 + 60 + 120 + 5 + 120 + 5 + 5 + 5 + 5 minutes along 1..9
    assert "Waktu baku     : 5 jam 30 menit (jalur utama)" in out
    assert "Benar→7, Butuh perbaikan→5" in out


def test_show_json(registry: Path, capsys) -> None:
    code, out, _ = run(capsys, "show", "--format", "json", JUAI)
    data = json.loads(out)
    assert code == 0
    chart = data["bagan_alir"][0]
    assert chart["jalur_utama"] == [1, 2, 3, 4, 5, 8, 9]
    # 10 min + 1 h + 1 h + 2 days + 1 day + 1 h + 10 min = 3 days 3 h 20 min = 3*450 + 200 minutes
    assert chart["waktu_jalur_utama"]["min_menit"] == 3 * 450 + 200
    assert data["disahkan"]["nip_tampil"] == "???????? 200601 1 016"
    assert [c["status"] for c in data["dasar_hukum"]] == ["dicabut", "dicabut"]


def test_show_by_file_path(registry: Path, capsys) -> None:
    code, out, _ = run(capsys, "show", f"sops/{JUAI}.yaml")
    assert code == 0 and "PENYUSUNAN RENCANA KINERJA TAHUNAN" in out


def test_show_unknown_id(registry: Path, capsys) -> None:
    code, _, err = run(capsys, "show", "tidak/ada")
    assert code == 1
    assert "tidak ditemukan" in err


def test_show_invalid_sop(registry: Path, capsys) -> None:
    (registry / "rusak.yaml").write_text("nomor: 1\n", encoding="utf-8")
    code, _, err = run(capsys, "show", "rusak")
    assert code == 1
    assert "tidak valid" in err and "wajib diisi" in err


def test_schema_command_writes_the_committed_schema(registry: Path, capsys) -> None:
    code, out, _ = run(capsys, "schema", "-o", "-")
    assert code == 0
    assert json.loads(out) == json.loads((ROOT / "docs/schema/sop.schema.json").read_text(encoding="utf-8"))
    code, out, _ = run(capsys, "schema", "--output", "skema.json")
    assert code == 0 and json.loads(Path("skema.json").read_text())["title"] == "SOP AP"


def test_new_writes_a_valid_file_and_never_overwrites(registry: Path, capsys) -> None:
    code, out, _ = run(capsys, "new", "--instansi", "Pemerintah Kota Contoh", "--unit", "Dinas Kominfo",
                       "--nama", "Pengelolaan Aduan")
    path = registry / "kota-contoh" / "dinas-kominfo" / "pengelolaan-aduan.yaml"
    assert code == 0 and path.is_file()
    assert path.read_text().startswith("# yaml-language-server: $schema=../../../docs/schema/sop.schema.json")
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 0 and "0 galat" in out
    before = path.read_text()
    code, _, err = run(capsys, "new", "--instansi", "Pemerintah Kota Contoh", "--unit", "Dinas Kominfo",
                       "--nama", "Pengelolaan Aduan")
    assert code == 1 and "tidak ditimpa" in err
    assert path.read_text() == before


def test_help_is_indonesian(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    out = capsys.readouterr().out
    assert exc.value.code == 0
    assert "penggunaan: sop" in out and "periksa berkas SOP" in out
    with pytest.raises(SystemExit) as exc:
        main(["validate", "--salah"])
    assert exc.value.code == 2
    assert "argumen tidak dikenal: --salah" in capsys.readouterr().err


def test_console_script_runs_without_traceback(tmp_path: Path) -> None:
    """The installed `sop` command, on binary input, in a process of its own."""
    (tmp_path / "sops").mkdir()
    (tmp_path / "sops" / "biner.yaml").write_bytes(b"\x00\x01\x02binary")
    exe = Path(sys.executable).with_name("sop")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "sop_ap.cli.main"]
    result = subprocess.run([*cmd, "validate"], cwd=tmp_path, capture_output=True, text=True,
                            env={**os.environ, "PYTHONIOENCODING": "utf-8"}, timeout=60)
    assert result.returncode == 1
    assert "bukan teks" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
