"""Measured accuracy of `sop import`: the drafts of both seed documents against the hand-made SOP files.

Compared field by field: identity fields, each legal-basis citation (kind, number, year), the other
boxes, the pelaksana columns, each step's kegiatan, performer, duration and output, and each decision's
exits. Prints the share of fields that match, and the share of mismatches the draft had flagged.

    .venv/bin/python tools/import_accuracy.py --markdown docs/import.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from bench_report import write_section  # noqa: E402
from sop_ap.engine.checks import norm_name, performer_lookup  # noqa: E402
from sop_ap.engine.citations import normalise_kind  # noqa: E402
from sop_ap.importer.parse import parse_document  # noqa: E402
from sop_ap.importer.read import read_document  # noqa: E402
from sop_ap.registry import load_registry  # noqa: E402

SEEDS = {
    "000_0f9106feebafe0b5.txt": "kabupaten-gowa/kecamatan-bajeng-barat/perjanjian-kinerja",
    "004_0a29e8dc1d9b08e9.txt": "kabupaten-balangan/kecamatan-juai/penyusunan-rencana-kinerja-tahunan",
}
HEADING = "## Ketepatan pada dua dokumen contoh"


def _pct(value: float) -> str:
    """98.3 -> "98,3" (Indonesian decimal comma)."""
    return f"{value:.1f}".replace(".", ",")


def _n(value: object) -> str:
    if isinstance(value, list):
        return " | ".join(_n(v) for v in value)
    if isinstance(value, dict):
        return " | ".join(f"{_n(k)}={_n(v)}" for k, v in sorted(value.items(), key=lambda kv: str(kv[0])))
    return norm_name(str(value)).strip(" .;:,") if value is not None else ""


def _flagged(path: str, flags: dict[str, str]) -> bool:
    """A field counts as flagged when it, or a field containing it, is marked."""
    probe = path
    while True:
        if probe in flags:
            return True
        cut = max(probe.rfind("."), probe.rfind("["))
        if cut <= 0:
            return False
        probe = probe[:cut]


def fields(draft: dict, truth) -> list[tuple[str, str, str]]:
    """(path, draft value, hand-made value) for every compared field."""
    sop = truth
    out = []
    for key in ("nomor", "nama", "instansi", "unit", "subunit"):
        out.append((key, _n(draft.get(key)), _n(getattr(sop, key))))
    for key in ("pembuatan", "revisi", "efektif"):
        value = draft.get("tanggal", {}).get(key)
        out.append((f"tanggal.{key}", _n(value), _n(getattr(sop.tanggal, key))))
    for key in ("jabatan", "nama", "nip"):
        out.append((f"disahkan.{key}", _n(draft.get("disahkan", {}).get(key)), _n(getattr(sop.disahkan, key))))
    drafted = draft.get("dasar_hukum") or []
    for i, citation in enumerate(sop.dasar_hukum):
        mine = drafted[i] if i < len(drafted) else {}
        key = (normalise_kind(mine.get("jenis", "")) or mine.get("jenis"), str(mine.get("nomor")), mine.get("tahun"))
        out.append((f"dasar_hukum[{i}]", _n(list(map(str, key))),
                    _n([citation.kind or citation.jenis, citation.nomor, str(citation.tahun)])))
    for key in ("kualifikasi", "peralatan", "pencatatan"):
        out.append((key, _n(draft.get(key) or []), _n(getattr(sop, key))))
    out.append(("keterkaitan", _n(draft.get("keterkaitan") or []), _n([k.sop for k in sop.keterkaitan])))
    out.append(("peringatan", _n(draft.get("peringatan")), _n(sop.peringatan)))
    chart = sop.flowcharts[0]
    out.append(("pelaksana", _n([p["nama"] for p in draft.get("pelaksana") or []]),
                _n([p.nama for p in chart.performers])))
    lookup = performer_lookup(chart)
    drafted_steps = draft.get("langkah") or []
    for i, step in enumerate(chart.steps):
        mine = drafted_steps[i] if i < len(drafted_steps) else {}
        col = lookup.get(norm_name(step.oleh[0]))
        performer = chart.performers[col].nama if col is not None else step.oleh[0]
        out.append((f"langkah[{i}].no", _n(mine.get("no")), _n(step.no)))
        out.append((f"langkah[{i}].kegiatan", _n(mine.get("kegiatan")), _n(step.kegiatan)))
        out.append((f"langkah[{i}].oleh", _n(mine.get("oleh")), _n(performer)))
        out.append((f"langkah[{i}].waktu", _n(mine.get("waktu")), _n(step.waktu)))
        out.append((f"langkah[{i}].output", _n(mine.get("output")), _n(step.output)))
        if step.cabang:
            out.append((f"langkah[{i}].cabang", _n(mine.get("cabang") or {}), _n(step.cabang)))
    return out


def measure() -> list[dict]:
    registry = load_registry(ROOT / "sops")
    rows = []
    for source, sop_id in SEEDS.items():
        draft = parse_document(read_document(ROOT / "tests" / "data" / "seeds" / source))
        compared = fields(draft.data, registry.by_id[sop_id].sop)
        wrong = [(path, a, b) for path, a, b in compared if a != b]
        flagged = [w for w in wrong if _flagged(w[0], draft.flags)]
        rows.append({"source": source, "id": sop_id, "fields": len(compared), "right": len(compared) - len(wrong),
                     "wrong": wrong, "flagged": len(flagged), "flags": len(draft.flags)})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", type=Path)
    args = parser.parse_args()
    rows = measure()
    lines = [HEADING, "", f"Diukur {dt.date.today().isoformat()} dengan:", "",
             "    python tools/import_accuracy.py " + " ".join(sys.argv[1:]), "",
             "| dokumen contoh | isian dibandingkan | benar | persen benar | salah | salah dan ditandai | tanda PERIKSA di draf |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        wrong = len(r["wrong"])
        share_flagged = f"{r['flagged']}/{wrong}" if wrong else "0/0"
        lines.append(f"| {r['id'].split('/')[1]} | {r['fields']} | {r['right']} | {_pct(100 * r['right'] / r['fields'])}% "
                     f"| {wrong} | {share_flagged} | {r['flags']} |")
    total = sum(r["fields"] for r in rows)
    right = sum(r["right"] for r in rows)
    wrong = sum(len(r["wrong"]) for r in rows)
    flagged = sum(r["flagged"] for r in rows)
    lines += ["", f"Seluruhnya: {_pct(100 * right / total)}% dari {total} isian benar; "
              f"{flagged} dari {wrong} isian yang salah ditandai" + (f" ({100 * flagged / wrong:.0f}%)." if wrong else "."),
              "", "Isian yang berbeda dari berkas buatan tangan:", ""]
    for r in rows:
        for path, mine, truth in r["wrong"]:
            lines.append(f"- `{r['id'].split('/')[1]}` `{path}`: draf “{mine}”, buatan tangan “{truth}”")
    lines.append("")
    section = "\n".join(lines)
    print(section)
    if args.markdown:
        write_section(args.markdown, HEADING, section)


if __name__ == "__main__":
    main()
