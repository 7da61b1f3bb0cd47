"""Checks of one SOP beyond field types: references, the flow graph, numbering, dates, NIP, wording."""

from __future__ import annotations

import datetime as dt
import re

from .diagnostics import Diagnostic, error, warning
from .durations import LONGEST_STEP_MINUTES, DurationKind, format_minutes
from .flow import FlowGraph
from .model import Flowchart, Sop
from .nip import check_nip

GENERIC_ACTORS = (
    "camat", "lurah", "kepala", "sekretaris", "sekcam", "sekrcam", "kasubag", "kasubbag", "kasi", "kabid",
    "kabag", "staf", "staff", "pegawai", "bupati", "wali kota", "walikota", "gubernur", "operator", "petugas",
)


FUTURE_YEARS = 10
"""A date further ahead than this many years is most likely a typing error: it gets a warning."""

MISSING_LISTED = 10
"""A gap in step numbers lists at most this many missing numbers; a longer one is shown as 'a s.d. b'."""


def norm_name(text: str) -> str:
    """Compare names without case, dots or repeated spaces."""
    return " ".join(text.lower().replace(".", " ").split())


def performer_lookup(chart: Flowchart) -> dict[str, int]:
    """Every name, code and alias of the chart's performers -> column index."""
    lookup: dict[str, int] = {}
    for col, performer in enumerate(chart.performers):
        for name in performer.names():
            lookup.setdefault(norm_name(name), col)
    return lookup


def chart_columns(chart: Flowchart) -> list[list[int]]:
    """For every step, its performer columns in the order written (unknown names left out, no repeats)."""
    lookup = performer_lookup(chart)
    out = []
    for step in chart.steps:
        cols: list[int] = []
        for name in step.oleh:
            col = lookup.get(norm_name(name))
            if col is not None and col not in cols:
                cols.append(col)
        out.append(cols)
    return out


def check_sop(sop: Sop) -> list[Diagnostic]:
    """Every problem of one SOP that does not need the rest of the registry."""
    out: list[Diagnostic] = []
    out += _check_dates(sop)
    out += _check_nip(sop)
    for chart in sop.flowcharts:
        out += _check_performers(chart)
        out += _check_numbers(chart)
        out += _check_flow(chart)
        out += _check_wording(chart)
        out += _check_times(chart)
    return out


def _check_dates(sop: Sop, today: dt.date | None = None) -> list[Diagnostic]:
    out = []
    made, revised, effective = sop.tanggal.pembuatan, sop.tanggal.revisi, sop.tanggal.efektif
    today = today or dt.date.today()
    limit = today.replace(year=min(today.year + FUTURE_YEARS, dt.MAXYEAR), day=min(today.day, 28))
    for name, value in (("pembuatan", made), ("revisi", revised), ("efektif", effective)):
        if value is not None and value > limit:
            out.append(warning("tanggal-jauh", f"Tanggal {name} ({value}) lebih dari {FUTURE_YEARS} tahun ke depan. "
                               "Periksa tahunnya (mis. salah ketik 9999 atau 2204).", ("tanggal", name)))
    if revised and revised < made:
        out.append(warning("tanggal-urutan", f"Tanggal revisi ({revised}) lebih awal dari tanggal pembuatan "
                           f"({made}). Periksa kembali urutan tanggal.", ("tanggal", "revisi")))
    if effective and effective < made:
        out.append(warning("tanggal-urutan", f"Tanggal efektif ({effective}) lebih awal dari tanggal pembuatan "
                           f"({made}). SOP biasanya berlaku sesudah selesai dibuat.", ("tanggal", "efektif")))
    return out


def _check_nip(sop: Sop) -> list[Diagnostic]:
    path = ("disahkan", "nip")
    if not sop.disahkan.nip:
        return [warning("nip-kosong", "NIP pejabat yang mengesahkan tidak diisi.", ("disahkan",))]
    result = check_nip(sop.disahkan.nip)
    return [error("nip", m, path) for m in result.errors] + [warning("nip-tidak-lengkap", m, path)
                                                             for m in result.warnings]


def _check_performers(chart: Flowchart) -> list[Diagnostic]:
    out = []
    seen: dict[str, int] = {}
    for col, performer in enumerate(chart.performers):
        for name in performer.names():
            key = norm_name(name)
            if key in seen and seen[key] != col:
                out.append(error("pelaksana-ganda", f"Nama '{name}' dipakai oleh dua kolom pelaksana; "
                                 "setiap nama, kode dan sebutan harus unik.", (*chart.path, "pelaksana", col)))
            seen.setdefault(key, col)
    lookup = performer_lookup(chart)
    used: set[int] = set()
    known = ", ".join(p.nama for p in chart.performers)
    for i, step in enumerate(chart.steps):
        for j, name in enumerate(step.oleh):
            col = lookup.get(norm_name(name))
            if col is None:
                out.append(error("pelaksana-tak-dikenal", f"Pelaksana '{name}' tidak ada di daftar 'pelaksana'. "
                                 f"Pilih salah satu dari: {known}; atau tambahkan '{name}' sebagai 'sebutan'.",
                                 (*chart.path, "langkah", i, "oleh", j)))
            else:
                used.add(col)
    for col, performer in enumerate(chart.performers):
        if col not in used:
            out.append(warning("pelaksana-tak-dipakai", f"Kolom pelaksana '{performer.nama}' tidak dipakai oleh "
                               "langkah mana pun.", (*chart.path, "pelaksana", col)))
    return out


