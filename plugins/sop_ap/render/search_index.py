"""The site's search index: Pagefind (the ``pagefind[extended]`` package on PyPI) run over a built site.

Pagefind reads ``<html lang="id">`` and stems Indonesian words, so a root word finds its affixed forms
and back ("susun" finds "penyusunan", "menyusun"). Only what sits inside ``data-pagefind-body`` (the
page's content, see overrides/main.html) is indexed, less ``data-pagefind-ignore`` parts (the print
layout, the flowchart drawing) and the selectors below. The index is split into chunks: a query loads
only the chunks of its words.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BUNDLE_DIR = "pagefind"
EXCLUDE = (".headerlink", ".md-tags", ".sop-next", ".sop-oleh", "thead")
"""Parts of a page's content that are not text to find: anchors ("¶"), tag chips, arrows to next steps,
the step table's hidden performer names (shown only in print) and column headings (run together)."""


class SearchIndexError(RuntimeError):
    pass


def build_index(site: Path) -> str:
    """Index ``site`` in place (``site/pagefind/``); returns Pagefind's summary."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", BUNDLE_DIR]
    for selector in EXCLUDE:
        command += ["--exclude-selectors", selector]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"Pagefind tidak dapat dijalankan: {exc}") from exc
    if result.returncode != 0 or not (site / BUNDLE_DIR / "pagefind.js").is_file():
        detail = (result.stderr or result.stdout).strip()[-1500:]
        if "No module named pagefind" in detail:
            detail = "paket 'pagefind[extended]' belum terpasang (jalankan 'bash tools/setup.sh')."
        raise SearchIndexError(f"Indeks pencarian (Pagefind) gagal dibuat: {detail}")
    return result.stdout
