"""Writing a draft SOP file: our YAML format, every doubtful value marked ``# PERIKSA: <alasan>``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from ..schema import schema_ref_for
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
    out.append("pelaksana:" + note("pelaksana"))
    out += [f"  - nama: {_q(p['nama'])}" for p in data.get("pelaksana") or []]
    out.append("")
    out.append("langkah:")
    for i, step in enumerate(data.get("langkah") or []):
        out.append(f"  - no: {step['no']}" + note(f"langkah[{i}].no"))
        out.append(f"    kegiatan: {_q(step['kegiatan'])}")
        out.append(f"    oleh: {_q(step['oleh'])}" + note(f"langkah[{i}].oleh"))
        if "simbol" in step:
            out.append(f"    simbol: {step['simbol']}")
        if "cabang" in step:
            out.append("    cabang:" + note(f"langkah[{i}].cabang"))
            out += [f"      {_q(label)}: {_q(target)}" for label, target in step["cabang"].items()]
        for key in ("kelengkapan", "waktu", "output", "keterangan"):
            if step.get(key) is not None:
                out.append(f"    {key}: {_q(step[key])}")
    if flags:
        out += ["", "catatan:"]
        out += [f"  - {_q(f'{MARK} {key}: {reason}')}" for key, reason in flags.items()]
    return "\n".join(out) + "\n"


def report(draft: Draft, source: str, target: str, errors: int, warnings: int) -> str:
    """A short Indonesian report of one import: read, inferred, missing, and what remains to fix."""
    steps = draft.data.get("langkah") or []
    lines = [f"Impor {source} → {target}",
             f"  Terbaca: {', '.join(draft.read) or '-'}; {len(draft.data.get('dasar_hukum') or [])} dasar hukum, "
             f"{len(draft.data.get('pelaksana') or [])} pelaksana, {len(steps)} langkah."]
    if draft.inferred:
        lines.append("  Disimpulkan (periksa):")
        lines += [f"    - {item}" for item in draft.inferred]
    lines.append(f"  Tidak ada: {', '.join(draft.missing) or '-'}.")
    lines.append(f"  Ditandai '# {MARK}': {len(draft.flags)} isian.")
    verdict = "valid" if errors == 0 else f"belum valid ({errors} galat)"
    lines.append(f"  Draf {verdict}, {warnings} peringatan. Jalankan: sop validate {target}")
    return "\n".join(lines)
