"""Turning SOP text into safe HTML and Markdown: every value from a file is data, never markup."""

from __future__ import annotations

import datetime as dt
import html
import json
import re

MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
             "November", "Desember")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def esc(text: object) -> str:
    """HTML-escaped text (quotes too), whitespace collapsed."""
    return html.escape(" ".join(str(text).split()), quote=True)


def md(text: object) -> str:
    """Literal Markdown: escaped HTML and backslash-escaped Markdown punctuation."""
    return _MD_SPECIAL.sub(r"\\\1", esc(text))


def yaml_string(text: str) -> str:
    """A front-matter value that YAML reads back as exactly this string (JSON is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def date_id(value: dt.date | str | None) -> str:
    """``2024-01-02`` -> ``2 Januari 2024``; empty -> ``-``."""
    if value in (None, ""):
        return "-"
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return f"{value.day} {MONTHS_ID[value.month - 1]} {value.year}"
