"""`mkdocs serve` rebuilds when a file in sops/ changes; a broken SOP shows its errors in the terminal and on
its page instead of stopping the server."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from sitebuild import SEED_BAJENG, SEED_JUAI, copy_project, mkdocs_env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, needle: str, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = _get(url)
        if body is not None and needle in body:
            return body
        time.sleep(0.5)
    raise AssertionError(f"{needle!r} did not appear at {url} within {seconds} s")


def test_serve_rebuilds_and_shows_errors_on_the_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    # PDFs on, as the project serves by default: every rebuild stops the printing of the one before.
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, stdout=log, stderr=subprocess.STDOUT,
                              env=mkdocs_env({"NO_MKDOCS_2_WARNING": "1"}, pdf=True))
    try:
        url = f"http://127.0.0.1:{port}/sop/{SEED_BAJENG}/"
        _wait_for(url, "Menandatangani perjanjian kinerja")
        path = project / f"sops/{SEED_BAJENG}.yaml"
        good = path.read_text(encoding="utf-8")
        path.write_text(good.replace("oleh: Sekrcam\n", "oleh: Bendahara\n", 1), encoding="utf-8")
        page = _wait_for(url, "SOP belum valid")
        assert "Pelaksana &#x27;Bendahara&#x27; tidak ada" in page or "Pelaksana 'Bendahara' tidak ada" in page
        assert server.poll() is None, "the server must keep running"
        path.write_text(good.replace("nama: Perjanjian Kinerja", "nama: Perjanjian Kinerja Tahunan"),
                        encoding="utf-8")
        _wait_for(url, "Perjanjian Kinerja Tahunan")
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    output = (tmp_path / "serve.log").read_text()
    assert "Pelaksana 'Bendahara' tidak ada" in output
    assert "Traceback" not in output


BROKEN_RENDER = """
import sys
import sop_ap.render.site as site
original = site.sop_page
def sop_page(entry, *args, **kwargs):
    if entry.id.endswith("penyusunan-rencana-kinerja-tahunan"):
        raise RecursionError("maximum recursion depth exceeded (simulated)")
    return original(entry, *args, **kwargs)
site.sop_page = sop_page
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", *sys.argv[1:]]
cli()
"""


def test_serve_stays_responsive_when_one_sop_cannot_be_rendered(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-c", BROKEN_RENDER, "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, stdout=log, stderr=subprocess.STDOUT,
                              env=mkdocs_env({"NO_MKDOCS_2_WARNING": "1"}, pdf=True))
    try:
        good = _wait_for(f"http://127.0.0.1:{port}/sop/{SEED_BAJENG}/", "Menandatangani perjanjian kinerja")
        assert "Simulasikan" in good
        broken = _wait_for(f"http://127.0.0.1:{port}/sop/{SEED_JUAI}/", "SOP belum valid", seconds=10)
        assert "tidak dapat dibuat karena galat internal" in broken and "RecursionError" in broken
        assert _get(f"http://127.0.0.1:{port}/sop/") is not None and server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    output = (tmp_path / "serve.log").read_text()
    assert "tidak dapat dibuat karena galat internal" in output and "Traceback" not in output
