"""The first site: MkDocs with the `sop` plugin builds one page per SOP from sops/."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's site sources in a temporary folder."""
    for name in ("docs", "sops"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def build(project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *extra], cwd=project, capture_output=True,
                          text=True, timeout=300)


def test_plugin_is_registered_through_entry_point() -> None:
    from importlib.metadata import entry_points

    (plugin,) = [ep for ep in entry_points(group="mkdocs.plugins") if ep.name == "sop"]
    assert plugin.value == "sop_ap.mkdocs_plugin:SopPlugin"


def test_build_makes_one_page_per_sop(project: Path) -> None:
    result = build(project, "--strict")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    bajeng = (site / "sop/kabupaten-gowa/kecamatan-bajeng-barat/perjanjian-kinerja/index.html").read_text()
    juai = (site / "sop/kabupaten-balangan/kecamatan-juai/penyusunan-rencana-kinerja-tahunan/index.html").read_text()
    assert "Perjanjian Kinerja" in bajeng and "19791025 199912 2 001" in bajeng
    assert "Menghimpun data dan informasi terkait target perjanjian kinerja" in bajeng
    assert "<strong>dicabut</strong>" in juai and "PP Nomor 30 Tahun 2019" in juai
    index = (site / "sop/index.html").read_text()
    assert "Kecamatan Juai" in index and "Kecamatan Bajeng Barat" in index
    assert 'lang="id"' in (site / "index.html").read_text()
    assert (site / "schema/sop.schema.json").is_file()


def test_invalid_sop_stops_build_and_keeps_previous_site(project: Path) -> None:
    assert build(project).returncode == 0
    marker = project / "site" / "index.html"
    before = marker.read_text()
    bad = project / "sops/kabupaten-gowa/kecamatan-bajeng-barat/perjanjian-kinerja.yaml"
    bad.write_text(bad.read_text().replace("oleh: Sekrcam\n", "oleh: Bendahara\n", 1), encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert "Pelaksana 'Bendahara' tidak ada" in result.stderr
    assert "situs tidak dibangun" in result.stderr
    assert "Traceback" not in result.stderr
    assert marker.read_text() == before


def test_hostile_text_is_shown_literally(project: Path) -> None:
    path = project / "sops/kabupaten-gowa/kecamatan-bajeng-barat/perjanjian-kinerja.yaml"
    text = path.read_text().replace(
        "kegiatan: Menerima dan mengarsipkan dokumen perjanjian kinerja",
        "kegiatan: 'Mengarsipkan <script>alert(1)</script> [tautan](javascript:alert(2)) {{ x }} | *tebal*'",
    )
    path.write_text(text, encoding="utf-8")
    assert build(project).returncode == 0
    page = (project / "site/sop/kabupaten-gowa/kecamatan-bajeng-barat/perjanjian-kinerja/index.html").read_text()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript:alert(2)"' not in page
    assert "{{ x }}" in page
