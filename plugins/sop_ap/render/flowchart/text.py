"""Text as the drawing shows it: XML-safe, wrapped to a few lines, quoted for DOT."""

from __future__ import annotations

import re
import textwrap

from ...engine.model import Langkah
from .style import MAX_LINES, STEP_WRAP

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    """Text without characters that XML 1.0 cannot hold."""
    return _CONTROL.sub("", text)


_SPACES = re.compile(r"[ \t\n\r\f\v]+")


def wrap(text: str, width: int = STEP_WRAP, lines: int = MAX_LINES) -> str:
    """``text`` on at most ``lines`` lines of about ``width`` characters, with an ellipsis when cut.

    A word a little longer than ``width`` stays whole on its own line; a much longer one is cut."""
    hard = width + 3
    words = []
    for word in _SPACES.split(clean(text).strip()):  # not str.split(): a no-break space joins
        words += [word[i:i + width] for i in range(0, len(word), width)] if len(word) > hard else [word]
    wrapped = textwrap.wrap(" ".join(words), width=width, break_long_words=False, break_on_hyphens=False) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        last = wrapped[-1]
        wrapped[-1] = (last if len(last) < hard else last[: hard - 1].rstrip()) + "…"
    return "\n".join(wrapped)


NBSP = "\u00a0"


def numbered(number: int, text: str, width: int) -> str:
    """``"5. kegiatan"``, the number kept on the line of the first word when they fit together."""
    words = [w for w in _SPACES.split(clean(text).strip()) if w]
    if words and len(str(number)) + 2 + len(words[0]) <= width + 3:
        return f"{number}.{NBSP}" + " ".join(words)
    return f"{number}. " + " ".join(words)


def dot_quote(text: str) -> str:
    """A DOT label string that shows ``text`` literally: no Graphviz escapes, no HTML entities."""
    text = clean(text).replace("&", "&amp;").replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("\n", "\\n") + '"'


def performers_text(step: Langkah) -> str:
    names = [clean(n) for n in step.oleh]
    if len(names) < 2:
        return ", ".join(names)
    joiner = " atau " if step.cara == "salah_satu" else " dan "
    return ", ".join(names[:-1]) + joiner + names[-1]
