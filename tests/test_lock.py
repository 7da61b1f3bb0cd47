"""The environment is the lock: uv.lock agrees with pyproject.toml, and what is installed is what it pins."""

from __future__ import annotations

import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.utils import canonicalize_name

from helpers import ROOT

UV = ROOT / ".cache" / "uv-tool" / "bin" / "uv"


def uv(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    assert UV.is_file(), f"uv is missing at {UV}: run 'bash tools/setup.sh'"
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never", "UV_NO_PROGRESS": "1"}
    return subprocess.run([str(UV), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def locked_versions() -> dict[str, set[str]]:
    """Each locked package's versions (more than one where the lock forks by Python version)."""
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    versions: dict[str, set[str]] = {}
    for package in lock["package"]:
        versions.setdefault(package["name"], set()).add(package["version"])
    return versions


def test_uv_is_the_pinned_version() -> None:
    pinned = re.search(r"^uv==([\d.]+)", (ROOT / "tools" / "uv-requirements.txt").read_text(), re.M)
    assert pinned and uv("--version").stdout.split()[1] == pinned.group(1)


def test_lock_agrees_with_pyproject() -> None:
    result = uv("lock", "--check", "--offline")
    assert result.returncode == 0, result.stderr


def test_lock_check_fails_when_pyproject_changes(tmp_path: Path) -> None:
    """The check above can fail: a new dependency in pyproject.toml that the lock lacks is refused."""
    for name in ("pyproject.toml", "uv.lock"):
        shutil.copy(ROOT / name, tmp_path / name)
    pyproject = tmp_path / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    changed = text.replace('"pydantic>=2.11,<3",', '"pydantic>=2.11,<3",\n    "jinja2-not-a-real-package>=1",', 1)
    assert changed != text
    pyproject.write_text(changed, encoding="utf-8")
    result = uv("lock", "--check", "--offline", cwd=tmp_path)
    assert result.returncode != 0


def test_every_installed_package_is_the_locked_version() -> None:
    locked = locked_versions()
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in importlib.metadata.distributions()}
    assert installed, "no distributions found"
    wrong = {name: (version, locked.get(name)) for name, version in installed.items()
             if version not in locked.get(name, set())}
    assert not wrong, f"installed (version, locked) differ: {wrong}"
    for name in ("pyyaml", "pydantic", "mkdocs", "mkdocs-material", "playwright", "zizmor"):
        assert name in installed, name


def test_uv_sees_the_environment_in_sync() -> None:
    result = uv("sync", "--locked", "--extra", "test", "--check", "--offline", "--python", sys.executable)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", ["tools/setup.sh", ".github/workflows/pages.yml"])
def test_installs_go_through_the_lock(path: str) -> None:
    text = (ROOT / path).read_text(encoding="utf-8")
    assert "pip install" not in text.replace("pip install --quiet --disable-pip-version-check --require-hashes", "")
    if path.endswith(".sh"):
        assert "sync --locked" in text
    else:
        assert "bash tools/setup.sh" in text
