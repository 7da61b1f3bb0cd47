"""Whitespace runs collapsed: Material's page frame and the flowchart's SVG are written with deep indentation,
about 4.5 KB of each SOP page, which at 10,000 SOPs is 45 MB of a site that must stay under GitHub Pages' 1 GB.

A run of two or more whitespace characters in text (between tags, or inside an element's text) becomes one
newline (or one space): HTML and SVG render such a run as one space anyway, so the page looks the same.
Tags and their attributes are never changed, nor the content of ``pre``, ``textarea``, ``code``, ``script``
and ``style`` elements, or comments.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"(<(pre|textarea|code|script|style)\b.*?</\2\s*>|<!--.*?-->|<[^>]*>)|([^<]+)", re.S | re.I)
_RUN = re.compile(r"[ \t\r\n\f]{2,}")


def _run(match: re.Match) -> str:
    return "\n" if "\n" in match.group(0) else " "


def _token(match: re.Match) -> str:
    kept = match.group(1)
    return kept if kept is not None else _RUN.sub(_run, match.group(3))


def compact_html(page: str) -> str:
    """``page`` with every run of whitespace in its text cut to one character (see the module)."""
    return _TOKEN.sub(_token, page)
