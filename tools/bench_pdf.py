"""Benchmark: what the PDF of every SOP costs a site build, beside the plain-Material floor, in one run.

For a registry of generated SOPs (simulation widget off, as a large registry is built) it measures:

- cold with PDFs: `mkdocs build` with empty caches (flowcharts and PDFs);
- rebuild with PDFs: the same build again, nothing changed (every PDF must come from the cache);
- cold without PDFs: `pdf: false`, empty flowchart cache;
- the floor: Material building the same pages as ready-made Markdown with ready-made SVGs, no plugin.

The PDF counts (printed, from the cache) are read from the build's own log line. Target: cold with PDFs at
most 2.5x the floor; a rebuild prints no PDF.

    .venv/bin/python tools/bench_pdf.py --count 1000 --markdown docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import os
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

MARKER = "## PDF of every SOP"
PDF_LINE = re.compile(r"PDF: (\d+) berkas, (\d+) dari cache, (\d+) dicetak dalam ([\d.]+) dtk .*?menunggu ([\d.]+) dtk")


def _mkdocs(project: Path) -> tuple[float, dict | None]:
    """Seconds of one ``mkdocs build`` and its PDF counts (None when it made no PDF)."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build failed in {project}:\n{result.stderr[-3000:]}")
    found = PDF_LINE.search(result.stderr)
    counts = None
    if found:
        total, cached, printed, seconds, waited = found.groups()
        counts = {"total": int(total), "cached": int(cached), "printed": int(printed), "seconds": float(seconds),
                  "waited": float(waited)}
    return elapsed, counts


def _project(base: Path, name: str, count: int, pdf: bool) -> Path:
    project = base / name
    project.mkdir()
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("benchmarks.md"))
    shutil.copytree(ROOT / "overrides", project / "overrides")
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("      - benchmarks.md\n", "")
    options = "      simulasi: false\n" + ("" if pdf else "      pdf: false\n")
    text = text.replace("      sops_dir: sops\n", "      sops_dir: sops\n" + options)
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    write_sops(count, 7, project / "sops")
    return project


def _floor_project(base: Path, plugin_project: Path) -> Path:
    """The same pages as static Markdown (flowcharts already rendered), built without the plugin."""
    from sop_ap.render.page_sop import SiteOptions
    from sop_ap.render.site import ASSET_DIR, CSS_FILES, JS_FILES, site_files
    from sop_ap.source.registry import load_registry

    project = base / "floor"
    shutil.copytree(plugin_project / "docs", project / "docs")
    shutil.copytree(plugin_project / "overrides", project / "overrides")
    registry = load_registry(plugin_project / "sops")
    for path, content in site_files(registry, SiteOptions(simulation=False, pdf=False)).items():
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
    load_before = os.getloadavg()[0]
    with_pdf = _project(base, "with-pdf", count, pdf=True)
    cold, cold_pdf = _mkdocs(with_pdf)
    print(f"  cold with PDFs {cold:.1f}s {cold_pdf}", flush=True)
    warm, warm_pdf = _mkdocs(with_pdf)
    print(f"  rebuild with PDFs {warm:.1f}s {warm_pdf}", flush=True)
    pdf_bytes = [p.stat().st_size for p in (with_pdf / "site" / "sop").rglob("*.pdf")]
    pdf_pages = _pages(with_pdf / "site" / "sop")
    without_pdf = _project(base, "without-pdf", count, pdf=False)
    plain, _ = _mkdocs(without_pdf)
    print(f"  cold without PDFs {plain:.1f}s", flush=True)
    floor, _ = _mkdocs(_floor_project(base, without_pdf))
    print(f"  floor {floor:.1f}s", flush=True)
    return {"count": count, "cold": cold, "cold_pdf": cold_pdf, "warm": warm, "warm_pdf": warm_pdf,
            "plain": plain, "floor": floor, "pdf_files": len(pdf_bytes), "pdf_mb": sum(pdf_bytes) / 1e6,
            "pdf_pages": pdf_pages, "load": (load_before, os.getloadavg()[0])}


def _pages(folder: Path) -> int:
    from pypdf import PdfReader

    return sum(len(PdfReader(p).pages) for p in folder.rglob("*.pdf"))


def report(r: dict, command: str) -> str:
    cp, wp = r["cold_pdf"], r["warm_pdf"]
    lines = [
        MARKER, "",
        f"Measured {time.strftime('%Y-%m-%d')} on {machine()}, in one run, with:", "", f"    {command}", "",
        f"{r['count']} generated SOPs (seed 7), simulation widget off. Cold = `mkdocs build` with empty caches; "
        "rebuild = the same build again, nothing changed; floor = Material building the same pages as "
        "ready-made Markdown with ready-made SVGs, no plugin. PDFs are printed by headless Chromium in a process "
        "beside the build (batches of 10 SOPs on 2 tabs); \"printing\" is that process's own time, \"waited\" "
        "how long the build waited for it at the end.", "",
        "| build | seconds | / floor | PDFs printed | PDFs from cache |",
        "|---|---:|---:|---:|---:|",
        f"| cold, with PDFs | {r['cold']:.1f} | {r['cold'] / r['floor']:.2f} | {cp['printed']} | {cp['cached']} |",
        f"| rebuild, with PDFs | {r['warm']:.1f} | {r['warm'] / r['floor']:.2f} | {wp['printed']} | {wp['cached']} |",
        f"| cold, `pdf: false` | {r['plain']:.1f} | {r['plain'] / r['floor']:.2f} | - | - |",
        f"| floor (Material, no plugin) | {r['floor']:.1f} | 1.00 | - | - |", "",
        f"Printing took {cp['seconds']:.1f} s ({1000 * cp['seconds'] / max(cp['printed'], 1):.0f} ms per SOP) beside "
        f"the build, which waited {cp['waited']:.1f} s for it at the end. {r['pdf_files']} PDFs, "
        f"{r['pdf_pages']} pages, {r['pdf_mb']:.1f} MB ({1000 * r['pdf_mb'] / max(r['pdf_files'], 1):.0f} KB per SOP).",
        "", f"Load average (1 min) of the machine at the start and the end of the run: {r['load'][0]:.1f}, "
        f"{r['load'][1]:.1f} (2 cores; anything above 1 is other work sharing the machine).",
        "", "Target: cold with PDFs at most 2.5x the floor; a rebuild prints no PDF.", "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--markdown", type=Path, help="write the results into this Markdown file")
    args = parser.parse_args()
    command = "python tools/bench_pdf.py " + " ".join(sys.argv[1:])
    with tempfile.TemporaryDirectory(prefix="sop-bench-pdf-") as tmp:
        row = measure(args.count, Path(tmp))
    section = report(row, command)
    print(section)
    if args.markdown:
        write_section(args.markdown, MARKER, section)


if __name__ == "__main__":
    main()
