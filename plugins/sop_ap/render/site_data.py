"""``sops.json``: every SOP as validated, for other systems (a kabupaten portal, a search service)."""

from __future__ import annotations

import json

from .. import __version__
from .page_sop import SiteOptions, sop_page_path
from ..source.registry import Registry
from ..source.site_urls import page_url
from .summary import sop_summary

DATA_VERSION = 1


def registry_json(registry: Registry, options: SiteOptions = SiteOptions()) -> str:
    """The published data file: a version, and for each valid SOP its data, summary and page URL."""
    items = []
    for entry in sorted(registry.entries, key=lambda e: e.id):
        if entry.sop is None:
            continue
        items.append({
            "id": entry.id,
            "url": page_url(sop_page_path(entry), options.directory_urls),
            "sop": entry.sop.model_dump(mode="json", exclude_none=True),
            "ringkasan": sop_summary(entry, registry),
        })
    return json.dumps({"versi": DATA_VERSION, "version": DATA_VERSION, "generator": f"sop-ap-registry {__version__}",
                       "skema": "schema/sop.schema.json", "jumlah": len(items), "sops": items},
                      ensure_ascii=False, separators=(",", ":"), default=str)
