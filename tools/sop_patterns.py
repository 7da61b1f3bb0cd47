"""The flowchart patterns of real documents (flowchart-patterns.md) for generated SOPs.

:func:`apply_patterns` rewrites a generated SOP (plain data) with the new forms while it stays valid:
a decision's own text, rows written as a list of symbols, exits written as ``arah`` lists with lane
targets, a merged Waktu cell, column titles and a footnote. :func:`patterns_stress_sop` builds one large
SOP with every pattern at once (100 rows, 12 lanes, 40 decisions, nested loops, several starts,
alternatives in one row, a decision beside a process, parallel branches).
"""

from __future__ import annotations

import datetime as dt
import random

QUESTIONS = ("Lengkap?", "Sesuai?", "Disetujui?", "Benar?", "Perlu perbaikan?")


def _single(oleh: object) -> str | None:
    return oleh if isinstance(oleh, str) else None


def apply_patterns(rng: random.Random, sop: dict) -> dict:
    """The SOP with some of its rows and exits in the new forms (same flow, same meaning, still valid)."""
    steps: list[dict] = sop["langkah"]
    lane_of = {s["no"]: _single(s.get("oleh")) for s in steps}
    for i, step in enumerate(steps):
        if "cabang" in step:
            step["teks"] = rng.choice(QUESTIONS)
            if rng.random() < 0.5:  # exits as a list, those to a row of one performer naming its lane
                arah = []
                for label, target in step.pop("cabang").items():
                    lane = lane_of.get(target) if isinstance(target, int) else None
                    arah.append({"label": label, "ke": {"langkah": target, "oleh": lane} if lane else target})
                step["arah"] = arah
        elif i > 0 and step.get("simbol", "proses") == "proses" and _single(step.get("oleh")) and rng.random() < 0.3:
            symbol = {"oleh": step.pop("oleh")}
            step.pop("cara", None)
            step.pop("simbol", None)
            if "ke" in step:
                symbol["ke"] = step.pop("ke")
            step["simbol"] = [symbol]
    plain = [i for i in range(1, len(steps) - 1)
             if "cabang" not in steps[i] and "arah" not in steps[i] and "cabang" not in steps[i + 1]
             and steps[i].get("waktu") not in (None, "-", "gabung") and steps[i + 1].get("waktu") != "gabung"
             and steps[i + 1]["no"] == steps[i]["no"] + 1]
    if plain and rng.random() < 0.5:
        i = rng.choice(plain)
        sop["gabung"] = [{"kolom": "waktu", "langkah": [steps[i]["no"], steps[i + 1]["no"]],
                          "isi": steps[i].pop("waktu")}]
        steps[i + 1].pop("waktu", None)
    if rng.random() < 0.3:
        sop["judul_kolom"] = {"kelengkapan": rng.choice(("Input", "Persyaratan/Perlengkapan")),
                              "kegiatan": "Aktivitas"}
    if rng.random() < 0.2:
        sop["catatan_kaki"] = "Ket: *) hanya bila berkas diterima lengkap"
    return sop


def patterns_stress_sop(rows: int = 100, lanes: int = 12, decisions: int = 40) -> dict:
    """One valid SOP with every pattern: ``rows`` rows over ``lanes`` lanes, ``decisions`` decisions whose
    'Tidak' exits loop back one row (inner loops) or five rows (outer loops, around the inner ones)."""
    names = [f"Pelaksana {k + 1}" for k in range(lanes)]
    lane = lambda r: names[r % lanes]  # noqa: E731 - the lane of a row's main symbol
    beside = [r for r in range(3, rows) if r % 10 == 5]  # rows with a process and a decision 'Tujuan'
    decision_rows = [r for r in range(6, rows - 1) if r % 5 in (2, 4)][:decisions - len(beside)]
    steps: list[dict] = [{"no": 1, "kegiatan": "Menerima permohonan", "waktu": "5 menit", "simbol": [
        {"oleh": names[0], "bentuk": "terminator", "teks": "Datang langsung", "ke": {"langkah": 2, "oleh": names[0]}},
        {"oleh": names[1], "bentuk": "terminator", "teks": "Lewat surel", "ke": {"langkah": 2, "oleh": names[1]}},
    ]}, {"no": 2, "kegiatan": "Mencatat permohonan", "waktu": "5-10 menit", "simbol": [
        {"oleh": names[0], "ke": {"langkah": 3, "oleh": lane(3)}},
        {"oleh": names[1], "ke": {"langkah": 3, "oleh": lane(3)}},
    ]}]
    for r in range(3, rows):
        step: dict = {"no": r, "kegiatan": f"Mengolah berkas tahap {r}", "waktu": f"{r % 7 + 1} menit",
                      "output": [f"Berkas tahap {r}"]}
        nxt = {"langkah": r + 1, "oleh": lane(r + 1)}
        if r in decision_rows:
            back = r - 1 if r % 5 == 2 else r - 5
            step.update(oleh=lane(r), simbol="keputusan", teks="Sesuai?",
                        arah=[{"label": "Ya", "ke": nxt}, {"label": "Tidak", "ke": {"langkah": back, "oleh": lane(back)}}])
        elif r % 10 == 5:  # a process, then in the same row a decision in the next lane (parallel on 'Ya')
            other = names[(r + 1) % lanes]
            step["simbol"] = [
                {"oleh": lane(r), "ke": {"langkah": r, "oleh": other}},
                {"oleh": other, "bentuk": "keputusan", "teks": "Tujuan", "arah": [
                    {"label": "Ya", "ke": nxt}, {"label": "Ya", "ke": {"langkah": r + 1, "oleh": lane(r + 1)}},
                    {"label": "Tidak", "ke": nxt}]},
            ]
        else:
            step.update(oleh=lane(r), ke=nxt)
        steps.append(step)
    steps.append({"no": rows, "kegiatan": "Menyerahkan hasil", "waktu": "Semesteran", "simbol": [
        {"oleh": lane(rows), "bentuk": "terminator", "teks": "Selesai"}]})
    return {
        "nomor": "990/SOP/2025", "nama": "Uji Pola Bagan Alir", "instansi": "Pemerintah Provinsi Contoh",
        "unit": "Dinas Contoh", "tanggal": {"pembuatan": dt.date(2025, 1, 6)},
        "disahkan": {"jabatan": "Kepala Dinas", "nama": "Nama Pejabat", "nip": "19800101 200501 1 001"},
        "pelaksana": [{"nama": n} for n in names], "langkah": steps,
        "gabung": [{"kolom": "waktu", "langkah": [3, 4], "isi": "1 jam"}],
        "penghubung": [{"huruf": "A", "sesudah": 15}, {"huruf": "B", "sesudah": 30}],
        "catatan_kaki": "Ket: bagan uji dengan semua pola", "judul_kolom": {"kelengkapan": "Input"},
    }
