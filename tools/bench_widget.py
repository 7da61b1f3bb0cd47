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


READY = "document.querySelector('.sop-sim-step .sop-sim-actions button:enabled') !== null"
SNAPSHOT_CACHED = "document.documentElement.dataset.sopSimSnapshot === 'cached'"


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
    shutil.copytree(ROOT / "overrides", project / "overrides")
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


def _profile(p, folder: Path):
    """A Chromium with its own on-disk profile (HTTP cache and code cache included)."""
    return p.chromium.launch_persistent_context(str(folder), executable_path=require_chromium(), args=CHROMIUM_ARGS)


def measure(site: Path, runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    server, url = _serve(site)
    rows: dict[str, list[float]] = {k: [] for k in ("widget_cold", "widget_warm", "floor_cold", "floor_warm",
                                                     "bytes_cold", "bytes_warm", "floor_bytes_cold",
                                                     "floor_bytes_warm", "before_click_pyodide", "snapshot_bytes",
                                                     "widget_plain", "bytes_plain", "boot_cold", "boot_warm",
                                                     "boot_plain")}
    try:
        with sync_playwright() as p, tempfile.TemporaryDirectory(prefix="sop-profile-") as profiles:
            for run in range(runs):
                # A browser profile on disk, as a returning visitor has: Playwright's default
                # (incognito) contexts keep an in-memory HTTP cache that cannot hold the 9.6 MB
                # pyodide.asm.wasm, so their "warm" visit would download and recompile it again.
                context = _profile(p, Path(profiles) / f"widget-{run}")
                page = context.new_page()
                for phase in ("cold", "warm", "plain"):
                    _reset()
                    page.goto(url + SOP)
                    page.wait_for_load_state("networkidle")
                    rows["before_click_pyodide"].append(sum(1 for path in CountingHandler.log if "pyodide" in path))
                    if phase == "plain":
                        # Warm cache, but without the start-up snapshot (as on a site built without it).
                        page.evaluate("document.querySelector('[data-sop-simulate]').removeAttribute('data-snapshot')")
                    _reset()
                    start = time.perf_counter()
                    page.get_by_role("button", name="Simulasikan").click()
                    # Checked on every animation frame, like the floor's wait below: a locator's
                    # wait_for polls at growing intervals (up to 500 ms) and would add that much.
                    page.wait_for_function(READY, polling="raf", timeout=120_000)
                    rows[f"widget_{phase}"].append(time.perf_counter() - start)
                    rows[f"bytes_{phase}"].append(CountingHandler.counter["bytes"])
                    rows[f"boot_{phase}"].append(page.evaluate("document.querySelector('.sop-sim').dataset.boot"))
                    if phase == "cold":
                        # After the first step is interactive the worker downloads the start-up
                        # snapshot for the next visit; a returning visitor comes after that.
                        _reset()
                        page.wait_for_function(SNAPSHOT_CACHED, timeout=120_000)
                        rows["snapshot_bytes"].append(CountingHandler.counter["bytes"])
                context.close()
                context = _profile(p, Path(profiles) / f"floor-{run}")
                page = context.new_page()
                for phase in ("cold", "warm"):
                    _reset()
                    start = time.perf_counter()
                    page.goto(url + "bare.html")
                    page.wait_for_function("document.title === 'ready'", polling="raf", timeout=120_000)
                    rows[f"floor_{phase}"].append(time.perf_counter() - start)
                    rows[f"floor_bytes_{phase}"].append(CountingHandler.counter["bytes"])
                context.close()
    finally:
        server.shutdown()
    boots = {k: sorted(set(rows.pop(k))) for k in ("boot_cold", "boot_warm", "boot_plain")}
    return {**{k: statistics.median(v) for k, v in rows.items()}, **boots}


def _machine() -> str:
    chromium = subprocess.run([require_chromium(), "--version"], capture_output=True, text=True).stdout.strip()
    return f"{machine()}, {chromium}"


def report(r: dict, runs: int, command: str) -> str:
    lines = [
        MARKER, "",
        f"Measured {dt.date.today().isoformat()} on {_machine()}, median of {runs} runs, with:", "",
        f"    {command}", "",
        "Widget = click on *Simulasikan* until the first step's buttons are enabled (worker started, Pyodide booted, "
        "pydantic and the engine wheel loaded, SOP loaded and validated, first step computed). Floor = bare Pyodide booting from the same "
        "server (`loadPyodide()` and `1 + 1` in a page of its own). Bytes = response bodies the loopback server sent "
        "in that time. Cold = a new browser profile on disk; warm = the same profile visiting again (its disk cache "
        "and WebAssembly code cache filled by the first visit).", "",
        "| | widget (s) | floor (s) | widget / floor | widget bytes | floor bytes |",
        "|---|---:|---:|---:|---:|---:|",
        f"| empty cache | {r['widget_cold']:.2f} | {r['floor_cold']:.2f} | {r['widget_cold'] / r['floor_cold']:.2f} "
        f"| {r['bytes_cold'] / 1e6:.2f} MB | {r['floor_bytes_cold'] / 1e6:.2f} MB |",
        f"| warm cache | {r['widget_warm']:.2f} | {r['floor_warm']:.2f} | {r['widget_warm'] / r['floor_warm']:.2f} "
        f"| {r['bytes_warm'] / 1e6:.2f} MB | {r['floor_bytes_warm'] / 1e6:.2f} MB |",
        f"| warm cache, snapshot not used | {r['widget_plain']:.2f} | {r['floor_warm']:.2f} "
        f"| {r['widget_plain'] / r['floor_warm']:.2f} | {r['bytes_plain'] / 1e6:.2f} MB "
        f"| {r['floor_bytes_warm'] / 1e6:.2f} MB |",
        "",
        f"How the worker started: empty cache {', '.join(r['boot_cold'])}, warm cache {', '.join(r['boot_warm'])}, "
        f"warm cache without the snapshot {', '.join(r['boot_plain'])} "
        "(`baru` = Python started from scratch, `snapshot` = restored from the start-up snapshot). After the first "
        f"step is interactive on the first visit, the worker downloads the snapshot ({r['snapshot_bytes'] / 1e6:.2f} MB) "
        "for the next visit; those bytes are not in the table.", "",
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
