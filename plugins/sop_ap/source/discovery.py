"""Which files make up the registry: one definition for ``sop validate`` and the build.

Only the registry folder is read. A symbolic link (to a file or a folder) that leads out of it is refused, a
dangling one is reported, and neither is opened. Two files that would get one page address are an error
naming both: ``sama.yaml`` beside ``sama.yml``, names that differ only in case (one file on Windows and
macOS), reserved names (``index``, ``README``: MkDocs makes them the folder's index page), and file names
with characters that do not survive in an address (``#``, ``?``, ``%``, spaces …).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..engine.diagnostics import Diagnostic, error
from .site_urls import slug

SOP_SUFFIXES = (".yaml", ".yml")
REGULATIONS_FILE = "peraturan.yaml"
RESERVED_STEMS = ("index", "readme")
"""File names that MkDocs turns into the index page of their folder (compared without case)."""
_URL_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass
class Discovery:
    """The SOP files of a registry, and the problems of its folder: per file (by path) and overall."""

    files: list[Path] = field(default_factory=list)
    per_file: dict[Path, list[Diagnostic]] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)

    def report(self, path: Path, diagnostic: Diagnostic) -> None:
        self.per_file.setdefault(path, []).append(diagnostic)


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _shown(root: Path, rel: str) -> str:
    """A file as named in messages: the registry folder's name and the path inside it (never a link target)."""
    return f"{root.name}/{rel}" if root.name else rel


def _is_sop(name: str) -> bool:
    return name.lower().endswith(SOP_SUFFIXES)


def scan(root: Path) -> Discovery:
    """Every SOP file under ``root`` (hidden and ``_`` folders left out), sorted, and the problems found."""
    found = Discovery()
    real_root = root.resolve()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            names = sorted(os.listdir(folder))
        except OSError as exc:
            found.problems.append(error("folder-baca", f"Folder '{_shown(root, _relative(folder, root))}' tidak "
                                       f"dapat dibaca: {exc.strerror or 'galat'}.").located(str(folder), None, None))
            continue
        subfolders = []
        for name in names:
            if name.startswith((".", "_")):
                continue
            path = folder / name
            rel = _relative(path, root)
            shown = _shown(root, rel)
            if path.is_symlink():
                problem = _link_problem(path, real_root, shown)
                if problem is not None:
                    (found.problems if not _is_sop(name) else found.per_file.setdefault(path, [])).append(
                        problem.located(shown, None, None))
                    if _is_sop(name):
                        found.files.append(path)  # listed, so that validate counts it as a failed file
                    continue
                if path.is_dir():
                    found.problems.append(error("tautan-folder", f"'{shown}' adalah tautan simbolik ke folder lain "
                                                "di registri; tautan folder tidak diikuti (setiap SOP hanya boleh "
                                                "ada di satu tempat). Pindahkan berkasnya ke sini atau hapus "
                                                "tautannya.").located(shown, None, None))
                    continue
            if path.is_dir():
                subfolders.append(path)
            elif path.is_file() and _is_sop(name) and rel != REGULATIONS_FILE:
                found.files.append(path)
        stack.extend(reversed(subfolders))
    found.files.sort()
    _check_names(root, found)
    return found


def _link_problem(path: Path, real_root: Path, shown: str) -> Diagnostic | None:
    """Why a symbolic link is refused, if it is."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return error("tautan-putus", f"'{shown}' adalah tautan simbolik yang tujuannya tidak ada (tautan putus). "
                     "Hapus tautannya atau ganti dengan berkas SOP yang sebenarnya.")
    try:
        target.relative_to(real_root)
    except ValueError:
        kind = "folder" if target.is_dir() else "berkas"
        return error("tautan-keluar", f"'{shown}' adalah tautan simbolik ke {kind} di luar folder registri; "
                     "registri hanya membaca berkas di dalam foldernya sendiri. Salin berkas SOP-nya ke sini, "
                     "atau hapus tautannya.")
    return None


def _check_names(root: Path, found: Discovery) -> None:
    """Two files with one page address, reserved names and names that break an address."""
    by_address: dict[str, list[Path]] = {}
    for path in found.files:
        if path in found.per_file:
            continue  # a refused link: nothing else to say about it
        rel = _relative(path, root)
        stem_rel = rel[: -len(Path(rel).suffix)]
        by_address.setdefault(stem_rel.casefold(), []).append(path)
        shown = _shown(root, rel)
        parts = stem_rel.split("/")
        if parts[-1].lower() in RESERVED_STEMS:
            found.report(path, error("nama-berkas-khusus", f"Nama berkas '{Path(rel).name}' dipakai MkDocs untuk "
                                     "halaman indeks foldernya, sehingga SOP ini akan tertimpa atau menimpa "
                                     f"halaman lain. Ganti namanya, mis. '{slug(path.parent.name or 'sop')}-"
                                     f"{parts[-1].lower()}{path.suffix}'.").located(shown, None, None))
        bad = [part for part in parts if not _URL_SAFE.match(part)]
        if bad:
            odd = sorted({ch for part in bad for ch in part if not re.match(r"[A-Za-z0-9._-]", ch)})
            listed = " ".join(repr(ch) for ch in odd) or "awal nama"
            found.report(path, error("nama-berkas-url", f"Nama '{bad[0]}' pada '{shown}' memuat karakter yang "
                                     f"tidak dapat dipakai di alamat halaman ({listed}); tautan ke halamannya "
                                     f"akan gagal. Gunakan huruf, angka, '-' dan '_', mis. '{slug(bad[0])}'.")
                         .located(shown, None, None))
    for paths in by_address.values():
        if len(paths) < 2:
            continue
        names = [_shown(root, _relative(p, root)) for p in paths]
        for path, shown in zip(paths, names):
            others = ", ".join(f"'{n}'" for n in names if n != shown)
            found.report(path, error("alamat-ganda", f"Berkas '{shown}' dan {others} menghasilkan alamat halaman "
                                     "yang sama (nama sama, hanya beda akhiran .yaml/.yml atau huruf besar/kecil), "
                                     "sehingga satu halaman hilang. Ganti nama salah satunya.")
                         .located(shown, None, None))
