"""Checks of one SOP beyond field types: references, the flow graph, numbering, dates, NIP, wording."""

from __future__ import annotations

import datetime as dt
import functools
import re

from .diagnostics import Diagnostic, error, warning
from .checks_symbols import check_layout, first_of_regions
from .durations import LONGEST_STEP_MINUTES, DurationKind, format_minutes
from .flow import FlowGraph
from .model import Flowchart, Sop
from .nip import check_nip
from .symbols import chart_symbols, norm_name, performer_lookup

CONSEQUENCES = {"tak-terjangkau", "putaran-tertutup"}
"""Messages that only repeat a mistake already reported on the same chart."""


__all__ = ["chart_columns", "check_sop", "norm_name", "performer_lookup"]

GENERIC_ACTORS = (
    "camat", "lurah", "kepala", "sekretaris", "sekcam", "sekrcam", "kasubag", "kasubbag", "kasi", "kabid",
    "kabag", "staf", "staff", "pegawai", "bupati", "wali kota", "walikota", "gubernur", "operator", "petugas",
)


FUTURE_YEARS = 10
"""A date further ahead than this many years is most likely a typing error: it gets a warning."""

MISSING_LISTED = 10
"""A gap in step numbers lists at most this many missing numbers; a longer one is shown as 'a s.d. b'."""


def chart_columns(chart: Flowchart) -> list[list[int]]:
    """For every step, its performer columns in the order written (unknown names left out, no repeats)."""
    out: list[list[int]] = [[] for _ in chart.steps]
    for node in chart_symbols(chart):
        out[node.row] += [col for col in node.lanes if col not in out[node.row]]
    return out


def check_sop(sop: Sop) -> list[Diagnostic]:
    """Every problem of one SOP that does not need the rest of the registry."""
    out: list[Diagnostic] = []
    out += _check_dates(sop)
    out += _check_nip(sop)
    for chart in sop.flowcharts:
        out += _check_performers(chart)
        numbering = _check_numbers(chart)
        out += numbering
        layout = check_layout(chart)
        out += layout
        # A wrong number or a decision short of an exit already explains what is unreachable after it.
        flow = _check_flow(chart, consequences=not any(d.level == "error" for d in numbering))
        if any(d.level == "error" for d in layout):
            flow = [d for d in flow if d.code not in CONSEQUENCES]
        out += flow
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
    for node in chart_symbols(chart):
        for j, name in enumerate(node.names):
            col = lookup.get(norm_name(name))
            if col is None:
                out.append(error("pelaksana-tak-dikenal", f"Pelaksana '{name}' tidak ada di daftar 'pelaksana'. "
                                 f"Pilih salah satu dari: {known}; atau tambahkan '{name}' sebagai 'sebutan'.",
                                 (*node.path, "oleh", j)))
            else:
                used.add(col)
    for col, performer in enumerate(chart.performers):
        if col not in used:
            out.append(warning("pelaksana-tak-dipakai", f"Kolom pelaksana '{performer.nama}' tidak dipakai: tidak "
                               "ada simbol di kolom ini. Hapus kolom ini, atau tulis namanya di "
                               "'oleh' langkah yang dikerjakannya.", (*chart.path, "pelaksana", col)))
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


DANGLING = {
    "langkah": "menuju langkah {target}, yang tidak ada. Tulis nomor langkah yang ada atau 'selesai'.",
    "pelaksana": "menuju kolom pelaksana '{lane}', yang tidak ada di 'pelaksana'. Tulis nama, kode atau sebutan "
                 "kolom yang ada.",
    "kolom": "menuju langkah {target} di kolom '{lane}', tetapi baris itu tidak punya simbol di kolom tersebut. "
             "Pilih kolom yang memuat simbol di baris itu.",
    "ambigu": "menuju langkah {target}, yang memuat beberapa simbol, dan tidak ada yang sekolom dengannya. "
              "Tulis simbol tujuannya: ke: {{langkah: {target}, oleh: <kolom>}}.",
}


def _check_flow(chart: Flowchart, consequences: bool = True) -> list[Diagnostic]:
    """Arrows that point nowhere, then (when nothing else is broken) unreachable symbols and closed loops.

    Without ``consequences`` (a step number is wrong) nothing is checked: arrows to the number that moved
    would only repeat that mistake."""
    out: list[Diagnostic] = []
    if not consequences:
        return out
    graph = FlowGraph(chart)
    for edge in graph.dangling:
        node = graph.nodes[edge.source]
        spec = next(s for s in node.exits if s.path == edge.path)
        lane = getattr(spec.target, "oleh", "")
        out.append(error("tujuan-tak-ada", f"Langkah {node.no} " + DANGLING[edge.problem or "langkah"].format(
            target=edge.target_number, lane=lane), edge.path))
    for i, step in enumerate(chart.steps):
        if step.cabang:
            labels: dict[str, str] = {}
            for label in step.cabang:
                key = norm_name(label)
                if key in labels:
                    out.append(error("cabang-ganda", f"Label cabang '{label}' sama dengan '{labels[key]}'; setiap "
                                     "jawaban keputusan harus berbeda. (Dua panah yang memang berlabel sama ditulis "
                                     "di 'arah': [{label: Ya, ke: 5}, {label: Ya, ke: 7}].)",
                                     (*chart.path, "langkah", i, "cabang", label)))
                labels.setdefault(key, label)
    if graph.dangling:
        return out  # unreachable symbols and loops would only repeat the mistake reported above
    reachable = graph.reachable_from(graph.starts)
    unreachable = [n.index for n in graph.nodes if n.index not in reachable]
    for i in first_of_regions(graph, unreachable):
        node = graph.nodes[i]
        where = f"Simbol '{node.display}' pada langkah {node.no}" if node.step.symbols else f"Langkah {node.no}"
        out.append(error("tak-terjangkau", f"{where} tidak dapat dicapai dari awal alur. Arahkan langkah sebelumnya "
                         "ke sini ('ke', 'cabang' atau 'arah'), atau jadikan terminator mulai.", node.path))
    finishing = graph.can_finish
    # Every arrow points somewhere, so a path that never ends runs into a loop: report each closed loop once.
    stuck = [n.index for n in graph.nodes if n.index in reachable and n.index not in finishing]
    for i in first_of_regions(graph, [n for n in stuck if graph.on_cycle(n)]):
        node = graph.nodes[i]
        out.append(error("putaran-tertutup", f"Langkah {node.no} berada dalam putaran tanpa jalan keluar: alurnya "
                         "berulang tanpa pernah selesai. Beri salah satu keputusan cabang yang keluar dari putaran.",
                         node.path))
    return out


@functools.lru_cache(maxsize=256)
def _subject_pattern(names: frozenset[str]) -> re.Pattern[str]:
    """A regex for an activity that starts with one of these names (compiled once per set of performers)."""
    ordered = sorted(names | set(GENERIC_ACTORS), key=lambda n: (-len(n), n))
    return re.compile(r"^(?:" + "|".join(re.escape(n) for n in ordered) + r")\b")


def _check_wording(chart: Flowchart) -> list[Diagnostic]:
    pattern = _subject_pattern(frozenset(norm_name(n) for p in chart.performers for n in p.names()))
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
