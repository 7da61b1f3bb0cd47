"""Measured accuracy of `sop import` on PDFs it was not written against: a round trip.

The SOPs of the registry and generated SOPs (tools/generate_sops.py) are printed to PDF through the
paper layout by Chromium, in the variants of tools/roundtrip_pdf.py (plain, signed = wrapped in a
Form XObject, other titles + headerless continuation pages), imported, and compared field by field
with the source. Fields are grouped: identity, boxes, pelaksana (columns and each step's performers),
steps (no, kegiatan, mutu baku), symbols, exits (where each step goes). For each group: right, wrong,
flagged, and wrong without a flag.

    .venv/bin/python tools/import_accuracy.py --count 50 --markdown docs/import.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "tests"))

from bench_report import write_section  # noqa: E402
from roundtrip_pdf import VARIANTS, render  # noqa: E402
from sop_ap.engine.checks import norm_name, performer_lookup  # noqa: E402
from sop_ap.engine.citations import normalise_kind  # noqa: E402
from sop_ap.engine.model import END  # noqa: E402

HEADING = "## Ketepatan: bolak-balik lewat PDF hasil cetak"
GROUPS = ("identitas", "kotak", "pelaksana", "langkah", "simbol", "arah")


def _n(value: object) -> str:
    if isinstance(value, list):
        return " ".join(_n(v) for v in value)
    if isinstance(value, dict):
        return " | ".join(f"{_n(k)}={_n(v)}" for k, v in sorted(value.items(), key=lambda kv: str(kv[0])))
    return " ".join(norm_name(str(value)).strip(" .;:,").split()) if value not in (None, "-") else ""


def flagged(path: str, flags: dict[str, str]) -> bool:
    """A field counts as flagged when it, or a field containing it, is marked."""
    probe = path
    while True:
        if probe in flags:
            return True
        cut = max(probe.rfind("."), probe.rfind("["))
        if cut <= 0:
            return False
        probe = probe[:cut]


def _successor(steps, i) -> object:
    step = steps[i]
    if step.ke is not None:
        return step.ke
    return steps[i + 1].no if i + 1 < len(steps) else END


def _draft_successor(steps: list[dict], i: int) -> object:
    step = steps[i]
    if "ke" in step:
        return step["ke"]
    return steps[i + 1]["no"] if i + 1 < len(steps) else END


def fields(draft: dict, sop) -> list[tuple[str, str, str, str]]:
    """(group, path, draft value, source value) for every compared field."""
    out = []
    for key in ("nomor", "nama", "instansi", "unit", "subunit"):
        out.append(("identitas", key, _n(draft.get(key)), _n(getattr(sop, key))))
    for key in ("pembuatan", "revisi", "efektif"):
        out.append(("identitas", f"tanggal.{key}", _n(draft.get("tanggal", {}).get(key)), _n(getattr(sop.tanggal, key))))
    for key in ("jabatan", "nama", "nip"):
        out.append(("identitas", f"disahkan.{key}", _n(draft.get("disahkan", {}).get(key)),
                    _n(getattr(sop.disahkan, key))))
    drafted = draft.get("dasar_hukum") or []
    for i, citation in enumerate(sop.dasar_hukum):
        mine = drafted[i] if i < len(drafted) else {}
        key = (normalise_kind(mine.get("jenis", "")) or mine.get("jenis"), mine.get("nomor"), mine.get("tahun"))
        out.append(("kotak", f"dasar_hukum[{i}]", _n([str(k) for k in key]),
                    _n([str(k) for k in (citation.kind or citation.jenis, citation.nomor, citation.tahun)])))
    for key in ("kualifikasi", "peralatan", "pencatatan"):
        out.append(("kotak", key, _n(draft.get(key) or []), _n(getattr(sop, key))))
    out.append(("kotak", "keterkaitan", _n(draft.get("keterkaitan") or []), _n([k.sop for k in sop.keterkaitan])))
    out.append(("kotak", "peringatan", _n(draft.get("peringatan")), _n(sop.peringatan)))
    charts = draft.get("varian") or [{"pelaksana": draft.get("pelaksana") or [], "langkah": draft.get("langkah") or []}]
    for c, chart in enumerate(sop.flowcharts):
        prefix = f"varian[{c}]." if len(sop.flowcharts) > 1 else ""
        mine_chart = charts[c] if c < len(charts) else {"pelaksana": [], "langkah": []}
        out.append(("pelaksana", f"{prefix}pelaksana", _n([p["nama"] for p in mine_chart["pelaksana"]]),
                    _n([p.nama for p in chart.performers])))
        lookup = performer_lookup(chart)
        steps = mine_chart["langkah"]
        for i, step in enumerate(chart.steps):
            mine = steps[i] if i < len(steps) else {}
            path = f"{prefix}langkah[{i}]"
            oleh = [chart.performers[lookup[norm_name(o)]].nama if norm_name(o) in lookup else o for o in step.oleh]
            drafted_oleh = mine.get("oleh") or []
            out.append(("pelaksana", f"{path}.oleh", _n(drafted_oleh if isinstance(drafted_oleh, list)
                                                        else [drafted_oleh]), _n(oleh)))
            out.append(("langkah", f"{path}.no", _n(mine.get("no")), _n(step.no)))
            out.append(("langkah", f"{path}.kegiatan", _n(mine.get("kegiatan")), _n(step.kegiatan)))
            for key in ("kelengkapan", "output"):
                out.append(("langkah", f"{path}.{key}", _n(mine.get(key) or ""), _n(getattr(step, key))))
            waktu = mine.get("waktu")
            if waktu == "gabung" and 0 < i <= len(steps):  # merged with the cell above: the same time
                waktu = steps[i - 1].get("waktu")
            out.append(("langkah", f"{path}.waktu", _n(waktu), _n(step.waktu)))
            out.append(("langkah", f"{path}.keterangan", _n(mine.get("keterangan")), _n(step.keterangan)))
            out.append(("simbol", f"{path}.simbol", _n(mine.get("simbol", "proses")), _n(step.simbol)))
            if step.cabang:
                out.append(("arah", f"{path}.cabang", _n(mine.get("cabang") or {}), _n(step.cabang)))
            else:
                there = _draft_successor(steps, i) if i < len(steps) else None
                if "cabang" in mine:
                    there = mine["cabang"]
                key = "ke" if "ke" in mine or step.ke is not None else "cabang" if "cabang" in mine else "ke"
                out.append(("arah", f"{path}.{key}", _n(there), _n(_successor(chart.steps, i))))
    return out


def corpus(count: int, seed: int, workdir: Path):
    """The registry's SOPs and ``count`` generated ones, as (entries, registry)."""
    from generate_sops import write

    from sop_ap.source.registry import load_registry

    out = workdir / "sops"
    write(count, seed=seed, out_dir=out)
    for path in (ROOT / "sops").rglob("*.yaml"):
        target = out / path.relative_to(ROOT / "sops")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    registry = load_registry(out)
    return [e for e in registry.entries if e.sop is not None], registry


