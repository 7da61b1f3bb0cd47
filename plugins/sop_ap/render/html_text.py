"""Turning SOP text into safe HTML and Markdown: every value from a file is data, never markup."""

from __future__ import annotations

import datetime as dt
import html
import json
import re

MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
             "November", "Desember")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """Control characters (NUL, BEL, ESC …) as visible escapes such as ``\\x1b``, never raw."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def esc(text: object) -> str:
    """HTML-escaped text (quotes too), whitespace collapsed, control characters shown as escapes."""
    return html.escape(" ".join(visible(str(text)).split()), quote=True)


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
