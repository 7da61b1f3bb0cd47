"""From the text of an old SOP to draft data: identity fields, the six boxes, the flowchart table, and
what can be inferred where the drawing was lost (performers, decisions). Every guess is flagged."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass

from ..engine.citations import parse_citation
from ..engine.nip import check_nip, format_nip
from .result import Draft

MONTHS = {
    "jan": 1, "januari": 1, "january": 1, "feb": 2, "februari": 2, "february": 2, "pebruari": 2, "mar": 3,
    "maret": 3, "march": 3, "apr": 4, "april": 4, "mei": 5, "may": 5, "jun": 6, "juni": 6, "june": 6, "jul": 7,
    "juli": 7, "july": 7, "agu": 8, "ags": 8, "agt": 8, "agustus": 8, "aug": 8, "august": 8, "sep": 9,
    "september": 9, "okt": 10, "oktober": 10, "oct": 10, "october": 10, "nov": 11, "nopember": 11, "november": 11,
    "des": 12, "desember": 12, "dec": 12, "december": 12,
}
ROLE_ALIASES: dict[str, tuple[str, ...]] = {
    "head": ("camat", "kepala skpd", "kepala opd", "kepala kecamatan", "kepala dinas", "kepala badan", "lurah",
             "kepala desa", "kades", "kepala kantor"),
    "sekretaris": ("sekretaris camat", "sekretaris dinas", "sekretaris", "sekrcam", "sekcam", "sekdis"),
    "kasi": ("kepala seksi", "kepala bidang", "kepala bagian", "kasi", "kabid", "kabag"),
    "kasubag": ("kepala sub bagian", "kepala subbagian", "kasubbag", "kasubag", "kasub"),
    "staff": ("pelaksana", "staf", "staff", "operator", "petugas", "pengadministrasi"),
}
BOXES = [
    ("dasar_hukum", r"DASAR\s+HUKUM"), ("kualifikasi", r"KUALIFIKASI\s+PELAKSANA"),
    ("keterkaitan", r"KETERKAITAN"), ("peralatan", r"PERALATAN\s*/\s*PERLENGKAPAN"),
    ("peringatan", r"PERINGATAN"), ("pencatatan", r"PENCATATAN\s+DAN\s+PENDATAAN"),
]
DIAMOND, CIRCLE_MARKS, ARROW_MARKS = "\u27e8\u27e9", ("○", "Č", "◯", "O"), (">", "<", "→", "←")
UNIT_WORDS = ("KECAMATAN", "KELURAHAN", "DESA", "DINAS", "BADAN", "KANTOR", "SEKRETARIAT", "INSPEKTORAT")
STOP_WORDS = {"KABUPATEN", "KOTA", "PROVINSI", "PEMERINTAH", "SUB", "NOMOR", "NAMA", "SOP", "TGL", "TANGGAL",
              "DISAHKAN", "SATUAN", "KERJA", "OLEH", "TAH", "KAARAT", *UNIT_WORDS}


def norm(text: str) -> str:
    return " ".join(text.lower().replace(".", " ").split())


def title_case(text: str) -> str:
    small = {"dan", "atau", "di", "ke", "dari"}
    words = text.lower().split()
    return " ".join(w if (i and w in small) else w[:1].upper() + w[1:] for i, w in enumerate(words))


def parse_date(text: str | None) -> dt.date | None:
    """``3-Apr-23``, ``05 Januari 2021``, ``2024-01-02``, ``02/01/2024`` -> date; None when unreadable."""
    if not text:
        return None
    text = text.strip()
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if match:
        return _date(int(match[1]), int(match[2]), int(match[3]))
    match = re.fullmatch(r"(\d{1,2})[-/ .]+([A-Za-z]+)[-/ .]+(\d{2,4})", text)
    if match and match[2].lower() in MONTHS:
        year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
        return _date(year, MONTHS[match[2].lower()], int(match[1]))
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    if match:
        return _date(int(match[3]), int(match[2]), int(match[1]))
    return None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


DATE = r"(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[-/ .]+[A-Za-z]+[-/ .]+\d{2,4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4})"


def role_of(name: str) -> str | None:
    """The role family of a column header or a name in the text."""
    key = norm(name)
    for role, aliases in ROLE_ALIASES.items():
        if any(key == a or key.startswith(a + " ") for a in aliases):
            return role
    return None


def _split_items(content: str) -> list[tuple[int | None, str]]:
    """Numbered items (``1.``, ``1,``, ``1)``, ``a.``) with their numbers; a text without numbers is one item."""
    marker = re.compile(r"(?:^|(?<=\s))(\d{1,2}|[a-h])\s*[.,)]\s*(?=[A-Za-z\"'(])")
    found = list(marker.finditer(content))
    if not found:
        text = content.strip(" :;-\t")
        return [(None, text)] if text else []
    items = []
    for i, match in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(content)
        number = int(match[1]) if match[1].isdigit() else ord(match[1]) - 96
        items.append((number, content[match.end():end].strip(" ;\t")))
    return [(n, t) for n, t in items if t]


def _deinterleave(items: list[tuple[int | None, str]]) -> tuple[list[str], list[str]] | None:
    """Two numbered lists flattened into one (``1 a 1 b 2 c 2 d``): split them, else None."""
    numbers = [n for n, _ in items]
    if len(items) < 2 or None in numbers or len(set(numbers)) == len(numbers):
        return None  # distinct numbers (1 3 2 4): one list laid out in two columns, not two lists
    first = [t for i, (_, t) in enumerate(items) if i % 2 == 0]
    second = [t for i, (_, t) in enumerate(items) if i % 2 == 1]
    # a second-column item that goes on after its sentence ends holds the rest of the first column's item
    for j, text in enumerate(second):
        match = re.match(r"(.+?[.;])\s+(\S.*)$", text)
        if match and j < len(first):
            first[j] = first[j].rstrip() + " " + match[2]
            second[j] = match[1]
    return first, second


def _is_citation(text: str) -> bool:
    return bool(re.search(r"\b(nomor|no\.)\s*[\w/.-]+\s+tahun\s+\d{4}", text, re.I)) or parse_citation(text) is not None


def _boxes(flat: str, draft: Draft) -> dict[str, list[str]]:
    found = []
    for name, pattern in BOXES:
        match = re.search(pattern + r"\s*:?", flat, re.I)
        if match:
            found.append((match.start(), match.end(), name))
    found.sort()
    raw: dict[str, str] = {}
    for i, (_, end, name) in enumerate(found):
        stop = found[i + 1][0] if i + 1 < len(found) else len(flat)
        raw[name] = flat[end:stop].strip()
    boxes: dict[str, list[str]] = {name: [] for name, _ in BOXES}
    names = [n for _, _, n in found]
    for i, name in enumerate(names):
        if name not in raw:
            continue
        items = _split_items(raw[name])
        partner = names[i + 1] if i + 1 < len(names) else None
        if not raw[name] and partner is not None:
            continue  # an empty box right before another: the flattening put both lists in the next one
        previous = names[i - 1] if i else None
        if previous is not None and not raw.get(previous) and items:
            split = _deinterleave(items)
            if split is not None:
                boxes[previous] += split[0]
                boxes[name] += split[1]
                draft.inferred.append(f"isi kotak {previous} dan {name} dipisahkan dari dua daftar yang tercampur")
                draft.flag(previous, "dua daftar bernomor tercampur pada pindaian; pemisahannya disimpulkan")
                draft.flag(name, "dua daftar bernomor tercampur pada pindaian; pemisahannya disimpulkan")
                continue
            if name in ("peringatan", "pencatatan") or previous in ("peringatan", "pencatatan"):
                text = raw[name]
                warning = re.search(r"\bJika\b.*", text, re.I)
                if warning:
                    boxes["peringatan"] = [warning.group(0).strip()]
                    rest = text[: warning.start()].strip(" :")
                    boxes["pencatatan"] = [rest] if rest else []
                    draft.flag("peringatan", "kotak Peringatan dan Pencatatan tercampur pada pindaian; teksnya bisa "
                               "memuat isi kotak lain")
                    draft.flag("pencatatan", "kotak Pencatatan tercampur dengan Peringatan pada pindaian; isinya tidak "
                               "dapat dipisahkan dengan pasti")
                    continue
        boxes[name] += [t for _, t in sorted(items, key=lambda x: (x[0] is None, x[0] or 0))] if name in (
            "peralatan", "kualifikasi", "keterkaitan", "pencatatan") else [t for _, t in items]
    # items sorted into the right box by their kind
    moved = [t for t in boxes["kualifikasi"] if _is_citation(t) and not t.lower().startswith("memahami")]
    for text in moved:
        boxes["kualifikasi"].remove(text)
        boxes["dasar_hukum"].append(text)
    for text in [t for t in boxes["peralatan"] if re.match(r"SOP\b", t)]:
        boxes["peralatan"].remove(text)
        boxes["keterkaitan"].append(text)
    for text in [t for t in boxes["keterkaitan"] if not re.match(r"SOP\b", t, re.I) and len(boxes["keterkaitan"]) > 0
                 and any(re.match(r"SOP\b", x) for x in boxes["keterkaitan"])]:
        boxes["keterkaitan"].remove(text)
        boxes["peralatan"].append(text)
    # a citation cut in two by the flattening: its tail ended up in another box's item
    for i, text in enumerate(list(boxes["kualifikasi"])):
        tail = re.search(r"[.;]\s+((?:Peraturan|Undang|Keputusan|Instruksi)\b.*)$", text)
        if tail and boxes["dasar_hukum"]:
            boxes["kualifikasi"][i] = text[: tail.start() + 1].strip()
            boxes["dasar_hukum"][-1] = boxes["dasar_hukum"][-1].rstrip(" .;") + " " + tail.group(1)
            draft.flag(f"dasar_hukum[{len(boxes['dasar_hukum']) - 1}]", "kutipan ini terpotong oleh kotak lain pada "
                       "pindaian dan disambung kembali")
            draft.inferred.append("satu kutipan dasar hukum disambung kembali")
    if len(boxes["peringatan"]) > 1:
        boxes["peringatan"] = [" ".join(boxes["peringatan"])]
    return boxes


def _upper_run(text: str, start: int) -> str:
    words = []
    for word in text[start:].split():
        clean = word.strip("*,.:;\"'")
        if not clean or not clean.isupper() or not clean.replace("-", "").isalpha() or clean in STOP_WORDS:
            break
        words.append(clean)
    return " ".join(words)


def parse_identity(head: str, title_line: str | None, draft: Draft) -> None:
    flat = " ".join(head.replace("\t", " ").split())
    upper = flat.upper()
    data = draft.data
    after_place = {m[1] for m in re.finditer(r"\b(?:KABUPATEN|KOTA|KECAMATAN|PROVINSI)\s+([A-Z]+)", flat)}
    name_words: list[str] = []
    for match in re.finditer(r"((?:[A-Z][A-Z']+\s+){1,5}[A-Z][A-Z']+),\s*((?:[A-Z][A-Za-z]*\.?\s*)+(?:,\s*(?:[A-Z]"
                             r"[A-Za-z]*\.?\s*)+)*)", flat):
        words = match[1].split()
        while words and (words[0] in after_place or words[0] in STOP_WORDS):
            words.pop(0)
        if len(words) >= 2:
            name_words = words
            titles = re.split(r"\s+(?:NIP|:)", match[2])[0].strip()
            signer_name = f"{' '.join(words)}, {titles}".strip(" ,")
            break
    else:
        signer_name = None

    def run(start: int) -> str:
        words = _upper_run(flat, start).split()
        return " ".join(w for w in words if w not in name_words)

    match = re.search(r"PEMERINTAH\s+(KABUPATEN|KOTA|PROVINSI)\s+", upper)
    if match:
        data["instansi"] = title_case(f"Pemerintah {match[1]} {run(match.end())}")
        draft.read.append("instansi")
    else:
        match = re.search(r"\b(KABUPATEN|KOTA)\s+", flat)
        if match and run(match.end()):
            data["instansi"] = title_case(f"Pemerintah {match[1]} {run(match.end())}")
            draft.flag("instansi", "kata 'Pemerintah' tidak tertulis; disimpulkan dari nama kabupaten/kota")
            draft.inferred.append("instansi")
    for word in UNIT_WORDS:
        match = re.search(rf"\b{word}\s+", flat)
        if match and run(match.end()):
            data["unit"] = title_case(f"{word} {run(match.end())}")
            draft.read.append("unit")
            break
    match = re.search(r"SUB\.?\s*BAG(?:IAN)?\.?\s+", flat)
    if match and run(match.end()):
        data["subunit"] = title_case(f"Sub Bagian {run(match.end())}")
        draft.read.append("subunit")
    match = re.search(r"Nomor\s+SOP\s*:\s*(.+?)\s+(?=Tgl|Tanggal|$)", flat, re.I)
    if match:
        data["nomor"] = match[1].strip()
        draft.read.append("nomor")
    else:
        match = re.search(r"(SOP\s*-\s*\d+\s*/\s*[A-Za-z][A-Za-z ]+?)\s+Nomor\s+SOP", flat)
        if match:
            data["nomor"] = match[1].strip()
            draft.flag("nomor", "label dan isi 'Nomor SOP' tergabung pada pindaian; batas nomornya tidak pasti")
            draft.inferred.append("nomor")
    dates = {
        "pembuatan": r"(?:Tgl\.?|Tanggal)\s*Pembuatan\s*:?\s*",
        "revisi": r"(?:Tgl\.?|Tanggal)\s*Revisi\s*:?\s*",
        "efektif": r"(?:Tgl\.?|Tanggal)\s*(?:Pengesahan\s*/\s*)?Efektif\s*:?\s*",
    }
    data["tanggal"] = {}
    for key, label in dates.items():
        match = re.search(label + DATE, flat, re.I)
        value = parse_date(match[1]) if match else None
        data["tanggal"][key] = value
        if value is not None:
            draft.read.append(f"tanggal {key}")
        elif key == "pembuatan":
            draft.missing.append("tanggal pembuatan")
            draft.flag("tanggal.pembuatan", "tanggal pembuatan tidak terbaca")
    signer: dict = {}
    match = re.search(r"Disahkan\s+oleh\s*:\s*([A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,4})", flat)
    if match:
        signer["jabatan"] = match[1].strip()
        draft.read.append("jabatan pengesah")
    elif data.get("unit", "").startswith("Kecamatan"):
        signer["jabatan"] = "Camat " + data["unit"].removeprefix("Kecamatan ").strip()
        draft.flag("disahkan.jabatan", "jabatan pengesah tidak terbaca; disimpulkan dari unitnya")
        draft.inferred.append("jabatan pengesah")
    if signer_name:
        signer["nama"] = signer_name
        draft.read.append("nama pengesah")
    else:
        draft.missing.append("nama pengesah")
    match = re.search(r"(\d{8})\s?(\d{6})\s?(\d)\s?(\d{3})", flat)
    if match:
        signer["nip"] = format_nip("".join(match.groups()))
        draft.read.append("NIP")
    else:
        match = re.search(r"(?<!\d)(\d{6})\s(\d)\s(\d{3})(?!\d)", flat)
        if match:
            signer["nip"] = format_nip("????????" + "".join(match.groups()))
            draft.flag("disahkan.nip", "hanya 10 angka terakhir NIP terbaca; angka yang hilang ditulis '?'")
            draft.missing.append("8 angka pertama NIP")
    if signer.get("nip") and check_nip(signer["nip"]).errors:
        draft.flag("disahkan.nip", "NIP yang terbaca tidak sah; periksa dokumen aslinya")
    data["disahkan"] = signer
    match = re.search(r"Nama\s+SOP\s*:\s*([^\t\n:]+?)\s*(?:$|\n|\t)", head)
    if match and match[1].strip():
        data["nama"] = match[1].strip()
        draft.read.append("nama SOP")
    elif title_line:
        name = title_line.strip()
        fragment = re.search(r":\s*([^:]*\([A-Z]{2,}\))\s*Nama\s+SOP", flat)
        if fragment:
            words = fragment[1].split()
            last = name.split()[-1].lower()
            for i, word in enumerate(words):
                if difflib.SequenceMatcher(None, word.lower(), last).ratio() >= 0.6:
                    name = name + " " + " ".join(words[i + 1:])
                    break
        data["nama"] = name.strip()
        draft.flag("nama", "nama SOP tidak terbaca utuh; disusun dari judul tabel dan potongan teks")
        draft.inferred.append("nama SOP")
    else:
        draft.missing.append("nama SOP")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("\t")]


@dataclass
class Row:
    number: int | None
    kegiatan: str
    marks: list[str]
    kelengkapan: str
    waktu: str
    output: str
    keterangan: str


def parse_table(lines: list[str]) -> tuple[list[str], list[Row], int | None]:
    """Pelaksana column headers and the step rows; the index of the header line (None: no table)."""
    inputs = r"kelengkapan|persyaratan(?:\s*/\s*perlengkapan)?|input|masukan"
    header_at = next((i for i, ln in enumerate(lines) if "\t" in ln and re.search(rf"\b(?:{inputs})\b", ln, re.I)
                      and re.search(r"\bwaktu\b", ln, re.I)), None)
    if header_at is None:
        return [], [], None
    cells = _cells(lines[header_at])
    k = next((i for i, c in enumerate(cells) if re.fullmatch(inputs, c, re.I)), None)
    if k is None:
        return [], [], None
    kegiatan_col = next((i for i, c in enumerate(cells) if re.search(r"kegiatan", c, re.I)), None)
    if kegiatan_col is None and header_at:
        kegiatan_col = next((i for i, c in enumerate(_cells(lines[header_at - 1])) if re.search(r"kegiatan", c, re.I)),
                            1)
    kegiatan_col = 1 if kegiatan_col is None else kegiatan_col
    performers = [c for c in cells[kegiatan_col + 1:k] if c]
    first_perf = kegiatan_col + 1
    rows = []
    for line in lines[header_at + 1:]:
        if "\t" not in line:
            continue
        row = _cells(line)
        if len(row) <= k + 1:
            continue
        lead = row[0] if row[0] else ""
        kegiatan = row[kegiatan_col] if kegiatan_col < len(row) else ""
        lead = lead.rstrip(".")
        if re.fullmatch(r"\(\d+\)", lead) or re.fullmatch(r"\(\d+\)", kegiatan):
            continue  # a column-number row: (1) (2) (3) ...
        number = int(lead) if lead.isdigit() else None
        if number is None:
            match = re.match(r"(\d{1,3})\s+(.*)", kegiatan)
            if match:
                number, kegiatan = int(match[1]), match[2]
        if not kegiatan:
            continue
        rows.append(Row(number, kegiatan.strip(), row[first_perf:k] + [""] * (k - first_perf - len(row[first_perf:k])),
                        row[k] if k < len(row) else "", row[k + 1] if k + 1 < len(row) else "",
                        row[k + 2] if k + 2 < len(row) else "", row[k + 3] if k + 3 < len(row) else ""))
    return performers, rows, header_at


def _mentions(text: str) -> list[tuple[int, str]]:
    """(position, role) of every role alias mentioned in the text."""
    low = norm(text)
    found = []
    for role, aliases in ROLE_ALIASES.items():
        for alias in aliases:
            for match in re.finditer(rf"\b{re.escape(alias)}\b", low):
                found.append((match.start(), role))
    return sorted(found)


def _column_for(role: str | None, performers: list[str]) -> int | None:
    if role is None:
        return None
    cols = [i for i, p in enumerate(performers) if role_of(p) == role]
    return cols[0] if cols else None


def _receiver(text: str) -> str | None:
    """Who the case is handed to (``diserahkan kepada X``, ``melalui X``), not who it is sent back to."""
    low = norm(text)
    for match in re.finditer(r"(?:kepada|ke|melalui)\s+(.+?)(?:\s+untuk|\s+jika|$)", low):
        before = low[max(0, match.start() - 20): match.start()]
        if "kembali" in before and "dikembalikan" in before:
            continue
        mentions = _mentions(match[1])
        via = re.search(r"melalui\s+(.+)$", match[1])
        if via and _mentions(via[1]):
            return _mentions(via[1])[0][1]
        if mentions:
            return mentions[0][1]
    return None


def _exit_label(text: str) -> str:
    """The answer named by a "Jika ..." clause: its words up to the verb (``Jika butuh perbaikan akan
    dikembalikan`` -> ``Butuh perbaikan``; ``Apabila lengkap diteruskan`` -> ``Lengkap``)."""
    words = []
    for i, word in enumerate(text.split()):
        bare = word.strip(",.;:").lower()
        if i and (re.fullmatch(r"di\w{3,}|akan|maka|lalu|kemudian|segera|harus|agar|untuk", bare)):
            break
        words.append(word.strip(",.;:"))
        if word.endswith((",", ".", ";", ":")):
            break
    label = " ".join(words)
    return label[:1].upper() + label[1:]


def infer_steps(performers: list[str], rows: list[Row], draft: Draft) -> list[dict]:
    steps: list[dict] = []
    previous_col: int | None = None
    previous_text = ""
    numbers: list[int] = []
    for i, row in enumerate(rows):
        number = row.number if row.number is not None else (numbers[-1] + 1 if numbers else 1)
        if row.number is None:
            draft.flag(f"langkah[{i}].no", "nomor langkah tidak terbaca; disimpulkan dari urutan baris")
        numbers.append(number)
        step: dict = {"no": number, "kegiatan": row.kegiatan}
        col, reason = None, ""
        mentions = _mentions(row.kegiatan)
        if mentions and mentions[0][0] == 0:
            col = _column_for(mentions[0][1], performers)
            reason = "subjek kegiatan"
        if col is None:
            shaped = [c for c, m in enumerate(row.marks) if DIAMOND in m or any(s in m.split() or s == m.strip()
                                                                               for s in CIRCLE_MARKS)]
            arrows = [c for c, m in enumerate(row.marks) if m.strip() in ARROW_MARKS]
            if shaped:
                col, reason = shaped[-1], "tanda simbol di kolom pelaksana pada pindaian"
            elif arrows:
                col, reason = arrows[-1], "tanda panah di kolom pelaksana pada pindaian"
        if col is None and previous_text:
            col = _column_for(_receiver(previous_text), performers)
            reason = "penerima pada langkah sebelumnya" if col is not None else ""
        if col is None and previous_col is not None and any(m.strip() for m in row.marks) is False:
            col, reason = previous_col, "sama dengan langkah sebelumnya (tidak ada tanda lain)"
        if col is None:
            col = previous_col if previous_col is not None else 0
            reason = reason or "tidak ada petunjuk; ditebak"
        step["oleh"] = performers[col] if performers else "?"
        if reason != "subjek kegiatan":
            draft.flag(f"langkah[{i}].oleh", f"pelaksana disimpulkan dari {reason}")
            draft.inferred.append(f"pelaksana langkah {number} ({step['oleh']}): {reason}")
        if row.kelengkapan and row.kelengkapan != "-":
            step["kelengkapan"] = row.kelengkapan
        step["waktu"] = row.waktu or "-"
        if row.output and row.output != "-":
            step["output"] = row.output
        if row.keterangan:
            step["keterangan"] = row.keterangan
        steps.append(step)
        previous_col, previous_text = col, row.kegiatan
    _infer_decisions(steps, rows, performers, draft)
    if steps:
        steps[0].setdefault("simbol", "terminator")
        steps[-1].setdefault("simbol", "terminator")
        draft.inferred.append("simbol terminator untuk langkah pertama dan terakhir")
    return steps


def _infer_decisions(steps: list[dict], rows: list[Row], performers: list[str], draft: Draft) -> None:
    for i, (step, row) in enumerate(zip(steps, rows)):
        clauses = re.split(r"\bjika\b|\bapabila\b|\bbila\b", row.kegiatan, flags=re.I)
        if len(clauses) >= 3:
            exits: dict[str, int | str] = {}
            for clause in clauses[1:]:
                label = _exit_label(clause)
                target: int | str | None = steps[i + 1]["no"] if i + 1 < len(steps) else "selesai"
                back = re.search(r"dikembalikan\s+(?:kepada|ke)\s+(.+)", clause, re.I)
                if back:
                    role = _mentions(back[1])[0][1] if _mentions(back[1]) else None
                    col = _column_for(role, performers)
                    earlier = [s for s in steps[:i] if col is not None and s["oleh"] == performers[col]]
                    target = earlier[-1]["no"] if earlier else (steps[i - 1]["no"] if i else target)
                exits[label] = target
            if len(exits) >= 2:
                step["simbol"], step["cabang"] = "keputusan", exits
                draft.flag(f"langkah[{i}].cabang", "keputusan dan tujuan cabangnya disimpulkan dari kata 'Jika'")
                draft.inferred.append(f"keputusan pada langkah {step['no']}: "
                                      + ", ".join(f"{k} → {v}" for k, v in exits.items()))
                continue
        if any(DIAMOND in m for m in row.marks):
            yes = steps[i + 1]["no"] if i + 1 < len(steps) else "selesai"
            no_row = next((j for j in range(i - 1, -1, -1) if any(m.strip() in ("Tidak", "No") for m in rows[j].marks)),
                          max(i - 1, 0))
            step["simbol"], step["cabang"] = "keputusan", {"Ya": yes, "Tidak": steps[no_row]["no"]}
            draft.flag(f"langkah[{i}].cabang", "belah ketupat dan label Ya/Tidak tersisa pada pindaian; arah cabang "
                       "disimpulkan")
            draft.inferred.append(f"keputusan pada langkah {step['no']}: Ya → {yes}, Tidak → {steps[no_row]['no']}")


def citations(items: list[str], draft: Draft) -> list[dict]:
    out = []
    for i, text in enumerate(items):
        clean = " ".join(text.split()).strip(" ;")
        parsed = parse_citation(clean)
        if parsed is None:
            out.append({"teks": clean})
            draft.flag(f"dasar_hukum[{i}]", "kutipan tidak sesuai pola '<Jenis> Nomor <n> Tahun <tttt> tentang ...'")
            continue
        item = {"jenis": parsed.kind, "nomor": parsed.number, "tahun": parsed.year}
        if parsed.about:
            item["tentang"] = parsed.about.rstrip(" .;")
        item["teks"] = clean.rstrip(" .;")
        out.append(item)
    return out


def parse_document(text: str) -> Draft:
    """The whole draft from a document's text."""
    draft = Draft()
    lines = text.splitlines()
    performers, rows, header_at = parse_table(lines)
    head_end = header_at if header_at is not None else len(lines)
    # the table's first header row and a title line just above it are not part of the identity block
    head_lines = lines[:head_end]
    while head_lines and ("\t" in head_lines[-1] and re.search(r"pelaksana|mutu baku", head_lines[-1], re.I)
                          or not head_lines[-1].strip()):
        head_lines.pop()
    title_line = head_lines[-1] if head_lines and len(head_lines[-1].split()) <= 8 and ":" not in head_lines[-1] \
        else None
    if title_line is not None:
        head_lines = head_lines[:-1]
    head = "\n".join(head_lines)
    parse_identity(head, title_line, draft)
    boxes = _boxes(" ".join(head.replace("\t", "  ").split()), draft)
    draft.data["dasar_hukum"] = citations(boxes["dasar_hukum"], draft)
    for key in ("kualifikasi", "keterkaitan", "peralatan", "pencatatan"):
        draft.data[key] = [" ".join(t.split()).strip(" ;") for t in boxes[key]]
        if not draft.data[key]:
            draft.missing.append(key)
    draft.data["peringatan"] = boxes["peringatan"][0] if boxes["peringatan"] else None
    if not performers:
        draft.missing.append("tabel bagan alir (kolom pelaksana)")
    draft.data["pelaksana"] = [{"nama": p} for p in performers]
    draft.data["langkah"] = infer_steps(performers, rows, draft)
    if not rows:
        draft.missing.append("langkah-langkah")
    return draft
