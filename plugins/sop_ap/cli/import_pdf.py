"""``sop import``: old SOP documents (PDF, text) to draft SOP files, one file at a time so that a bad
file never stops a batch."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..importer.draft import draft_yaml, report
from ..importer.read import ImportError_, load_draft
from ..source.registry import load_sop_text
from .new_sop import slug

DEFAULT_DRAFTS = "draf"
"""Drafts go here by default: outside ``sops/``, so an import never breaks ``sop validate`` of the registry."""


def add_import_parser(sub) -> None:
    parser = sub.add_parser("import", help="impor dokumen SOP lama menjadi draf berkas SOP",
                            description="Baca dokumen SOP lama (PDF, termasuk PDF bertanda tangan elektronik, atau "
                            "teks) dan tulis draf berkas SOP untuk diperiksa. Isian yang diragukan ditandai "
                            "'# PERIKSA'. Draf ditulis ke draf/<instansi>/<unit>/<nama>.yaml; berkas yang sudah ada "
                            "tidak pernah ditimpa.")
    parser.add_argument("files", nargs="+", metavar="BERKAS", help="dokumen SOP (.pdf, .txt, .md)")
    parser.add_argument("--ke", "--out", dest="ke", default=DEFAULT_DRAFTS, metavar="FOLDER",
                        help="folder tujuan draf (bawaan: draf/, di luar registri; '--ke sops/' menaruhnya langsung "
                        "di registri)")
    parser.add_argument("-o", "--output", help="path draf (hanya untuk satu berkas)")
    parser.set_defaults(func=cmd_import)


def _target(draft, source: Path, out: Path) -> Path:
    data = draft.data
    if data.get("instansi") and data.get("unit") and data.get("nama"):
        return out / slug(data["instansi"].removeprefix("Pemerintah ")) / slug(data["unit"]) / f"{slug(data['nama'])}.yaml"
    return out / "impor" / f"{slug(source.stem)}.yaml"


def _free(path: Path) -> Path:
    """The path itself, or ``name-2.yaml``, ``name-3.yaml`` … when it exists: never overwrite."""
    if not path.exists():
        return path
    n = 2
    while path.with_name(f"{path.stem}-{n}{path.suffix}").exists():
        n += 1
    return path.with_name(f"{path.stem}-{n}{path.suffix}")


def _import_one(source: Path, args: argparse.Namespace) -> tuple[bool, str]:
    """Import one file; (ok, one line for the closing summary). Raises ImportError_ for a clear failure."""
    draft = load_draft(source)
    if draft.empty():
        raise ImportError_(draft.empty_message(source))
    if args.output:
        target = Path(args.output)
        if target.exists():
            raise ImportError_(f"{target} sudah ada; tidak ditimpa. Pilih path lain dengan -o.")
    else:
        target = _free(_target(draft, source, Path(args.ke)))
    content = draft_yaml(draft, target, Path.cwd(), source.name)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:  # "x": fails rather than overwrite a file made meanwhile
        handle.write(content)
    entry = load_sop_text(content, target.as_posix())
    errors = sum(d.level == "error" for d in entry.diagnostics)
    warnings = sum(d.level == "warning" for d in entry.diagnostics)
    print(report(draft, source.as_posix(), target.as_posix(), errors, warnings))
    if not (draft.data.get("langkah") or any(chart["langkah"] for chart in draft.data.get("varian") or [])):
        return False, f"SEBAGIAN  {source} → {target}: bagan alir tidak terbaca; draf hanya memuat identitas"
    counts = draft.counts()
    return True, (f"OK        {source} → {target}: {counts['read']} isian terbaca, {counts['flagged']} ditandai, "
                  f"{counts['missing']} tidak ada")


def cmd_import(args: argparse.Namespace) -> int:
    if args.output and len(args.files) > 1:
        print("galat: -o/--output hanya untuk satu berkas; pakai --ke FOLDER untuk beberapa.", file=sys.stderr)
        return 2
    summary: list[str] = []
    failed = 0
    for name in args.files:
        source = Path(name)
        try:
            ok, line = _import_one(source, args)
        except ImportError_ as exc:
            ok, line = False, f"GAGAL     {source}: {exc}"
            print(f"galat: {exc}", file=sys.stderr)
        except KeyboardInterrupt:
            raise
        except Exception as exc:  # noqa: BLE001 - one bad file must never stop the batch or show a traceback
            ok = False
            line = (f"GAGAL     {source}: galat internal ({type(exc).__name__}). Ini kesalahan alat impor, bukan "
                    "kesalahan Anda; mohon laporkan beserta berkasnya.")
            print(f"galat: {line.split(':', 1)[1].strip()} (berkas: {source})", file=sys.stderr)
        failed += not ok
        summary.append(line)
    if len(args.files) > 1 or failed:
        print(f"\nRingkasan impor ({len(args.files)} berkas, {len(args.files) - failed} berhasil, {failed} gagal "
              "atau sebagian):")
        print("\n".join(f"  {line}" for line in summary))
    return 1 if failed else 0
