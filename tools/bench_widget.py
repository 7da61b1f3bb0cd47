"""Benchmark: the "Simulasikan" widget in headless Chromium on loopback, beside bare Pyodide.

For an SOP page of the built site it measures, with an empty browser cache and with a warm one:
the time from the click to the first step being interactive, and the bytes the server sent in that
time; and, before the click, the Pyodide bytes (target: zero). The floor, measured in the same run,
is bare Pyodide booting from the same server (``loadPyodide()`` in a page of its own).

    .venv/bin/python tools/bench_widget.py --markdown docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import http.server
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tools"))

from bench_report import machine, write_section  # noqa: E402
from browser import CHROMIUM_ARGS, require_chromium  # noqa: E402

MARKER = "## Simulation widget"
SOP = "sop/kabupaten-balangan/kecamatan-juai/penyusunan-rencana-kinerja-tahunan/"
BARE_PAGE = """<!doctype html><meta charset="utf-8"><title>bare</title>
<script type="module">
const t0 = performance.now();
const { loadPyodide } = await import("./assets/pyodide/pyodide.mjs");
const py = await loadPyodide({ indexURL: new URL("./assets/pyodide/", location.href).href });
py.runPython("1 + 1");
window.bootMs = performance.now() - t0;
document.title = "ready";
</script>"""


class CountingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site and counts the bytes of every response body."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".mjs": "text/javascript", ".js": "text/javascript"}
    counter: dict[str, int] = {"bytes": 0}
    log: list[str] = []

    def copyfile(self, source, outputfile) -> None:  # noqa: D102
        data = source.read()
        type(self).counter["bytes"] += len(data)
        type(self).log.append(self.path)
        outputfile.write(data)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def _serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(CountingHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def _build_site(tmp: Path) -> Path:
    project = tmp / "project"
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(ROOT / "sops", project / "sops")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=project, capture_output=True,
                            text=True)
    if result.returncode != 0:
        raise SystemExit(result.stderr[-3000:])
    (project / "site" / "bare.html").write_text(BARE_PAGE, encoding="utf-8")
    return project / "site"


def _reset() -> None:
    CountingHandler.counter["bytes"] = 0
    CountingHandler.log.clear()


def measure(site: Path, runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    server, url = _serve(site)
    rows: dict[str, list[float]] = {k: [] for k in ("widget_cold", "widget_warm", "floor_cold", "floor_warm",
                                                     "bytes_cold", "bytes_warm", "floor_bytes_cold",
                                                     "floor_bytes_warm", "before_click_pyodide")}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=require_chromium(), args=CHROMIUM_ARGS)
            for _ in range(runs):
                context = browser.new_context()
                page = context.new_page()
                for phase in ("cold", "warm"):
                    _reset()
                    page.goto(url + SOP)
                    page.wait_for_load_state("networkidle")
                    rows["before_click_pyodide"].append(sum(1 for path in CountingHandler.log if "pyodide" in path))
                    _reset()
                    start = time.perf_counter()
                    page.get_by_role("button", name="Simulasikan").click()
                    page.locator(".sop-sim-step .sop-sim-actions button:enabled").first.wait_for(timeout=120_000)
                    rows[f"widget_{phase}"].append(time.perf_counter() - start)
                    rows[f"bytes_{phase}"].append(CountingHandler.counter["bytes"])
                context.close()
                context = browser.new_context()
                page = context.new_page()
                for phase in ("cold", "warm"):
                    _reset()
                    start = time.perf_counter()
                    page.goto(url + "bare.html")
                    page.wait_for_function("document.title === 'ready'", timeout=120_000)
                    rows[f"floor_{phase}"].append(time.perf_counter() - start)
                    rows[f"floor_bytes_{phase}"].append(CountingHandler.counter["bytes"])
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return {k: statistics.median(v) for k, v in rows.items()}


def _machine() -> str:
    chromium = subprocess.run([require_chromium(), "--version"], capture_output=True, text=True).stdout.strip()
    return f"{machine()}, {chromium}"


def report(r: dict, runs: int, command: str) -> str:
    lines = [
        MARKER, "",
        f"Measured {dt.date.today().isoformat()} on {_machine()}, median of {runs} runs, with:", "",
        f"    {command}", "",
        "Widget = click on *Simulasikan* until the first step's buttons are enabled (worker started, Pyodide booted, "
        "pydantic and the engine wheel loaded, SOP loaded and validated). Floor = bare Pyodide booting from the same "
        "server (`loadPyodide()` and `1 + 1` in a page of its own). Bytes = response bodies the loopback server sent "
        "in that time. Cold = new browser profile; warm = the same profile again.", "",
        "| | widget (s) | floor (s) | widget / floor | widget bytes | floor bytes |",
        "|---|---:|---:|---:|---:|---:|",
        f"| empty cache | {r['widget_cold']:.2f} | {r['floor_cold']:.2f} | {r['widget_cold'] / r['floor_cold']:.2f} "
        f"| {r['bytes_cold'] / 1e6:.2f} MB | {r['floor_bytes_cold'] / 1e6:.2f} MB |",
        f"| warm cache | {r['widget_warm']:.2f} | {r['floor_warm']:.2f} | {r['widget_warm'] / r['floor_warm']:.2f} "
        f"| {r['bytes_warm'] / 1e6:.2f} MB | {r['floor_bytes_warm'] / 1e6:.2f} MB |",
        "",
        f"Pyodide requests before the click: {r['before_click_pyodide']:.0f}. "
        "Targets: click-to-interactive at most 1.3× the floor; zero Pyodide bytes before the click.", "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--markdown", type=Path)
    args = parser.parse_args()
    command = "python tools/bench_widget.py " + " ".join(sys.argv[1:])
    with tempfile.TemporaryDirectory(prefix="sop-widget-") as tmp:
        site = args.site or _build_site(Path(tmp))
        if args.site:
            (site / "bare.html").write_text(BARE_PAGE, encoding="utf-8")
        result = measure(site, args.runs)
    section = report(result, args.runs, command)
    print(section)
    if args.markdown:
        write_section(args.markdown, MARKER, section)


if __name__ == "__main__":
    main()
