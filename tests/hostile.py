"""An SOP whose every text field holds hostile strings (markup, scripts, template syntax, odd scripts)."""

from __future__ import annotations

import datetime as dt

LONG_WORD = "Sangat" + "panjang" * 43  # 307 characters, no space
HOSTILE = [
    "<script>alert('xss')</script>",
    "<img src=x onerror=alert(1)>",
    "[tautan](javascript:alert(2))",
    "{{ config.site_name }} {% raw %}",
    "\"kutip\" 'tunggal' \\garis\\miring\\ {kurawal}",
    "&amp; < > &lt;",
    "**tebal** _miring_ # bukan judul | pipa |",
    "</table></div><!-- -->",
    "مرحبا بالعالم",
    "Emoji 🙂📄✅",
    LONG_WORD,
]


def hostile(i: int) -> str:
    """A hostile text, different for each field (so every field is checked)."""
    return f"{HOSTILE[i % len(HOSTILE)]} #{i}"


def hostile_sop() -> dict:
    """A valid SOP (no errors) whose text fields are all hostile."""
    a, b = hostile(1) + " A", hostile(2) + " B"
    return {
        "nomor": hostile(3), "nama": "Uji " + hostile(0), "instansi": hostile(4), "unit": hostile(5),
        "subunit": hostile(6),
        "tanggal": {"pembuatan": dt.date(2024, 1, 2), "efektif": dt.date(2024, 1, 3)},
        "disahkan": {"jabatan": hostile(7), "nama": hostile(8), "nip": "19791025 199912 2 001"},
        "dasar_hukum": [
            {"jenis": "PP", "nomor": "30", "tahun": 2019, "tentang": hostile(9), "teks": hostile(10)},
            {"teks": hostile(0) + " tidak berpola"},
        ],
        "kualifikasi": [hostile(i) for i in range(11)],
        "keterkaitan": [hostile(2)],
        "peralatan": [hostile(3), LONG_WORD],
        "peringatan": hostile(4),
        "pencatatan": [hostile(5)],
        "pelaksana": [{"nama": a}, {"nama": b}],
        "langkah": [
            {"no": 1, "kegiatan": "Menerima " + hostile(0), "oleh": a, "simbol": "terminator",
             "kelengkapan": hostile(1), "waktu": "5 menit", "output": hostile(2), "keterangan": hostile(3)},
            {"no": 2, "kegiatan": "Memeriksa " + hostile(4), "oleh": b, "simbol": "keputusan",
             "cabang": {hostile(5): 3, hostile(6): 1}, "kelengkapan": hostile(7), "waktu": "1 jam",
             "output": hostile(8), "keterangan": hostile(9)},
            {"no": 3, "kegiatan": "Mengarsipkan " + LONG_WORD, "oleh": [a, b], "cara": "salah_satu",
             "simbol": "terminator", "kelengkapan": [hostile(10), hostile(0)], "waktu": "1-2 hari",
             "output": hostile(1), "keterangan": hostile(2)},
        ],
        "catatan": [hostile(i) for i in range(11)],
    }
