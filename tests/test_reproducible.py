"""Reproducible output: two clean builds of the same input, in two folders with their own empty caches
(so the start-up snapshot, the precompiled wheels, the flowcharts and the PDFs are all made anew), are
byte-identical."""

from __future__ import annotations

from pathlib import Path

from sitebuild import build, copy_project


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_clean_builds_are_byte_identical(tmp_path: Path) -> None:
    sites = []
    for name in ("satu", "dua"):
        project = copy_project(tmp_path / name, warm_cache=False)
        assert not (project / ".cache").exists()
        result = build(project, "--strict", pdf=True)
        assert result.returncode == 0, result.stderr[-3000:]
        sites.append(_files(project / "site"))
    first, second = sites
    assert sorted(first) == sorted(second)
    snapshots = [name for name in first if name.endswith(".snapshot")]
    assert len(snapshots) == 1  # the one file that used to differ on every build
    assert len([name for name in first if name.endswith(".pdf")]) == 2  # one per seed SOP
    assert [name for name in first if first[name] != second[name]] == []
