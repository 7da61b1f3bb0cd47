"""The identity table of a PDF page, cell by cell: the organisation block, the labelled fields (Nomor
SOP, dates, Disahkan oleh, Nama SOP) and the six boxes (Dasar Hukum … Pencatatan dan Pendataan)."""

from __future__ import annotations

import re

from ..engine.nip import check_nip, format_nip
from .parse import Draft, citations, parse_date, title_case
from .pdf_page import Page, Word, lines_of, text_of, unsure

LABELS = {
    "nomor": r"nomor\s+sop|no\.?\s+sop",
    "pembuatan": r"(?:tgl\.?|tanggal)\s*pembuatan",
    "revisi": r"(?:tgl\.?|tanggal)\s*revisi",
    "efektif": r"(?:tgl\.?|tanggal)\s*(?:efektif|pengesahan)",
    "disahkan": r"disahkan\s+oleh",
    "nama": r"(?:nama|judul)\s+sop",
}
BOXES = {
    "dasar_hukum": r"dasar\s+hukum", "kualifikasi": r"kualifikasi\s+pelaksana(?:an)?",
    "keterkaitan": r"keterkaitan", "peralatan": r"peralatan\s*/\s*perlengkapan",
    "peringatan": r"peringatan", "pencatatan": r"pencatatan\s+dan\s+pendataan",
}
UNIT_START = ("KECAMATAN", "KELURAHAN", "DESA", "DINAS", "BADAN", "KANTOR", "SEKRETARIAT", "INSPEKTORAT", "SATUAN",
              "RUMAH", "RSUD", "UPTD", "PUSKESMAS", "BAGIAN")
SUBUNIT_START = ("SUB BAGIAN", "SUBBAGIAN", "SUB BIDANG", "SUBBIDANG", "SEKSI", "BIDANG", "UPT ", "SUB ")
INSTANSI_WORDS = ("PEMERINTAH", "KABUPATEN", "KOTA", "PROVINSI")
MARKER = re.compile(r"^(?:\d{1,2}\s*[.,)]|\d{1,2}(?=\s+[A-Z])|[a-h][.)]|[•●\u2022\u25cf\uf0b7*-])(?=\s|$|[A-Za-z(\"'])")


def _cells(page: Page, words: list[Word]) -> dict[tuple, list[Word]]:
    cells: dict[tuple, list[Word]] = {}
    for word in words:
        cell = page.cell_at(word.cx, word.cy)
        if cell is not None:
            cells.setdefault(cell, []).append(word)
    return cells


def _strip_label(text: str, pattern: str) -> str:
    return re.sub(rf"^\s*(?:{pattern})\s*:?\s*", "", text, flags=re.I).strip(" :")


def is_identity_page(page: Page) -> bool:
    text = " ".join(w.text for w in page.words[:400]).lower()
    return sum(bool(re.search(p, text)) for p in (*LABELS.values(), *BOXES.values())) >= 4


def items(words: list[Word]) -> list[str]:
    """A box's list: a line that starts with a number or bullet starts an item, other lines go on."""
    out: list[str] = []
    marked = False
    for line in lines_of(words):
        text = " ".join(w.text for w in line).strip()
        match = MARKER.match(text)
        if match:
            marked = True
            out.append(text[match.end():].strip())
        elif out and (marked or not text[:1].isupper()):
            joined = out[-1]
            out[-1] = joined[:-1] + text if joined.endswith("-") and text[:1].islower() else f"{joined} {text}"
        else:
            out.append(text)
    if not marked and len(out) > 1 and not all(len(x) < 60 for x in out):
        out = [" ".join(out)]
    return [x.strip(" ;") for x in out if any(c.isalpha() for c in x)]


