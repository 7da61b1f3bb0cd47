"""A hand-drawn SOP PDF built the way real signed office PDFs are (real-pdf-anatomy.md), not the way the
paper layout prints: every table rule a filled thin rectangle, a three-row header with a column-number
row, other column titles, process boxes and a terminator drawn as filled rings (outer and inner contour,
no curves), a decision drawn over a white fill, arrow shafts that are subpaths of the same filled path as
their heads (an elbow shaft is a filled outline polygon), a bent shaft drawn as a separate stroked line,
``1,`` as the first list number, and every page wrapped in a Form XObject by a signature."""

from __future__ import annotations

import io
import math

W, H = 792.0, 612.0  # Letter, landscape


class Canvas:
    """PDF drawing operators in top-down coordinates (y grows downwards, like pdfplumber's ``top``)."""

    def __init__(self) -> None:
        self.ops: list[str] = []

    def _y(self, y: float) -> float:
        return H - y

    def hrule(self, y: float, x0: float, x1: float, t: float = 0.4) -> None:
        self.ops.append(f"0 g {x0:.2f} {self._y(y) - t / 2:.2f} {x1 - x0:.2f} {t:.2f} re f")

    def vrule(self, x: float, y0: float, y1: float, t: float = 0.4) -> None:
        self.ops.append(f"0 g {x - t / 2:.2f} {self._y(y1):.2f} {t:.2f} {y1 - y0:.2f} re f")

    def text(self, x: float, top: float, s: str, size: float = 7.0, bold: bool = False) -> None:
        s = s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        font = "F2" if bold else "F1"
        self.ops.append(f"BT /{font} {size} Tf 0 g {x:.2f} {self._y(top + size * 0.8):.2f} Td ({s}) Tj ET")

    def path(self, subpaths: list[list[tuple[float, float]]], op: str, gray: float = 0.0) -> None:
        parts = []
        for points in subpaths:
            first, *rest = points
            parts.append(f"{first[0]:.2f} {self._y(first[1]):.2f} m " + " ".join(
                f"{x:.2f} {self._y(y):.2f} l" for x, y in rest) + " h")
        colour = f"{gray} g {gray} G" if op.startswith("f") else f"{gray} G"
        self.ops.append(f"{colour} 0.5 w " + " ".join(parts) + f" {op}")

    def line(self, points: list[tuple[float, float]]) -> None:
        first, *rest = points
        self.ops.append("0 G 0.5 w " + f"{first[0]:.2f} {self._y(first[1]):.2f} m "
                        + " ".join(f"{x:.2f} {self._y(y):.2f} l" for x, y in rest) + " S")

    def content(self) -> bytes:
        return "\n".join(self.ops).encode("latin-1")


def _rect(cx: float, cy: float, w: float, h: float, inset: float = 0.0) -> list[tuple[float, float]]:
    x0, x1, y0, y1 = cx - w / 2 + inset, cx + w / 2 - inset, cy - h / 2 + inset, cy + h / 2 - inset
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def _rounded(cx: float, cy: float, w: float, h: float, inset: float = 0.0, n: int = 15) -> list[tuple[float, float]]:
    """A rounded rectangle flattened into straight segments (as CID producers draw a terminator)."""
    r = h / 2 - inset
    points = []
    for centre_x, start in ((cx + w / 2 - h / 2, -90), (cx - w / 2 + h / 2, 90)):
        for k in range(n + 1):
            a = math.radians(start + 180 * k / n)
            points.append((centre_x + r * math.cos(a), cy + r * math.sin(a)))
    return points


def _head(tip: tuple[float, float], direction: str, size: float = 4.0) -> list[tuple[float, float]]:
    x, y = tip
    back = {"down": (0, -1), "up": (0, 1), "left": (1, 0), "right": (-1, 0)}[direction]
    bx, by = x + back[0] * size, y + back[1] * size
    side = (back[1] * size / 2, back[0] * size / 2)
    return [(x, y), (bx + side[0], by + side[1]), (bx - side[0], by - side[1])]


def _outline(points: list[tuple[float, float]], t: float = 0.5) -> list[tuple[float, float]]:
    """An axis-aligned polyline as a thin filled outline polygon (how office programs draw a bent shaft)."""
    left, right = [], []
    for i, (x, y) in enumerate(points):
        dx = (points[min(i + 1, len(points) - 1)][0] - points[max(i - 1, 0)][0])
        dy = (points[min(i + 1, len(points) - 1)][1] - points[max(i - 1, 0)][1])
        horizontal = abs(dx) > abs(dy)
        ox, oy = (0, t / 2) if horizontal else (t / 2, 0)
        if 0 < i < len(points) - 1:
            ox, oy = t / 2, t / 2
        left.append((x - ox, y - oy))
        right.append((x + ox, y + oy))
    return left + right[::-1]


