"""Benchmark: site build time, peak memory and size for generated registries, beside the floor.

The floor is Material for MkDocs building the very same pages as ready-made Markdown files with
ready-made flowchart SVGs (no `sop` plugin; Material's own `search` plugin on, as on a plain Material site),
measured in the same run. For each size it reports:

- cold: `mkdocs build` with empty caches (the pinned Pyodide downloads excepted);
- rebuild: the same build again with nothing changed;
- edit: one SOP file changed (a step's text), then built again;
- the floor's build (best of ``--floor-runs``; the floor has no cache, so it is also its rebuild);
- peak memory (maximum resident set of the build process and its children, ``/usr/bin/time -f %M``);
- the site's bytes by kind of file, and its largest HTML page.

    .venv/bin/python tools/bench_build.py --sizes 1000 10000 --markdown docs/benchmarks.md

Registries are built the way a province would build one: the simulation widget off (``--widget`` turns it on).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from bench_report import machine, write_section  # noqa: E402
from generate_sops import write as write_sops  # noqa: E402

MARKER = "## Site build"
TIME = "/usr/bin/time"
KINDS = ("SOP pages", "PDF", "index pages", "other pages", "search index", "data (JSON)", "assets", "other")


def _mkdocs(project: Path) -> tuple[float, int]:
    """Seconds and peak resident bytes of one ``mkdocs build``."""
    rss_file = project / ".bench-rss"
    start = time.perf_counter()
    result = subprocess.run([TIME, "-f", "%M", "-o", str(rss_file), sys.executable, "-m", "mkdocs", "build",
                             "--quiet"], cwd=project, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build failed in {project}:\n{result.stderr[-3000:]}")
    rss = int(rss_file.read_text().split()[-1]) * 1024
    rss_file.unlink()
    return elapsed, rss


def _kind(rel: str) -> str:
    if rel.startswith(("pagefind/", "search/")):
        return "search index"
    if rel.endswith(".html"):
        parts = rel.split("/")
        if parts[0] == "sop" and len(parts) > 2 and not re.fullmatch(r"\d+", parts[1]):
            return "SOP pages"
        if parts[0] in ("sop", "unit", "pelaksana", "peraturan", "tag"):
            return "index pages"
        return "other pages"
    if rel.endswith(".pdf"):
        return "PDF"
    if rel.endswith(".json") or rel.endswith(".json.gz"):
        return "data (JSON)"
    if rel.startswith("assets/"):
        return "assets"
    return "other"


def site_stats(site: Path) -> dict:
    """Bytes by kind of file, the largest HTML page, the number of SOP pages."""
    by_kind = dict.fromkeys(KINDS, 0)
    largest = (0, "")
    sop_pages = 0
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        size = path.stat().st_size
        kind = _kind(rel)
        by_kind[kind] += size
        sop_pages += kind == "SOP pages"
        if rel.endswith(".html"):
            largest = max(largest, (size, rel))
    return {"kinds": by_kind, "total": sum(by_kind.values()), "largest": largest, "sop_pages": sop_pages}


def _project(base: Path, count: int, widget: bool) -> Path:
    project = base / f"plugin-{count}"
    project.mkdir()
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("benchmarks.md"))
    shutil.copytree(ROOT / "overrides", project / "overrides")
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("      - benchmarks.md\n", "")
    if not widget:
        text = text.replace("      sops_dir: sops\n", "      sops_dir: sops\n      simulasi: false\n")
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    write_sops(count, 7, project / "sops")
    return project


def _floor_project(base: Path, plugin_project: Path, search: bool = True) -> Path:
    """The same pages as static Markdown (the very files the plugin handed MkDocs, flowcharts drawn), built by
    Material without the plugin."""
    from sop_ap.render.site import ASSET_DIR, CSS_FILES, JS_FILES, MANIFEST

    project = base / f"floor-{'search-' if search else ''}{plugin_project.name}"
    shutil.copytree(plugin_project / "docs", project / "docs")
    shutil.copytree(plugin_project / "overrides", project / "overrides")
    shutil.copytree(plugin_project / ".cache" / "sop" / "pages", project / "docs", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns(MANIFEST))
    config = (plugin_project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\n  - sop:\n(?:      .*\n)+", "\n  - search\n" if search else "\n", config)
    extra = "extra_css:\n" + "".join(f"  - {ASSET_DIR}/{n}\n" for n in CSS_FILES)
    extra += "extra_javascript:\n" + "".join(f"  - {ASSET_DIR}/{n}\n" for n in JS_FILES)
    (project / "mkdocs.yml").write_text(config + extra, encoding="utf-8")
    return project


def _edit_one(project: Path) -> Path:
    """Change the text of one step of one SOP file (the page, its summary and its search entry change)."""
    path = sorted((project / "sops").rglob("*.yaml"))[0]
    text = path.read_text(encoding="utf-8")
    new = re.sub(r"(kegiatan: )(.+)", lambda m: m.group(1) + m.group(2) + " (diubah)", text, count=1)
    assert new != text, path
    path.write_text(new, encoding="utf-8")
    return path


def _search_bytes(site: Path) -> list[dict]:
    """Bytes each query of tools/bench_search.py loads from this site (typed into the search dialog)."""
    from bench_search import measure as measure_search

    return measure_search(site)


def measure(count: int, base: Path, widget: bool = False, floor_runs: int = 1, rebuilds: bool = True,
            search: bool = False, unchanged: bool = True, plain_floor: bool = True) -> dict:
    project = _project(base, count, widget)
    downloads = ROOT / ".cache" / "sop" / "downloads"
    if widget and downloads.is_dir():  # the Pyodide downloads are a one-time network cost, not part of a build
        shutil.copytree(downloads, project / ".cache" / "sop" / "downloads")
    cold, cold_rss = _mkdocs(project)
    print(f"  {count}: cold {cold:.1f}s {cold_rss / 1e6:.0f} MB", flush=True)
    warm = edit = float("nan")
    warm_rss = edit_rss = 0
    if rebuilds and unchanged:
        warm, warm_rss = _mkdocs(project)
        print(f"  {count}: rebuild {warm:.1f}s {warm_rss / 1e6:.0f} MB", flush=True)
    if rebuilds:
        _edit_one(project)
        edit, edit_rss = _mkdocs(project)
        print(f"  {count}: one SOP changed {edit:.1f}s {edit_rss / 1e6:.0f} MB", flush=True)
    stats = site_stats(project / "site")
    queries = _search_bytes(project / "site") if search else []
    for q in queries:
        print(f"  {count}: search {q['query']!r} loads {q['total'] / 1e3:.0f} KB", flush=True)
    floor_project = _floor_project(base, project)
    floors = [_mkdocs(floor_project) for _ in range(floor_runs)]
    floor, floor_rss = min(floors)
    print(f"  {count}: floor {floor:.1f}s {floor_rss / 1e6:.0f} MB", flush=True)
    floor_stats = site_stats(floor_project / "site")
    shutil.rmtree(floor_project)
    plain = plain_rss = float("nan")
    if plain_floor:
        plain_project = _floor_project(base, project, search=False)
        plain, plain_rss = _mkdocs(plain_project)
        print(f"  {count}: floor without search {plain:.1f}s {plain_rss / 1e6:.0f} MB", flush=True)
        shutil.rmtree(plain_project)
    shutil.rmtree(project)
    return {"count": count, "cold": cold, "warm": warm, "edit": edit, "floor": floor, "cold_rss": cold_rss,
            "warm_rss": warm_rss, "edit_rss": edit_rss, "floor_rss": max(r for _, r in floors), "stats": stats,
            "floor_stats": floor_stats, "plain": plain, "plain_rss": plain_rss, "queries": queries}


def report(rows: list[dict], command: str) -> str:
    lines = [
        MARKER, "",
        f"Measured {dt.date.today().isoformat()} on {machine()}, with:", "", f"    {command}", "",
        "Registries written by `tools/generate_sops.py` (seed 7), built with the simulation widget off. Cold = "
        "`mkdocs build` with empty caches; rebuild = the same build again with nothing changed; edit = one SOP "
        "file changed (a step's text), then built again; floor = Material building the same pages as "
        "ready-made Markdown with ready-made SVGs, no `sop` plugin, Material's `search` plugin on. Peak memory "
        "= maximum resident set of the build (`/usr/bin/time -f %M`; Pagefind runs as a child process). All "
        "in the same run, on a 2-core machine shared with other work. Material's search plugin parses every "
        "built page and is slow on SOP pages: the floor without it (plain) is given too, and the ratios to it "
        "are the stricter ones.", "",
        "| SOPs | cold (s) | rebuild (s) | edit one SOP (s) | floor (s) | cold / floor | rebuild / floor "
        "| edit / floor | floor plain (s) | cold / plain | edit / plain | peak memory (MB) | floor peak (MB) "
        "| plain peak (MB) | memory / floor | memory / plain | site (MB) | floor site (MB) | largest HTML page |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    def cell(value: float, digits: int) -> str:  # a skipped measurement (nan) shows as a dash
        return "–" if value != value else f"{value:.{digits}f}"

    for r in rows:
        peak = max(r["cold_rss"], r["warm_rss"], r["edit_rss"])
        size, page = r["stats"]["largest"]
        lines.append(
            f"| {r['count']:,} | {cell(r['cold'], 1)} | {cell(r['warm'], 1)} | {cell(r['edit'], 1)} "
            f"| {cell(r['floor'], 1)} | {cell(r['cold'] / r['floor'], 2)} | {cell(r['warm'] / r['floor'], 2)} "
            f"| {cell(r['edit'] / r['floor'], 2)} | {cell(r['plain'], 1)} | {cell(r['cold'] / r['plain'], 2)} "
            f"| {cell(r['edit'] / r['plain'], 2)} | {cell(peak / 1e6, 0)} | {cell(r['floor_rss'] / 1e6, 0)} "
            f"| {cell(r['plain_rss'] / 1e6, 0)} | {cell(peak / r['floor_rss'], 2)} | {cell(peak / r['plain_rss'], 2)} "
            f"| {r['stats']['total'] / 1e6:.1f} | {r['floor_stats']['total'] / 1e6:.1f} | `{page}` {size / 1e3:.0f} KB |")
    lines += ["", "Bytes per SOP by kind of file (the site's total of that kind divided by the number of SOPs):", "",
              "| SOPs | " + " | ".join(KINDS) + " | all |", "|---:|" + "---:|" * (len(KINDS) + 1)]
    for r in rows:
        kinds = r["stats"]["kinds"]
        lines.append(f"| {r['count']:,} | " + " | ".join(f"{kinds[k] / r['count'] / 1e3:.1f} KB" for k in KINDS)
                     + f" | {r['stats']['total'] / r['count'] / 1e3:.1f} KB |")
    if any(r["queries"] for r in rows):
        lines += ["", "Bytes a search query loads (`tools/bench_search.py`'s queries typed into the search dialog of "
                  "the cold-built site in Chromium; every file under `pagefind/` fetched):", "",
                  "| SOPs | " + " | ".join(f"“{q['query']}”" for q in rows[0]["queries"]) + " | largest |",
                  "|---:|" + "---:|" * (len(rows[0]["queries"]) + 1)]
        for r in rows:
            if r["queries"]:
                lines.append(f"| {r['count']:,} | " + " | ".join(f"{q['total'] / 1e3:.0f} KB" for q in r["queries"])
                             + f" | {max(q['total'] for q in r['queries']) / 1e3:.0f} KB |")
    lines += ["", "Targets at 1,000 and 10,000 SOPs: cold build and peak memory at most 2× the floor; a change to "
              "one SOP rebuilt in at most 1.2× the floor's build; no HTML page over 300 KB; the site under 1 GB.", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--widget", action="store_true", help="build with the simulation widget (Pyodide) on")
    parser.add_argument("--floor-runs", type=int, default=1, help="floor builds per size (the best is kept)")
    parser.add_argument("--no-rebuilds", action="store_true", help="cold build and floor only")
    parser.add_argument("--search", action="store_true", help="also measure the bytes search queries load")
    parser.add_argument("--no-unchanged", action="store_true", help="skip the rebuild with nothing changed")
    parser.add_argument("--no-plain-floor", action="store_true", help="skip the floor without Material's search")
    parser.add_argument("--markdown", type=Path, help="write the results into this Markdown file")
    args = parser.parse_args()
    command = "python tools/bench_build.py " + " ".join(sys.argv[1:])
    rows = []
    with tempfile.TemporaryDirectory(prefix="sop-bench-") as tmp:
        for count in args.sizes:
            row = measure(count, Path(tmp), args.widget, args.floor_runs, not args.no_rebuilds, args.search,
                          not args.no_unchanged, not args.no_plain_floor)
            rows.append(row)
            print(f"{count:>5} SOPs: cold {row['cold']:.1f}s, rebuild {row['warm']:.1f}s, edit {row['edit']:.1f}s, "
                  f"floor {row['floor']:.1f}s, peak {row['cold_rss'] / 1e6:.0f} MB / floor "
                  f"{row['floor_rss'] / 1e6:.0f} MB, site {row['stats']['total'] / 1e6:.1f} MB", flush=True)
    section = report(rows, command)
    print(section)
    if args.markdown:
        write_section(args.markdown, MARKER, section)


if __name__ == "__main__":
    main()