def _org(lines: list[str], draft: Draft) -> None:
    data = draft.data
    parts: dict[str, list[str]] = {}
    current = None
    for line in lines:
        upper = line.upper().strip()
        if upper in {"LOGO", ""}:
            continue
        if current is None and any(upper.startswith(w) for w in INSTANSI_WORDS):
            current = "instansi"
        elif any(upper.startswith(w) for w in SUBUNIT_START) and "unit" in parts:
            current = "subunit"
        elif any(upper.startswith(w + " ") for w in UNIT_START) and "unit" not in parts:
            current = "unit"
        elif current is None:
            continue
        parts.setdefault(current, []).append(line.strip())
    for key in ("instansi", "unit", "subunit"):
        if key in parts:
            value = " ".join(" ".join(parts[key]).split())
            data[key] = title_case(value) if value.isupper() else value
            draft.read.append(key)
    instansi = data.get("instansi")
    if instansi and not instansi.lower().startswith("pemerintah"):
        data["instansi"] = "Pemerintah " + instansi
        draft.flag("instansi", "kata 'Pemerintah' tidak tertulis di PDF; ditambahkan")
    for key in ("instansi", "unit"):
        if key not in data:
            draft.missing.append(key)
            draft.flag(key, f"{key} tidak terbaca dari kotak judul PDF; isi sendiri")


def _signer(words: list[Word], draft: Draft) -> dict:
    lines = [" ".join(w.text for w in line) for line in lines_of(words)]
    bold = [" ".join(w.text for w in line) for line in lines_of(words) if all(w.bold for w in line)]
    signer: dict = {}
    nip_at = next((i for i, ln in enumerate(lines) if re.search(r"\bNIP\b|\d{8}\s?\d{6}\s?\d\s?\d{3}", ln)), None)
    if nip_at is not None:
        digits = re.sub(r"[^0-9?]", "", lines[nip_at].split("NIP", 1)[-1])
        if len(digits) == 18:
            signer["nip"] = format_nip(digits)
            if check_nip(signer["nip"]).errors:
                draft.flag("disahkan.nip", "NIP yang terbaca tidak sah; periksa dokumen aslinya")
        elif digits:
            signer["nip"] = digits
            draft.flag("disahkan.nip", f"NIP terbaca {len(digits)} angka, bukan 18")
    before = lines[:nip_at] if nip_at is not None else lines
    name = bold[-1] if bold and bold[-1] in before else (before[-1] if len(before) >= 2 else None)
    if name:
        signer["nama"] = name
        if not (bold and bold[-1] == name):
            draft.flag("disahkan.nama", "nama pengesah diambil dari baris sebelum NIP; periksa")
        jabatan = " ".join(before[: before.index(name)])
        if jabatan:
            signer["jabatan"] = jabatan
    for key in ("jabatan", "nama"):
        if key not in signer:
            draft.missing.append(f"{key} pengesah")
            draft.flag(f"disahkan.{key}", f"{key} pengesah tidak terbaca dari PDF")
    return signer


