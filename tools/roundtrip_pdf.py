"""Render SOPs to PDF through the paper layout, as an office would print them, for the import round trip.

The paper layout (``sop_ap.render.paper``) is what the site's "Cetak" prints from the browser, so Chromium
(headless, through Playwright) prints it here too. Variants:

- ``polos``: the printed PDF as it is;
- ``ttd``: every page's content wrapped in a Form XObject with a footer and every TPL listed on every
  page, the way an electronic signature rebuilds the pages (see real-pdf-anatomy.md §2);
- ``judul``: other column titles ("Aktivitas", "Persyaratan/ Perlengkapan", "Ket."), labels in upper
  case, continuation pages without the header, equal Waktu cells of consecutive rows merged into one,
  and signed like ``ttd``;
- ``pindaian``: the plain PDF rasterised at 200 dpi into an image-only PDF, as a scanner makes it.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

VARIANTS = ("polos", "ttd", "judul", "pindaian")
FOOTER = ("Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan",
          "oleh Balai Sertifikasi Elektronik (BSrE)")


def paper_document(entry, registry) -> str:
    from sop_ap.render.paper import paper_html
    from sop_ap.render.site import asset_text

    css = asset_text("paper.css")
    return (f"<!doctype html><html><head><meta charset='utf-8'><style>{css} .sop-paper{{display:block}}</style>"
            f"</head><body>{paper_html(entry, registry)}</body></html>")


def retitle(html: str) -> str:
    """Other column titles and label spellings, and no header on continuation pages of a table."""
    swaps = [("<th rowspan=\"2\">Kegiatan</th>", "<th rowspan=\"2\">Aktivitas</th>"),
             ("<th>Kelengkapan</th>", "<th>Persyaratan/ Perlengkapan</th>"),
             ("<th rowspan=\"2\">Keterangan</th>", "<th rowspan=\"2\">Ket.</th>"),
             ("<th>Nomor SOP</th>", "<th>NOMOR SOP</th>"), ("<th>Tanggal Pembuatan</th>", "<th>TGL. PEMBUATAN</th>"),
             ("<th>Nama SOP</th>", "<th>NAMA SOP</th>"), ("<th>Disahkan oleh</th>", "<th>DISAHKAN OLEH</th>")]
    for old, new in swaps:
        html = html.replace(old, new)
    html = merge_waktu(html)
    pages = html.split('<div class="sop-paper-page sop-paper-flow-page"')
    out = [pages[0]]
    for page in pages[1:]:
        match = re.match(r' data-page="(\d+)"', page)
        if match and match[1] != "1":
            page = re.sub(r"<thead>.*?</thead>", "", page, count=1, flags=re.S)
        out.append(page)
    return '<div class="sop-paper-page sop-paper-flow-page"'.join(out)


def merge_waktu(html: str) -> str:
    """Two consecutive rows of a page with the same Waktu share one merged cell (rowspan)."""
    cell = re.compile(r'(<td class="sop-paper-text">[^<]*</td>)(<td class="sop-paper-text">([^<]*)</td>)'
                      r'(<td class="sop-paper-text">[^<]*</td><td class="sop-paper-text">[^<]*</td></tr>)')

    def merge_page(body: str) -> str:
        rows = body.split("</tr>")
        for i in range(len(rows) - 1):
            a, b = cell.search(rows[i] + "</tr>"), cell.search(rows[i + 1] + "</tr>")
            if a and b and a[3] == b[3] and a[3] != "-" and 'rowspan="2"' not in rows[i] and "MERGED" not in rows[i]:
                rows[i] = rows[i].replace(a[2], a[2].replace("<td ", '<td rowspan="2" '), 1)
                rows[i + 1] = rows[i + 1].replace(b[2], "<!--MERGED-->", 1)
        return "</tr>".join(rows)

    return re.sub(r"<tbody>.*?</tbody>", lambda m: merge_page(m[0]), html, flags=re.S)


def sign(pdf: bytes) -> bytes:
    """Each page's content moved into a Form XObject ``/TPLn`` that the page draws, plus a footer."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, NameObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica-Oblique")}))
    forms = []
    for page in writer.pages:
        form = DecodedStreamObject()
        contents = page.get_contents()
        form.set_data(contents.get_data() if contents is not None else b"")
        box = page.mediabox
        form.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                     NameObject("/BBox"): ArrayObject([FloatObject(v) for v in (box.left, box.bottom, box.right,
                                                                                 box.top)]),
                     NameObject("/Resources"): page["/Resources"]})
        forms.append(writer._add_object(form))
    every = DictionaryObject({NameObject(f"/TPL{i}"): ref for i, ref in enumerate(forms)})
    for i, page in enumerate(writer.pages):
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): every,
                                                           NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
        mm = 72 / 25.4  # the footer sits at x = 17 mm, baselines 7.37 mm and 5.37 mm above the bottom edge
        lines = b"".join(b"BT /F1 6 Tf 0.43 0.43 0.43 rg %.2f %.2f Td (%s) Tj ET " % (17 * mm, y * mm,
                                                                                     text.encode("latin-1"))
                         for y, text in ((7.37, FOOTER[0]), (5.37, FOOTER[1])))
        content = DecodedStreamObject()
        content.set_data(b"2 J 0.57 w q 0 J 1 w 0 j 0 G 0 g 1 0 0 1 0 0 cm /TPL%d Do Q BT /F1 6 Tf ET " % i + lines)
        page.replace_contents(content)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def render(entries, registry, variant: str, browser_page) -> list[tuple[object, bytes]]:
    """(entry, PDF bytes) of each SOP in the variant."""
    out = []
    for entry in entries:
        html = paper_document(entry, registry)
        if variant == "judul":
            html = retitle(html)
        browser_page.set_content(html)
        pdf = browser_page.pdf(format="A4", landscape=True, prefer_css_page_size=True)
        if variant == "pindaian":
            pdf = rasterise(pdf)
        out.append((entry, sign(pdf) if variant in ("ttd", "judul") else pdf))
    return out


def rasterise(pdf: bytes, dpi: int = 200) -> bytes:
    """The PDF as a scan: each page an image only, without a text layer."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        images = [page.to_image(resolution=dpi).original.convert("L") for page in doc.pages]
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out.getvalue()
