"""A PDF to a draft: the identity table, then each flowchart table with its symbols and arrows mapped
onto steps. Every value that was not read from a cell or a symbol the parser identified is flagged."""

from __future__ import annotations

import re
from pathlib import Path

from .parse import Draft
from .pdf_flow import Symbol, read_flow, resolve_connectors
from .pdf_identity import is_identity_page, read_identity
from .pdf_page import Page, read_pdf, vocabulary_of
from .pdf_table import TablePage, find_header, read_tables
from .read import ImportError_

STEP_KINDS = ("terminator", "proses", "keputusan")


def _pages(path: Path) -> list[Page]:
    try:
        return read_pdf(path)
    except ImportError_:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds of errors on a broken file
        raise ImportError_(f"PDF '{path}' rusak atau tidak dapat dibaca ({type(exc).__name__}). Coba buka dan "
                           "simpan ulang PDF-nya dengan penampil PDF, lalu impor lagi.") from exc


def pdf_draft(path: Path) -> Draft:
    pages = _pages(path)
    if sum(len(p.words) for p in pages) == 0:
        return scan_draft(path, pdf=True)
    # a flowchart page pasted in as a picture: read its text through OCR when it can be
    raster = {p.number for p in pages if p.images and p.text_words() < 5}
    if raster and len(raster) < len(pages):
        from .ocr import OcrUnavailable, ocr_pdf

        try:
            read = {p.number: p for p in ocr_pdf(path, only=raster)}
            pages = [read.get(p.number, p) if p.number in raster and read.get(p.number, p).words else p
                     for p in pages]
        except OcrUnavailable:
            pass
        except Exception:  # noqa: BLE001 - OCR is a help here; the rest of the PDF still imports
            pass
    return pages_draft(pages, Draft(source="PDF"))


def scan_draft(path: Path, pdf: bool) -> Draft:
    """A scan (a PDF without text, or an image) through OCR."""
    from .ocr import OcrUnavailable, ocr_image, ocr_pdf

    try:
        pages = ocr_pdf(path) if pdf else ocr_image(path)
    except OcrUnavailable as exc:
        raise ImportError_(f"'{path}' tidak berisi teks (hasil pindaian), dan OCR tidak dapat dijalankan: {exc}. "
                           "Pasang yang kurang, atau jalankan OCR sendiri (mis. 'ocrmypdf -l ind "
                           f"{path} hasil-ocr.pdf') lalu impor hasil-ocr.pdf.") from exc
    except ImportError_:
        raise
    except Exception as exc:  # noqa: BLE001 - a broken image or a Tesseract failure
        raise ImportError_(f"Pindaian '{path}' tidak dapat dibaca dengan OCR ({type(exc).__name__}).") from exc
    if sum(len(p.words) for p in pages) == 0:
        raise ImportError_(f"Tidak ada teks yang terbaca dari pindaian '{path}', juga dengan OCR. Pindai ulang dengan "
                           "resolusi yang lebih tinggi (300 dpi), lalu impor lagi.")
    return pages_draft(pages, Draft(source="pindaian"))


def pages_draft(pages: list[Page], draft: Draft) -> Draft:
    """The draft from pages read as drawings (from a PDF's content, or from OCR)."""
    vocabulary = vocabulary_of(pages)
    for page in pages:
        page.vocabulary = vocabulary
    identity = next((p for p in pages if is_identity_page(p)), None)
    if identity is not None:
        header = find_header(identity)
        read_identity(identity, draft, header[1] if header else None)
    else:
        draft.missing.append("tabel identitas")
        for key in ("nomor", "nama", "instansi", "unit"):
            draft.flag(key, "tabel identitas tidak ditemukan di PDF")
    tables = read_tables(pages)
    charts = [_chart(parts, draft, f"varian[{i}]." if len(tables) > 1 else "", i) for i, parts in enumerate(tables)]
    charts = [c for c in charts if c["langkah"]]
    if len(charts) == 1:
        draft.data["pelaksana"] = charts[0]["pelaksana"]
        draft.data["langkah"] = charts[0]["langkah"]
    elif charts:
        draft.data["varian"] = charts
    else:
        draft.missing.append("tabel bagan alir")
    raster = [p.number for p in pages if p.images and p.text_words() < 5 and p is not identity]
    if raster:
        draft.missing.append(f"halaman {', '.join(map(str, raster))} berupa gambar (bagan alirnya tidak terbaca)")
    ocr_pages = [p.number for p in pages if any(w.conf < 100 for w in p.words)]
    if ocr_pages and draft.source == "PDF":
        draft.inferred.append(f"halaman {', '.join(map(str, ocr_pages))} berupa gambar dan dibaca dengan OCR; "
                              "simbol dan panahnya tidak dibaca")
    return draft


