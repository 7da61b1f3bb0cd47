"""Regulations and their status (berlaku, diubah, dicabut), and the check of an SOP's legal basis."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .citations import normalise_kind, regulation_key
from .diagnostics import Diagnostic, warning
from .model import Sop

Status = Literal["berlaku", "diubah", "dicabut"]
_SHORT_REF = re.compile(r"^(?P<kind>.+?)\s+(?P<number>\S+)/(?P<year>\d{4})$")


def parse_short_ref(text: str) -> str | None:
    """``PP 30/2019`` or ``Permenpan RB 6/2022`` -> the regulation key (``pp-30-2019``)."""
    match = _SHORT_REF.match(" ".join(text.split()))
    if not match:
        return None
    kind = normalise_kind(match["kind"]) or match["kind"]
    return regulation_key(kind, match["number"], int(match["year"]))


class Regulation(BaseModel):
    """One regulation in the regulations data file."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    jenis: str = Field(description="Jenis peraturan, mis. 'PP'.")
    nomor: str
    tahun: int = Field(ge=1900, le=2100)
    tentang: str
    status: Status = "berlaku"
    diganti_oleh: list[str] = Field(
        default_factory=list, description="Peraturan pengganti/pengubah dalam bentuk singkat, mis. 'PP 30/2019'."
    )
    keterangan: str | None = None
    sumber: str = Field(description="Sumber status ini (pasal pencabutan, JDIH).")

    @field_validator("nomor", mode="before")
    @classmethod
    def _number_as_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) else value

    @field_validator("diganti_oleh")
    @classmethod
    def _refs_parse(cls, value: list[str]) -> list[str]:
        for ref in value:
            if parse_short_ref(ref) is None:
                raise ValueError(f"'{ref}' harus ditulis singkat sebagai '<jenis> <nomor>/<tahun>', mis. 'PP 30/2019'.")
        return value

    @property
    def kind(self) -> str:
        return normalise_kind(self.jenis) or self.jenis

    @property
    def key(self) -> str:
        return regulation_key(self.kind, self.nomor, self.tahun)

    def label(self) -> str:
        return f"{self.kind} Nomor {self.nomor} Tahun {self.tahun}"

    def short(self) -> str:
        return f"{self.kind} {self.nomor}/{self.tahun}"


class RegulationsFile(BaseModel):
    """The regulations data file: ``peraturan: [...]``."""

    model_config = ConfigDict(extra="forbid")

    peraturan: list[Regulation]


class Regulations:
    """Regulations by key, with the check of a citation's status."""

    def __init__(self, items: list[Regulation] | None = None) -> None:
        self.by_key: dict[str, Regulation] = {}
        for item in items or []:
            self.by_key[item.key] = item

    def merged(self, other: "Regulations") -> "Regulations":
        """These regulations updated with ``other`` (a unit's own file overrides the shipped data)."""
        out = Regulations()
        out.by_key = {**self.by_key, **other.by_key}
        return out

    def get(self, key: str | None) -> Regulation | None:
        return self.by_key.get(key) if key else None

    def replacement_labels(self, regulation: Regulation) -> list[str]:
        labels = []
        for ref in regulation.diganti_oleh:
            known = self.get(parse_short_ref(ref))
            labels.append(known.label() if known else ref)
        return labels

    def check(self, sop: Sop) -> list[Diagnostic]:
        """Warn about every citation of a regulation that was revoked."""
        out = []
        for i, citation in enumerate(sop.dasar_hukum):
            regulation = self.get(citation.key)
            if regulation is None or regulation.status != "dicabut":
                continue
            by = " dan ".join(self.replacement_labels(regulation)) or "peraturan lain"
            note = f" {regulation.keterangan}" if regulation.keterangan else ""
            out.append(warning(
                "dasar-hukum-dicabut",
                f"Dasar hukum {regulation.label()} sudah tidak berlaku: dicabut/digantikan oleh {by}.{note} "
                f"(Sumber: {regulation.sumber}.) Perbarui dasar hukum SOP ini.",
                ("dasar_hukum", i),
            ))
        return out
