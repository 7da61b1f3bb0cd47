"""A summary of one validated SOP: as JSON-ready data and as text for the terminal (``sop show``)."""

from __future__ import annotations

import textwrap

from ..engine.durations import WORKING_TIME_CONVENTION, DurationKind, TimeRange
from ..engine.flow import Edge, FlowGraph
from ..engine.simulation import NOT_COUNTED_REASONS
from ..engine.model import Flowchart, Sop
from ..source.registry import Registry, SopEntry


def _time(t: TimeRange) -> dict:
    return {"min_menit": t.min_minutes, "maks_menit": t.max_minutes, "teks": t.label()}


def _exit(graph: FlowGraph, edge: Edge) -> dict:
    """An exit with its target: step number (or 'selesai') and the lane of the target symbol."""
    lane, chosen = None, False
    if edge.target is not None:
        node = graph.nodes[edge.target]
        lane = [graph.chart.performers[c].nama for c in node.lanes]
        chosen = len(graph.row_nodes[node.row]) > 1
    return {"label": edge.label, "ke": edge.target_number, "oleh": lane, "simbol_dipilih": chosen}


def _symbol(graph: FlowGraph, index: int) -> dict:
    node = graph.nodes[index]
    return {"oleh": [graph.chart.performers[c].nama for c in node.lanes] or list(node.names), "bentuk": node.shape,
            "teks": node.text, "cara": node.mode if len(node.lanes) > 1 else None,
            "arah": [_exit(graph, e) for e in graph.successors[index]]}


def not_counted(graph: FlowGraph) -> list[dict]:
    """The rows whose time cannot be added (periodic, missing, unreadable), by name."""
    out = []
    for r, step in enumerate(graph.steps):
        kind = graph.durations[r].kind
        if kind in NOT_COUNTED_REASONS and kind is not DurationKind.MERGED:  # a merged time counts on its first row
            text = "tidak diisi" if kind is DurationKind.MISSING else graph.durations[r].text or step.waktu or "-"
            out.append({"no": step.no, "waktu": text, "jenis": kind.value})
    return out


def _all_paths(graph: FlowGraph) -> dict:
    """The range over all paths; ``maks_pasti`` is False when the maximum is only a lower bound."""
    times = graph.path_times
    return {**_time(times.range), "teks": times.label(), "maks_pasti": times.max_exact}


def chart_summary(chart: Flowchart) -> dict:
    graph = FlowGraph(chart)
    main = graph.main_path()
    main_rows = {graph.nodes[n].row for n in main}
    steps = []
    for i, step in enumerate(chart.steps):
        nodes = graph.row_nodes[i]
        names = [n for index in nodes for n in graph.nodes[index].names]
        steps.append({
            "no": step.no,
            "kegiatan": step.kegiatan,
            "oleh": list(dict.fromkeys(names)),
            "cara": step.cara if len(step.oleh) > 1 else None,
            "simbol": step.shape,
            "simbol_baris": [_symbol(graph, index) for index in nodes],
            "ke": [_exit(graph, e) for index in nodes for e in graph.successors[index]],
            "kelengkapan": step.kelengkapan,
            "waktu": step.waktu,
            "waktu_baku": {"jenis": graph.durations[i].kind.value, "min_menit": graph.durations[i].min_minutes,
                           "maks_menit": graph.durations[i].max_minutes},
            "output": step.output,
            "keterangan": step.keterangan,
            "jalur_utama": i in main_rows,
        })
    return {
        "nama": chart.name,
        "pelaksana": [p.model_dump(exclude_none=True) for p in chart.performers],
        "judul_kolom": chart.titles.model_dump(exclude_none=True) if chart.titles else {},
        "gabung": [c.model_dump() for c in chart.merged],
        "penghubung": [c.model_dump() for c in chart.connectors],
        "catatan_kaki": chart.footnote,
        "langkah": steps,
        "waktu_tidak_dihitung": not_counted(graph),
        "jalur_utama": [n for k, n in enumerate(graph.nodes[i].no for i in main)
                        if k == 0 or graph.nodes[main[k - 1]].row != graph.nodes[main[k]].row],
        "waktu_jalur_utama": _time(graph.main_path_time()),
        "waktu_semua_jalur": _all_paths(graph),
    }


