"""Incremental builds: an SOP whose inputs did not change is neither drawn nor rendered nor written again; a
change renders that SOP (and, when it changes what its unit's pages show of it, the SOPs of its unit)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from helpers import ROOT
from sop_ap.render import site
from sop_ap.render.page_sop import SiteOptions, sop_page_path
from sop_ap.source.registry import load_registry

sys.path.insert(0, str(ROOT / "tools"))
from generate_sops import write as write_sops  # noqa: E402


@pytest.fixture()
def counted(monkeypatch) -> list[str]:
    rendered: list[str] = []
    original = site.sop_page

    def sop_page(entry, *args, **kwargs):
        rendered.append(entry.id)
        return original(entry, *args, **kwargs)

    monkeypatch.setattr(site, "sop_page", sop_page)
    return rendered


def test_unchanged_sops_are_not_rendered_again(tmp_path: Path, counted: list[str]) -> None:
    sops = tmp_path / "sops"
    write_sops(12, 4, sops)
    out = tmp_path / "pages"
    options = SiteOptions(simulation=False)
    first = site.write_site(load_registry(sops), options, out)
    assert len(counted) == 12
    before = {p: (out / p).stat().st_mtime_ns for p in first}

    counted.clear()
    again = site.write_site(load_registry(sops), options, out)
    assert counted == [] and sorted(again) == sorted(first)
    assert {p: (out / p).stat().st_mtime_ns for p in again} == before  # nothing rewritten

    counted.clear()
    changed = sorted(sops.rglob("*.yaml"))[3]
    changed.write_text(changed.read_text(encoding="utf-8").replace("kegiatan: ", "kegiatan: Segera ", 1),
                       encoding="utf-8")
    registry = load_registry(sops)
    entry = next(e for e in registry.entries if e.path == changed)
    site.write_site(registry, options, out)
    assert counted == [entry.id]
    assert "Segera " in (out / sop_page_path(entry)).read_text(encoding="utf-8")

    counted.clear()
    changed.unlink()
    site.write_site(load_registry(sops), options, out)
    assert counted == [] or set(counted) <= {e.id for e in registry.entries if e.sop.unit == entry.sop.unit}
    assert not (out / sop_page_path(entry)).exists()  # the removed SOP's page is gone


def _validations(monkeypatch) -> list[str]:
    """The SOP files parsed and validated (not read back from the cache)."""
    from sop_ap.source import registry as registry_module

    done: list[str] = []
    original = registry_module.load_sop_text

    def load_sop_text(raw, display, entry_id="", path=None):
        done.append(entry_id)
        return original(raw, display, entry_id, path)

    monkeypatch.setattr(registry_module, "load_sop_text", load_sop_text)
    return done


def _view(registry) -> list:
    return [(e.id, e.sop, [d.format() for d in e.diagnostics]) for e in registry.entries]


def test_unchanged_sop_files_are_not_validated_again(tmp_path: Path, monkeypatch) -> None:
    sops, cache = tmp_path / "sops", tmp_path / "cache"
    write_sops(6, 3, sops)
    broken = sops / "rusak.yaml"
    broken.write_text("nama: Rusak\nnomor: [\n", encoding="utf-8")  # an invalid file: its messages are kept too
    validated = _validations(monkeypatch)
    first = load_registry(sops, cache_dir=cache)
    assert len(validated) == 7 and not first.by_id["rusak"].ok
    fresh = _view(first)

    validated.clear()
    again = load_registry(sops, cache_dir=cache)
    assert validated == []  # every file read back from the cache
    assert _view(again) == fresh
    assert _view(load_registry(sops)) == fresh  # the same as without any cache

    changed = sorted(sops.rglob("*.yaml"))[0]
    changed.write_text(changed.read_text(encoding="utf-8").replace("nama: ", "nama: Baru ", 1), encoding="utf-8")
    validated.clear()
    edited = load_registry(sops, cache_dir=cache)
    assert validated == [edited.entries[0].id] and edited.entries[0].sop.nama.startswith("Baru ")
    assert len(list(cache.glob("*.pickle"))) == 7  # the old version of the edited file is pruned

    for path in cache.glob("*.pickle"):
        path.write_bytes(b"not a pickle")  # a damaged cache: validated again, never trusted
    validated.clear()
    assert _view(load_registry(sops, cache_dir=cache)) == _view(edited) and len(validated) == 7
