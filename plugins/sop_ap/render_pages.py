"""Markdown pages of the registry: one per SOP, an index, and a page of errors. Knows nothing of MkDocs.

Every text that comes from an SOP file is data: it is HTML-escaped and its Markdown punctuation is
backslash-escaped, so that nothing in a file can become markup, a link or a script.
"""

from __future__ import annotations

import html
import re

from .engine.diagnostics import Diagnostic
from .registry import Registry, SopEntry
from .summary import sop_summary

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def md(text: object) -> str:
    """SOP text as literal Markdown: escaped HTML, escaped Markdown punctuation, no line breaks."""
    escaped = html.escape(" ".join(str(text).split()), quote=True)
    return _MD_SPECIAL.sub(r"\\\1", escaped)


def page_path(entry: SopEntry) -> str:
    """The Markdown path of an SOP page inside the docs folder."""
    return f"sop/{entry.id}.md"


def _link(from_entry: SopEntry, to_entry: SopEntry) -> str:
    depth = page_path(from_entry).count("/")
    return "../" * depth + page_path(to_entry)


def sop_page(entry: SopEntry, registry: Registry) -> str:
    """The Markdown of one SOP page (identity part, legal basis, steps, total time)."""
    data = sop_summary(entry, registry)
    out = [f"# {md(data['nama'])}", ""]
    unit = " · ".join(md(p) for p in (data["instansi"], data["unit"], data["subunit"]) if p)
    out += [unit, ""]
    signer = data["disahkan"]
    rows = [
        ("Nomor SOP", md(data["nomor"])),
        ("Tanggal pembuatan", md(data["tanggal"]["pembuatan"])),
        ("Tanggal revisi", md(data["tanggal"]["revisi"] or "-")),
        ("Tanggal efektif", md(data["tanggal"]["efektif"] or "-")),
        ("Disahkan oleh", f"{md(signer['jabatan'])}<br>{md(signer['nama'])}"
         + (f"<br>NIP {md(signer['nip_tampil'])}" if signer.get("nip_tampil") else "")),
    ]
    out += ["| Identitas | |", "|---|---|"] + [f"| {k} | {v} |" for k, v in rows] + [""]
    out += ["## Dasar hukum", ""]
    for i, c in enumerate(data["dasar_hukum"], start=1):
        label = (f"{c['jenis']} Nomor {c['nomor']} Tahun {c['tahun']}" if c.get("nomor") else c.get("teks", ""))
        about = f" tentang {md(c['tentang'])}" if c.get("tentang") else ""
        status = ""
        if c["status"] == "dicabut":
            status = f" — **dicabut**, diganti {md(', '.join(c['diganti_oleh']))}"
        elif c["status"] == "diubah":
            status = f" — diubah oleh {md(', '.join(c['diganti_oleh']))}"
        out.append(f"{i}. {md(label)}{about}{status}")
    out.append("")
    for title, key in (("Kualifikasi pelaksana", "kualifikasi"), ("Peralatan/perlengkapan", "peralatan"),
                       ("Pencatatan dan pendataan", "pencatatan")):
        out += [f"## {title}", ""] + ([f"- {md(x)}" for x in data[key]] or ["-"]) + [""]
    out += ["## Peringatan", "", md(data["peringatan"] or "-"), ""]
    out += ["## Keterkaitan", ""]
    links = registry.outgoing(entry.id)
    if links:
        out += [f"- [{md(registry.by_id[link.target].sop.nama)}]({_link(entry, registry.by_id[link.target])})"
                f" ({md(link.relation)})" for link in links]
    else:
        out += [f"- {md(k['sop'])}" for k in data["keterkaitan"]] or ["-"]
    back = registry.incoming(entry.id)
    if back:
        out += ["", "Dirujuk oleh:", ""]
        out += [f"- [{md(registry.by_id[link.source].sop.nama)}]({_link(entry, registry.by_id[link.source])})"
                for link in back]
    out.append("")
    for chart in data["bagan_alir"]:
        title = f"## Bagan alir: {md(chart['nama'])}" if chart["nama"] else "## Langkah-langkah"
        out += [title, "", "| No | Kegiatan | Pelaksana | Kelengkapan | Waktu | Output | Lanjut |",
                "|---|---|---|---|---|---|---|"]
        for s in chart["langkah"]:
            nxt = ", ".join(f"{md(e['label'])} → {md(e['ke'])}" if e["label"] else md(e["ke"]) for e in s["ke"])
            out.append(" | ".join([
                f"| {s['no']}", md(s["kegiatan"]), md(", ".join(s["oleh"])), md(", ".join(s["kelengkapan"]) or "-"),
                md(s["waktu"] or "-"), md(", ".join(s["output"]) or "-"), f"{nxt} |",
            ]))
        out += ["", f"**Waktu baku (jalur utama):** {md(chart['waktu_jalur_utama']['teks'])}  ",
                f"**Rentang semua jalur:** {md(chart['waktu_semua_jalur']['teks'])}", ""]
    out += [f"*{md(data['konvensi_waktu'])}*", ""]
    if data["catatan"]:
        out += ["## Catatan transkripsi", ""] + [f"- {md(c)}" for c in data["catatan"]] + [""]
    warnings = [d for d in entry.diagnostics if d.level == "warning"]
    if warnings:
        out += ["## Peringatan validasi", ""] + [f"- {md(d.message)}" for d in warnings] + [""]
    return "\n".join(out)


def index_page(registry: Registry) -> str:
    """The list of all SOPs, grouped by unit."""
    valid = [e for e in registry.entries if e.sop is not None]
    out = ["# Daftar SOP", "", f"Registri ini memuat {len(valid)} SOP.", ""]
    groups: dict[tuple[str, str], list[SopEntry]] = {}
    for entry in valid:
        groups.setdefault((entry.sop.instansi, entry.sop.unit), []).append(entry)
    for (instansi, unit), entries in sorted(groups.items()):
        out += [f"## {md(unit)} — {md(instansi)}", "", "| Nomor | Nama SOP |", "|---|---|"]
        for entry in sorted(entries, key=lambda e: e.sop.nama):
            out.append(f"| {md(entry.sop.nomor)} | [{md(entry.sop.nama)}]({entry.id}.md) |")
        out.append("")
    return "\n".join(out)


def errors_page(diagnostics: list[Diagnostic]) -> str:
    """A page listing the problems of invalid SOP files (shown by ``mkdocs serve``)."""
    out = ["# SOP yang belum valid", "", "Berkas berikut belum dapat diterbitkan. Perbaiki lalu simpan; halaman "
           "ini diperbarui otomatis.", ""]
    out += [f"- {md(d.format())}" for d in diagnostics]
    return "\n".join(out) + "\n"
