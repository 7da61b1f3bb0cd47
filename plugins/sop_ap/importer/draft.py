"""Writing a draft SOP file: our YAML format, every doubtful value marked ``# PERIKSA: <alasan>``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from ..source.schema import schema_ref_for
from .parse import Draft

MARK = "PERIKSA"


def _q(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.date, int)) and not isinstance(value, bool):
        return str(value) if isinstance(value, int) else value.isoformat()
    return json.dumps(str(value), ensure_ascii=False)


def draft_yaml(draft: Draft, path: Path, project_root: Path, source_name: str) -> str:
    """The draft as YAML text: the same keys as a hand-made SOP file, flags as comments and in ``catatan``."""
    data, flags = draft.data, draft.flags

    def note(key: str) -> str:
        return f"  # {MARK}: {flags[key]}" if key in flags else ""

    def scalar(key: str, value: object, indent: str = "", path_key: str | None = None) -> str:
        return f"{indent}{key}: {_q(value)}".rstrip() + note(path_key or key)

    def text_list(key: str) -> list[str]:
        items = data.get(key) or []
        if not items:
            return [f"{key}: []" + note(key)]
        return [f"{key}:" + note(key)] + [f"  - {_q(x)}" for x in items]

    out = [f"# yaml-language-server: $schema={schema_ref_for(path, project_root)}",
           f"# DRAF hasil 'sop import' dari {source_name}. Periksa setiap baris bertanda '# {MARK}', lalu",
           f"# jalankan: sop validate {path.as_posix()}"]
    for key in ("nomor", "nama", "instansi", "unit", "subunit"):
        if data.get(key) is not None or key in flags:
            out.append(scalar(key, data.get(key)))
    out.append("tanggal:")
    for key in ("pembuatan", "revisi", "efektif"):
        out.append(scalar(key, data.get("tanggal", {}).get(key), "  ", f"tanggal.{key}"))
    out.append("disahkan:")
    for key in ("jabatan", "nama", "nip"):
        out.append(scalar(key, data.get("disahkan", {}).get(key), "  ", f"disahkan.{key}"))
    out.append("")
    citations = data.get("dasar_hukum") or []
    out.append("dasar_hukum:" + note("dasar_hukum") if citations else "dasar_hukum: []" + note("dasar_hukum"))
    for i, item in enumerate(citations):
        first = True
        for key in ("jenis", "nomor", "tahun", "tentang", "teks"):
            if key in item:
                prefix = "  - " if first else "    "
                out.append(f"{prefix}{key}: {_q(item[key])}" + (note(f"dasar_hukum[{i}]") if first else ""))
                first = False
    out.append("")
    for key in ("kualifikasi", "keterkaitan", "peralatan"):
        out += text_list(key)
    out.append(scalar("peringatan", data.get("peringatan")))
    out += text_list("pencatatan")
    out.append("")
    if data.get("varian"):
        out.append("varian:")
        for v, chart in enumerate(data["varian"]):
            out.append(f"  - nama: {_q(chart['nama'])}" + note(f"varian[{v}].nama"))
            out += _chart_lines(chart["pelaksana"], chart["langkah"], "    ", f"varian[{v}].", note)
    else:
        out += _chart_lines(data.get("pelaksana") or [], data.get("langkah") or [], "", "", note)
    if flags:
        out += ["", "catatan:"]
        out += [f"  - {_q(f'{MARK} {key}: {reason}')}" for key, reason in flags.items()]
    return "\n".join(out) + "\n"


def _value(value: object) -> str:
    if isinstance(value, list):
        return _q(value[0]) if len(value) == 1 else "[" + ", ".join(_q(v) for v in value) + "]"
    return _q(value)


def _chart_lines(performers: list[dict], steps: list[dict], ind: str, prefix: str, note) -> list[str]:
    """``pelaksana`` and ``langkah`` of one flowchart, indented by ``ind``; flags under ``prefix``."""
    out = [f"{ind}pelaksana:" + note(f"{prefix}pelaksana")]
    out += [f"{ind}  - nama: {_q(p['nama'])}" for p in performers]
    out.append("")
    out.append(f"{ind}langkah:")
    for i, step in enumerate(steps):
        key = f"{prefix}langkah[{i}]"
        out.append(f"{ind}  - no: {step['no']}" + (note(f"{key}.no") or note(key)))
        out.append(f"{ind}    kegiatan: {_q(step['kegiatan'])}" + note(f"{key}.kegiatan"))
        out.append(f"{ind}    oleh: {_value(step['oleh'])}" + note(f"{key}.oleh"))
        if "simbol" in step:
            out.append(f"{ind}    simbol: {step['simbol']}" + note(f"{key}.simbol"))
        if "ke" in step:
            out.append(f"{ind}    ke: {_q(step['ke'])}" + note(f"{key}.ke"))
        if "cabang" in step:
            out.append(f"{ind}    cabang:" + note(f"{key}.cabang"))
            out += [f"{ind}      {_q(label)}: {_q(target)}" for label, target in step["cabang"].items()]
        for field in ("kelengkapan", "waktu", "output", "keterangan"):
            if step.get(field) is not None:
                out.append(f"{ind}    {field}: {_value(step[field])}" + note(f"{key}.{field}"))
    return out


def report(draft: Draft, source: str, target: str, errors: int, warnings: int) -> str:
    """A short Indonesian report of one import: read, flagged, missing, and what remains to fix."""
    data = draft.data
    charts = data.get("varian") or [{"pelaksana": data.get("pelaksana") or [], "langkah": data.get("langkah") or []}]
    steps = sum(len(c["langkah"]) for c in charts)
    performers = sum(len(c["pelaksana"]) for c in charts)
    origin = {"PDF": "dari PDF", "pindaian": "dari pindaian, dibaca dengan OCR"}.get(draft.source, "dari teks")
    counts = draft.counts()
    lines = [f"Impor {source} ({origin}) → {target}",
             f"  Terbaca: {counts['read']} isian; {len(data.get('dasar_hukum') or [])} dasar hukum, {performers} "
             f"pelaksana, {steps} langkah" + (f" dalam {len(charts)} bagan alir." if len(charts) > 1 else ".")]
    if draft.inferred:
        lines.append("  Disimpulkan (periksa):")
        lines += [f"    - {item}" for item in draft.inferred]
    lines.append(f"  Tidak ada: {', '.join(draft.missing) or '-'}.")
    lines.append(f"  Ditandai '# {MARK}': {counts['flagged']} isian.")
    if steps == 0 or counts["read"] < 10:
        lines.append("  Sedikit sekali yang terbaca dari dokumen ini: periksa apakah ini memang dokumen SOP AP, dan "
                     "lengkapi draf dengan tangan.")
    verdict = "valid" if errors == 0 else f"belum valid ({errors} galat)"
    lines.append(f"  Draf {verdict}, {warnings} peringatan. Jalankan: sop validate {target}")
    return "\n".join(lines)