def sop_summary(entry: SopEntry, registry: Registry) -> dict:
    """Everything ``sop show --format json`` prints for one valid SOP.

    Kept on the entry (``entry.__dict__["_summary"]``) until the site build releases it after writing the SOP's
    page and data file, which both show it: it is computed once, and never for all SOPs at the same time."""
    cached = entry.__dict__.get("_summary")
    if cached is not None and cached[0] is registry and cached[1] == len(entry.diagnostics):
        return cached[2]
    summary = _sop_summary(entry, registry)
    entry.__dict__["_summary"] = (registry, len(entry.diagnostics), summary)
    return summary


def _sop_summary(entry: SopEntry, registry: Registry) -> dict:
    sop: Sop = entry.sop  # type: ignore[assignment]
    citations = []
    for c in sop.dasar_hukum:
        regulation = registry.regulations.get(c.key)
        citations.append({
            **c.model_dump(exclude_none=True),
            "kunci": c.key,
            "status": regulation.status if regulation else None,
            "diganti_oleh": registry.regulations.replacement_labels(regulation) if regulation else [],
        })
    return {
        "id": entry.id,
        "berkas": entry.display,
        "nomor": sop.nomor,
        "nama": sop.nama,
        "instansi": sop.instansi,
        "unit": sop.unit,
        "subunit": sop.subunit,
        "tanggal": sop.tanggal.model_dump(mode="json"),
        "disahkan": {**sop.disahkan.model_dump(exclude_none=True), "nip_tampil": sop.disahkan.nip_display},
        "dasar_hukum": citations,
        "kualifikasi": sop.kualifikasi,
        "keterkaitan": [k.model_dump() for k in sop.keterkaitan],
        "keterkaitan_terhubung": [{"ke": link.target, "hubungan": link.relation}
                                  for link in registry.outgoing(entry.id)],
        "dirujuk_oleh": [{"dari": link.source, "hubungan": link.relation} for link in registry.incoming(entry.id)],
        "peralatan": sop.peralatan,
        "peringatan": sop.peringatan,
        "pencatatan": sop.pencatatan,
        "bagan_alir": [chart_summary(chart) for chart in sop.flowcharts],
        "catatan": sop.catatan,
        "konvensi_waktu": WORKING_TIME_CONVENTION,
        "diagnostik": [d.as_dict() for d in entry.diagnostics],
    }


SHAPES = {"terminator": "◯", "keputusan": "◇", "proses": "▭", "penghubung": "●"}


def _exits_text(exits: list[dict]) -> str:
    """``Ya→3, Tidak→4 (Umum), →selesai``: each exit's label and target (with its lane when named)."""
    parts = []
    for e in exits:
        target = str(e["ke"]) + (f" ({' + '.join(e['oleh'])})" if e.get("simbol_dipilih") else "")
        parts.append(f"{e['label']}→{target}" if e["label"] else target)
    return ", ".join(parts)


def _wrap(text: str, width: int, indent: str, hanging: int = 0) -> str:
    return textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=indent + " " * hanging)


