"""Render the flowcharts of the registry (or of a YAML file) to PNG in a light and a dark page, for looking at.

Usage:
    .venv/bin/python tools/preview_flowchart.py [--sops DIR] [--out DIR] [--width PX] [--dot] [FILE.yaml ...]

For every flowchart it writes ``flowchart-<name>[-<variant>]-light.png`` and ``...-dark.png`` to the output
folder (default /tmp): the inline SVG of :func:`sop_ap.render.flowchart.flowchart_svg` inside a small HTML page with
the stylesheet ``FLOWCHART_CSS``, shot by Debian's Chromium through Playwright. ``--dot`` also writes Graphviz's
own PNG (``dot -Tpng``) of the DOT source, to tell a layout problem from a post-processing problem.
"""

from __future__ import annotations

import argparse
import html
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from sop_ap.render import flowchart# noqa: E402
from sop_ap.source.registry import load_registry  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]

PAGE = """<!doctype html><html lang="id"><head><meta charset="utf-8"><style>
body {{ margin: 16px; font-family: "DejaVu Sans", sans-serif; background: {bg}; color: {fg};
  --md-default-fg-color: {fg}; --md-default-bg-color: {bg}; --md-accent-fg-color: {accent}; }}
h1 {{ font-size: 16px; }}
.sop-flowchart {{ width: {width}px; margin: 0; }}
.sop-flowchart svg {{ display: block; height: auto; max-width: 100%; }}
{css}
</style></head><body {scheme}><h1>{title}</h1><figure class="sop-flowchart">{svg}</figure></body></html>"""

PALETTES = {
    "light": {"bg": "#ffffff", "fg": "rgba(0,0,0,.87)", "accent": "#526cfe",
              "scheme": 'data-md-color-scheme="default"'},
    "dark": {"bg": "#1e2129", "fg": "#e0e0e0", "accent": "#526cfe", "scheme": 'data-md-color-scheme="slate"'},
}


def _charts(args: argparse.Namespace) -> list[tuple[str, int, object, str]]:
    """(file stem, chart index, chart, SOP title) for every flowchart asked for."""
    out = []
    if args.files:
        from sop_ap.engine import validate_data
        from sop_ap.source.yaml_source import load_yaml

        for name in args.files:
            sop, found = validate_data(load_yaml(Path(name).read_text(encoding="utf-8")).data)
            if sop is None:
                raise SystemExit(f"{name}: not a valid SOP: {found}")
            out += [(Path(name).stem, i, c, sop.nama) for i, c in enumerate(sop.flowcharts)]
        return out
    registry = load_registry(Path(args.sops))
    for entry in registry.entries:
        if entry.ok:
            stem = entry.id.split("/")[-1]
            out += [(stem, i, c, entry.sop.nama) for i, c in enumerate(entry.sop.flowcharts)]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sops", default=str(ROOT / "sops"))
    parser.add_argument("--out", default="/tmp")
    parser.add_argument("--width", type=int, default=1100, help="width of the figure in CSS pixels")
    parser.add_argument("--dot", action="store_true", help="also write dot -Tpng of the DOT source")
    parser.add_argument("files", nargs="*", help="SOP YAML files (default: every SOP of --sops)")
    args = parser.parse_args()
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    charts = _charts(args)
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": args.width + 40, "height": 800}, device_scale_factor=1.5)
        for stem, index, chart, title in charts:
            name = f"flowchart-{stem}" + (f"-{index + 1}" if len(charts) > 1 and index else "")
            svg = flowchart.flowchart_svg(chart, chart_index=index, sop_title=title)
            if args.dot:
                png = out_dir / f"{name}-dot.png"
                png.write_bytes(subprocess.run(["dot", "-Tpng"], input=flowchart.dot_source(chart).encode(),
                                               capture_output=True, check=True, timeout=60).stdout)
                written.append(png)
            for palette, colours in PALETTES.items():
                page.set_content(PAGE.format(css=flowchart.FLOWCHART_CSS, svg=svg, title=html.escape(title),
                                             width=args.width, **colours))
                png = out_dir / f"{name}-{palette}.png"
                page.locator("body").screenshot(path=str(png))
                written.append(png)
        browser.close()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
