"""The published data: ``sops.json`` (an index of every SOP) and one file per SOP (``data/sop/<id>.json``).

The index stays small as a registry grows (a few hundred bytes per SOP): a portal or a search service reads it
to list the SOPs and fetches an SOP's own file only when it needs the whole SOP. Both are described by JSON
schemas published with the site (``schema/sops.schema.json``, ``schema/sop-data.schema.json``; the SOP itself by
``schema/sop.schema.json``).
"""

from __future__ import annotations

import json

from .. import __version__
from ..source.registry import Registry, SopEntry
from ..source.site_urls import page_url
from .page_sop import SiteOptions, sop_data_path, sop_page_path
from .summary import sop_summary

DATA_VERSION = 2
"""2: ``sops.json`` became an index; each SOP's data and summary moved to its own file."""
INDEX_SCHEMA = "schema/sops.schema.json"
ITEM_SCHEMA = "schema/sop-data.schema.json"
SOP_SCHEMA = "schema/sop.schema.json"


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


SUMMARY_KEYS = ("dasar_hukum", "keterkaitan_terhubung", "dirujuk_oleh", "konvensi_waktu", "diagnostik")
CHART_SUMMARY_KEYS = ("nama", "waktu_tidak_dihitung", "jalur_utama", "waktu_jalur_utama", "waktu_semua_jalur")


def published_summary(summary: dict) -> dict:
    """What the summary adds to the SOP itself (regulations' status, resolved links, times of each flowchart),
    without repeating the SOP's fields or its steps: the data file of 10,000 SOPs stays under 100 MB.
    ``sop show --format json`` prints the whole summary."""
    out = {key: summary[key] for key in ("id", "nama", *SUMMARY_KEYS)}
    out["bagan_alir"] = [{key: chart[key] for key in CHART_SUMMARY_KEYS if key in chart}
                         for chart in summary["bagan_alir"]]
    return out


def sop_data(entry: SopEntry, registry: Registry, options: SiteOptions = SiteOptions()) -> str:
    """One SOP's own file: its data as validated (``sop``, the SOP schema) and what its summary computes."""
    return _dump({"versi": DATA_VERSION, "id": entry.id, "url": page_url(sop_page_path(entry), options.directory_urls),
                  "skema": SOP_SCHEMA, "sop": entry.sop.model_dump(mode="json", exclude_none=True),
                  "ringkasan": published_summary(sop_summary(entry, registry))})


def index_item(entry: SopEntry, options: SiteOptions, minutes: float | None = None, time: str | None = None,
               performers: list[str] | None = None) -> dict:
    """What the index says of one SOP: enough to list, group and link it without opening its file."""
    sop = entry.sop
    item = {
        "id": entry.id,
        "url": page_url(sop_page_path(entry), options.directory_urls),
        "data": sop_data_path(entry),
        "nomor": sop.nomor, "nama": sop.nama, "instansi": sop.instansi, "unit": sop.unit,
        "tanggal": sop.tanggal.model_dump(mode="json", exclude_none=True),
        "dasar_hukum": [{"kunci": c.key, "label": c.label(), **({"tentang": c.tentang} if c.tentang else {})}
                        for c in sop.dasar_hukum],
        "langkah": len(sop.flowcharts[0].steps),
    }
    if sop.subunit:
        item["subunit"] = sop.subunit
    if performers is not None:
        item["pelaksana"] = performers
    if minutes is not None:
        item["menit"] = minutes
        item["waktu"] = time
    return item


def registry_index(items: list[dict], registry_info: dict | None = None) -> str:
    """``sops.json``: a version, the registry's own description (if given) and the index items."""
    doc = {"versi": DATA_VERSION, "version": DATA_VERSION, "generator": f"sop-ap-registry {__version__}",
           "skema": INDEX_SCHEMA, "skema_sop": SOP_SCHEMA, "skema_data": ITEM_SCHEMA}
    if registry_info:
        doc["registri"] = registry_info
    doc.update({"jumlah": len(items), "sops": sorted(items, key=lambda i: i["id"])})
    return _dump(doc)


def registry_json(registry: Registry, options: SiteOptions = SiteOptions()) -> str:
    """``sops.json`` of a registry (built from the registry alone; the site build passes list rows instead)."""
    return registry_index([index_item(e, options) for e in registry.entries if e.sop is not None])
