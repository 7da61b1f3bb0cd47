"""Unit logos for the printed SOP: an image named ``logo.*`` beside the unit's SOP files.

``sops/<instansi>/<unit>/logo.png`` is the unit's logo; ``sops/<instansi>/logo.png`` serves every unit of
that instansi that has none of its own. PNG, JPEG, SVG and WebP are taken. Without a logo the printed
header shows none (no placeholder).
"""

from __future__ import annotations

from pathlib import Path

from .registry import Registry, SopEntry

LOGO_NAMES = ("logo.svg", "logo.png", "logo.jpg", "logo.jpeg", "logo.webp")
SITE_DIR = "assets/sop/logo"


def logo_source(entry: SopEntry, root: Path) -> Path | None:
    """The logo file nearest to the SOP's file, up to the registry's root (the root itself not included)."""
    root = root.resolve()
    folder = entry.path.resolve().parent
    while folder != root and root in folder.parents:
        for name in LOGO_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        folder = folder.parent
    return None


def logo_site_path(source: Path, root: Path) -> str:
    """Where the logo is published: ``assets/sop/logo/<its path under sops/>``."""
    return f"{SITE_DIR}/{source.resolve().relative_to(root.resolve()).as_posix()}"


def logo_files(registry: Registry) -> dict[str, Path]:
    """Site path -> source file, for every logo an SOP of the registry uses."""
    out: dict[str, Path] = {}
    for entry in registry.entries:
        if entry.ok:
            source = logo_source(entry, registry.root)
            if source is not None:
                out[logo_site_path(source, registry.root)] = source
    return out
