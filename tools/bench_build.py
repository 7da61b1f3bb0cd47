"""Benchmark: site build time and size for 10, 100 and 1,000 generated SOPs, beside the floor.

The floor is Material for MkDocs building the very same pages as ready-made Markdown files with
ready-made flowchart SVGs (no `sop` plugin), measured in the same run. For each size it reports:
a cold build (empty flowchart cache), a rebuild with nothing changed (warm cache), the floor, the
site's size and the mean size of an SOP page.

    .venv/bin/python tools/bench_build.py --sizes 10 100 1000 --markdown docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import re
import datetime as dt
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


def _mkdocs(project: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=project,
                            capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build failed in {project}:\n{result.stderr[-3000:]}")
    return elapsed


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _sop_page_mean(site: Path) -> float:
    pages = [p for p in (site / "sop").rglob("index.html") if p.parent != site / "sop"]
    return sum(p.stat().st_size for p in pages) / max(len(pages), 1)


def _project(base: Path, count: int) -> Path:
    project = base / f"plugin-{count}"
    project.mkdir()
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("benchmarks.md"))
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    text = (project / "mkdocs.yml").read_text(encoding="utf-8").replace("      - benchmarks.md\n", "")
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    write_sops(count, 7, project / "sops")
    return project


def _floor_project(base: Path, plugin_project: Path) -> Path:
    """The same pages as static Markdown (flowcharts already rendered), built without the plugin."""
    from sop_ap.render.page_sop import SiteOptions
    from sop_ap.source.registry import load_registry
    from sop_ap.render.site import ASSET_DIR, CSS_FILES, JS_FILES, site_files

    project = base / f"floor-{plugin_project.name}"
    shutil.copytree(plugin_project / "docs", project / "docs")
    shutil.copytree(plugin_project / "overrides", project / "overrides")
    registry = load_registry(plugin_project / "sops")
    for path, content in site_files(registry, SiteOptions()).items():
        target = project / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    config = (plugin_project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\n  - sop:\n(?:      .*\n)+", "\n", config)
    extra = "extra_css:\n" + "".join(f"  - {ASSET_DIR}/{n}\n" for n in CSS_FILES)
    extra += "extra_javascript:\n" + "".join(f"  - {ASSET_DIR}/{n}\n" for n in JS_FILES)
    (project / "mkdocs.yml").write_text(config + extra, encoding="utf-8")
    return project


def measure(count: int, base: Path) -> dict:
    project = _project(base, count)
    downloads = ROOT / ".cache" / "sop" / "downloads"
    if downloads.is_dir():  # the Pyodide downloads are a one-time network cost, not part of a build
        shutil.copytree(downloads, project / ".cache" / "sop" / "downloads")
    shutil.rmtree(project / ".cache" / "sop" / "flowchart", ignore_errors=True)
    cold = _mkdocs(project)
    warm = min(_mkdocs(project) for _ in range(2))
    site = project / "site"
    floor_project = _floor_project(base, project)
    floor = min(_mkdocs(floor_project) for _ in range(2))
    return {
        "count": count, "cold": cold, "warm": warm, "floor": floor,
        "size": _size(site), "floor_size": _size(floor_project / "site"), "page": _sop_page_mean(site),
    }


def report(rows: list[dict], command: str) -> str:
    lines = [
        MARKER, "",
        f"Measured {dt.date.today().isoformat()} on {machine()}, with:", "", f"    {command}", "",
        "Cold = `mkdocs build` with an empty flowchart cache (the pinned Pyodide downloads already cached); rebuild = the same build again with nothing "
        "changed (best of 2); floor = Material building the same pages as ready-made Markdown with ready-made "
        "SVGs, no plugin (best of 2). All in the same run.", "",
        "| SOPs | cold build (s) | rebuild (s) | floor (s) | cold / floor | rebuild / floor | site (MB) "
        "| floor site (MB) | mean SOP page (KB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['count']} | {r['cold']:.1f} | {r['warm']:.1f} | {r['floor']:.1f} | {r['cold'] / r['floor']:.2f} "
            f"| {r['warm'] / r['floor']:.2f} | {r['size'] / 1e6:.1f} | {r['floor_size'] / 1e6:.1f} "
            f"| {r['page'] / 1e3:.1f} |")
    lines += ["", "Targets at 1,000 SOPs: cold build at most 2× the floor; rebuild at most 1.2× the floor; "
              "bytes per SOP page constant as the registry grows.", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--markdown", type=Path, help="write the results into this Markdown file")
    args = parser.parse_args()
    command = "python tools/bench_build.py " + " ".join(sys.argv[1:])
    rows = []
    with tempfile.TemporaryDirectory(prefix="sop-bench-") as tmp:
        for count in args.sizes:
            row = measure(count, Path(tmp))
            rows.append(row)
            print(f"{count:>5} SOPs: cold {row['cold']:.1f}s, rebuild {row['warm']:.1f}s, floor {row['floor']:.1f}s,"
                  f" cold/floor {row['cold'] / row['floor']:.2f}, rebuild/floor {row['warm'] / row['floor']:.2f}, "
                  f"site {row['size'] / 1e6:.1f} MB, page {row['page'] / 1e3:.1f} KB", flush=True)
    section = report(rows, command)
    print(section)
    if args.markdown:
        write_section(args.markdown, MARKER, section)


if __name__ == "__main__":
    main()
