"""Problems found in an SOP: a level, a field path, and a message in Indonesian."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

Level = Literal["error", "warning"]
Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Diagnostic:
    """One problem. ``path`` names the field (``langkah.3.oleh``); file and line are added by the loader."""

    level: Level
    code: str
    message: str
    path: Path = ()
    file: str | None = None
    line: int | None = None
    column: int | None = None
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def field_path(self) -> str:
        """The field path as written in messages: ``langkah[3].oleh``."""
        out = ""
        for part in self.path:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
        return out

    def located(self, file: str | None, line: int | None, column: int | None) -> "Diagnostic":
        return replace(self, file=file, line=line, column=column)

    def as_dict(self) -> dict:
        return {
            "level": self.level,
            "code": self.code,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "field": self.field_path,
            "message": self.message,
        }

    def format(self) -> str:
        """``file:line:column: galat [field]: message`` as printed by ``sop validate``."""
        where = self.file or "<masukan>"
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        level = "galat" if self.level == "error" else "peringatan"
        field_part = f" [{self.field_path}]" if self.path else ""
        return f"{where}: {level}{field_part}: {self.message}"


def error(code: str, message: str, path: Path = ()) -> Diagnostic:
    return Diagnostic("error", code, message, path)


def warning(code: str, message: str, path: Path = ()) -> Diagnostic:
    return Diagnostic("warning", code, message, path)