def identity_page() -> Canvas:
    c = Canvas()
    for y in (40, 190):
        c.hrule(y, 40, 750)
    for y in (60, 80, 100, 120, 170):
        c.hrule(y, 330, 750)
    for x in (40, 330, 450, 750):
        c.vrule(x, 40, 190)
    for y in (200, 215, 265, 280, 330, 345, 395):
        c.hrule(y, 40, 750)
    for x in (40, 395, 750):
        c.vrule(x, 200, 395)
    c.text(80, 90, "PEMERINTAH KABUPATEN CONTOH", 10, True)
    c.text(80, 104, "DINAS KOMUNIKASI DAN INFORMATIKA", 10, True)
    c.text(80, 118, "BIDANG APLIKASI", 10, True)
    for top, label, value in ((45, "Nomor SOP", "045/SOP/DISKOMINFO/2023"), (65, "Tgl. Pembuatan", "3-Apr-23"),
                              (85, "Tgl. Revisi", "-"), (105, "Tgl. Efektif", "10 April 2023"),
                              (175, "NAMA SOP", "PENGELOLAAN ADUAN MASYARAKAT")):
        c.text(335, top, label, 7, label.isupper())
        c.text(455, top, value, 7, label.isupper())
    c.text(335, 125, "Disahkan oleh")
    c.text(455, 124, "Kepala Dinas Komunikasi dan")
    c.text(455, 132, "Informatika")
    c.text(455, 150, "Drs. BUDI SANTOSO, M.Si", 7, True)
    c.text(455, 158, "NIP. 19800512 200501 1 003")
    for top, left, right in ((203, "DASAR HUKUM :", "KUALIFIKASI PELAKSANA :"), (268, "KETERKAITAN", "PERALATAN/ PERLENGKAPAN"),
                             (333, "PERINGATAN", "PENCATATAN DAN PENDATAAN")):
        c.text(45, top, left, 7, True)
        c.text(400, top, right, 7, True)
    c.text(45, 220, "1,")
    c.text(55, 220, "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan")
    c.text(55, 229, "Publik;")
    c.text(45, 238, "2.")
    c.text(55, 238, "Permenpan RB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP AP")
    c.text(400, 220, "- Memahami tata naskah dinas")
    c.text(400, 229, "- Mampu mengoperasikan komputer")
    c.text(45, 285, "-")
    c.text(400, 285, "1.")
    c.text(410, 285, "Komputer")
    c.text(400, 294, "2.")
    c.text(410, 294, "Printer")
    c.text(45, 350, "Jika SOP tidak dilaksanakan, aduan masyarakat tidak tertangani.")
    c.text(400, 350, "Buku register aduan")
    return c


LANES = [(230, 330), (330, 430), (430, 530)]
ROWS = [(100, 150), (150, 200), (200, 250), (250, 300), (300, 350)]


