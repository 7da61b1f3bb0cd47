"""The letterhead shown at the top left of the identity part (page and paper): logo and lines, as plain data."""

from __future__ import annotations

from ..source.letterhead import letterhead_for
from ..source.registry import Registry, SopEntry


def letterhead_context(entry: SopEntry, registry: Registry, logo_url: str | None) -> dict:
    """``{"logo": {"src", "alt"} or None, "lines": [{"kind", "text"}]}``; kinds: gov, unit, subunit, alamat.

    The lines are the SOP's instansi, unit and subunit, with ``_kop.yaml`` replacing the instansi and unit
    lines and adding its ``alamat`` lines. No logo file, no logo (never a placeholder)."""
    sop = entry.sop
    kop = letterhead_for(entry.path, registry.root, registry.letterheads)
    lines = [{"kind": "gov", "text": kop.instansi or sop.instansi}, {"kind": "unit", "text": kop.unit or sop.unit}]
    if sop.subunit:
        lines.append({"kind": "subunit", "text": sop.subunit})
    lines += [{"kind": "alamat", "text": line} for line in kop.alamat]
    logo = {"src": logo_url, "alt": f"Logo {sop.unit}"} if logo_url else None
    return {"logo": logo, "lines": lines}
