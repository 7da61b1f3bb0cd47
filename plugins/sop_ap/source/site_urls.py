"""Paths and URLs of generated pages, so raw HTML can link between them without MkDocs."""

from __future__ import annotations

import posixpath
import re
import unicodedata


def slug(text: str) -> str:
    """``Kasubag Perencanaan`` -> ``kasubag-perencanaan`` (ASCII, lower case)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def page_url(md_path: str, directory_urls: bool = True) -> str:
    """The site URL (relative to the site root) of a Markdown page, as MkDocs writes it."""
    stem = md_path[:-3] if md_path.endswith(".md") else md_path
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_url(from_md: str, to_md: str, directory_urls: bool = True) -> str:
    """A link from one generated page to another (or to a site file), relative, as raw HTML needs."""
    here = page_url(from_md, directory_urls)
    base = here if here.endswith("/") or here == "" else posixpath.dirname(here) + "/"
    target = page_url(to_md, directory_urls) if to_md.endswith(".md") else to_md
    rel = posixpath.relpath(target or ".", base or ".")
    if (target == "" or target.endswith("/")) and not rel.endswith("/"):
        rel += "/"
    return "./" if rel in (".", "./") else rel
