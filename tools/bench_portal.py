"""Benchmark: the portal over many registries, time and bytes per step, and an extrapolation to 500 registries.

Registries' ``sops.json`` files are made from one generated registry of ``--per-registry`` SOPs, given to each
registry under its own province, regency and URL (the portal reads only these files, so this is what a portal
workflow sees after checking them out). Then ``sop portal`` builds the portal, and the bytes a search loads are
counted in Chromium (as ``tools/bench_search.py`` does for a registry).

    .venv/bin/python tools/bench_portal.py --registries 10 50 --per-registry 200
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "tests"))

from generate_sops import write as write_sops  # noqa: E402

PROVINCES = ["Aceh", "Sumatera Utara", "Jawa Barat", "Jawa Tengah", "Jawa Timur", "Bali", "Kalimantan Selatan",
             "Sulawesi Selatan", "Nusa Tenggara Timur", "Papua"]


def registry_index(base: Path, per_registry: int) -> dict:
    """One registry's sops.json, made by the registry's own code from generated SOPs."""
    from sop_ap.render.page_sop import SiteOptions
    from sop_ap.render.site import write_site
    from sop_ap.source.registry import load_registry

    write_sops(per_registry, 7, base / "sops")
    start = time.perf_counter()
    write_site(load_registry(base / "sops"), SiteOptions(simulation=False), base / "site")
    print(f"registry of {per_registry} SOPs written in {time.perf_counter() - start:.1f}s", flush=True)
    return json.loads((base / "site" / "sops.json").read_text(encoding="utf-8"))


def portal(base: Path, index: dict, count: int) -> tuple[dict, Path]:
    from sop_ap.portal.build import Source, build

    sources = []
    for i in range(count):
        province = PROVINCES[i % len(PROVINCES)]
        doc = dict(index, registri={"provinsi": province, "wilayah": f"Kabupaten Contoh {i + 1}"})
        path = base / "data" / f"r{i + 1}" / "sops.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        sources.append(Source(f"Registri {i + 1}", f"http://127.0.0.1:9/r{i + 1}/", path))
    out = base / f"portal-{count}"
    start = time.perf_counter()
    report = build("Portal uji", sources, out)
    total = time.perf_counter() - start
    largest = max((p.stat().st_size, p.relative_to(out).as_posix()) for p in out.rglob("*.html"))
    return {"registries": count, "sops": report.sops, "pages": report.pages, "seconds": report.seconds,
            "bytes": report.bytes, "total": total, "largest": largest}, out


def search_bytes(site: Path, query: str) -> int:
    """Bytes under pagefind/ a search for ``query`` loads in Chromium."""
    from browser import chromium, serve

    with serve(site) as url, chromium() as browser:
        page = browser.new_page()
        loaded: dict[str, int] = {}

        def count(response) -> None:
            if "/pagefind/" in response.url:
                try:
                    loaded[response.url] = len(response.body())
                except Exception:  # noqa: BLE001
                    loaded[response.url] = 0

        page.on("response", count)
        page.goto(url)
        page.locator(".pagefind-ui__search-input").fill(query)
        page.locator(".pagefind-ui__result-link").first.wait_for(timeout=60_000)
        page.wait_for_timeout(1500)
        return sum(loaded.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registries", type=int, nargs="+", default=[10, 50])
    parser.add_argument("--per-registry", type=int, default=200)
    parser.add_argument("--query", default="surat keterangan")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sop-portal-") as tmp:
        base = Path(tmp)
        index = registry_index(base / "registry", args.per_registry)
        for count in args.registries:
            row, out = portal(base, index, count)
            row["search"] = search_bytes(out, args.query)
            print(json.dumps(row, indent=1), flush=True)
            n = row["sops"]
            steps = "; ".join(f"{k} {v:.2f} s ({v / n * 1e3:.2f} ms/SOP)" for k, v in row["seconds"].items())
            sizes = "; ".join(f"{k} {v / 1e6:.2f} MB ({v / n:.0f} B/SOP)" for k, v in row["bytes"].items())
            print(f"{count} registries, {n} SOPs, {row['pages']} pages: {steps}. {sizes}. Largest page "
                  f"{row['largest'][1]} {row['largest'][0] / 1e3:.0f} KB. Search '{args.query}' loads "
                  f"{row['search'] / 1e3:.0f} KB.", flush=True)


if __name__ == "__main__":
    main()