def measure(count: int = 50, seed: int = 11, variants: tuple[str, ...] = VARIANTS, ocr_count: int = 10) -> dict:
    from browser import chromium

    from sop_ap.importer.pdf_draft import pdf_draft

    stats: dict = {v: {g: {"fields": 0, "right": 0, "wrong": 0, "flagged": 0, "silent": 0} for g in GROUPS}
                   for v in variants}
    examples: dict = {v: [] for v in variants}
    timing = {v: {"pages": 0, "seconds": 0.0, "documents": 0} for v in variants}
    failed: list[str] = []
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        entries, registry = corpus(count, seed, Path(tmp))
        page = browser.new_page()
        for variant in variants:
            chosen = entries[:ocr_count] if variant == "pindaian" else entries
            for entry, pdf in render(chosen, registry, variant, page):
                path = Path(tmp) / f"{variant}.pdf"
                path.write_bytes(pdf)
                start = time.perf_counter()
                try:
                    draft = pdf_draft(path)
                except Exception as exc:  # noqa: BLE001 - a failed import is measured, not fatal
                    failed.append(f"{variant} {entry.id}: {type(exc).__name__}: {exc}")
                    continue
                t = timing[variant]
                t["seconds"] += time.perf_counter() - start
                t["pages"] += _page_count(pdf)
                t["documents"] += 1
                for group, fpath, mine, truth in fields(draft.data, entry.sop):
                    s = stats[variant][group]
                    s["fields"] += 1
                    is_flagged = flagged(fpath, draft.flags)
                    s["flagged"] += is_flagged
                    if mine == truth:
                        s["right"] += 1
                    else:
                        s["wrong"] += 1
                        s["silent"] += not is_flagged
                        if not is_flagged or "--all" in sys.argv:
                            examples[variant].append(f"`{entry.id.split('/')[-1]}` `{fpath}`: draf “{mine[:80]}”, "
                                                     f"sumber “{truth[:80]}”")
    return {"stats": stats, "examples": examples, "timing": timing, "failed": failed, "documents": len(entries),
            "ocr_documents": min(ocr_count, len(entries))}


