"""Serving a built site on loopback and driving Debian's Chromium with Playwright."""

from __future__ import annotations

import functools
import http.server
import shutil
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".mjs": "text/javascript", ".js": "text/javascript", ".json": "application/json"}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - keep test output quiet
        pass


class _CorsHandler(_Handler):
    """Like a CDN (jsDelivr): every response may be read by pages of any origin."""

    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serve(directory: Path, port: int = 0, cors: bool = False) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (``port``, or a free one) and yield its base URL; with ``cors``,
    as a CDN does (``Access-Control-Allow-Origin: *``)."""
    handler = functools.partial(_CorsHandler if cors else _Handler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def require_chromium() -> str:
    """The Chromium binary; a loud failure (never a skip) when it is missing."""
    path = shutil.which("chromium") or (CHROMIUM if Path(CHROMIUM).exists() else None)
    if path is None:
        raise AssertionError("Chromium tidak terpasang: jalankan 'bash tools/setup.sh' (paket Debian 'chromium').")
    return path


@contextmanager
def chromium() -> Iterator[object]:
    """A headless Chromium browser driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=require_chromium(), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def site_url(seed_site: Path):
    """The seed site served on loopback for one test module."""
    with serve(seed_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for one test module."""
    with chromium() as b:
        yield b
