"""Benchmark: CPU time of rendering every SOP page (``sop_page``) of a folder, flowchart SVGs cached.

Run it with each checkout's own Python on the same SOP files to compare two versions of the page code;
CPU time (``time.process_time``), best of 3, is steadier than wall time on a shared machine:

    python tools/generate_sops.py ...   # or any sops/ folder
    /tmp/before/.venv/bin/python tools/bench_page_render.py /tmp/sops /tmp/flowchart-cache
    .venv/bin/python tools/bench_page_render.py /tmp/sops /tmp/flowchart-cache
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from sop_ap.render import flowchart
from sop_ap.render.page_sop import SiteOptions, sop_page
from sop_ap.source.registry import load_registry


def main() -> None:
    sops, cache = Path(sys.argv[1]), Path(sys.argv[2])
    flowchart.set_cache_dir(cache)
    registry = load_registry(sops)
    entries = [e for e in registry.entries if e.ok]
    flowchart.prerender([chart for e in entries for chart in e.sop.flowcharts])
    times, size = [], 0
    for _ in range(3):
        start = time.process_time()
        size = sum(len(sop_page(e, registry, SiteOptions())) for e in entries)
        times.append(time.process_time() - start)
    print(f"{len(entries)} pages: best CPU {min(times):.2f} s ({min(times) / len(entries) * 1000:.2f} ms/page), "
          f"runs {[round(t, 2) for t in times]}, {size} characters")


if __name__ == "__main__":
    main()
