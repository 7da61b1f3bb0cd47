"""Whitespace between tags, collapsed: Material's page frame and the flowchart's SVG are written with deep
indentation, about 3.4 KB of each SOP page (6.5 %), which at 10,000 SOPs is 34 MB of a site that must stay under
GitHub Pages' 1 GB.

A run of whitespace between two tags becomes one newline (or one space): HTML collapses such a run to one
space anyway, so the page renders the same. Text, attributes, and the content of ``pre``, ``textarea``,
``script`` and ``style`` elements are left exactly as they are.
"""

from __future__ import annotations

import re

_PATTERN = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)|(?<=>)[ \t\r\n\f]{2,}(?=<)", re.S | re.I)


def _collapse(match: re.Match) -> str:
    if match.group(1):  # an element whose text is kept exactly
        return match.group(1)
    return "\n" if "\n" in match.group(0) else " "


def compact_html(page: str) -> str:
    """``page`` with every run of whitespace between tags cut to one character (see the module)."""
    return _PATTERN.sub(_collapse, page)
