"""Reading an old SOP document: text files as they are (scanning debris removed); PDFs go to
:mod:`.pdf_draft`, which reads them as a drawing."""

from __future__ import annotations

import re
from pathlib import Path


class ImportError_(Exception):
    """The document cannot be read; the message is in Indonesian."""


DEBRIS = [
    (re.compile(r"<del>\s*</del>"), " "),
    (re.compile(r"</?(?:b|i|u|del|span|sup|sub)[^>]*>"), " "),
    (re.compile(r"\$[^$\n]{0,80}\$"), " \u27e8\u27e9 "),  # LaTeX debris such as $\langle \rangle$: a diamond mark
    (re.compile(r"\*\*"), ""),
    (re.compile(r"^#+\s*", re.M), ""),
]


def clean(text: str) -> str:
    """Scanning debris out, line structure and tabs kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    for pattern, replacement in DEBRIS:
        text = pattern.sub(replacement, text)
    return text


def read_document(path: Path) -> str:
    """The text of a .txt/.md file or of a PDF's text layer."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportError_(f"Berkas '{path}' tidak dapat dibaca: {exc.strerror or exc}.") from exc
    if b"%PDF-" in raw[:1024]:
        raise ImportError_(f"'{path}' adalah PDF; PDF dibaca sebagai gambar tabel, bukan sebagai teks.")
    if b"\x00" in raw[:4096]:
        raise ImportError_(f"Berkas '{path}' bukan teks maupun PDF; yang dapat diimpor: teks (.txt, .md) atau PDF "
                           "dengan lapisan teks.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    if not text.strip():
        raise ImportError_(f"Berkas '{path}' kosong.")
    return clean(text)


def load_draft(path: Path):
    """The draft of one document: a PDF read as a drawing, or a text file parsed as text."""
    from .parse import parse_document

    try:
        head = path.read_bytes()[:1024]
    except OSError as exc:
        raise ImportError_(f"Berkas '{path}' tidak dapat dibaca: {exc.strerror or exc}.") from exc
    if b"%PDF-" in head:
        from .pdf_draft import pdf_draft

        return pdf_draft(path)
    if head[:8] == b"\x89PNG\r\n\x1a\n" or head[:3] == b"\xff\xd8\xff" or head[:4] in (b"II*\x00", b"MM\x00*"):
        from .pdf_draft import scan_draft

        return scan_draft(path, pdf=False)
    return parse_document(read_document(path))
