"""Check the geometric quality rules of the flowchart layout (sop_ap.render.flowchart.quality) over the pattern
fixtures, the seeds and generated SOPs, compare the web drawing's edges with the paper's, and time the layout.

    .venv/bin/python tools/layout_quality.py            # fixtures, seeds, 200 generated SOPs (--pola 0.5)
    .venv/bin/python tools/layout_quality.py --count 50 -v

Prints the violations per rule and their total (which must be 0), and the layout time per SOP. Exit code 1
when a rule is violated.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from sop_ap.render import flowchart  # noqa: E402
from sop_ap.render.flowchart import quality  # noqa: E402
from sop_ap.render.flowchart.cache import clear_memory  # noqa: E402
from sop_ap.source.registry import load_registry  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"


def web_edges(svg: str) -> set[tuple[str, str, str, str]]:
    """(source symbol, target symbol, label, kind) of every line of the web drawing."""
    out = set()
    for group in ET.fromstring(svg).iter(f"{SVG}g"):
        classes = (group.get("class") or "").split()
        if "edge" not in classes:
            continue
        kind = "link" if "sop-fc-link" in classes else "inline" if "sop-fc-inline" in classes else "flow"
        out.add((group.get("data-source-node", ""), group.get("data-target-node", ""),
                 (group.get("data-label") or "") if kind == "flow" else "", kind))
    return out


PAPER_PATH = re.compile(r'<path class="sop-paper-arrow[^"]*" data-source-node="([^"]*)" data-target-node="([^"]*)" '
                        r'data-label="([^"]*)" data-edge="\d+" data-kind="(\w+)"')


def paper_edges(html: str) -> set[tuple[str, str, str, str]]:
    """The same for the paper pages (a line cut by a page break counts once)."""
    return {(s, t, unescape(label) if kind == "flow" else "", kind) for s, t, label, kind in PAPER_PATH.findall(html)}


def sources(count: int, seed: int, work: Path) -> list[Path]:
    roots = [ROOT / "tests" / "data" / "patterns", ROOT / "sops"]
    if count:
        out = work / "generated"
        subprocess.run([sys.executable, str(ROOT / "tools" / "generate_sops.py"), "--count", str(count), "--seed",
                        str(seed), "--pola", "0.5", "--out", str(out)], check=True, capture_output=True)
        roots.append(out)
    return roots


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200, help="generated SOPs (default 200)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-v", "--verbose", action="store_true", help="print every violation")
    args = parser.parse_args()
    from sop_ap.render.paper_flowchart import flowchart_pages

    totals = {rule: 0 for rule in quality.RULES + quality.INFO_RULES + ("web-paper-edges",)}
    times: list[float] = []
    charts = sops = 0
    with tempfile.TemporaryDirectory() as tmp:
        for root in sources(args.count, args.seed, Path(tmp)):
            registry = load_registry(root)
            for entry in registry.entries:
                if not entry.ok:
                    continue
                sops += 1
                start = time.perf_counter()
                layouts = [flowchart.flowchart_layout(chart) for chart in entry.sop.flowcharts]
                times.append(time.perf_counter() - start)
                for index, (chart, layout) in enumerate(zip(entry.sop.flowcharts, layouts)):
                    charts += 1
                    found = quality.violations(chart, layout)
                    web = web_edges(flowchart.flowchart_svg(chart, chart_index=index))
                    paper = paper_edges(flowchart_pages(entry.sop, chart, index))
                    if web != paper:
                        found["web-paper-edges"] = [f"web only {sorted(web - paper)}, paper only {sorted(paper - web)}"]
                    for rule, items in found.items():
                        totals[rule] += len(items)
                        if args.verbose:
                            for item in items:
                                print(f"{entry.id}#{index}: {rule}: {item}")
            clear_memory()
    must = sum(totals[rule] for rule in quality.RULES) + totals["web-paper-edges"]
    print(f"SOP: {sops}, bagan alir: {charts}")
    for rule, n in totals.items():
        note = " (informasi)" if rule in quality.INFO_RULES else ""
        print(f"  {rule:22s} {n}{note}")
    print(f"pelanggaran: {must}")
    print(f"waktu tata letak per SOP (ukur dengan Graphviz + tata letak, tanpa cache): median "
          f"{statistics.median(times) * 1000:.1f} ms, rata-rata {statistics.mean(times) * 1000:.1f} ms, "
          f"maks {max(times) * 1000:.1f} ms")
    return 1 if must else 0


if __name__ == "__main__":
    raise SystemExit(main())
