"""``sop import``: old SOP documents (text or PDF with a text layer) to draft SOP files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .importer.draft import draft_yaml, report
from .importer.parse import parse_document
from .importer.read import ImportError_, read_document
from .registry import load_sop_text
from .template import slug


def add_import_parser(sub) -> None:
    parser = sub.add_parser("import", help="impor dokumen SOP lama menjadi draf berkas SOP",
                            description="Baca teks dokumen SOP lama (teks, atau PDF yang punya lapisan teks) dan "
                            "tulis draf berkas SOP untuk diperiksa. Isian yang diragukan ditandai '# PERIKSA'.")
    parser.add_argument("files", nargs="+", metavar="BERKAS", help="dokumen SOP (.txt, .md, .pdf)")
    parser.add_argument("--out", default="sops", help="folder registri tujuan (bawaan: sops/)")
    parser.add_argument("-o", "--output", help="path draf (hanya untuk satu berkas)")
    parser.add_argument("--force", action="store_true", help="timpa draf yang sudah ada")
    parser.set_defaults(func=cmd_import)


def _target(draft, source: Path, out: Path) -> Path:
    data = draft.data
    if data.get("instansi") and data.get("unit") and data.get("nama"):
        return out / slug(data["instansi"].removeprefix("Pemerintah ")) / slug(data["unit"]) / f"{slug(data['nama'])}.yaml"
    return out / "impor" / f"{slug(source.stem)}.yaml"


def cmd_import(args: argparse.Namespace) -> int:
    if args.output and len(args.files) > 1:
        print("galat: --output hanya untuk satu berkas; pakai --out untuk beberapa.", file=sys.stderr)
        return 2
    failed = 0
    for name in args.files:
        source = Path(name)
        try:
            text = read_document(source)
        except ImportError_ as exc:
            print(f"galat: {exc}", file=sys.stderr)
            failed += 1
            continue
        draft = parse_document(text)
        target = Path(args.output) if args.output else _target(draft, source, Path(args.out))
        if target.exists() and not args.force:
            print(f"galat: {target} sudah ada; tidak ditimpa (pakai --force atau --output).", file=sys.stderr)
            failed += 1
            continue
        content = draft_yaml(draft, target, Path.cwd(), source.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        entry = load_sop_text(content, target.as_posix())
        errors = sum(d.level == "error" for d in entry.diagnostics)
        warnings = sum(d.level == "warning" for d in entry.diagnostics)
        print(report(draft, source.as_posix(), target.as_posix(), errors, warnings))
    return 1 if failed else 0
