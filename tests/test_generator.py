"""The generator of realistic test SOPs (tools/generate_sops.py): deterministic, valid, within its ranges."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from generate_sops import generate, write  # noqa: E402
from sop_ap.engine.model import END  # noqa: E402
from sop_ap.engine.nip import check_nip  # noqa: E402
from sop_ap.source.registry import Registry, load_registry  # noqa: E402

SEEDS = (1, 2, 3)
COUNT = 50


@pytest.fixture(scope="module")
def registries(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Registry]:
    """50 generated files for each of 3 seeds, loaded the way `sop validate` loads them."""
    out = {}
    for seed in SEEDS:
        root = tmp_path_factory.mktemp(f"seed{seed}") / "sops"
        paths = write(COUNT, seed, root)
        assert len(paths) == len(set(paths)) == COUNT
        out[seed] = load_registry(root)
    return out


def test_same_seed_same_text_other_seed_other_text() -> None:
    first = generate(30, 5)
    assert first == generate(30, 5)
    assert len(first) == 30
    other = generate(30, 6)
    assert other != first
    assert [text for _, text in other] != [text for _, text in first]


def test_files_go_under_instansi_unit_and_name_with_the_schema_comment(tmp_path: Path) -> None:
    root = tmp_path / "out"
    paths = write(12, 4, root)
    schema = ROOT / "docs" / "schema" / "sop.schema.json"
    for path in paths:
        rel = path.relative_to(root)
        assert len(rel.parts) == 3 and rel.suffix == ".yaml"
        assert all(part == part.lower() and " " not in part for part in rel.parts)
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        prefix = "# yaml-language-server: $schema="
        assert first_line.startswith(prefix)
        ref = first_line.removeprefix(prefix)
        assert ref == Path(os.path.relpath(schema, path.parent)).as_posix()
        assert (path.parent / ref).resolve() == schema.resolve()
    # without a folder the files are taken to go under sops/ of the project, like the seed SOPs
    assert generate(1, 4)[0][1].startswith("# yaml-language-server: $schema=../../../docs/schema/sop.schema.json\n")


def test_generated_sops_validate_without_any_diagnostic(registries: dict[int, Registry]) -> None:
    for seed, registry in registries.items():
        assert len(registry.entries) == COUNT
        assert [d.format() for d in registry.all_diagnostics()] == [], f"seed {seed}"
        assert all(entry.ok for entry in registry.entries)


def test_counts_dates_nip_and_legal_bases_are_within_range(registries: dict[int, Registry]) -> None:
    units = set()
    for registry in registries.values():
        for entry in registry.entries:
            sop = entry.sop
            assert sop is not None
            units.add((sop.instansi, sop.unit))
            assert 3 <= len(sop.pelaksana) <= 6
            assert 5 <= len(sop.langkah) <= 20
            assert [s.no for s in sop.langkah] == list(range(1, len(sop.langkah) + 1))
            assert sop.langkah[0].simbol == sop.langkah[-1].simbol == "terminator"
            assert sum(s.is_decision for s in sop.langkah) <= 3
            assert 1 <= len(sop.dasar_hukum) <= 4 and all(c.structured for c in sop.dasar_hukum)
            if sop.tanggal.efektif:
                assert sop.tanggal.pembuatan <= sop.tanggal.efektif
            nip = check_nip(sop.disahkan.nip)
            assert nip.complete and not nip.errors
            assert sop.disahkan.nip == sop.disahkan.nip_display  # printed grouped
            assert int(nip.digits[8:12]) >= int(nip.digits[:4]) + 18
            assert all(s.kegiatan[0].isupper() and s.kegiatan.split()[0].startswith("Me") for s in sop.langkah)
    assert len(units) >= 5, "spread over several units"


def test_decisions_loop_back_and_keterkaitan_stays_in_the_unit(registries: dict[int, Registry]) -> None:
    decisions = loops = shared = 0
    for registry in registries.values():
        for entry in registry.entries:
            sop = entry.sop
            for step in sop.langkah:
                if step.cabang:
                    decisions += 1
                    targets = list(step.cabang.values())
                    assert targets[0] == step.no + 1  # the first answer goes on
                    loops += any(t != END and t < step.no for t in targets[1:])
                if len(step.oleh) > 1:
                    shared += 1
                    assert step.cara == "salah_satu"
            for i, item in enumerate(sop.keterkaitan):
                target = registry.link_at(entry.id, i)
                assert target is not None and target.sop.nama == item.sop
                assert (target.sop.instansi, target.sop.unit) == (sop.instansi, sop.unit)
        assert registry.links
    assert decisions > 30
    assert loops == decisions
    assert shared > 0


def test_revoked_citations_only_on_request(tmp_path: Path) -> None:
    write(40, 8, tmp_path / "sops", revoked=0.5)
    registry = load_registry(tmp_path / "sops")
    codes = {d.code for d in registry.all_diagnostics()}
    assert codes == {"dasar-hukum-dicabut"}
