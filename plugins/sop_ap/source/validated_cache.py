"""Validated SOP files kept between builds: a file whose bytes did not change is not parsed or validated again.

An entry is stored (pickled) right after :func:`~sop_ap.source.registry.load_sop_text`, before anything that
depends on other files (links, regulations) is added. The key is a hash of the file's bytes, its ID and shown
path, and :data:`CODE_KEY`: the source of the engine and source stages and the versions of pydantic and
PyYAML, so a change to the model, the checks or the messages validates every file again. A cache file that
cannot be read is ignored (the SOP is validated again and the file replaced).
"""

from __future__ import annotations

import hashlib
import os
import pickle
from importlib import metadata
from pathlib import Path

from .code_hash import code_hash


def _code_key() -> str:
    digest = hashlib.sha256(code_hash("engine", "source").encode())
    for package in ("pydantic", "pydantic-core", "PyYAML"):
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            pass
    return digest.hexdigest()


CODE_KEY = _code_key()


class ValidatedCache:
    """Pickled :class:`~sop_ap.source.registry.SopEntry` objects in ``folder``, one file per key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(raw: bytes, entry_id: str, display: str, path: Path) -> str:
        digest = hashlib.sha256(CODE_KEY.encode())
        for part in (entry_id, display, str(path)):
            digest.update(b"\0" + part.encode())
        digest.update(b"\0" + raw)
        return digest.hexdigest()[:40]

    def get(self, key: str):
        self.used.add(key)
        try:
            entry = pickle.loads((self.folder / f"{key}.pickle").read_bytes())
        except Exception:  # noqa: BLE001 - missing, partial or from another version: validate again
            self.misses += 1
            return None
        self.hits += 1
        return entry

    def put(self, key: str, entry) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            target = self.folder / f"{key}.pickle"
            partial = target.with_name(f"{key}.{os.getpid()}.part")
            partial.write_bytes(pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(partial, target)
        except OSError:
            pass  # a cache that cannot be written only costs time

    def prune(self) -> None:
        """Remove what this load did not use (edited or deleted files, older versions)."""
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.suffix in (".pickle", ".part") and path.stem.split(".")[0] not in self.used:
                try:
                    path.unlink()
                except OSError:
                    pass