def flow_page() -> Canvas:
    c = Canvas()
    c.hrule(40, 30, 760)
    c.hrule(55, 230, 700)
    for y in (90, 100, 150, 200, 250, 300, 350):
        c.hrule(y, 30, 760)
    for x in (30, 50, 230, 530, 700, 760):
        c.vrule(x, 40, 350)
    for x in (330, 430, 600, 640):
        c.vrule(x, 55, 350)
    c.text(33, 65, "No.", 7, True)
    c.text(90, 65, "Aktivitas/Kegiatan", 7, True)
    c.text(360, 44, "Pelaksana", 7, True)
    c.text(595, 44, "Mutu Baku", 7, True)
    c.text(715, 65, "Ket.", 7, True)
    for (a, b), name in zip(LANES, ("Staf", "Kepala Seksi", "Kepala Dinas")):
        c.text(a + 8, 68, name, 7, True)
    c.text(533, 64, "Persyaratan/", 7, True)
    c.text(533, 72, "Perlengkapan", 7, True)
    c.text(605, 68, "Waktu", 7, True)
    c.text(650, 68, "Output", 7, True)
    for n, x in enumerate((35, 130, 275, 375, 475, 560, 615, 665, 725), start=1):
        c.text(x, 91.5, f"({n})", 6)
    steps = [("1.", "Menerima aduan dari masyarakat", "Formulir aduan", "10 menit", "Aduan tercatat"),
             ("2.", "Menelaah aduan", "Aduan tercatat", "30 menit", "Hasil telaah"),
             ("3.", "Memeriksa hasil telaah", "Hasil telaah", "15 menit", "Disposisi"),
             ("4.", "Menindaklanjuti aduan", "Disposisi", "1 hari", "Jawaban aduan"),
             ("5.", "Mengarsipkan jawaban aduan", "Jawaban aduan", "5 menit", "Arsip")]
    for (top, _), (no, kegiatan, kel, waktu, output) in zip(ROWS, steps):
        c.text(34, top + 4, no)
        c.text(54, top + 4, kegiatan)
        c.text(534, top + 4, kel)
        c.text(604, top + 4, waktu)
        c.text(644, top + 4, output)
    cx = [(a + b) / 2 for a, b in LANES]
    cy = [(a + b) / 2 for a, b in ROWS]
    # 1: terminator as a ring of straight segments (CID), filled
    c.path([_rounded(cx[0], cy[0], 60, 20), _rounded(cx[0], cy[0], 60, 20, 0.4)[::-1]], "f")
    # 2: process as a ring (CID)
    c.path([_rect(cx[1], cy[1], 60, 20), _rect(cx[1], cy[1], 60, 20, 0.4)[::-1]], "f")
    # 3: decision over a white fill
    diamond = [(cx[2], cy[2] - 15), (cx[2] + 25, cy[2]), (cx[2], cy[2] + 15), (cx[2] - 25, cy[2])]
    c.path([diamond], "f*", gray=1.0)
    c.path([diamond], "S")
    # 4: process as office programs draw it (white re f*, then re S)
    c.path([_rect(cx[1], cy[3], 60, 20)], "f*", gray=1.0)
    c.path([_rect(cx[1], cy[3], 60, 20)], "S")
    # 5: terminator with a white fill and a ring outline
    c.path([_rounded(cx[0], cy[4], 60, 20)], "f", gray=1.0)
    c.path([_rounded(cx[0], cy[4], 60, 20), _rounded(cx[0], cy[4], 60, 20, 0.4)[::-1]], "f")
    # arrows: shaft and head in one filled path
    c.path([_outline([(cx[0], cy[0] + 10), (cx[0], 155), (cx[1], 155), (cx[1], cy[1] - 14)]),
            _head((cx[1], cy[1] - 10), "down")], "f")
    c.path([_outline([(cx[1], cy[1] + 10), (cx[1], 205), (cx[2], 205), (cx[2], cy[2] - 19)]),
            _head((cx[2], cy[2] - 15), "down")], "f")
    c.path([_outline([(cx[2], cy[2] + 15), (cx[2], 255), (cx[1], 255), (cx[1], cy[3] - 14)]),
            _head((cx[1], cy[3] - 10), "down")], "f")
    c.text(cx[2] + 3, cy[2] + 17, "Ya", 6)
    c.path([_outline([(cx[2] - 25, cy[2]), (cx[1] + 45, cy[2]), (cx[1] + 45, cy[1]), (cx[1] + 34, cy[1])]),
            _head((cx[1] + 30, cy[1]), "left")], "f")
    c.text(cx[2] - 45, cy[2] - 9, "Tidak", 6)
    # 4 -> 5: a separate stroked shaft and a separate head
    c.line([(cx[1], cy[3] + 10), (cx[1], 305), (cx[0], 305), (cx[0], cy[4] - 14)])
    c.path([_head((cx[0], cy[4] - 10), "down")], "f")
    return c


def office_pdf(signed: bool = True) -> bytes:
    """The two-page document, wrapped like a signed PDF unless ``signed`` is False."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    fonts = DictionaryObject({
        NameObject(f"/F{i}"): writer._add_object(DictionaryObject({
            NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject(name), NameObject("/Encoding"): NameObject("/WinAnsiEncoding")}))
        for i, name in ((1, "/Helvetica"), (2, "/Helvetica-Bold"))})
    for canvas in (identity_page(), flow_page()):
        page = writer.add_blank_page(W, H)
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
        stream = DecodedStreamObject()
        stream.set_data(canvas.content())
        page.replace_contents(stream)
    out = io.BytesIO()
    writer.write(out)
    if not signed:
        return out.getvalue()
    from roundtrip_pdf import sign

    return sign(out.getvalue())