def read_identity(page: Page, draft: Draft, bottom: float | None = None) -> None:
    """Fill the draft's identity fields from the identity table (above ``bottom`` when a flowchart follows)."""
    words = [w for w in page.words if bottom is None or w.cy < bottom]
    cells = _cells(page, words)
    texts = {cell: text_of(ws) for cell, ws in cells.items()}
    data = draft.data
    found: dict[str, tuple] = {}
    for key, pattern in {**LABELS, **BOXES}.items():
        for cell, text in sorted(texts.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            if re.match(rf"\s*(?:{pattern})\b", text, re.I) and key not in found:
                found[key] = cell
    values: dict[str, list[Word]] = {}
    for key in LABELS:
        cell = found.get(key)
        if cell is None:
            continue
        rest = _strip_label(texts[cell], LABELS[key])
        right = [c for c in cells if abs(c[0] - cell[2]) < 2.5 and c[1] < (cell[1] + cell[3]) / 2 < c[3]]
        if right:
            values[key] = cells[right[0]]
        elif rest:
            values[key] = [w for w in cells[cell] if not re.fullmatch(r"(?i)(nomor|no\.?|sop|tgl\.?|tanggal|pembuatan|"
                                                                          r"revisi|efektif|pengesahan|disahkan|oleh|"
                                                                          r"nama|judul|:)", w.text)]
    # organisation block: the tall cell left of the labels
    label_cells = [found[k] for k in LABELS if k in found]
    if label_cells:
        left_edge = min(c[0] for c in label_cells)
        org = [c for c in cells if c[2] <= left_edge + 2 and c[1] <= min(lc[1] for lc in label_cells) + 2]
        if org:
            block = max(org, key=lambda c: c[3] - c[1])
            _org([" ".join(w.text for w in line) for line in lines_of(cells[block])], draft)
            if unsure(cells[block]):
                for key in ("instansi", "unit", "subunit"):
                    if key in draft.data and key not in draft.flags:
                        draft.flag(key, "OCR tidak yakin membaca kotak judul; bandingkan dengan dokumennya")
        else:
            _org([], draft)
    if "nomor" in values:
        data["nomor"] = text_of(values["nomor"]).strip(" :")
        draft.read.append("nomor")
    else:
        draft.missing.append("nomor SOP")
        draft.flag("nomor", "'Nomor SOP' tidak terbaca dari PDF")
    if "nama" in values:
        data["nama"] = text_of(values["nama"]).strip(" :")
        data["nama"] = title_case(data["nama"]) if data["nama"].isupper() else data["nama"]
        draft.read.append("nama SOP")
    else:
        draft.missing.append("nama SOP")
        draft.flag("nama", "'Nama SOP' tidak terbaca dari PDF")
    data["tanggal"] = {}
    for key in ("pembuatan", "revisi", "efektif"):
        text = text_of(values.get(key, [])).strip(" :")
        value = parse_date(text)
        data["tanggal"][key] = value
        if value is not None:
            draft.read.append(f"tanggal {key}")
        elif text and text not in {"-", "–"}:
            draft.flag(f"tanggal.{key}", f"tanggal '{text}' tidak dapat dibaca")
        elif key == "pembuatan":
            draft.missing.append("tanggal pembuatan")
            draft.flag("tanggal.pembuatan", "tanggal pembuatan tidak terbaca")
    data["disahkan"] = _signer(values.get("disahkan", []), draft)
    _boxes(page, cells, found, draft)
    reason = "OCR tidak yakin membaca isian ini; bandingkan dengan dokumennya"
    for key, path in (("nomor", "nomor"), ("nama", "nama"), ("pembuatan", "tanggal.pembuatan"),
                      ("revisi", "tanggal.revisi"), ("efektif", "tanggal.efektif"), ("disahkan", "disahkan.jabatan"),
                      ("disahkan", "disahkan.nama"), ("disahkan", "disahkan.nip")):
        if unsure(values.get(key, [])) and path not in draft.flags:
            draft.flag(path, reason)


def _boxes(page: Page, cells: dict[tuple, list[Word]], found: dict[str, tuple], draft: Draft) -> None:
    data = draft.data
    for key, pattern in BOXES.items():
        cell = found.get(key)
        content: list[str] = []
        if cell is not None:
            below = [c for c in cells if abs(c[1] - cell[3]) < 2.5 and c[0] - 2 < (cell[0] + cell[2]) / 2 < c[2] + 2]
            if below:
                words = cells[below[0]]
            else:  # label and content in one cell: the content is below the label's line
                words = [w for line in lines_of(cells[cell])[1:] for w in line]
            content = items(words)
            if unsure(words):
                draft.flag(key, "OCR tidak yakin membaca kotak ini; bandingkan daftar dengan dokumennya")
        else:
            draft.missing.append(key)
        if key == "dasar_hukum":
            data[key] = citations([c for c in content if c not in {"-"}], draft)
            if any(len(re.findall(r"\bTahun\s+\d{4}", c, re.I)) > 1 for c in content):
                draft.flag(key, "satu butir memuat lebih dari satu peraturan; nomor butirnya mungkin tidak terbaca")
        elif key == "peringatan":
            data[key] = " ".join(content) or None
        else:
            data[key] = [c for c in content if c not in {"-"}]
        if cell is not None and not content:
            draft.missing.append(key)
