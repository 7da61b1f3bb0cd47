"""Helpers for tests that build real sites: copy the project's site sources, run `mkdocs build`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from pyodide_env import CACHE
from sop_ap.render import pyodide_assets

ROOT = Path(__file__).resolve().parents[1]
SEED_BAJENG = "kabupaten-gowa/kecamatan-bajeng-barat/perjanjian-kinerja"
SEED_JUAI = "kabupaten-balangan/kecamatan-juai/penyusunan-rencana-kinerja-tahunan"

_downloads_ready = False


def pyodide_downloads() -> Path:
    """The suite's download cache (``pyodide_env.CACHE``) holding all that a build's Pyodide step fetches or
    makes: the runtime, the pinned wheels, every wheel precompiled (our engine's too) and the start-up
    snapshot. Made complete once per session; a clean build spends most of its time making these."""
    global _downloads_ready
    if not _downloads_ready:
        with tempfile.TemporaryDirectory() as tmp:
            pyodide_assets.prepare(Path(tmp), CACHE)
        _downloads_ready = True
    return CACHE


def plugin_options(project: Path, **options: object) -> None:
    """Add options under the ``sop`` plugin of the project's mkdocs.yml (``simulasi=False`` becomes
    ``simulasi: false``), after its ``sops_dir``."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    anchor = "      sops_dir: sops\n"
    assert text.count(anchor) == 1, "mkdocs.yml: the sop plugin's sops_dir line has moved"
    lines = "".join(f"      {key}: {str(value).lower() if isinstance(value, bool) else value}\n"
                    for key, value in options.items())
    config.write_text(text.replace(anchor, anchor + lines), encoding="utf-8")


def copy_project(dest: Path, with_sops: bool = True, warm_cache: bool = True) -> Path:
    """mkdocs.yml, docs/, overrides/ (the theme's) and (optionally) sops/ of the project, copied into
    ``dest``. With ``warm_cache`` the project's cache starts with the Pyodide downloads (a copy of
    ``pyodide_downloads()``), as on a machine that has built before; without it the cache is empty and the
    build makes everything anew (tests of clean builds)."""
    dest.mkdir(parents=True, exist_ok=True)
    if warm_cache:
        shutil.copytree(pyodide_downloads(), dest / ".cache" / "sop" / "downloads",
                        ignore=shutil.ignore_patterns("tmp*", "*.tmp"))
    shutil.copytree(ROOT / "docs", dest / "docs")
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    if with_sops:
        shutil.copytree(ROOT / "sops", dest / "sops")
    else:
        (dest / "sops").mkdir()
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def mkdocs_env(env: dict[str, str] | None = None, pdf: bool = False) -> dict[str, str]:
    """The environment of a test's ``mkdocs``: this process's, with ``env`` on top. Without ``pdf`` no PDF is
    printed (SOP_PDF=false, read by the project's mkdocs.yml): Chromium printing every SOP is most of a build's
    time, and only the tests of the PDFs need them. With ``pdf``, SOP_PDF is unset, so the build does what the
    project's mkdocs.yml does by default (print them), unless the test's mkdocs.yml says otherwise."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("SOP_REPO_URL", None) if env is None or "SOP_REPO_URL" not in env else None
    full_env.pop("SOP_PDF", None)
    if not pdf:
        full_env["SOP_PDF"] = "false"
    return full_env


def mkdocs(project: Path, *args: str, env: dict[str, str] | None = None, pdf: bool = False,
           timeout: int = 600) -> subprocess.CompletedProcess[str]:
    """Run ``python -m mkdocs ARGS`` in ``project`` (without PDFs unless ``pdf``: see ``mkdocs_env``)."""
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=project, capture_output=True, text=True,
                          timeout=timeout, env=mkdocs_env(env, pdf))


def build(project: Path, *args: str, env: dict[str, str] | None = None,
          pdf: bool = False) -> subprocess.CompletedProcess[str]:
    return mkdocs(project, "build", *args, env=env, pdf=pdf)


def page(site: Path, sop_id: str) -> str:
    return (site / "sop" / sop_id / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's site with the two seed SOPs, built once with --strict as the project's mkdocs.yml has it
    (PDFs too: the pages' checks see the "Unduh PDF" link); returns the site folder."""
    project = copy_project(tmp_path_factory.mktemp("seed-site"))
    result = build(project, "--strict", env={"SOP_REPO_URL": "https://github.com/contoh/registri-sop"}, pdf=True)
    assert result.returncode == 0, result.stderr
    return project / "site"
