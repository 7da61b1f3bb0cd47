"""The registry: every SOP file under a folder, loaded, validated and cross-referenced.

Data flows one way: files -> :func:`load_sop_file` (YAML + model + checks) -> :func:`load_registry`
(keterkaitan resolved within a unit, legal basis checked against the regulations data).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from .discovery import REGULATIONS_FILE, SOP_SUFFIXES, Discovery, scan
from ..engine.checks import norm_name
from ..engine.diagnostics import Diagnostic, error, warning
from ..engine.errors import pydantic_diagnostics
from ..engine.model import Sop
from ..engine.regulations import Regulations, RegulationsFile
from ..engine.validate import validate_data
from .letterhead import Letterhead, load_letterheads
from .validated_cache import ValidatedCache
from .yaml_source import Positions, decode, load_yaml



@dataclass
class SopEntry:
    """One SOP file: its ID, the validated SOP (None when invalid) and its diagnostics."""

    id: str
    path: Path
    display: str
    sop: Sop | None
    diagnostics: list[Diagnostic]
    positions: Positions = field(default_factory=Positions)

    @property
    def ok(self) -> bool:
        return self.sop is not None and not any(d.level == "error" for d in self.diagnostics)

    def add(self, found: list[Diagnostic]) -> None:
        """Attach diagnostics, giving each the file, line and column of its field."""
        for diag in found:
            if diag.line is None:
                line, column = self.positions.locate(diag.path, prefer_key=True)
                diag = diag.located(self.display, line, column)
            elif diag.file is None:
                diag = diag.located(self.display, diag.line, diag.column)
            self.diagnostics.append(diag)


@dataclass(frozen=True)
class Link:
    """A resolved keterkaitan: from one SOP to another, with the relation."""

    source: str
    target: str
    relation: str
    index: int = 0
    """The position of the keterkaitan item in the source SOP."""


def _absolute(path: Path) -> Path:
    """An absolute path with '..' folded, symbolic links left as they are (never followed out of the registry)."""
    return Path(os.path.abspath(path))


def sop_id(path: Path, root: Path) -> str:
    """The ID of an SOP: its path under the root without suffix (``kab-gowa/kec-bajeng-barat/pk``)."""
    try:
        rel = _absolute(path).relative_to(_absolute(root))
    except ValueError:
        rel = Path(path.name)
    return rel.with_suffix("").as_posix()


def display_path(path: Path) -> str:
    """A path as shown in messages: relative to the working folder when it lies inside it (a symbolic link is
    named as the link, never by its target)."""
    try:
        return _absolute(path).relative_to(_absolute(Path.cwd())).as_posix()
    except (ValueError, OSError):
        return path.as_posix()


def load_sop_text(raw: bytes | str, display: str, entry_id: str = "", path: Path | None = None) -> SopEntry:
    """Load and validate one SOP from its bytes; never raises on bad input."""
    entry = SopEntry(entry_id, path or Path(display), display, None, [])
    if isinstance(raw, bytes):
        text, problem = decode(raw)
        if problem:
            entry.add([problem.located(display, None, None)])
            return entry
    else:
        text = raw
    assert text is not None
    parsed = load_yaml(text)
    entry.positions = parsed.positions
    entry.add(parsed.diagnostics)
    if parsed.data is None:
        return entry
    sop, found = validate_data(parsed.data, parsed.positions.has)
    entry.add(found)
    entry.sop = sop
    return entry


def load_sop_file(path: Path, root: Path, display: str | None = None,
                  cache: ValidatedCache | None = None) -> SopEntry:
    """Load and validate one SOP file (from ``cache`` when its bytes were validated before)."""
    display = display or display_path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        entry = SopEntry(sop_id(path, root), path, display, None, [])
        entry.add([error("berkas-baca", f"Berkas tidak dapat dibaca: {exc.strerror or exc}.").located(display, None,
                                                                                                      None)])
        return entry
    if cache is None:
        return load_sop_text(raw, display, sop_id(path, root), path)
    key = cache.key(raw, sop_id(path, root), display, path)
    entry = cache.get(key)
    if entry is None:
        entry = load_sop_text(raw, display, sop_id(path, root), path)
        cache.put(key, entry)
    return entry


def discover(root: Path) -> list[Path]:
    """Every SOP file under ``root`` (see :func:`sop_ap.source.discovery.scan`, which also gives the problems)."""
    return scan(root).files


def load_regulations_text(raw: bytes | str, display: str) -> tuple[Regulations, list[Diagnostic]]:
    """Load a regulations data file; problems become diagnostics."""
    text, problem = decode(raw) if isinstance(raw, bytes) else (raw, None)
    if problem or text is None:
        return Regulations(), [problem.located(display, None, None)] if problem else []
    parsed = load_yaml(text)
    if parsed.data is None or parsed.diagnostics:
        return Regulations(), [d.located(display, d.line, d.column) for d in parsed.diagnostics]
    try:
        model = RegulationsFile.model_validate(parsed.data)
    except ValidationError as exc:
        out = []
        for diag in pydantic_diagnostics(exc, parsed.positions.has):
            line, column = parsed.positions.locate(diag.path, prefer_key=True)
            out.append(diag.located(display, line, column))
        return Regulations(), out
    return Regulations(model.peraturan), []


def shipped_regulations() -> Regulations:
    """The regulations data that ships with the package."""
    raw = resources.files("sop_ap").joinpath("data", REGULATIONS_FILE).read_bytes()
    regulations, problems = load_regulations_text(raw, REGULATIONS_FILE)
    if problems:  # pragma: no cover - the shipped file is tested
        raise RuntimeError("; ".join(p.format() for p in problems))
    return regulations


def _title_key(title: str) -> str:
    return re.sub(r"^sop\s+", "", norm_name(title))


def _unit_key(sop: Sop) -> tuple[str, str]:
    return (norm_name(sop.instansi), norm_name(sop.unit))


@dataclass
class Registry:
    """All SOPs of a folder, with resolved keterkaitan and the regulations they cite."""

    root: Path
    entries: list[SopEntry]
    regulations: Regulations
    diagnostics: list[Diagnostic] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    letterheads: dict[Path, Letterhead] = field(default_factory=dict)
    """``_kop.yaml`` by folder (:mod:`sop_ap.source.letterhead`)."""

    @cached_property
    def by_id(self) -> dict[str, SopEntry]:
        return {entry.id: entry for entry in self.entries}

    def get(self, sop_id_or_path: str) -> SopEntry | None:
        """Find an SOP by ID, by file path, or by nomor."""
        key = sop_id_or_path.strip().removesuffix(".yaml").removesuffix(".yml")
        if key in self.by_id:
            return self.by_id[key]
        for entry in self.entries:
            if entry.display.removesuffix(".yaml").removesuffix(".yml").endswith(key) or (
                    entry.sop and norm_name(entry.sop.nomor) == norm_name(sop_id_or_path)):
                return entry
        return None

    def link_at(self, entry_id: str, index: int) -> SopEntry | None:
        """The SOP that keterkaitan item ``index`` of ``entry_id`` resolves to, if any."""
        for link in self.outgoing(entry_id):
            if link.index == index:
                return self.by_id[link.target]
        return None

    def _link_index(self) -> tuple[dict[str, list[Link]], dict[str, list[Link]]]:
        """Links by source and by target (rebuilt when links were added): a lookup per SOP page, not a scan."""
        cached = self.__dict__.get("_links_by")
        if cached is None or cached[0] != len(self.links):
            by_source: dict[str, list[Link]] = {}
            by_target: dict[str, list[Link]] = {}
            for link in self.links:
                by_source.setdefault(link.source, []).append(link)
                by_target.setdefault(link.target, []).append(link)
            cached = self.__dict__["_links_by"] = (len(self.links), by_source, by_target)
        return cached[1], cached[2]

    def outgoing(self, entry_id: str) -> list[Link]:
        return list(self._link_index()[0].get(entry_id, []))

    def incoming(self, entry_id: str) -> list[Link]:
        return list(self._link_index()[1].get(entry_id, []))

    def all_diagnostics(self) -> list[Diagnostic]:
        out = list(self.diagnostics)
        for entry in self.entries:
            out += entry.diagnostics
        return out


def load_registry(root: Path, files: list[Path] | None = None, cache_dir: Path | None = None) -> Registry:
    """Load every SOP under ``root`` (or just ``files``), then check what needs the whole registry. With
    ``cache_dir``, a file validated by an earlier load with the same bytes is read back instead
    (:mod:`.validated_cache`)."""
    cache = ValidatedCache(cache_dir) if cache_dir is not None else None
    from .logos import forget_logos  # logos imports this module

    forget_logos()
    regulations = shipped_regulations()
    diagnostics: list[Diagnostic] = []
    own = root / REGULATIONS_FILE
    if own.is_file():
        extra, problems = load_regulations_text(own.read_bytes(), own.as_posix())
        diagnostics += problems
        regulations = regulations.merged(extra)
    found = scan(root) if files is None else Discovery(files=list(files))
    diagnostics += found.problems
    entries = []
    for path in found.files:
        problems = found.per_file.get(path, [])
        if any(d.code.startswith("tautan-") for d in problems):  # refused link: never opened
            entry = SopEntry(sop_id(path, root), path, display_path(path), None, [])
        else:
            entry = load_sop_file(path, root, cache=cache)
        entry.add(problems)
        entries.append(entry)
    if cache is not None and files is None:
        cache.prune()
    letterheads, problems = load_letterheads(root, found.files, display_path)
    diagnostics += problems
    registry = Registry(root, entries, regulations, diagnostics, letterheads=letterheads)
    _resolve_links(registry)
    for entry in entries:
        if entry.sop is not None:
            entry.add(regulations.check(entry.sop))
    _check_regulation_keys(registry)
    return registry


def _check_regulation_keys(registry: Registry) -> None:
    """Citations written differently ('1/2' and '1-2') that get one regulation page are reported."""
    by_key: dict[str, dict[str, tuple[SopEntry, int, str]]] = {}
    for entry in registry.entries:
        for i, citation in enumerate(entry.sop.dasar_hukum if entry.sop else []):
            if citation.key:
                by_key.setdefault(citation.key, {}).setdefault(norm_name(citation.label()), (entry, i, citation.label()))
    for key, labels in by_key.items():
        if len(labels) < 2:
            continue
        for entry, i, label in labels.values():
            others = ", ".join(f"'{other}' ({e.display})" for e, _, other in labels.values() if other != label)
            entry.add([warning("peraturan-ganda", f"Dasar hukum '{label}' dan {others} ditulis berbeda tetapi "
                               f"mendapat satu halaman peraturan (peraturan/{key}/). Bila keduanya peraturan yang "
                               "sama, samakan penulisan nomornya; bila berbeda, periksa nomornya.",
                               ("dasar_hukum", i))])


def _resolve_links(registry: Registry) -> None:
    by_unit_title: dict[tuple[tuple[str, str], str], list[SopEntry]] = {}
    for entry in registry.entries:
        if entry.sop is not None:
            by_unit_title.setdefault((_unit_key(entry.sop), _title_key(entry.sop.nama)), []).append(entry)
    for (unit, title), same in by_unit_title.items():
        for dup in same[1:]:
            dup.add([warning("nama-ganda", f"Unit ini sudah punya SOP bernama '{dup.sop.nama}' ({same[0].display}); "
                             "keterkaitan dengan nama ini menjadi ambigu.", ("nama",))])
    for entry in registry.entries:
        if entry.sop is None:
            continue
        for i, item in enumerate(entry.sop.keterkaitan):
            target = registry.by_id.get(item.sop)
            if target is None:
                found = by_unit_title.get((_unit_key(entry.sop), _title_key(item.sop)), [])
                target = found[0] if found else None
            if target is None or target is entry:
                entry.add([warning("keterkaitan-tak-ada", f"Keterkaitan '{item.sop}' tidak menunjuk SOP mana pun "
                                   f"di {entry.sop.unit}. Tambahkan SOP itu ke registri, atau tulis ID-nya "
                                   "(mis. 'instansi/unit/nama-berkas').", ("keterkaitan", i))])
                continue
            registry.links.append(Link(entry.id, target.id, item.hubungan, i))