def _chart(parts: list[TablePage], draft: Draft, prefix: str, index: int) -> dict:
    columns = parts[0].columns
    lanes = [name or f"Pelaksana {i + 1}" for i, name in enumerate(columns.lane_names)]
    for i, name in enumerate(columns.lane_names):
        if not name:
            draft.flag(f"{prefix}pelaksana", f"judul kolom pelaksana ke-{i + 1} kosong")
        elif i in columns.doubtful:
            draft.flag(f"{prefix}pelaksana", f"judul kolom '{name}' terpotong di sel yang sempit; periksa ejaannya")
    rows = [row for part in parts for row in part.rows]
    for above, row in zip(rows, rows[1:]):
        # a cell merged over two rows: its text is centred on the missing rule and may fall in the lower row
        for key in row.merged_above:
            if row.cells.get(key) and not above.cells.get(key):
                above.cells[key], row.cells[key] = row.cells[key], ""
    symbols, arrows = read_flow(parts)
    edges = resolve_connectors(symbols, arrows)
    by_row: dict[int, list[int]] = {}
    for i, s in enumerate(symbols):
        if s.kind != "connector":
            by_row.setdefault(s.row, []).append(i)
    degree = {i: sum(i in (e[0], e[1]) for e in edges) for i in range(len(symbols))}
    numbers: list[int] = []
    steps: list[dict] = []
    row_of_step: list[int] = []
    for r, row in enumerate(rows):
        path = f"{prefix}langkah[{len(steps)}]"
        kegiatan = row.cells.get("kegiatan", "")
        match = re.match(r"^\s*(\d{1,3})\s*[.)]?\s*$", row.cells.get("no", ""))
        number = int(match[1]) if match else None
        if number is None:
            lead = re.match(r"^(\d{1,3})[.)]?\s+(.*)$", kegiatan)
            if lead:
                number, kegiatan = int(lead[1]), lead[2]
        if not kegiatan and not by_row.get(r):
            continue
        if number is None:
            number = numbers[-1] + 1 if numbers else 1
            draft.flag(f"{path}.no", "nomor langkah tidak terbaca; disimpulkan dari urutan baris")
        numbers.append(number)
        step: dict = {"no": number, "kegiatan": kegiatan or "?"}
        if "kegiatan" in row.unclear:
            draft.flag(f"{path}.kegiatan", "OCR tidak yakin membaca sel ini; bandingkan dengan dokumennya")
        elif "kegiatan" in row.doubtful:
            draft.flag(f"{path}.kegiatan", "sel sempit memotong kata tanpa tanda hubung; periksa spasinya")
        if not kegiatan:
            draft.flag(f"{path}.kegiatan", "sel Kegiatan kosong")
        mine = sorted(by_row.get(r, []), key=lambda i: (-degree[i], symbols[i].lane))
        if mine:
            step["oleh"] = [lanes[symbols[i].lane] for i in mine]
            doubtful = [lanes[symbols[i].lane] for i in mine if symbols[i].lane in columns.doubtful]
            if doubtful:
                draft.flag(f"{path}.oleh", f"judul kolom '{doubtful[0]}' terpotong di sel yang sempit; periksa ejaannya")
            kind = symbols[mine[0]].kind
            if kind not in STEP_KINDS:
                draft.flag(f"{path}.simbol", "bentuk simbol tidak dikenali; dianggap proses")
                kind = "proses"
            step["simbol"] = kind
        else:
            previous = steps[-1]["oleh"] if steps else [lanes[0]]
            step["oleh"] = previous
            step["simbol"] = "proses"
            where = "pada pindaian simbol tidak dibaca" if draft.source == "pindaian" else "tidak ada simbol di " \
                "kolom pelaksana"
            draft.flag(f"{path}.oleh", f"{where}; pelaksana disamakan dengan langkah sebelumnya")
            draft.flag(f"{path}.simbol", f"{where}; simbol dianggap proses")
        for key in ("kelengkapan", "waktu", "output", "keterangan"):
            value = row.cells.get(key, "").strip()
            if key in row.merged_above and steps and not value:
                value = "gabung" if key == "waktu" else steps[-1].get(key, "")
                draft.flag(f"{path}.{key}", f"sel {key} digabung dengan baris di atasnya")
            if key in row.unclear:
                draft.flag(f"{path}.{key}", "OCR tidak yakin membaca sel ini; bandingkan dengan dokumennya")
            elif key == "waktu" and not value and draft.source == "pindaian":
                draft.flag(f"{path}.{key}", "sel Waktu tidak terbaca pada pindaian")
            if value and value not in {"-", "–"}:
                step[key] = value
                if key in row.doubtful:
                    draft.flag(f"{path}.{key}", "sel sempit memotong kata tanpa tanda hubung; periksa spasinya")
        step.setdefault("waktu", "-")
        steps.append(step)
        row_of_step.append(r)
    step_at_row = {r: i for i, r in enumerate(row_of_step)}
    _exits(steps, step_at_row, symbols, edges, by_row, draft, prefix)
    name = parts[0].title.split("·")[0].split(" — ", 1)[-1].strip() if " — " in parts[0].title else ""
    chart = {"nama": name or f"Bagan alir {index + 1}", "pelaksana": [{"nama": n} for n in lanes], "langkah": steps}
    if prefix and not name:
        draft.flag(f"{prefix}nama", "nama varian tidak tertulis di PDF")
    draft.drawing.append({"lajur": lanes, "simbol": [s.as_dict() for s in symbols],
                          "panah": [{"dari": a.source, "ke": a.target, "label": a.label} for a in arrows]})
    return chart


