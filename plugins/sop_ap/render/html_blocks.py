"""Raw HTML blocks of the plugin's own pages, set aside while Markdown converts the rest, then put back.

An SOP page is mostly HTML (the identity part, the step table, the flowchart's SVG) between a few Markdown
headings. Python-Markdown passes such raw HTML blocks through unchanged, but finds where each ends by running
Python's ``html.parser`` over every tag: on SOP pages that was 40 % of the whole build (cProfile of a 200-SOP
build: 18 s of 54 s in ``HTMLParser.feed``), and it was paid again on every rebuild. Here each block that
starts a chunk of the page (after a blank line) with a block-level tag, ends that chunk with the same tag's
closing tag and opens as many of that tag as it closes, is replaced by a placeholder paragraph; the HTML
Markdown writes is the same, byte for byte (``tests/test_html_blocks.py`` converts every page of a registry both
ways; a 200-SOP site built both ways was identical in every file).
Anything else (headings, text, a chunk that is not one whole element) goes through Markdown as before.
"""

from __future__ import annotations

import re

from markdown.util import BLOCK_LEVEL_ELEMENTS

_CHUNKS = re.compile(r"(\n[ \t]*\n)")
_FIRST_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)[\s>/]")
_PLACEHOLDER = "SOPBLOKHTML{}X"
_PUT_BACK = re.compile(r"<p>SOPBLOKHTML(\d+)X</p>")


def _element_end(text: str, start: int) -> int | None:
    """Where the block-level element that starts at ``start`` ends (after its closing tag), or None."""
    match = _FIRST_TAG.match(text, start)
    if not match or match.group(1).lower() not in BLOCK_LEVEL_ELEMENTS:
        return None
    name = re.escape(match.group(1))
    depth = 0
    for tag in re.finditer(rf"<(/?){name}(?=[\s>/])[^>]*>", text[start:], re.I):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return start + tag.end()
    return None


def _whole_elements(text: str) -> bool:
    """``text`` is one or more whole block-level elements, each starting on a line of its own."""
    at = 0
    while at < len(text):
        end = _element_end(text, at)
        if end is None:
            return False
        rest = text[end:]
        stripped = rest.lstrip(" \t")
        if not stripped:
            return True
        if not stripped.startswith("\n"):
            return False  # something follows the closing tag on its line
        at = len(text) - len(stripped.lstrip("\n \t"))
    return True


def set_aside(markdown: str) -> tuple[str, list[str]]:
    """``markdown`` with its whole raw HTML blocks replaced by placeholders, and the blocks."""
    parts = _CHUNKS.split(markdown)  # chunks at even indices, the blank lines between them at odd ones
    out: list[str] = []
    blocks: list[str] = []
    i = 0
    while i < len(parts):
        chunk = parts[i]
        if chunk.startswith("<") and _element_end(chunk, 0) is None and _FIRST_TAG.match(chunk):
            # an element with blank lines inside (the flowchart's SVG): take chunks until it closes
            for j in range(i + 2, len(parts), 2):
                joined = "".join(parts[i:j + 1])
                if _element_end(joined, 0) is not None:
                    if _whole_elements(joined):
                        chunk, i = joined, j
                    break
        if chunk.startswith("<") and _whole_elements(chunk):
            out.append(_PLACEHOLDER.format(len(blocks)))
            blocks.append(chunk.rstrip())
        else:
            out.append(chunk)
        if i + 1 < len(parts):
            out.append(parts[i + 1])
        i += 2
    return "".join(out), blocks


def put_back(html: str, blocks: list[str]) -> str:
    """The converted page with each placeholder paragraph replaced by its block."""
    if not blocks:
        return html
    # Markdown ends a raw block with an empty line, except at the end of the page (its output is stripped).
    return _PUT_BACK.sub(lambda m: blocks[int(m.group(1))] + ("\n" if m.end() < len(html) else ""), html)
