"""Finished and intermediate SVG, cached in memory and (after :func:`set_cache_dir`) on disk, keyed by the
renderer's version and source code, the Graphviz version and the DOT source."""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from pathlib import Path

from ...source.code_hash import code_hash
from . import graphviz_run

RENDERER_VERSION = "9"  # 9: slimmer SVG; 8: lane names and natural width on the root; 7: every pattern of the model is drawn (symbols, not rows); edges name their symbols
"""Part of every cache key, with :data:`CODE_VERSION`."""


def _code_version() -> str:
    """A hash of this package's source and the engine's: any change to how charts are planned, laid out or written
    draws again (a hand-raised version number was forgotten once, and stale drawings came back from the cache)."""
    return code_hash("render/flowchart", "engine")[:16]


CODE_VERSION = _code_version()

_memory: dict[str, str] = {}
_cache_dir: Path | None = None


def set_cache_dir(path: Path | str | None) -> None:
    """Cache rendered SVG on disk in ``path`` (None: in memory only)."""
    global _cache_dir
    _cache_dir = Path(path) if path is not None else None


def cache_key(source: str) -> str:
    return hashlib.sha256(
        f"{RENDERER_VERSION}\n{CODE_VERSION}\n{graphviz_run.graphviz_version()}\n{source}".encode()).hexdigest()


def cache_path(key: str, suffix: str = ".svg") -> Path | None:
    return _cache_dir / f"{key}{suffix}" if _cache_dir is not None else None


def cached(key: str) -> str | None:
    """A cached SVG from memory or disk; a damaged file counts as missing."""
    svg = _memory.get(key)
    if svg is not None:
        return svg
    path = cache_path(key)
    if path is None or not path.is_file():
        return None
    try:
        svg = path.read_text(encoding="utf-8")
        if not svg.lstrip().startswith("<") or ET.fromstring(svg).tag.rsplit("}", 1)[-1] != "svg":
            return None
    except (OSError, UnicodeDecodeError, ET.ParseError, ValueError):
        return None  # a damaged cache file: draw again
    _memory[key] = svg
    return svg


def cached_json(key: str) -> str | None:
    """A cached JSON text (a layout) from memory or disk; None when missing or unreadable."""
    text = _memory.get(key)
    if text is not None:
        return text
    path = cache_path(key, ".json")
    if path is None or not path.is_file():
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if not text.startswith("{"):
        return None
    _memory[key] = text
    return text


def store(key: str, svg: str, suffix: str = ".svg") -> None:
    """Keep ``svg`` in memory and write it atomically to the disk cache (a failed write is only slower)."""
    _memory[key] = svg
    path = cache_path(key, suffix)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{id(svg)}.tmp")
        tmp.write_text(svg, encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass


def clear_memory() -> None:
    """Forget what is cached in memory (the disk cache stays)."""
    _memory.clear()