def _exits(steps: list[dict], step_at_row: dict[int, int], symbols: list[Symbol], edges, by_row, draft: Draft,
           prefix: str) -> None:
    out: dict[int, list[tuple[int | str, str]]] = {}
    for source, target, label, _via in edges:
        i = step_at_row.get(symbols[source].row)
        j = step_at_row.get(symbols[target].row)
        if i is None or j is None or i == j:
            continue
        out.setdefault(i, []).append((steps[j]["no"], label))
    for i, step in enumerate(steps):
        path = f"{prefix}langkah[{i}]"
        exits = out.get(i, [])
        last = i == len(steps) - 1
        if step["simbol"] == "keputusan":
            cabang: dict = {}
            for target, label in exits:
                if not label:
                    label = f"Cabang {len(cabang) + 1}"
                    draft.flag(f"{path}.cabang", "label cabang tidak terbaca di dekat panahnya")
                cabang[label] = target
            if len(cabang) < 2:
                cabang.setdefault("Ya" if "Ya" not in cabang else "Tidak", "selesai")
                if len(cabang) < 2:
                    cabang["Tidak"] = "selesai"
                draft.flag(f"{path}.cabang", "keputusan dengan kurang dari dua panah keluar; cabang yang tidak "
                           "tergambar diisi 'selesai'")
            step["cabang"] = cabang
        elif exits:
            targets = [t for t, _ in exits]
            if len(set(targets)) > 1:
                draft.flag(f"{path}.ke", "lebih dari satu panah keluar dari simbol bukan keputusan; diambil satu")
            target = targets[0]
            if not (i + 1 < len(steps) and steps[i + 1]["no"] == target):
                step["ke"] = target
        elif draft.source == "pindaian":
            for key in ("ke", "cabang"):
                draft.flag(f"{path}.{key}", "pada pindaian panah tidak dibaca; alur dianggap ke baris berikutnya")
        elif not last and step["simbol"] != "terminator" and by_row:
            step["ke"] = "selesai"
            draft.flag(f"{path}.ke", "tidak ada panah keluar dari simbol ini; dianggap selesai")
