"""Model parts for flowcharts as real documents draw them.

A row of the table (:class:`~sop_ap.engine.model.Langkah`) may hold several symbols
(:class:`Simbol`), each in its own lane (or across two adjacent lanes), with its own text and its
own exits (:class:`Arah`). An exit's target is a row number, a symbol in a given row and lane
(:class:`TujuanSimbol`), or the end. Around the symbols: merged cells (:class:`SelGabung`),
author-placed off-page connectors (:class:`Penghubung`) and column titles (:class:`JudulKolom`).
The common case (one symbol per row, written on the row itself) needs none of these.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Text = Annotated[str, Field(min_length=1)]
Shape = Literal["terminator", "proses", "keputusan", "penghubung"]
"""Symbol shapes: the four of the guideline drawn in a lane (the on-page connector is a circle)."""


def refuse_empty_labels(value: object) -> object:
    """Give an empty decision label its own message instead of a type error."""
    if isinstance(value, dict):
        for key in value:
            if key is None or (isinstance(key, str) and not key.strip()):
                raise ValueError("Label cabang kosong. Tulis jawabannya (mis. 'Ya'), atau bila panahnya memang "
                                 "tanpa label, tulis di 'arah': [{ke: 4}] tanpa 'label'.")
    return value


class _Base(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class TujuanSimbol(_Base):
    """Tujuan panah: simbol pada baris (langkah) dan kolom pelaksana tertentu."""

    langkah: Annotated[int, Field(ge=1)] = Field(description="Nomor langkah (baris) tempat simbol tujuan.")
    oleh: Text = Field(description="Kolom pelaksana simbol tujuan (nama, kode atau sebutan).")


Tujuan = Union[Annotated[int, Field(ge=1)], Literal["selesai"], TujuanSimbol]
"""A row number, ``selesai``, or ``{langkah: 9, oleh: Umum}``."""


class Arah(_Base):
    """Satu panah keluar: label (boleh kosong, boleh sama dengan panah lain) dan tujuannya."""

    label: str | None = Field(
        None, description="Label panah, mis. 'Ya', 'Teknis'. Tanpa label: hapus kunci ini. Dua panah dengan label "
        "sama berarti keduanya dijalankan (paralel).")
    ke: Tujuan = Field(description="Tujuan: nomor langkah, 'selesai', atau {langkah: 9, oleh: Umum}.")

    @field_validator("label")
    @classmethod
    def _not_blank(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError("Label panah kosong. Tulis jawabannya, atau hapus kunci 'label' bila panahnya memang tanpa label.")
        return value


class Simbol(_Base):
    """Satu simbol dalam baris: kolom pelaksana, bentuk, teks sendiri, dan panah keluarnya."""

    oleh: Annotated[list[Text], Field(min_length=1, max_length=2)] | Text = Field(
        description="Kolom pelaksana tempat simbol digambar; dua kolom bersebelahan bila simbol melintasi batasnya.")
    bentuk: Shape = Field("proses", description="terminator, proses, keputusan, atau penghubung (lingkaran).")
    teks: str | None = Field(None, description="Teks di dalam simbol, mis. 'Lengkap?' atau 'Datang langsung'.")
    cara: Literal["bersama", "salah_satu"] = Field(
        "bersama", description="Bila simbol melintasi dua kolom: 'bersama' atau 'salah_satu'.")
    ke: Tujuan | None = Field(
        None, description="Tujuan panah: nomor langkah, 'selesai' atau {langkah: 9, oleh: Umum}. Bila kosong: "
        "baris berikutnya (terminator yang dituju panah lain menjadi akhir).")
    cabang: dict[str, Tujuan] | None = Field(None, description="Untuk keputusan: jawaban -> tujuan, mis. {Ya: 8, "
                                             "Tidak: selesai}.")
    arah: list[Arah] | None = Field(None, description="Panah keluar bila label berulang atau kosong: "
                                    "[{label: Ya, ke: 5}, {ke: 7}].")
    peluang: dict[Text, Annotated[float, Field(ge=0, le=1)]] | None = Field(
        None, description="Untuk keputusan (opsional): peluang setiap jawaban, jumlahnya 1.")

    @field_validator("cabang", mode="before")
    @classmethod
    def _labels_given(cls, value: object) -> object:
        return refuse_empty_labels(value)

    @field_validator("oleh", mode="before")
    @classmethod
    def _one_lane(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _one_way_of_exits(self) -> "Simbol":
        given = [k for k in ("ke", "cabang", "arah") if getattr(self, k) is not None]
        if len(given) > 1:
            raise ValueError(f"Isi salah satu dari 'ke', 'cabang' atau 'arah', tidak {' dan '.join(given)}.")
        return self

    @property
    def lanes(self) -> list[str]:
        return list(self.oleh) if isinstance(self.oleh, list) else [self.oleh]


KolomGabung = Literal["waktu", "kelengkapan", "output"]


class SelGabung(_Base):
    """Satu sel Mutu Baku yang digabung melintasi beberapa baris."""

    kolom: KolomGabung = Field(description="Kolom yang digabung: waktu, kelengkapan atau output.")
    langkah: Annotated[list[Annotated[int, Field(ge=1)]], Field(min_length=2, max_length=2)] = Field(
        description="Langkah pertama dan terakhir yang dicakup sel, mis. [4, 5].")
    isi: str = Field(description="Isi sel gabungan, mis. '1 hari'.")

    @field_validator("isi", mode="before")
    @classmethod
    def _as_text(cls, value: object) -> object:
        return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


class Penghubung(_Base):
    """Penghubung antarhalaman (segilima) yang ditempatkan penyusun di antara dua baris."""

    huruf: Text = Field(description="Huruf penghubung, mis. 'A'.")
    sesudah: Annotated[int, Field(ge=1)] = Field(description="Nomor langkah tempat alur terputus (penghubung "
                                                             "dipasang sesudah baris ini).")


class JudulKolom(_Base):
    """Judul kolom tabel bila berbeda dari bawaan (Kegiatan, Kelengkapan, Waktu, Output, Keterangan)."""

    kegiatan: str | None = Field(None, description="Mis. 'Aktivitas'.")
    kelengkapan: str | None = Field(None, description="Mis. 'Input' atau 'Persyaratan/Perlengkapan'.")
    waktu: str | None = Field(None, description="Mis. 'Waktu'.")
    output: str | None = Field(None, description="Mis. 'Output'.")
    keterangan: str | None = Field(None, description="Mis. 'Ket'.")
    judul: str | None = Field(None, description="Judul di atas tabel (mis. nama SOP), bila dokumen menulisnya.")

    def title(self, key: str, default: str) -> str:
        return getattr(self, key, None) or default
