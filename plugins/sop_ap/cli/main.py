"""The ``sop`` command: validate, show, schema and new. Help and messages are in Indonesian."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .. import __version__
from .argparse_id import install_indonesian_argparse
from .import_pdf import add_import_parser
from .portal import add_portal_parser
from ..engine.diagnostics import Diagnostic
from ..source.registry import Registry, SopEntry, load_registry
from ..source.schema import SCHEMA_PATH, schema_text
from ..render.summary import sop_summary, sop_summary_text
from .new_sop import new_sop_path, new_sop_text

DEFAULT_ROOT = Path("sops")
JSON_VERSION = 1


def _absolute(path: Path) -> Path:
    """An absolute path without following symbolic links (a link out of the registry stays in it)."""
    return Path(os.path.abspath(path))


def _registry_root_for(path: Path) -> Path:
    """The registry a path belongs to: itself or its nearest ancestor named ``sops``, else its folder."""
    resolved = _absolute(path)
    for candidate in (resolved, *resolved.parents):
        if candidate.name == "sops" and candidate.is_dir():
            return candidate
    return resolved if resolved.is_dir() and not resolved.is_symlink() else resolved.parent


def collect(paths: Sequence[Path]) -> tuple[list[Registry], list[SopEntry], list[Diagnostic]]:
    """Load the registries that the given paths belong to; return the entries asked for."""
    registries: list[Registry] = []
    wanted: list[SopEntry] = []
    problems: list[Diagnostic] = []
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            registry = load_registry(_registry_root_for(path))
            registries.append(registry)
            inside = _absolute(path)
            wanted += [e for e in registry.entries if inside in _absolute(e.path).parents]
            problems += registry.diagnostics
        elif path.is_file() or path.is_symlink():
            root = _registry_root_for(path)
            registry = load_registry(root)
            registries.append(registry)
            match = [e for e in registry.entries if _absolute(e.path) == _absolute(path)]
            if not match:  # a file outside the registry's usual places (hidden folder, other suffix)
                registry = load_registry(root, files=[path])
                match = registry.entries
            wanted += match
            problems += registry.diagnostics
        else:
            problems.append(Diagnostic("error", "path-tak-ada", f"Berkas atau folder '{path}' tidak ada.",
                                       file=str(path)))
    unique = list({id(p): p for p in problems}.values())
    return registries, wanted, unique


def cmd_validate(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths] or [DEFAULT_ROOT]
    registries, entries, problems = collect(paths)
    diagnostics = problems + [d for e in entries for d in e.diagnostics]
    # Positions named differently across SOPs (sops/_jabatan.yaml): notes on the files asked for.
    from ..source.roles import role_notes

    shown = {e.display for e in entries}
    seen_notes: set[str] = set()
    for registry in registries:
        for note in role_notes(registry):
            if (note.file in shown or note.file is None or note.file.endswith("_jabatan.yaml")) \
                    and note.format() not in seen_notes:
                seen_notes.add(note.format())
                diagnostics.append(note)
    if args.strict:
        diagnostics = [Diagnostic("error", d.code, d.message, d.path, d.file, d.line, d.column)
                       if d.level == "warning" else d for d in diagnostics]
    errors = sum(d.level == "error" for d in diagnostics)
    warnings = sum(d.level == "warning" for d in diagnostics)
    if args.format == "json":
        per_file = [{
            "file": e.display, "id": e.id,
            "valid": e.sop is not None and not any(d.level == "error" for d in e.diagnostics),
            "errors": sum(d.level == "error" for d in e.diagnostics),
            "warnings": sum(d.level == "warning" for d in e.diagnostics),
        } for e in entries]
        print(json.dumps({"version": JSON_VERSION, "strict": args.strict, "files": per_file,
                          "diagnostics": [d.as_dict() for d in diagnostics],
                          "summary": {"files": len(entries), "errors": errors, "warnings": warnings}},
                         ensure_ascii=False, indent=2))
    else:
        for diag in sorted(diagnostics, key=lambda d: (d.file or "", d.line or 0, d.column or 0)):
            print(diag.format())
        if not entries and not problems:
            print("Tidak ada berkas SOP (*.yaml) yang ditemukan.")
        verdict = "GAGAL" if errors else "OK"
        print(f"{verdict}: {len(entries)} berkas SOP diperiksa, {errors} galat, {warnings} peringatan.")
    return 1 if errors else 0


def cmd_show(args: argparse.Namespace) -> int:
    root = Path(args.root)
    if not root.is_dir():
        print(f"galat: folder registri '{root}' tidak ada.", file=sys.stderr)
        return 1
    registry = load_registry(root)
    target = Path(args.id)
    entry = None
    if target.is_file():
        entry = next((e for e in registry.entries if _absolute(e.path) == _absolute(target)), None)
    entry = entry or registry.get(args.id)
    if entry is None:
        known = ", ".join(e.id for e in registry.entries[:10])
        print(f"galat: SOP '{args.id}' tidak ditemukan di {root}. ID yang ada: {known}", file=sys.stderr)
        return 1
    if entry.sop is None:
        for diag in entry.diagnostics:
            print(diag.format(), file=sys.stderr)
        print(f"galat: SOP '{entry.id}' tidak valid; perbaiki dulu galat di atas.", file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps({"version": JSON_VERSION, **sop_summary(entry, registry)}, ensure_ascii=False, indent=2,
                         default=str))
    else:
        print(sop_summary_text(entry, registry))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    text = schema_text()
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"Skema JSON ditulis ke {out}.")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    out = Path(args.output) if args.output else new_sop_path(DEFAULT_ROOT, args.instansi, args.unit, args.nama)
    if out.exists() and not args.force:
        print(f"galat: {out} sudah ada; tidak ditimpa. Pilih nama lain dengan --output.", file=sys.stderr)
        return 1
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(new_sop_text(out, Path.cwd(), args.instansi, args.unit, args.nama, args.nomor), encoding="utf-8")
    print(f"SOP baru ditulis ke {out}. Lengkapi isinya, lalu jalankan: sop validate {out}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    install_indonesian_argparse()
    parser = argparse.ArgumentParser(
        prog="sop", description="Alat registri SOP Administrasi Pemerintahan (Permenpan RB 35/2012).",
        epilog="contoh:\n  sop validate sops/\n  sop show kabupaten-gowa/kecamatan-bajeng-barat/perjanjian-kinerja\n"
               "  sop new --unit 'Kecamatan Juai' --nama 'Pelayanan Surat Keterangan'",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                        help="tampilkan versi program lalu keluar")
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH", title="perintah")
    sub.required = True

    validate = sub.add_parser("validate", help="periksa berkas SOP", description="Periksa berkas SOP dan "
                              "laporkan setiap galat dan peringatan dengan berkas, baris dan kolomnya.")
    validate.add_argument("paths", nargs="*", metavar="PATH", help="berkas atau folder SOP (bawaan: sops/)")
    validate.add_argument("--strict", action="store_true", help="anggap peringatan sebagai galat")
    validate.add_argument("--format", choices=["teks", "text", "json"], default="teks", help="bentuk keluaran")
    validate.set_defaults(func=cmd_validate)

    show = sub.add_parser("show", help="tampilkan ringkasan satu SOP", description="Tampilkan ringkasan satu "
                          "SOP: identitas, dasar hukum, langkah, dan total waktu baku.")
    show.add_argument("id", metavar="ID", help="ID SOP (mis. kabupaten-gowa/kecamatan-bajeng-barat/"
                      "perjanjian-kinerja), path berkasnya, atau nomor SOP")
    show.add_argument("--root", default=str(DEFAULT_ROOT), help="folder registri (bawaan: sops/)")
    show.add_argument("--format", choices=["teks", "text", "json"], default="teks", help="bentuk keluaran")
    show.set_defaults(func=cmd_show)

    schema = sub.add_parser("schema", help="tulis skema JSON berkas SOP", description="Tulis skema JSON yang "
                            "dibuat dari model SOP, untuk editor (VS Code, dll.) dan sistem lain.")
    schema.add_argument("-o", "--output", default=str(SCHEMA_PATH),
                        help=f"berkas tujuan, atau '-' untuk layar (bawaan: {SCHEMA_PATH})")
    schema.set_defaults(func=cmd_schema)

    new = sub.add_parser("new", help="buat berkas SOP baru yang valid", description="Buat berkas SOP baru "
                         "berisi contoh yang valid untuk dilengkapi.")
    new.add_argument("--instansi", default="Pemerintah Kabupaten Contoh", help="pemerintah/instansi")
    new.add_argument("--unit", default="Kecamatan Contoh", help="unit kerja")
    new.add_argument("--nama", default="SOP Baru", help="nama SOP")
    new.add_argument("--nomor", default="000/SOP/2026", help="nomor SOP")
    new.add_argument("-o", "--output", help="path berkas (bawaan: sops/<instansi>/<unit>/<nama>.yaml)")
    new.add_argument("--force", action="store_true", help="timpa berkas yang sudah ada")
    new.set_defaults(func=cmd_new)
    add_import_parser(sub)
    add_portal_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "format", None) == "teks":
        args.format = "text"
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - last resort: a message, never a traceback
        print(f"galat internal: {type(exc).__name__}: {exc}. Mohon laporkan ini kepada pengelola registri.",
              file=sys.stderr)
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
