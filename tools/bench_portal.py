"""Benchmark: the portal over many registries, time and bytes per step, and an extrapolation to 500 registries.

Registries' ``sops.json`` files are made from one generated registry of ``--per-registry`` SOPs, given to each
registry under its own province, regency and URL (the portal reads only these files, so this is what a portal
workflow sees after checking them out). Then ``sop portal`` builds the portal, and the bytes a search loads are
counted in Chromium (as ``tools/bench_search.py`` does for a registry).

    .venv/bin/python tools/bench_portal.py --registries 10 50 --per-registry 200

With ``--shards``, also the national scale: one portal per province (a shard with its own Pagefind index) and a
national site over them (``sop portal --gabung``), whose search merges the shards' indexes in the browser.

    .venv/bin/python tools/bench_portal.py --registries 3 --per-registry 5 --provinces 2 --shards
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


def portal(base: Path, index: dict, count: int, provinces: int = len(PROVINCES)) -> tuple[dict, Path, list]:
    from sop_ap.portal.build import Source, build

    sources = []
    for i in range(count):
        province = PROVINCES[i % provinces]
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
            "bytes": report.bytes, "total": total, "largest": largest}, out, sources


def national(base: Path, sources: list, count: int) -> tuple[dict, Path]:
    """One portal per province (each with its Pagefind index), then the national site merging them."""
    from sop_ap.portal.build import Source, build, read_shards

    by_province: dict[str, list] = {}
    for s in sources:
        doc = json.loads(s.data.read_text(encoding="utf-8"))
        by_province.setdefault(doc["registri"]["provinsi"], []).append(Source(s.name, s.url, s.data))
    start = time.perf_counter()
    folders = []
    for province, group in by_province.items():
        folder = base / f"shards-{count}" / province.lower().replace(" ", "-")
        build(f"Portal {province}", group, folder)
        folders.append(str(folder))
    shards_seconds = time.perf_counter() - start
    out = base / f"national-{count}"
    start = time.perf_counter()
    report = build("Portal nasional", [Source(s.name, s.url, s.data) for s in sources], out,
                   shards=read_shards(folders))
    return {"shards": len(folders), "shards_seconds": shards_seconds, "national_seconds": time.perf_counter() - start,
            "national_pages": report.pages}, out


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
        bundles: dict[str, list[int]] = {}
        for address, size in loaded.items():
            entry = bundles.setdefault(address.removeprefix(url).split("pagefind/")[0], [0, 0])
            entry[0] += 1
            entry[1] += size
        for bundle, (files, size) in sorted(bundles.items()):
            print(f"  search loaded {files} files, {size / 1e3:.0f} KB from {bundle}pagefind/", flush=True)
        return sum(loaded.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registries", type=int, nargs="+", default=[10, 50])
    parser.add_argument("--per-registry", type=int, default=200)
    parser.add_argument("--query", default="surat keterangan")
    parser.add_argument("--provinces", type=int, default=len(PROVINCES), help="registries spread over this many")
    parser.add_argument("--shards", action="store_true", help="also one shard per province and a national site")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sop-portal-") as tmp:
        base = Path(tmp)
        index = registry_index(base / "registry", args.per_registry)
        for count in args.registries:
            row, out, sources = portal(base, index, count, args.provinces)
            row["search"] = search_bytes(out, args.query)
            if args.shards:
                merged, site = national(base, sources, count)
                merged["search"] = search_bytes(site, args.query)
                print(json.dumps(merged, indent=1), flush=True)
                print(f"national site over {merged['shards']} province shards: shards built in "
                      f"{merged['shards_seconds']:.1f} s, national site in {merged['national_seconds']:.1f} s; "
                      f"search '{args.query}' loads {merged['search'] / 1e3:.0f} KB (one portal: "
                      f"{row['search'] / 1e3:.0f} KB).", flush=True)
            print(json.dumps(row, indent=1), flush=True)
            n = row["sops"]
            steps = "; ".join(f"{k} {v:.2f} s ({v / n * 1e3:.2f} ms/SOP)" for k, v in row["seconds"].items())
            sizes = "; ".join(f"{k} {v / 1e6:.2f} MB ({v / n:.0f} B/SOP)" for k, v in row["bytes"].items())
            print(f"{count} registries, {n} SOPs, {row['pages']} pages: {steps}. {sizes}. Largest page "
                  f"{row['largest'][1]} {row['largest'][0] / 1e3:.0f} KB. Search '{args.query}' loads "
                  f"{row['search'] / 1e3:.0f} KB.", flush=True)


if __name__ == "__main__":
    main()