def _page_count(pdf: bytes) -> int:
    from pypdf import PdfReader
    import io

    return len(PdfReader(io.BytesIO(pdf)).pages)


def table(result: dict, command: str) -> str:
    """The Markdown section for docs/import.md, in Indonesian (the page is for staff)."""
    lines = [HEADING, "", f"Diukur {dt.date.today().isoformat()} dengan:", "", f"    {command}", "",
             f"{result['documents']} SOP (milik registri dan hasil pembangkit) dicetak lewat tata letak kertas oleh "
             "Chromium dalam setiap varian (varian pindaian hanya "
             f"{result['ocr_documents']} SOP pertama), lalu diimpor. Varian: *polos* PDF hasil cetak; *ttd* setiap "
             "halaman dibungkus Form XObject dengan catatan tanda tangan; *judul* judul kolom dan label lain, tanpa "
             "judul kolom di halaman lanjutan, sel Waktu yang sama pada baris berurutan digabung, ditandatangani; "
             "*pindaian* dijadikan gambar 200 dpi lalu dibaca dengan Tesseract (simbol dan panah tidak dibaca dari "
             "pindaian: isian itu ditandai). *Ditandai* menghitung isian bertanda `# PERIKSA` (benar atau salah); "
             "*salah tanpa tanda* adalah yang akan terlewat oleh pemeriksa.", "",
             "| varian | kelompok | isian | benar | salah | ditandai | salah tanpa tanda |",
             "|---|---|---:|---:|---:|---:|---:|"]
    for variant, groups in result["stats"].items():
        total = {k: sum(g[k] for g in groups.values()) for k in ("fields", "right", "wrong", "flagged", "silent")}
        for name, g in [*groups.items(), ("**semua**", total)]:
            share = 100 * g["right"] / g["fields"] if g["fields"] else 0
            lines.append(f"| {variant} | {name} | {g['fields']} | {g['right']} ({share:.1f}%) | {g['wrong']} | "
                         f"{g['flagged']} | {g['silent']} |")
    lines += ["", "Kecepatan (membaca dan mengurai, tanpa mencetak):", ""]
    for variant, t in result["timing"].items():
        per_page = t["seconds"] / t["pages"] if t["pages"] else 0
        lines.append(f"- {variant}: {t['seconds']:.1f} detik untuk {t['documents']} PDF berisi {t['pages']} "
                     f"halaman, {per_page:.2f} detik per halaman")
    lines.append("")
    if result["failed"]:
        lines += ["Impor yang gagal:", ""] + [f"- {f}" for f in result["failed"]] + [""]
    silent = [x for v in result["examples"].values() for x in v]
    if silent:
        lines += ["Isian salah tanpa tanda (15 pertama):", ""] + [f"- {x}" for x in silent[:15]] + [""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=50, help="generated SOPs besides the registry's")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--variant", action="append", choices=VARIANTS, help="only these variants")
    parser.add_argument("--ocr-count", type=int, default=10, help="SOPs in the scan variant (OCR is slow)")
    parser.add_argument("--markdown", type=Path, help="write the table into this file (replacing the section)")
    args = parser.parse_args()
    result = measure(args.count, args.seed, tuple(args.variant or VARIANTS), args.ocr_count)
    section = table(result, "python tools/import_accuracy.py " + " ".join(sys.argv[1:]))
    print(section)
    if args.markdown:
        write_section(args.markdown, HEADING, section)


if __name__ == "__main__":
    main()
