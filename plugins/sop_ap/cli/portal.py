"""``sop portal``: build the index site over many registries from their published ``sops.json`` files."""

from __future__ import annotations

import sys
from pathlib import Path

from ..portal.build import PortalError, build, read_list, read_shards


def add_portal_parser(sub) -> None:
    parser = sub.add_parser("portal", help="bangun portal atas banyak registri",
                            description="Bangun situs portal dari daftar registri: daftar SOP menurut provinsi, "
                            "kabupaten/kota dan instansi, peraturan yang dikutip, dan pencarian di semua registri. "
                            "Data tiap registri (sops.json) diambil dulu oleh alur kerja portal, tidak saat halaman "
                            "dibuka.")
    parser.add_argument("daftar", metavar="DAFTAR", help="berkas YAML daftar registri (nama, url, data, provinsi, "
                        "wilayah)")
    parser.add_argument("--ke", "--out", dest="ke", default="site-portal", metavar="FOLDER",
                        help="folder situs portal (bawaan: site-portal/)")
    parser.add_argument("--tanpa-pencarian", action="store_true", help="jangan buat indeks pencarian")
    parser.add_argument("--gabung", action="append", default=[], metavar="FOLDER_ATAU_URL",
                        help="situs nasional atas pecahan provinsi: folder portal provinsi yang sudah dibangun "
                        "(disalin ke provinsi-shard/<nama>/) atau alamat http(s) situsnya; boleh diulang. Situs ini "
                        "tidak membuat indeks pencarian sendiri: pencariannya menggabungkan indeks semua pecahan "
                        "(Pagefind multisite)")
    parser.set_defaults(func=cmd_portal)


def cmd_portal(args) -> int:
    try:
        shards = read_shards(args.gabung)  # checked first: nothing is written for a bad shard
        name, sources = read_list(Path(args.daftar))
        report = build(name, sources, Path(args.ke), search=not args.tanpa_pencarian, shards=shards)
    except PortalError as exc:
        print(f"galat: {exc}", file=sys.stderr)
        return 1
    print(f"Portal '{name}': {report.sops} SOP dari {report.registries} registri, {report.pages} halaman, ke {args.ke}")
    if shards:
        print(f"  pencarian menggabungkan {len(shards)} pecahan: {', '.join(s.name for s in shards)}")
    for step, seconds in report.seconds.items():
        print(f"  {step}: {seconds:.2f} s")
    for what, size in report.bytes.items():
        print(f"  {what}: {size / 1e3:.1f} KB")
    return 0
