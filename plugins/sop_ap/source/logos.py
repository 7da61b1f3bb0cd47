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


_FOUND: dict[tuple[Path, Path], Path | None] = {}
"""(folder, root) -> its logo, for one load of the registry (cleared by :func:`forget_logos`): the SOPs of a
unit share a folder, and each SOP asks three times (page, PDF, published files)."""


def forget_logos() -> None:
    """Look at the folders again (a new load of the registry: a logo may have been added or removed)."""
    _FOUND.clear()


def logo_source(entry: SopEntry, root: Path) -> Path | None:
    """The logo file nearest to the SOP's file, up to the registry's root (the root itself not included)."""
    return _logo_in(entry.path.parent, root)


def _logo_in(folder: Path, root: Path) -> Path | None:
    key = (folder, root)
    if key not in _FOUND:
        found = None
        resolved_root, here = root.resolve(), folder.resolve()
        while here != resolved_root and resolved_root in here.parents:
            found = next((here / name for name in LOGO_NAMES if (here / name).is_file()), None)
            if found is not None:
                break
            here = here.parent
        _FOUND[key] = found
    return _FOUND[key]


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
