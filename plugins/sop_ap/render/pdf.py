"""PDF files of the SOPs: the paper layout ("Cetak") printed by headless Chromium, cached by content hash.

Knows nothing of MkDocs. A build calls :func:`start` with one :class:`PdfJob` per SOP as soon as the pages are
rendered; the SOPs whose PDF is not in the cache are printed by a separate process
(:mod:`sop_ap.render.pdf_worker`) while the build goes on, and :meth:`PdfRun.finish` waits for it and copies
every PDF into the site. Chromium, not WeasyPrint: the paper layout is made for the browser's print engine
(the same one that prints "Cetak" and that the page-count tests use), and WeasyPrint 70 drew the flowchart's
inline SVG without the stylesheet (black shapes, oversized numbers) and broke the table onto other pages
(see docs/developers.md).

The cache key is a hash of everything that decides the bytes: the paper HTML, the stylesheet, the PDF's
metadata, the browser's version and :data:`RECIPE`. An unchanged SOP is therefore never printed again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

RECIPE = "sop-pdf-5"
"""Bump when the worker's output changes for the same input (batching, cutting, font slimming, metadata)."""
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
BROWSER_ENV = "SOP_CHROMIUM"
"""Path of the browser to print with, when it is not one of :data:`BROWSER_NAMES` on PATH."""


class PdfError(RuntimeError):
    """A PDF that could not be made; the message is Indonesian and says what to do."""


@dataclass(frozen=True)
class PdfJob:
    """One SOP's PDF: where it goes in the site, the paper HTML to print, and the PDF's metadata."""

    site_path: str
    paper: str
    title: str
    subject: str = ""
    author: str = ""
    display: str = ""
    """The SOP file, for messages."""


@dataclass
class PdfStats:
    total: int = 0
    cached: int = 0
    rendered: int = 0
    seconds: float = 0.0
    """How long the printing process ran (beside the build)."""
    waited: float = 0.0
    """How long the build waited for it at the end."""

    def summary(self) -> str:
        return (f"PDF: {self.total} berkas, {self.cached} dari cache, {self.rendered} dicetak dalam "
                f"{self.seconds:.1f} dtk (sambil halaman dibangun; pembangunan menunggu {self.waited:.1f} dtk)")


def find_browser() -> str | None:
    """The Chromium (or Chrome) binary to print with: ``$SOP_CHROMIUM``, else the first of BROWSER_NAMES."""
    explicit = os.environ.get(BROWSER_ENV)
    if explicit:
        return explicit if Path(explicit).is_file() else None
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


@lru_cache(maxsize=4)
def engine_version(browser: str) -> str:
    """``Chromium 156.0.8078.114 built on Debian ...``: part of every cache key."""
    try:
        result = subprocess.run([browser, "--version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PdfError(f"Peramban untuk membuat PDF ({browser}) tidak dapat dijalankan: {exc}.") from exc
    version = result.stdout.strip()
    if result.returncode != 0 or not version:
        raise PdfError(f"Peramban untuk membuat PDF ({browser}) tidak dapat dijalankan: "
                       f"{(result.stderr or result.stdout).strip()[:300]}")
    return version


def cache_key(job: PdfJob, css: str, version: str) -> str:
    digest = hashlib.sha256()
    for part in (RECIPE, version, css, job.title, job.subject, job.author, job.paper):
        data = part.encode("utf-8")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


NO_BROWSER = ("Chromium tidak ditemukan, sehingga PDF setiap SOP tidak dapat dibuat. Pasang dengan "
              "'bash tools/setup.sh' (paket Debian 'chromium'), atau tunjuk peramban lain dengan variabel "
              f"{BROWSER_ENV}, atau matikan PDF dengan 'pdf: false' pada plugin 'sop'.")


class PdfRun:
    """The PDFs of one build: cache look-up at once, printing in the background, copying at the end."""

    def __init__(self, jobs: list[PdfJob], css: str, cache_dir: Path, browser: str | None = None) -> None:
        self.jobs = jobs
        self.cache_dir = Path(cache_dir)
        self.process: subprocess.Popen | None = None
        self.job_file: Path | None = None
        self.log_file: Path | None = None
        self.keys: list[str] = []
        self.missing: list[int] = []
        if not jobs:
            return
        browser = browser or find_browser()
        if browser is None:
            raise PdfError(NO_BROWSER)
        version = engine_version(browser)
        self.keys = [cache_key(job, css, version) for job in jobs]
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        todo: dict[str, int] = {}
        for i, key in enumerate(self.keys):
            if not self.path(key).is_file() and key not in todo:
                todo[key] = i
        self.missing = list(todo.values())
        if self.missing:
            self._spawn(browser, version, css)

    def path(self, key: str) -> Path:
        return self.cache_dir / f"{key}.pdf"

    def _spawn(self, browser: str, version: str, css: str) -> None:
        fd, name = tempfile.mkstemp(prefix="jobs-", suffix=".json", dir=self.cache_dir)
        self.job_file = Path(name)
        payload = {"browser": browser, "version": version, "css": css, "out": str(self.cache_dir),
                   "jobs": [{"key": self.keys[i], **asdict(self.jobs[i])} for i in self.missing]}
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, ensure_ascii=False)
        self.log_file = self.job_file.with_suffix(".log")
        with open(self.log_file, "wb") as log:
            self.process = subprocess.Popen([sys.executable, "-m", "sop_ap.render.pdf_worker", str(self.job_file)],
                                            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True)

    def finish(self, site_dir: Path) -> PdfStats:
        """Wait for the printing, then copy every SOP's PDF to ``site_dir``. Raises :class:`PdfError`."""
        waiting = time.perf_counter()
        seconds = 0.0
        try:
            if self.process is not None:
                code = self.process.wait()
                log = self.log_file.read_text(encoding="utf-8", errors="replace") if self.log_file else ""
                if code != 0:
                    raise PdfError("PDF SOP tidak dapat dibuat; situs tidak dibangun. Keterangan dari pencetak: "
                                   + (log.strip()[-1500:] or f"kode keluar {code}") + " (Matikan PDF dengan "
                                   "'pdf: false' pada plugin 'sop' bila perlu.)")
                seconds = json.loads(log.strip().splitlines()[-1])["seconds"]
            for job, key in zip(self.jobs, self.keys):
                source = self.path(key)
                if not source.is_file():
                    raise PdfError(f"{job.display or job.site_path}: PDF tidak terbentuk; situs tidak dibangun.")
                target = Path(site_dir) / job.site_path
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
            waited = time.perf_counter() - waiting
        finally:
            self._cleanup()
        return PdfStats(total=len(self.jobs), cached=len(self.jobs) - len(self.missing), rendered=len(self.missing),
                        seconds=seconds, waited=waited)

    def abort(self) -> None:
        """Stop the printing (a build that failed elsewhere)."""
        if self.process is not None and self.process.poll() is None:
            try:  # the worker, its Playwright driver and Chromium: the process group started for it
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait()
        self._cleanup()

    def _cleanup(self) -> None:
        for path in (self.job_file, self.log_file):
            if path is not None:
                path.unlink(missing_ok=True)
        self.job_file = self.log_file = None


def start(jobs: list[PdfJob], css: str, cache_dir: Path, browser: str | None = None) -> PdfRun:
    """Look every job up in the cache and start printing the others in the background."""
    return PdfRun(jobs, css, cache_dir, browser)
