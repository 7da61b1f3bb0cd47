"""Reading an old SOP document: text files as they are, PDFs through their text layer, and scanning
debris removed."""

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
    if raw[:5] == b"%PDF-":
        return _pdf_text(path, raw)
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


def _pdf_text(path: Path, raw: bytes) -> str:
    import io

    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ModuleNotFoundError as exc:  # pragma: no cover - pypdf is a dependency
        raise ImportError_("Pustaka pypdf belum terpasang; jalankan 'bash tools/setup.sh'.") from exc
    try:
        reader = PdfReader(io.BytesIO(raw))
        pages = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ImportError_(f"PDF '{path}' rusak atau tidak dapat dibaca ({exc}).") from exc
    text = "\n".join(pages)
    if len(re.sub(r"\s", "", text)) < 40:
        raise ImportError_(f"PDF '{path}' tidak punya lapisan teks (hasil pindaian). Jalankan OCR lebih dulu "
                           "(mis. dengan ocrmypdf), lalu impor PDF hasilnya; alat ini tidak melakukan OCR.")
    # layout extraction separates columns with runs of spaces; turn wide gaps into tabs for the table parser
    return clean(re.sub(r" {3,}", "\t", text))
