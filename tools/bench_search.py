"""Bytes a search loads: generated registries built with the project's site (Pagefind index), each query
typed into the search dialog in Chromium, every file under pagefind/ that the page fetched counted.

    .venv/bin/python tools/bench_search.py --sizes 1000 --markdown docs/benchmarks.md

Pagefind splits its index into chunks by word: a query fetches the entry file, the Indonesian metadata,
the WebAssembly searcher, the chunks holding its words and one fragment per result shown (at most 10).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "tests"))

from bench_report import machine, write_section  # noqa: E402
from generate_sops import write as write_sops  # noqa: E402

MARKER = "## Search: bytes a query loads (Pagefind)"
QUERIES = ("susun", "verifikasi", "arsip", "surat keterangan", "camat", "menyampaikan laporan")


def build_site(base: Path, count: int) -> tuple[Path, float]:
    project = base / f"search-{count}"
    project.mkdir()
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    # The widget's files play no part in search: leave them out to build faster.
    config = config.replace("      sops_dir: sops\n", "      sops_dir: sops\n      simulasi: false\n")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    write_sops(count, 7, project / "sops")
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=project, capture_output=True,
                            text=True)
    if result.returncode != 0:
        raise SystemExit(result.stderr[-3000:])
    return project / "site", time.perf_counter() - start


def measure(site: Path) -> list[dict]:
    from browser import chromium, serve

    rows = []
    with serve(site) as url, chromium() as browser:
        for query in QUERIES:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            loaded: dict[str, int] = {}

            def count(response, loaded=loaded) -> None:
                if "/pagefind/" in response.url:
                    try:
                        loaded[response.url] = len(response.body())
                    except Exception:  # noqa: BLE001 - a response without a body counts nothing
                        loaded[response.url] = 0

            page.on("response", count)
            page.goto(url)
            field = page.locator(".md-search__input")
            field.click()
            field.press_sequentially(query, delay=10)
            page.locator(".md-search-result__meta").filter(has_text="dokumen").wait_for(timeout=60_000)
            page.wait_for_timeout(1500)
            meta = page.locator(".md-search-result__meta").inner_text()
            page.close()
            chunks = sum(n for u, n in loaded.items() if "/pagefind/index/" in u)
            fragments = sum(n for u, n in loaded.items() if "/pagefind/fragment/" in u)
            rows.append({"query": query, "total": sum(loaded.values()), "chunks": chunks, "fragments": fragments,
                         "files": len(loaded), "meta": meta})
    return rows


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def report(results: list[tuple[int, float, int, int, list[dict]]], command: str) -> str:
    lines = [MARKER, "", f"Measured {dt.date.today().isoformat()} on {machine()}, with:", "", f"    {command}", "",
             "Each query typed into the search dialog on a fresh page; bytes of every file under `pagefind/` the "
             "page fetched (the runtime, the Indonesian metadata and WebAssembly, the index chunks of the query's "
             "words, one fragment per result shown). The whole index is listed for comparison: Material's lunr "
             "search would download all of its index before the first result.", ""]
    for count, seconds, whole, pages, rows in results:
        lines += [f"**{count:,} SOPs** ({pages:,} pages indexed; whole search index {whole / 1e6:.1f} MB; "
                  f"site built in {seconds:.0f} s):", "",
                  "| query | results | files fetched | bytes fetched (KB) | of which index chunks (KB) "
                  "| fragments (KB) |", "|---|---|---:|---:|---:|---:|"]
        for r in rows:
            lines.append(f"| {r['query']} | {r['meta']} | {r['files']} | {r['total'] / 1e3:.0f} "
                         f"| {r['chunks'] / 1e3:.0f} | {r['fragments'] / 1e3:.0f} |")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--markdown", type=Path, help="write the results into this Markdown file")
    args = parser.parse_args()
    command = "python tools/bench_search.py " + " ".join(sys.argv[1:])
    import json

    results = []
    with tempfile.TemporaryDirectory(prefix="sop-bench-search-") as tmp:
        for count in args.sizes:
            site, seconds = build_site(Path(tmp), count)
            entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
            pages = sum(lang["page_count"] for lang in entry["languages"].values())
            rows = measure(site)
            results.append((count, seconds, _size(site / "pagefind"), pages, rows))
            for r in rows:
                print(f"{count} SOPs, {r['query']!r}: {r['total'] / 1e3:.0f} KB in {r['files']} files "
                      f"(chunks {r['chunks'] / 1e3:.0f} KB) - {r['meta']}", flush=True)
            shutil.rmtree(site.parent)
    section = report(results, command)
    print(section)
    if args.markdown:
        write_section(args.markdown, MARKER, section)


if __name__ == "__main__":
    main()
