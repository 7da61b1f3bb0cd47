"""Scans: a page without a text layer is rasterised, its words read by Tesseract (Indonesian language
data, through pytesseract), and its ruling lines found in the image, so that the identity table and the
flowchart table are read cell by cell as on a digital PDF. Symbols are not read from the raster: every
row's performer and symbol is then flagged by the caller.

Needs the Debian packages ``tesseract-ocr`` and ``tesseract-ocr-ind`` and the Python package
``pytesseract``; without them a scan is an error that says what to install.
"""

from __future__ import annotations

from .pdf_page import Page, Rule, Word, _merge

DPI = 200
DARK = 110
"""A pixel darker than this (0-255) is ink."""


class OcrUnavailable(Exception):
    """Tesseract or its Indonesian data is missing; the message says what to install."""


def _check() -> None:
    try:
        import pytesseract
    except ModuleNotFoundError as exc:
        raise OcrUnavailable("pustaka Python 'pytesseract' belum terpasang (pip install pytesseract)") from exc
    try:
        languages = pytesseract.get_languages(config="")
    except Exception as exc:  # noqa: BLE001 - the binary is missing or broken
        raise OcrUnavailable("program Tesseract belum terpasang (paket Debian 'tesseract-ocr')") from exc
    if "ind" not in languages:
        raise OcrUnavailable("data bahasa Indonesia Tesseract belum terpasang (paket Debian 'tesseract-ocr-ind')")


def _runs(values: list[int], width: int, minimum: int) -> list[tuple[int, int]]:
    """Start and end index of each run of at least ``minimum`` dark cells in each line of a grid."""
    out = []
    start = None
    for i, v in enumerate(values + [255]):
        if v < DARK and start is None:
            start = i
        elif v >= DARK and start is not None:
            if i - start >= minimum:
                out.append((start, i))
            start = None
    return out


def _rules(image, scale: float) -> tuple[list[Rule], list[Rule]]:
    """Horizontal and vertical ruling lines of a greyscale page image, in points."""
    from PIL import Image

    width, height = image.size
    step = 4  # each cell of the reduced grid averages 4 pixels along the line
    hrules: list[Rule] = []
    small = image.resize((max(1, width // step), height), Image.Resampling.BOX)
    data = list(small.tobytes())
    cols = small.size[0]
    for y in range(height):
        row = data[y * cols:(y + 1) * cols]
        for a, b in _runs(row, cols, minimum=max(8, cols // 25)):
            hrules.append(Rule(y * scale, a * step * scale, b * step * scale))
    vrules: list[Rule] = []
    small = image.resize((width, max(1, height // step)), Image.Resampling.BOX)
    data = list(small.tobytes())
    rows = small.size[1]
    for x in range(width):
        column = data[x::width]
        for a, b in _runs(column, rows, minimum=max(8, rows // 40)):
            vrules.append(Rule(x * scale, a * step * scale, b * step * scale))
    hrules = [r for r in _merge(hrules) if r.end - r.start >= 5]
    vrules = [r for r in _merge(vrules) if r.end - r.start >= 5]
    return hrules, vrules


def ocr_page(image, number: int, width_pt: float, height_pt: float) -> Page:
    """A page image (PIL) read as a drawing: Tesseract's words and the ruling lines."""
    import pytesseract

    from PIL import ImageDraw

    grey = image.convert("L")
    scale = width_pt / grey.size[0]
    page = Page(number, width_pt, height_pt)
    page.hrules, page.vrules = _rules(grey, scale)
    # the rules out of the image before Tesseract reads it: text touching a table line is misread
    clean = grey.copy()
    draw = ImageDraw.Draw(clean)
    for r in page.hrules:
        draw.rectangle([r.start / scale, r.pos / scale - 3, r.end / scale, r.pos / scale + 3], fill=255)
    for r in page.vrules:
        draw.rectangle([r.pos / scale - 3, r.start / scale, r.pos / scale + 3, r.end / scale], fill=255)
    data = pytesseract.image_to_data(clean, lang="ind", config="--psm 11", output_type=pytesseract.Output.DICT)
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        if not text:
            continue
        x0, top = data["left"][i] * scale, data["top"][i] * scale
        x1, bottom = x0 + data["width"][i] * scale, top + data["height"][i] * scale
        word = Word(text, x0, x1, top, bottom, max(5.0, (bottom - top) * 1.1), False, float(data["conf"][i]))
        (page.dropped if word.conf < 30 else page.words).append(word)
    return page


def ocr_pdf(path, only: set[int] | None = None) -> list[Page]:
    """Pages of a PDF without a text layer (all, or the page numbers in ``only``), rasterised and read by
    Tesseract."""
    import pdfplumber

    _check()
    pages = []
    with pdfplumber.open(path) as pdf:
        for i, pl_page in enumerate(pdf.pages):
            if only is not None and i + 1 not in only:
                continue
            image = pl_page.to_image(resolution=DPI).original
            pages.append(ocr_page(image, i + 1, float(pl_page.width), float(pl_page.height)))
    return pages


def ocr_image(path) -> list[Page]:
    """A scanned page given as an image file (PNG, JPEG, TIFF); A4 landscape is assumed for its size."""
    from PIL import Image

    _check()
    with Image.open(path) as image:
        image.load()
        width, height = image.size
        points = 841.89 if width >= height else 595.28
        return [ocr_page(image, 1, points, points * height / width)]