def sop_summary_text(entry: SopEntry, registry: Registry, width: int = 100) -> str:
    """A readable terminal summary of one SOP."""
    data = sop_summary(entry, registry)
    lines = [data["nama"].upper(), "=" * min(width, len(data["nama"]))]
    unit = " / ".join(p for p in (data["instansi"], data["unit"], data["subunit"]) if p)
    tanggal = data["tanggal"]
    lines += [
        f"Nomor SOP      : {data['nomor']}",
        f"Unit           : {unit}",
        f"Tgl. pembuatan : {tanggal['pembuatan']}",
        f"Tgl. revisi    : {tanggal['revisi'] or '-'}",
        f"Tgl. efektif   : {tanggal['efektif'] or '-'}",
        f"Disahkan oleh  : {data['disahkan']['jabatan']} — {data['disahkan']['nama']}"
        + (f", NIP {data['disahkan']['nip_tampil']}" if data["disahkan"].get("nip_tampil") else ""),
        f"Berkas         : {data['berkas']}",
        "",
        "Dasar hukum:",
    ]
    for i, c in enumerate(data["dasar_hukum"], start=1):
        label = f"{c.get('jenis')} Nomor {c.get('nomor')} Tahun {c.get('tahun')}" if c.get("nomor") else c.get("teks")
        status = f" [{c['status'].upper()}" + (f" → {', '.join(c['diganti_oleh'])}" if c["diganti_oleh"] else "") \
            + "]" if c["status"] else ""
        lines.append(_wrap(f"{i}. {label}{status}" + (f" tentang {c['tentang']}" if c.get("tentang") else ""),
                           width, "  ", 3))
    for title, key in (("Kualifikasi pelaksana", "kualifikasi"), ("Peralatan/perlengkapan", "peralatan"),
                       ("Pencatatan dan pendataan", "pencatatan")):
        if data[key]:
            lines += ["", f"{title}:"] + [_wrap(f"- {item}", width, "  ", 2) for item in data[key]]
    if data["keterkaitan"]:
        linked = {link["ke"] for link in data["keterkaitan_terhubung"]}
        lines += ["", "Keterkaitan:"] + [f"  - {k['sop']} ({k['hubungan']})" for k in data["keterkaitan"]]
        lines += [f"    → terhubung ke {target}" for target in sorted(linked)]
    if data["dirujuk_oleh"]:
        lines += ["", "Dirujuk oleh:"] + [f"  - {link['dari']} ({link['hubungan']})" for link in data["dirujuk_oleh"]]
    if data["peringatan"]:
        lines += ["", "Peringatan:", _wrap(data["peringatan"], width, "  ")]
    for chart in data["bagan_alir"]:
        lines += ["", f"Bagan alir{': ' + chart['nama'] if chart['nama'] else ''}",
                  "Pelaksana: " + " | ".join(p["nama"] for p in chart["pelaksana"]), ""]
        lines.append(f"{'No':>3}  {'Kegiatan':<46} {'Pelaksana':<22} {'Waktu':<12} Lanjut")
        for step in chart["langkah"]:
            kegiatan = textwrap.shorten(step["kegiatan"], 44, placeholder="…")
            if len(step["simbol_baris"]) == 1 and not step["simbol_baris"][0]["teks"]:
                symbol = SHAPES[step["simbol"]]
                oleh = textwrap.shorten(" / ".join(step["oleh"]), 22, placeholder="…")
                lines.append(f"{step['no']:>3}  {symbol} {kegiatan:<44} {oleh:<22} {step['waktu'] or '-':<12} "
                             f"{_exits_text(step['ke'])}")
                continue
            lines.append(f"{step['no']:>3}    {kegiatan:<44} {'':<22} {step['waktu'] or '-':<12}")
            for sym in step["simbol_baris"]:  # a row with several symbols, or a symbol with its own text
                text = textwrap.shorten(sym["teks"] or "", 40, placeholder="…")
                oleh = textwrap.shorten(" + ".join(sym["oleh"]), 22, placeholder="…")
                lines.append(f"{'':>3}  {SHAPES[sym['bentuk']]}   {text:<42} {oleh:<22} {'':<12} "
                             f"{_exits_text(sym['arah'])}")
        skipped = ", ".join(f"{n['waktu']} (langkah {n['no']})" for n in chart["waktu_tidak_dihitung"])
        aside = f"; tidak dihitung: {skipped}" if skipped else ""
        lines += [
            "",
            "Jalur utama    : " + " → ".join(str(n) for n in chart["jalur_utama"]),
            f"Waktu baku     : {chart['waktu_jalur_utama']['teks']} (jalur utama{aside})",
            f"Rentang waktu  : {chart['waktu_semua_jalur']['teks']} (semua jalur tanpa pengulangan{aside})",
        ]
        if chart["catatan_kaki"]:
            lines.append(f"Catatan kaki   : {chart['catatan_kaki']}")
    lines += ["", _wrap(data["konvensi_waktu"], width, "")]
    if data["catatan"]:
        lines += ["", "Catatan transkripsi:"] + [_wrap(f"- {c}", width, "  ", 2) for c in data["catatan"]]
    if entry.diagnostics:
        lines += ["", f"Peringatan validasi ({len(entry.diagnostics)}):"]
        lines += [_wrap(f"- {d.message}", width, "  ", 2) for d in entry.diagnostics]
    return "\n".join(lines)
