"""Entries of Pyodide's ``pyodide-lock.json`` for the wheels the widget loads.

Pyodide's loader needs, per package: its file, sha256, the names it makes importable and the
packages it depends on. We read these from each wheel's metadata with ``packaging`` (the PyPA
library for requirements and markers), evaluating markers in Pyodide's own environment, the way
``pyodide lockfile add-wheels`` does. (The ``pyodide-lock`` package that implements that command
reads Pyodide 314's lock format only from 0.2 on, which requires Python 3.12.)
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from email.parser import BytesHeaderParser
from pathlib import Path, PurePosixPath
from typing import Any

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename


def marker_environment(info: dict[str, str]) -> dict[str, str]:
    """The PEP 508 environment of the Pyodide described by a lock file's ``info``."""
    python = info["python"]
    major, minor = python.split(".")[:2]
    match = re.fullmatch(r"(emscripten)_(\d+)_(\d+)_(\d+)", info.get("platform", ""))
    release = ".".join(match.group(2, 3, 4)) if match else ""
    return {
        "implementation_name": "cpython", "implementation_version": python, "os_name": "posix",
        "platform_machine": info.get("arch", "wasm32"), "platform_release": release,
        "platform_system": "Emscripten", "platform_version": "#1", "python_full_version": python,
        "platform_python_implementation": "CPython", "python_version": f"{major}.{minor}",
        "sys_platform": "emscripten", "extra": "",
    }


def _metadata(archive: zipfile.ZipFile) -> Any:
    names = [n for n in archive.namelist() if re.fullmatch(r"[^/]+\.dist-info/METADATA", n)]
    if len(names) != 1:
        raise ValueError(f"{archive.filename}: no single .dist-info/METADATA")
    return BytesHeaderParser().parsebytes(archive.read(names[0]))


def _imports(archive: zipfile.ZipFile) -> list[str]:
    """Top-level importable names: folders that hold Python files, and top-level modules."""
    found: set[str] = set()
    for name in archive.namelist():
        parts = PurePosixPath(name).parts
        if not parts or parts[0].endswith((".dist-info", ".data")):
            continue
        if len(parts) == 1 and name.endswith(".py"):
            found.add(name[:-3])
        elif len(parts) > 1 and name.endswith((".py", ".pyc", ".so")) and parts[0].isidentifier():
            found.add(parts[0])
    return sorted(found)


def _depends(metadata: Any, env: dict[str, str]) -> list[str]:
    """Requirements that apply in Pyodide without extras, as canonical names."""
    depends = set()
    for line in metadata.get_all("Requires-Dist") or []:
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate(env):
            depends.add(canonicalize_name(requirement.name))
    return sorted(depends)


def package_entry(wheel: Path, env: dict[str, str], served: Path | None = None) -> dict[str, Any]:
    """The lock entry for ``wheel``; ``served`` is the file actually served, if it differs."""
    target = served or wheel
    name, version, _build, _tags = parse_wheel_filename(wheel.name)
    with zipfile.ZipFile(wheel) as archive:
        metadata = _metadata(archive)
        imports = _imports(archive)
    return {
        "depends": _depends(metadata, env), "file_name": target.name, "imports": imports,
        "install_dir": "site", "name": str(name), "package_type": "package",
        "sha256": hashlib.sha256(target.read_bytes()).hexdigest(), "unvendored_tests": False,
        "version": str(version),
    }
