"""Positions (jabatan) across SOPs: empty columns are no one's task, names listed in sops/_jabatan.yaml are
grouped, and names that look alike get a warning suggesting to list them together."""

from __future__ import annotations

import shutil
from pathlib import Path

from sop_ap.engine import bridge
from sop_ap.render.page_indexes import performer_pages, performer_steps, performers_pages
from sop_ap.render.page_sop import SiteOptions, sop_page
from sop_ap.source.registry import load_registry
from sop_ap.source.roles import POSITIONS_FILE, role_notes, similar_names

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "sops"
JUAI = "kabupaten-balangan/kecamatan-juai/penyusunan-rencana-kinerja-tahunan"
BAJENG = "kabupaten-gowa/kecamatan-bajeng-barat/perjanjian-kinerja"


def _seeds(tmp_path: Path, with_positions: bool) -> Path:
    root = tmp_path / "sops"
    shutil.copytree(SEEDS, root)
    if not with_positions:
        (root / POSITIONS_FILE).unlink()
    return root


def test_alike_names_are_found_and_others_are_not() -> None:
    pairs = {(a, b) for a, b, _ in similar_names([
        "Camat", "Sekretaris Camat", "Sekrcam", "Lurah", "Sekretaris Lurah", "Kasubag Perencanaan",
        "Kasubbag Perencanaan dan Keuangan", "Kasubbag Perencanan dan Keuangan", "Petugas Loket"])}
    assert ("Sekretaris Camat", "Sekrcam") in pairs  # an abbreviation written out
    assert ("Kasubag Perencanaan", "Kasubbag Perencanaan dan Keuangan") in pairs  # one continues the other
    assert ("Kasubbag Perencanaan dan Keuangan", "Kasubbag Perencanan dan Keuangan") in pairs  # a typo
    for a, b in pairs:  # the head of a unit and its secretary are two positions
        assert {a, b} not in ({"Camat", "Sekretaris Camat"}, {"Lurah", "Sekretaris Lurah"}, {"Camat", "Sekrcam"})


def test_without_the_list_alike_names_get_a_warning(tmp_path: Path) -> None:
    registry = load_registry(_seeds(tmp_path, with_positions=False))
    notes = role_notes(registry)
    assert len(notes) == 1, [n.format() for n in notes]
    note = notes[0]
    assert note.level == "warning" and note.code == "jabatan-mirip"
    assert "'Kasubbag Perencanaan dan Keuangan' mirip 'Kasubag Perencanaan'" in note.message
    assert note.file.endswith(f"{JUAI}.yaml") and note.line == 50
    assert POSITIONS_FILE in note.message


def test_the_list_groups_them_and_silences_the_warning(tmp_path: Path) -> None:
    registry = load_registry(_seeds(tmp_path, with_positions=True))
    assert role_notes(registry) == []
    roles = performer_steps(registry)
    name, steps = roles["kasubbag perencanaan dan keuangan"]
    assert {e.id for e, _, _ in steps} == {JUAI, BAJENG}
    assert "kasubag perencanaan" not in roles and "sekrcam" not in roles
    page = "".join(text for _, text in performer_pages(name, steps, SiteOptions(), registry))
    assert "di SOP ini disebut “Kasubag Perencanaan”" in page
    assert "?latihan=Kasubag%20Perencanaan" in page


def test_a_position_without_a_step_is_not_listed_tagged_or_trained(tmp_path: Path) -> None:
    registry = load_registry(_seeds(tmp_path, with_positions=False))
    juai = registry.by_id[JUAI]
    # Juai's "Sekretaris" column holds no symbol.
    assert "sekretaris" not in performer_steps(registry)
    index = dict(performers_pages(registry, SiteOptions()))["pelaksana/index.md"]
    assert "0 langkah" not in index and ">Sekretaris<" not in index
    page = sop_page(juai, registry, SiteOptions())
    front = page.split("---")[1]
    assert "Sekretaris" not in front and "Camat" in front
    info = bridge._info(juai.sop, [])
    assert "Sekretaris" not in info["variants"][0]["roles"] and "Camat" in info["variants"][0]["roles"]


def test_a_broken_list_is_a_warning_not_a_failure(tmp_path: Path) -> None:
    root = _seeds(tmp_path, with_positions=False)
    (root / POSITIONS_FILE).write_text("jabatan: [nama: tanpa tutup\n", encoding="utf-8")
    notes = role_notes(load_registry(root))
    assert any(n.code == "jabatan-berkas" and n.file.endswith(POSITIONS_FILE) for n in notes)