def _check_numbers(chart: Flowchart) -> list[Diagnostic]:
    out = []
    previous = None
    for i, step in enumerate(chart.steps):
        path = (*chart.path, "langkah", i, "no")
        if previous is not None:
            if step.no == previous:
                out.append(error("nomor-ganda", f"Nomor langkah {step.no} dipakai dua kali.", path))
            elif step.no < previous:
                out.append(error("nomor-urutan", f"Nomor langkah {step.no} sesudah {previous}: langkah harus "
                                 "ditulis urut dari atas ke bawah.", path))
            elif step.no > previous + 1:
                gap = step.no - previous - 1
                missing = (", ".join(str(n) for n in range(previous + 1, step.no)) if gap <= MISSING_LISTED
                           else f"{previous + 1} s.d. {step.no - 1}")
                out.append(warning("nomor-loncat", f"Nomor langkah meloncat dari {previous} ke {step.no} "
                                   f"(tidak ada langkah {missing}). Periksa apakah ada langkah yang hilang.", path))
        previous = step.no if previous is None else max(previous, step.no)
    return out


def _check_flow(chart: Flowchart) -> list[Diagnostic]:
    out = []
    graph = FlowGraph(chart)
    for edge in graph.dangling:
        step = chart.steps[edge.source]
        field = ("cabang", edge.label) if edge.label is not None else ("ke",)
        out.append(error("tujuan-tak-ada", f"Langkah {step.no} menuju langkah {edge.target_number}, yang tidak "
                         "ada. Tulis nomor langkah yang ada atau 'selesai'.",
                         (*chart.path, "langkah", edge.source, *field)))
    for i, step in enumerate(chart.steps):
        if step.cabang:
            labels: dict[str, str] = {}
            for label in step.cabang:
                key = norm_name(label)
                if key in labels:
                    out.append(error("cabang-ganda", f"Label cabang '{label}' sama dengan '{labels[key]}'; setiap "
                                     "jawaban keputusan harus berbeda.", (*chart.path, "langkah", i, "cabang", label)))
                labels.setdefault(key, label)
    reachable = graph.reachable_from(graph.starts)
    for i, step in enumerate(chart.steps):
        if i not in reachable:
            out.append(error("tak-terjangkau", f"Langkah {step.no} tidak dapat dicapai dari awal alur. Arahkan "
                             "langkah sebelumnya ke sini ('ke' atau 'cabang'), atau jadikan terminator mulai.",
                             (*chart.path, "langkah", i)))
    finishing = graph.can_finish
    for i, step in enumerate(chart.steps):
        if i in finishing or i not in reachable:
            continue
        if graph.on_cycle(i):
            message = (f"Langkah {step.no} berada dalam putaran tanpa jalan keluar: alurnya berulang tanpa pernah "
                       "selesai. Beri salah satu keputusan cabang yang keluar dari putaran.")
            code = "putaran-tertutup"
        else:
            message = f"Dari langkah {step.no} alur tidak pernah sampai ke akhir."
            code = "tak-selesai"
        out.append(error(code, message, (*chart.path, "langkah", i)))
    return out


def _check_wording(chart: Flowchart) -> list[Diagnostic]:
    names = sorted({norm_name(n) for p in chart.performers for n in p.names()} | set(GENERIC_ACTORS),
                   key=len, reverse=True)
    pattern = re.compile(r"^(?:" + "|".join(re.escape(n) for n in names) + r")\b")
    out = []
    for i, step in enumerate(chart.steps):
        match = pattern.match(norm_name(step.kegiatan))
        if match:
            out.append(warning("kegiatan-bersubjek", f"Kegiatan langkah {step.no} diawali nama pelaksana "
                               f"('{step.kegiatan[:len(match.group(0))]}'). Pedoman meminta kegiatan tanpa subjek: "
                               "mulai dengan kata kerja aktif; pelaksana ditunjukkan oleh kolomnya.",
                               (*chart.path, "langkah", i, "kegiatan")))
    return out


def _check_times(chart: Flowchart) -> list[Diagnostic]:
    out = []
    for i, step in enumerate(chart.steps):
        duration = step.duration
        path = (*chart.path, "langkah", i, "waktu")
        if duration.kind is DurationKind.UNREADABLE:
            out.append(warning("waktu-tak-terbaca", f"Waktu '{step.waktu}' pada langkah {step.no} tidak dapat "
                               "dibaca. Tulis mis. '5 menit', '2 jam', '1 hari', '5-10 menit', 'Setiap bulan' "
                               "atau '-'.", path))
        elif duration.countable and (duration.max_minutes or 0) > LONGEST_STEP_MINUTES:
            out.append(warning("waktu-besar", f"Waktu '{step.waktu}' pada langkah {step.no} sangat panjang (lebih "
                               f"dari {format_minutes(LONGEST_STEP_MINUTES)} kerja, yaitu 12 bulan kerja). Periksa "
                               "angka dan satuannya.", path))
        elif duration.kind is DurationKind.MERGED and i == 0:
            out.append(error("waktu-gabung", "Langkah pertama tidak dapat digabung waktunya dengan baris di atasnya.",
                             path))
    return out
