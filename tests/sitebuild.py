"""Helpers for tests that build real sites: copy the project's site sources, run `mkdocs build`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED_BAJENG = "kabupaten-gowa/kecamatan-bajeng-barat/perjanjian-kinerja"
SEED_JUAI = "kabupaten-balangan/kecamatan-juai/penyusunan-rencana-kinerja-tahunan"


def copy_project(dest: Path, with_sops: bool = True) -> Path:
    """mkdocs.yml, docs/, overrides/ (the theme's) and (optionally) sops/ of the project, copied into
    ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "docs", dest / "docs")
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    if with_sops:
        shutil.copytree(ROOT / "sops", dest / "sops")
    else:
        (dest / "sops").mkdir()
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def mkdocs(project: Path, *args: str, env: dict[str, str] | None = None,
           timeout: int = 600) -> subprocess.CompletedProcess[str]:
    """Run ``python -m mkdocs ARGS`` in ``project``."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("SOP_REPO_URL", None) if env is None or "SOP_REPO_URL" not in env else None
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=project, capture_output=True, text=True,
                          timeout=timeout, env=full_env)


def build(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return mkdocs(project, "build", *args, env=env)


def page(site: Path, sop_id: str) -> str:
    return (site / "sop" / sop_id / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's site with the two seed SOPs, built once with --strict; returns the site folder."""
    project = copy_project(tmp_path_factory.mktemp("seed-site"))
    result = build(project, "--strict", env={"SOP_REPO_URL": "https://github.com/contoh/registri-sop"})
    assert result.returncode == 0, result.stderr
    return project / "site"
