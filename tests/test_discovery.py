"""One definition of "valid": `sop validate` and the build read the same files, report name clashes naming
both files, refuse symbolic links that leave the registry (and never read them), and report dangling ones."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import base_sop, to_yaml, write_registry
from sitebuild import copy_project, mkdocs
from sop_ap.cli.main import main
from sop_ap.render.page_indexes import performer_paths, performer_steps
from sop_ap.source.registry import load_registry

TOKEN = "RAHASIA-TOKEN-7f3a9"


def codes(registry) -> list[tuple[str, str]]:
    return sorted((d.code, d.file or "") for d in registry.all_diagnostics() if d.level == "error")


def validate(capsys, *paths: Path) -> tuple[int, str]:
    code = main(["validate", *map(str, paths)])
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.fixture
def registry_dir(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "sops"
    (root / "unit").mkdir(parents=True)
    return root


def sop(name: str) -> str:
    data = base_sop()
    data["nama"] = name
    return to_yaml(data)


def test_yaml_and_yml_of_one_name_are_an_error_naming_both(registry_dir: Path, capsys) -> None:
    registry = write_registry(registry_dir, {"unit/sama.yaml": sop("Satu"), "unit/sama.yml": sop("Dua")})
    clashes = [d for d in registry.all_diagnostics() if d.code == "alamat-ganda"]
    assert len(clashes) == 2 and all("sops/unit/sama.yaml" in d.message and "sops/unit/sama.yml" in d.message
                                     for d in clashes)
    assert not any(e.ok for e in registry.entries)
    code, out = validate(capsys, registry_dir)
    assert code == 1 and "alamat halaman yang sama" in out and "GAGAL" in out


def test_names_differing_only_in_case_clash(registry_dir: Path) -> None:
    registry = write_registry(registry_dir, {"unit/Surat.yaml": sop("Satu"), "unit/surat.yaml": sop("Dua")})
    assert [d.code for d in registry.all_diagnostics() if d.level == "error"] == ["alamat-ganda"] * 2


@pytest.mark.parametrize("name", ["index.yaml", "unit/index.yml", "unit/README.yaml"])
def test_reserved_names_are_refused(registry_dir: Path, name: str, capsys) -> None:
    registry = write_registry(registry_dir, {name: sop("Indeks")})
    assert [d.code for d in registry.all_diagnostics() if d.level == "error"] == ["nama-berkas-khusus"]
    code, out = validate(capsys, registry_dir)
    assert code == 1 and "halaman indeks" in out


@pytest.mark.parametrize("name", ["unit/surat#1.yaml", "unit/apa?.yaml", "unit/50%.yaml", "unit/dua kata.yaml",
                                  "folder#x/sop.yaml"])
def test_names_that_break_an_address_are_refused(registry_dir: Path, name: str) -> None:
    registry = write_registry(registry_dir, {name: sop("Surat")})
    found = [d for d in registry.all_diagnostics() if d.level == "error"]
    assert [d.code for d in found] == ["nama-berkas-url"] and "alamat halaman" in found[0].message


def test_a_link_to_an_sop_outside_the_registry_is_refused_and_never_read(registry_dir: Path, tmp_path: Path,
                                                                          capsys) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "valid.yaml").write_text(sop("Dari Luar"), encoding="utf-8")
    (outside / "token.yaml").write_text(f"nomor: {TOKEN}\n", encoding="utf-8")
    (registry_dir / "unit" / "luar.yaml").symlink_to(outside / "valid.yaml")
    (registry_dir / "unit" / "token.yaml").symlink_to(outside / "token.yaml")
    (registry_dir / "unit" / "biasa.yaml").write_text(sop("Biasa"), encoding="utf-8")
    registry = load_registry(registry_dir)
    by_id = {e.id: e for e in registry.entries}
    assert by_id["unit/luar"].sop is None and by_id["unit/token"].sop is None and by_id["unit/biasa"].ok
    assert {d.code for e in (by_id["unit/luar"], by_id["unit/token"]) for d in e.diagnostics} == {"tautan-keluar"}
    code, out = validate(capsys, registry_dir)
    assert code == 1 and "tautan simbolik" in out and "di luar folder registri" in out
    assert TOKEN not in out and "elsewhere" not in out and "Dari Luar" not in out
    code, out = validate(capsys, registry_dir / "unit" / "token.yaml")  # the link itself, named directly
    assert code == 1 and TOKEN not in out and "elsewhere" not in out


def test_a_linked_folder_that_leaves_the_registry_is_refused(registry_dir: Path, tmp_path: Path, capsys) -> None:
    outside = tmp_path / "folder-luar"
    outside.mkdir()
    (outside / "valid.yaml").write_text(sop("Dari Luar"), encoding="utf-8")
    (registry_dir / "tautan").symlink_to(outside, target_is_directory=True)
    registry = load_registry(registry_dir)
    assert registry.entries == [] and [d.code for d in registry.diagnostics] == ["tautan-keluar"]
    code, out = validate(capsys, registry_dir)
    assert code == 1 and "sops/tautan" in out and "folder-luar" not in out


def test_a_dangling_link_is_reported(registry_dir: Path, capsys) -> None:
    (registry_dir / "unit" / "hilang.yaml").symlink_to(registry_dir / "tidak-ada.yaml")
    registry = load_registry(registry_dir)
    assert [d.code for d in registry.all_diagnostics()] == ["tautan-putus"]
    code, out = validate(capsys, registry_dir)
    assert code == 1 and "tautan putus" in out


def test_the_build_refuses_what_validate_refuses_and_leaks_nothing(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "proyek")
    outside = tmp_path / "rahasia"
    outside.mkdir()
    (outside / "token.yaml").write_text(f"nomor: {TOKEN}\n", encoding="utf-8")
    (project / "sops" / "token.yaml").symlink_to(outside / "token.yaml")
    check = subprocess.run([str(Path(sys.executable).parent / "sop"), "validate"], cwd=project, capture_output=True,
                           text=True)
    result = mkdocs(project, "build")
    assert check.returncode == 1 and result.returncode != 0
    log = result.stdout + result.stderr + check.stdout + check.stderr
    assert "tautan simbolik" in result.stderr and TOKEN not in log and str(outside) not in log
    assert not (project / "site").exists()


def test_roles_whose_names_make_one_slug_get_a_page_each(registry_dir: Path) -> None:
    a, b = base_sop(), base_sop()
    a["pelaksana"][0]["nama"] = "Kaur Umum/Perencanaan"
    b["pelaksana"][0]["nama"] = "Kaur Umum & Perencanaan"
    b["nama"] = "Lain"
    for data, name in ((a, "Kaur Umum/Perencanaan"), (b, "Kaur Umum & Perencanaan")):
        for step in data["langkah"]:
            if step["oleh"] == "Camat":
                step["oleh"] = name
    registry = write_registry(registry_dir, {"unit/a.yaml": a, "unit/b.yaml": b})
    assert all(e.ok for e in registry.entries), registry.all_diagnostics()
    paths = performer_paths(performer_steps(registry))
    kaur = sorted(path for key, path in paths.items() if key.startswith("kaur"))
    assert kaur == ["pelaksana/kaur-umum-perencanaan-2.md", "pelaksana/kaur-umum-perencanaan.md"]
    assert len(set(paths.values())) == len(paths)


def test_one_regulation_page_for_two_spellings_is_reported(registry_dir: Path) -> None:
    a, b = base_sop(), base_sop()
    a["dasar_hukum"][0]["nomor"] = "1/2"
    b["dasar_hukum"][0]["nomor"] = "1-2"
    b["nama"] = "Lain"
    registry = write_registry(registry_dir, {"unit/a.yaml": a, "unit/b.yaml": b})
    found = [d for d in registry.all_diagnostics() if d.code == "peraturan-ganda"]
    assert len(found) == 2 and "peraturan/pp-1-2-2018/" in found[0].message
    assert "PP Nomor 1-2 Tahun 2018" in found[0].message or "PP Nomor 1/2 Tahun 2018" in found[0].message


def test_seed_registry_has_no_discovery_problem() -> None:
    root = Path(__file__).resolve().parents[1] / "sops"
    registry = load_registry(root)
    assert registry.diagnostics == [] and len(registry.entries) == 2 and all(e.ok for e in registry.entries)
    assert os.path.samefile(registry.entries[0].path.parent.parent.parent, root)
