"""pydantic validation errors as Indonesian diagnostics that say how to fix the field."""

from __future__ import annotations

import difflib
import reprlib
from collections.abc import Callable, Sequence

from pydantic import BaseModel, ValidationError

from .diagnostics import Diagnostic, Path, error
from .model import Alur, Keterkaitan, Kutipan, Langkah, Pelaksana, Pengesahan, Skenario, Sop, Tanggal

_MODELS: tuple[type[BaseModel], ...] = (Sop, Tanggal, Pengesahan, Kutipan, Keterkaitan, Pelaksana, Langkah, Alur,
                                        Skenario)
KNOWN_FIELDS = sorted({name for model in _MODELS for name in model.model_fields})

TARGET_HELP = "Tulis nomor langkah tujuan (bilangan bulat, mis. 8) atau 'selesai'."


def _shown(value: object) -> str:
    try:
        text = repr(value)
    except (RecursionError, ValueError):  # very deeply nested data, or an integer too long to print
        try:
            text = reprlib.repr(value)
        except (RecursionError, ValueError):
            text = f"<{type(value).__name__}>"
    return text if len(text) <= 60 else text[:57] + "..."


def _message(err: dict, known: Sequence[str] = KNOWN_FIELDS) -> str:
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    loc = [p for p in err["loc"] if isinstance(p, str)]
    name = loc[-1] if loc else "nilai"
    if kind == "missing":
        return f"Kolom '{name}' wajib diisi."
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(str(name), known, n=1, cutoff=0.6)
        hint = f" Mungkin maksud Anda '{close[0]}'?" if close else " Hapus kolom ini atau periksa ejaannya."
        return f"Kolom '{name}' tidak dikenal.{hint}"
    if kind in {"string_type", "string_sub_type"} and isinstance(value, dict):
        return ("Harus berupa teks, tetapi terbaca sebagai pemetaan karena memuat ': '. Apit seluruh teks "
                "dengan tanda kutip, mis. 'Nomor SOP: 009'.")
    if kind in {"string_type", "string_sub_type"}:
        return f"Harus berupa teks (tertulis: {_shown(value)}). Apit dengan tanda kutip bila perlu."
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"Harus berupa bilangan bulat (tertulis: {_shown(value)})."
    if kind in {"float_type", "float_parsing"}:
        return f"Harus berupa angka (tertulis: {_shown(value)})."
    if kind in {"bool_type", "bool_parsing"}:
        return f"Harus true atau false (tertulis: {_shown(value)})."
    if kind.startswith("date") or kind.startswith("datetime"):
        return (f"Tanggal tidak valid (tertulis: {_shown(value)}). Tulis sebagai TTTT-BB-HH, mis. 2023-04-03; "
                "kosongkan bila tidak ada.")
    if kind == "greater_than_equal":
        return f"Harus paling kecil {ctx.get('ge')} (tertulis: {_shown(value)})."
    if kind == "less_than_equal":
        return f"Harus paling besar {ctx.get('le')} (tertulis: {_shown(value)})."
    if kind in {"list_type", "tuple_type", "set_type"}:
        return f"Harus berupa daftar (baris-baris yang diawali '- '); tertulis: {_shown(value)}."
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return f"Harus berupa pemetaan ('kunci: nilai' pada baris-baris berindentasi); tertulis: {_shown(value)}."
    if kind == "literal_error":
        return f"Harus salah satu dari: {ctx.get('expected')} (tertulis: {_shown(value)})."
    if kind == "string_too_short":
        return "Tidak boleh kosong."
    if kind == "too_short":
        return f"Paling sedikit {ctx.get('min_length')} butir."
    if kind == "string_pattern_mismatch":
        if name == "nip":
            return "NIP hanya boleh berisi angka, spasi, titik dan '?' (untuk angka yang tidak terbaca)."
        return f"Tidak sesuai pola {ctx.get('pattern')}."
    if kind == "value_error":
        return str(ctx.get("error", err["msg"])).removeprefix("Value error, ")
    return f"Nilai tidak sah ({err['msg']}); tertulis: {_shown(value)}."


def _without_tags(loc: Path, exists: Callable[[Path], bool]) -> Path:
    """The location without the names pydantic gives union members (``list[Simbol]``): a part that is not in
    the file while the part after it is."""
    out: list[str | int] = []
    for i, part in enumerate(loc):
        if (isinstance(part, str) and i + 1 < len(loc) and not exists((*out, part))
                and exists((*out, loc[i + 1]))):
            continue
        out.append(part)
    return tuple(out)


def pydantic_diagnostics(exc: ValidationError, exists: Callable[[Path], bool] | None = None,
                         known: Sequence[str] = KNOWN_FIELDS) -> list[Diagnostic]:
    """One diagnostic per wrong field (an unknown one with the nearest of ``known`` as a hint). Errors from the members of a union are merged into one, and dropped
    when another member of the union got further into the value (its error is the precise one)."""
    out: list[Diagnostic] = []
    unions: dict[Path, list[dict]] = {}
    for err in exc.errors(include_url=False):
        loc: Path = tuple(err["loc"])
        if exists is not None:
            loc = _without_tags(loc, exists)
        path = loc
        if exists is not None and err["type"] not in {"missing", "extra_forbidden"}:
            while path and not exists(path):
                path = path[:-1]
        if path != loc and err["type"] != "missing":
            unions.setdefault(path, []).append(err)
            continue
        out.append(error("isian", _message(err, known), loc))
    deeper = [d.path for d in out]
    for path, errs in unions.items():
        if any(len(other) > len(path) and other[:len(path)] == path for other in deeper):
            continue
        name = next((p for p in reversed(path) if isinstance(p, str)), "")
        in_branch = len(path) >= 2 and path[-2] == "cabang"
        if name == "ke" or in_branch:
            message = f"Tujuan tidak sah (tertulis: {_shown(errs[0].get('input'))}). {TARGET_HELP}"
        else:
            message = _message(errs[0], known)
        out.append(error("isian", message, path))
    return out
