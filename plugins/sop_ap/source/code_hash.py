"""A hash of this package's own source files, for cache keys: a cache made by other code is never trusted.

Used by the validated-file cache (engine and source), the flowchart cache (the renderer and the engine) and the
page cache (the whole package: code, templates, assets).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
SOURCE_SUFFIXES = (".py", ".html", ".css", ".js", ".mjs", ".yaml", ".yml", ".json")


@lru_cache(maxsize=None)
def code_hash(*folders: str) -> str:
    """SHA-256 of every source file under ``folders`` of the package (the whole package without any)."""
    digest = hashlib.sha256()
    for root in [PACKAGE / folder for folder in folders] or [PACKAGE]:
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in SOURCE_SUFFIXES and "__pycache__" not in path.parts:
                digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
