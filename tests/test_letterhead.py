"""A unit's own look: its logo (``logo.*``) and letterhead lines (``_kop.yaml``) in ``sops/<instansi>/`` or
``sops/<instansi>/<unit>/``, on the page header and on the paper; nothing invented when there is none."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from sitebuild import SEED_BAJENG, SEED_JUAI, build, copy_project, page, plugin_options
from sop_ap.source.letterhead import letterhead_for
from sop_ap.source.registry import load_registry

ROOT = Path(__file__).resolve().parents[1]
LOGO_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'


def _org_lines(html: str, block_class: str) -> list[str]:
    """The text lines of the letterhead block (page: spans of .sop-id-org; paper: divs of .sop-paper-org)."""
    if block_class == "sop-id-org":
        block = re.search(r'<div class="sop-id-org">(.*?)</div>', html, re.S).group(1)
        return re.findall(r'<span class="sop-id-[a-z]+">([^<]*)</span>', block)
    block = re.search(r'<td class="sop-paper-org" rowspan="6">(.*?)</td>', html, re.S).group(1)
    return re.findall(r"<div[^>]*>([^<]*)</div>", block)


def test_a_logo_and_letterhead_in_the_instansi_folder_appear_on_the_page_and_the_paper(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    gowa = project / "sops" / "kabupaten-gowa"
    (gowa / "logo.svg").write_text(LOGO_SVG, encoding="utf-8")
    (gowa / "_kop.yaml").write_text("instansi: PEMERINTAH KABUPATEN GOWA\n", encoding="utf-8")
    (gowa / "kecamatan-bajeng-barat" / "_kop.yaml").write_text(
        "unit: KECAMATAN BAJENG BARAT\nalamat: Jalan Poros Limbung Nomor 1, Bajeng Barat\n", encoding="utf-8")
    plugin_options(project, simulasi=False, pencarian=False)
    result = build(project, "--strict")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    html = page(site, SEED_BAJENG)
    (header_src,) = re.findall(r'<img class="sop-id-logo" src="([^"]+)" alt="Logo Kecamatan Bajeng Barat">', html)
    (paper_src,) = re.findall(r'<img class="sop-paper-logo" src="([^"]+)"', html)
    for src in (header_src, paper_src):
        assert (site / "sop" / SEED_BAJENG / src).resolve().read_text(encoding="utf-8") == LOGO_SVG
    expected = ["PEMERINTAH KABUPATEN GOWA", "KECAMATAN BAJENG BARAT", "Sub Bagian Perencanaan",
                "Jalan Poros Limbung Nomor 1, Bajeng Barat"]
    assert _org_lines(html, "sop-id-org") == expected
    assert _org_lines(html, "sop-paper-org") == expected
    # The other instansi has no file: no logo, no placeholder, its own lines from the SOP.
    juai = page(site, SEED_JUAI)
    assert "sop-id-logo" not in juai and "sop-paper-logo" not in juai and "LOGO" not in juai
    assert _org_lines(juai, "sop-id-org") == ["Pemerintah Kabupaten Balangan", "Kecamatan Juai"]
    assert (site / "assets" / "sop" / "letterhead.css").is_file()


def test_the_nearer_letterhead_file_wins_key_by_key(tmp_path: Path) -> None:
    sops = tmp_path / "sops"
    shutil.copytree(ROOT / "sops", sops)
    (sops / "kabupaten-gowa" / "_kop.yaml").write_text(
        "instansi: PEMERINTAH KABUPATEN GOWA\nunit: SEMUA UNIT\nalamat: [Sungguminasa]\n", encoding="utf-8")
    (sops / "kabupaten-gowa" / "kecamatan-bajeng-barat" / "_kop.yaml").write_text(
        "unit: KECAMATAN BAJENG BARAT\n", encoding="utf-8")
    registry = load_registry(sops)
    assert not registry.diagnostics
    entry = registry.by_id[SEED_BAJENG]
    kop = letterhead_for(entry.path, registry.root, registry.letterheads)
    assert (kop.instansi, kop.unit, kop.alamat) == ("PEMERINTAH KABUPATEN GOWA", "KECAMATAN BAJENG BARAT",
                                                    ["Sungguminasa"])
    juai = registry.by_id[SEED_JUAI]
    assert letterhead_for(juai.path, registry.root, registry.letterheads).model_dump() == \
        {"instansi": None, "unit": None, "alamat": []}


def test_mistakes_in_a_letterhead_file_are_errors_with_file_line_and_indonesian_words(tmp_path: Path) -> None:
    sops = tmp_path / "sops"
    shutil.copytree(ROOT / "sops", sops)
    (sops / "kabupaten-gowa" / "_kop.yaml").write_text(
        "instansi: PEMERINTAH KABUPATEN GOWA\nalmat: Jalan Poros\nunit: [1, 2]\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "sop_ap.cli.main", "validate", str(sops)], capture_output=True,
                            text=True, cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout + result.stderr
    assert "sops/kabupaten-gowa/_kop.yaml:2:1: galat [almat]: Kolom 'almat' tidak dikenal." in out
    assert "Mungkin maksud Anda 'alamat'?" in out  # the letterhead's own keys, not the SOP's
    assert "sops/kabupaten-gowa/_kop.yaml:3:1: galat [unit]: Harus berupa teks" in out
