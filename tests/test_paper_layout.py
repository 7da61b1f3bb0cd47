"""The printed SOP: identity page, flowchart table with symbols in the pelaksana columns, page breaks
between rows with lettered off-page connectors, and escaped text."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path


from helpers import write_one_sop
from hostile import hostile_sop
from sop_ap.render import paper
from sop_ap.source.registry import load_registry

ROOT = Path(__file__).resolve().parents[1]


def _long_sop(steps: int = 30) -> dict:
    data = hostile_sop()
    a, b = data["pelaksana"][0]["nama"], data["pelaksana"][1]["nama"]
    data["langkah"] = [
        {"no": i, "kegiatan": f"Memproses berkas tahap {i}", "oleh": a if i % 2 else b,
         "simbol": "terminator" if i in (1, steps) else "proses", "waktu": "5 menit"}
        for i in range(1, steps + 1)
    ]
    data["langkah"][24] = {"no": 25, "kegiatan": "Memeriksa hasil", "oleh": a, "simbol": "keputusan",
                           "cabang": {"Benar": 26, "Perlu perbaikan": 3}, "waktu": "5 menit"}
    return data


def _svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r'<svg class="sop-paper-flow".*?</svg>', html, re.S)]


def test_seed_identity_page_and_table() -> None:
    registry = load_registry(ROOT / "sops")
    entry = registry.by_id["kabupaten-balangan/kecamatan-juai/penyusunan-rencana-kinerja-tahunan"]
    html = paper.paper_html(entry, registry)
    identity = html[: html.index("sop-paper-flow-page")]
    for title in ("DASAR HUKUM", "KUALIFIKASI PELAKSANA", "KETERKAITAN", "PERALATAN/PERLENGKAPAN", "PERINGATAN",
                  "PENCATATAN DAN PENDATAAN", "Nomor SOP", "Tanggal Pembuatan", "Tanggal Revisi",
                  "Tanggal Efektif", "Disahkan oleh", "Nama SOP"):
        assert title in identity, title
    assert "NIP. ???????? 200601 1 016" in identity and "sudah dicabut" in identity
    assert html.count('<tr style="height:') == 7
    assert "Ditetapkan di Juai, 2 Januari 2024" in html


def test_symbols_sit_in_their_pelaksana_column() -> None:
    registry = load_registry(ROOT / "sops")
    entry = registry.by_id["kabupaten-gowa/kecamatan-bajeng-barat/perjanjian-kinerja"]
    chart = entry.sop.flowcharts[0]
    (svg,) = _svgs(paper.paper_html(entry, registry))[:1]
    width = float(svg.get("viewBox").split()[2])
    lane = width / len(chart.performers)
    columns = {p.nama: i for i, p in enumerate(chart.performers)}
    symbols = [g for g in svg.iter("g") if "sop-paper-symbol" in g.get("class", "")]
    assert symbols
    for g in symbols:
        step = next(s for s in chart.steps if s.no == int(g.get("data-step")))
        x = float(g.find("text").get("x"))
        assert columns[step.oleh[0]] * lane < x < (columns[step.oleh[0]] + 1) * lane, step.no
    assert any("sop-paper-keputusan" in g.get("class") for g in symbols)


def test_long_sop_breaks_between_rows_with_lettered_connectors(tmp_path: Path) -> None:
    entry, registry = write_one_sop(tmp_path, _long_sop())
    html = paper.paper_html(entry, registry)
    pages = html.count("sop-paper-flow-page")
    assert pages >= 3
    rows = html.count('<tr style="height:')
    assert rows == 30  # every step is printed once, whole (no row is split)
    letters = re.findall(r'data-letter="([A-Z])"', html)
    assert letters and all(letters.count(x) == 2 for x in set(letters)), letters
    assert sorted(set(letters)) == list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"[: len(set(letters))])
    for svg in _svgs(html):  # each page's drawing parses on its own
        assert svg.get("viewBox")


def test_hostile_text_is_escaped(tmp_path: Path) -> None:
    entry, registry = write_one_sop(tmp_path, hostile_sop())
    html = paper.paper_html(entry, registry)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html
    for svg in _svgs(html):
        assert svg is not None


LOGO_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>'


def test_printed_header_shows_the_units_logo_or_nothing(tmp_path: Path) -> None:
    """No placeholder: the unit's logo (sops/<instansi>/<unit>/logo.*, else the instansi's) or nothing,
    and the published site carries the image where the page points."""
    import shutil

    from sitebuild import SEED_BAJENG, SEED_JUAI, build, copy_project, plugin_options

    project = copy_project(tmp_path / "project")
    (project / "sops" / "kabupaten-gowa" / "logo.svg").write_text(LOGO_SVG, encoding="utf-8")
    plugin_options(project, simulasi=False, pencarian=False)
    result = build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    bajeng = (site / "sop" / SEED_BAJENG / "index.html").read_text(encoding="utf-8")
    (src,) = re.findall(r'<img class="sop-paper-logo" src="([^"]+)"', bajeng)
    assert (site / "sop" / SEED_BAJENG / src).resolve().read_text(encoding="utf-8") == LOGO_SVG
    juai = (site / "sop" / SEED_JUAI / "index.html").read_text(encoding="utf-8")
    assert "sop-paper-logo" not in juai and "LOGO" not in juai
    shutil.rmtree(project / ".cache", ignore_errors=True)
