"""A unit's letterhead (kop surat): ``_kop.yaml`` in the instansi's or the unit's folder of ``sops/``.

::

    # sops/kabupaten-gowa/_kop.yaml (every unit of the instansi)
    instansi: PEMERINTAH KABUPATEN GOWA
    # sops/kabupaten-gowa/kecamatan-bajeng-barat/_kop.yaml (this unit)
    unit: KECAMATAN BAJENG BARAT
    alamat: Jalan Poros Limbung Nomor 1, Bajeng Barat 92152

``instansi`` and ``unit`` replace the SOP's own ``instansi`` / ``unit`` line at the top left of the identity
part (page and paper); ``alamat`` (a text or a list of texts) adds lines below. Files are read from the
registry's root down to the SOP's folder and a nearer file wins key by key, like the logo (``logos``). The
leading underscore keeps the file out of the SOP files. A file with mistakes is an error with its line.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..engine.diagnostics import Diagnostic, error
from ..engine.errors import pydantic_diagnostics
from .yaml_source import decode, load_yaml

LETTERHEAD_FILE = "_kop.yaml"


class Letterhead(BaseModel):
    """The keys of ``_kop.yaml``; every one optional."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    instansi: str | None = Field(None, min_length=1, description="Baris instansi pada kop, mis. PEMERINTAH "
                                 "KABUPATEN GOWA; menggantikan 'instansi' SOP.")
    unit: str | None = Field(None, min_length=1, description="Baris unit pada kop; menggantikan 'unit' SOP.")
    alamat: list[str] = Field(default_factory=list, description="Baris tambahan di bawahnya (alamat, telepon).")

    @field_validator("alamat", mode="before")
    @classmethod
    def _one_line(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @field_validator("alamat")
    @classmethod
    def _no_empty_line(cls, value: list[str]) -> list[str]:
        return [line for line in value if line.strip()]


def load_letterhead(path: Path, display: str) -> tuple[Letterhead | None, list[Diagnostic]]:
    """One ``_kop.yaml``; problems are errors located at their line."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [error("kop-baca", f"Kop surat tidak dapat dibaca: {exc.strerror or exc}.")
                      .located(display, None, None)]
    text, problem = decode(raw)
    if problem is not None:
        return None, [problem.located(display, None, None)]
    parsed = load_yaml(text)
    if parsed.data is None:
        return None, [d.located(display, d.line, d.column) for d in parsed.diagnostics]
    found = [d.located(display, d.line, d.column) for d in parsed.diagnostics]
    try:
        letterhead = Letterhead.model_validate(parsed.data)
    except ValidationError as exc:
        for diag in pydantic_diagnostics(exc, parsed.positions.has, known=sorted(Letterhead.model_fields)):
            found.append(diag.located(display, *parsed.positions.locate(diag.path, prefer_key=True)))
        return None, found
    return letterhead, found


def load_letterheads(root: Path, sop_files: list[Path], display: Callable[[Path], str] = Path.as_posix,
                     ) -> tuple[dict[Path, Letterhead], list[Diagnostic]]:
    """Every ``_kop.yaml`` in a folder between the root (included) and an SOP file, by folder; ``display``
    names a file in messages (the registry's own way)."""
    root = root.resolve()
    folders: set[Path] = set()
    for path in sop_files:
        folder = path.resolve().parent
        while folder == root or root in folder.parents:
            if folder in folders:
                break
            folders.add(folder)
            folder = folder.parent
    out: dict[Path, Letterhead] = {}
    problems: list[Diagnostic] = []
    for folder in sorted(folders):
        path = folder / LETTERHEAD_FILE
        if path.is_symlink() or not path.is_file():  # a link is never followed (it may point outside sops/)
            continue
        letterhead, found = load_letterhead(path, display(path))
        problems += found
        if letterhead is not None:
            out[folder] = letterhead
    return out, problems


def letterhead_for(sop_file: Path, root: Path, letterheads: dict[Path, Letterhead]) -> Letterhead:
    """The letterhead of an SOP: files from the root down to its folder, the nearer winning key by key."""
    root = root.resolve()
    folder = sop_file.resolve().parent
    chain = []
    while folder == root or root in folder.parents:
        if folder in letterheads:
            chain.append(letterheads[folder])
        folder = folder.parent
    merged: dict = {}
    for letterhead in reversed(chain):
        merged.update(letterhead.model_dump(exclude_unset=True))
    return Letterhead.model_validate(merged)
