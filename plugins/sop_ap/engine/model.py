"""The pydantic model of an SOP AP document (Permenpan RB 35/2012).

Field names are the short Indonesian words a civil servant writes in an SOP file; descriptions
become the hover help of editors through the JSON Schema. The model checks the shape of each
field; checks across fields and the flow graph live in :mod:`sop_ap.engine.checks`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, field_validator, model_validator

from .citations import normalise_kind, regulation_key
from .durations import Duration, parse_duration
from .nip import check_nip, format_nip, normalise_nip

END = "selesai"
"""The target that ends the flow (``ke: selesai``)."""

PROBABILITY_TOLERANCE = 1e-6
"""How far the probabilities of a decision's exits may sum away from 1."""


def label_key(label: str) -> str:
    """Compare decision labels without case or repeated spaces."""
    return " ".join(label.lower().split())


Target = Union[Annotated[int, Field(ge=1)], Literal["selesai"]]
Text = Annotated[str, Field(min_length=1)]


def _as_list(value: object) -> object:
    """Accept one text where a list is expected; treat ``-`` or empty as an empty list."""
    if value is None:
        return []
    if isinstance(value, str):
        return [] if value.strip() in {"", "-"} else [value]
    return value


TextList = Annotated[
    list[Text],
    BeforeValidator(_as_list),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string", "minLength": 1}},
                              {"type": "null"}]}),
]
"""A list of texts; one text alone, ``-`` or nothing are accepted too."""


def _items_or_plain_text(schema: dict) -> None:
    """JSON Schema of a list whose items may also be plain text, and which may be empty (null)."""
    schema["items"] = {"anyOf": [schema["items"], {"type": "string", "minLength": 1}]}
    schema["type"] = ["array", "null"]


class _Base(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=False)


class Tanggal(_Base):
    """Tanggal pembuatan, revisi dan efektif (YYYY-MM-DD)."""

    pembuatan: dt.date = Field(description="Tanggal SOP selesai dibuat, mis. 2023-04-03.")
    revisi: dt.date | None = Field(None, description="Tanggal revisi atau rencana tinjauan; boleh kosong.")
    efektif: dt.date | None = Field(None, description="Tanggal SOP mulai berlaku; boleh kosong.")


class Pengesahan(_Base):
    """Pejabat yang mengesahkan SOP."""

    jabatan: Text = Field(description="Jabatan yang mengesahkan, mis. 'Camat Bajeng Barat'.")
    nama: Text = Field(description="Nama pejabat lengkap dengan gelar.")
    nip: str | None = Field(
        None,
        description="NIP 18 angka, boleh berkelompok ('19791025 199912 2 001'). "
        "Angka yang tidak terbaca ditulis '?'. Kosongkan bila tidak ada.",
        pattern=r"^[0-9?\s.]*$",
    )

    @property
    def nip_digits(self) -> str | None:
        return normalise_nip(self.nip) if self.nip else None

    @property
    def nip_display(self) -> str | None:
        """The NIP grouped as printed (``19791025 199912 2 001``)."""
        if not self.nip:
            return None
        return format_nip(check_nip(self.nip).digits)


class Kutipan(_Base):
    """Satu dasar hukum: jenis, nomor, tahun, tentang; atau teks asli bila tidak sesuai pola."""

    jenis: str | None = Field(None, description="Jenis peraturan, mis. 'PP', 'Permenpan RB', 'Perka BKN', 'UU'.")
    nomor: Annotated[str | None, WithJsonSchema({"type": ["string", "integer", "null"]})] = Field(
        None, description="Nomor peraturan, mis. '46' atau 'PER/21/M.PAN/11/2008'."
    )
    tahun: int | None = Field(None, ge=1900, le=2100, description="Tahun peraturan.")
    tentang: str | None = Field(None, description="Judul peraturan (sesudah kata 'tentang').")
    teks: str | None = Field(None, description="Teks kutipan sebagaimana tertulis di dokumen.")

    @field_validator("nomor", mode="before")
    @classmethod
    def _number_as_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @model_validator(mode="after")
    def _complete(self) -> "Kutipan":
        parts = (self.jenis, self.nomor, self.tahun)
        if not self.teks and not all(parts):
            raise ValueError(
                "Dasar hukum harus memuat 'jenis', 'nomor' dan 'tahun', atau 'teks' bila kutipannya "
                "tidak mengikuti pola '<Jenis> Nomor <n> Tahun <tttt> tentang <judul>'."
            )
        return self

    @property
    def structured(self) -> bool:
        return bool(self.jenis and self.nomor and self.tahun)

    @property
    def kind(self) -> str | None:
        """The normalised kind (``PP``, ``Permenpan RB`` …), or None."""
        return normalise_kind(self.jenis) if self.jenis else None

    @property
    def key(self) -> str | None:
        """The key of the regulation in the regulations data (``pp-46-2011``)."""
        if not self.structured:
            return None
        return regulation_key(self.kind or self.jenis or "", self.nomor or "", self.tahun or 0)

    def label(self) -> str:
        """A short citation such as ``PP Nomor 46 Tahun 2011``."""
        if self.structured:
            return f"{self.kind or self.jenis} Nomor {self.nomor} Tahun {self.tahun}"
        return self.teks or ""


Relation = Literal["prasyarat", "lanjutan", "bagian", "terkait"]


class Keterkaitan(_Base):
    """SOP lain yang terkait: nama SOP (atau ID-nya) dan jenis hubungannya."""

    sop: Text = Field(description="Nama SOP terkait di unit yang sama (mis. 'Perjanjian Kinerja') atau ID-nya.")
    hubungan: Relation = Field(
        "terkait", description="prasyarat (harus lebih dulu), lanjutan (sesudahnya), bagian, atau terkait."
    )


class Pelaksana(_Base):
    """Satu kolom pelaksana pada bagan alir, dalam urutan kolom."""

    nama: Text = Field(description="Nama jabatan seperti pada judul kolom, mis. 'Kasubag Perencanaan'.")
    kode: str | None = Field(
        None, description="Singkatan yang dipakai di 'oleh' pada langkah (opsional), mis. 'kasubag'."
    )
    sebutan: TextList = Field(
        default_factory=list,
        description="Sebutan lain untuk jabatan ini di dalam teks, mis. ['Kepala SKPD'] untuk Camat.",
    )

    def names(self) -> list[str]:
        """Every name by which a step may refer to this performer."""
        return [n for n in (self.kode, self.nama, *self.sebutan) if n]


Symbol = Literal["terminator", "proses", "keputusan"]


class Langkah(_Base):
    """Satu baris bagan alir: kegiatan, pelaksana, simbol, arah alur, dan mutu baku."""

    no: int = Field(ge=1, description="Nomor langkah seperti pada dokumen.")
    kegiatan: Text = Field(description="Uraian kegiatan, diawali kata kerja aktif tanpa subjek.")
    oleh: Annotated[TextList, Field(min_length=1)] = Field(
        description="Pelaksana langkah ini (nama, kode atau sebutan); boleh lebih dari satu."
    )
    cara: Literal["bersama", "salah_satu"] = Field(
        "bersama",
        description="Bila pelaksananya lebih dari satu: 'bersama' (semua sekaligus) atau 'salah_satu' "
        "(siapa pun yang memegang berkas).",
    )
    simbol: Symbol = Field(
        "proses", description="terminator (mulai/selesai), proses, atau keputusan (belah ketupat)."
    )
    ke: Target | None = Field(
        None, description="Langkah berikutnya (nomor) atau 'selesai'. Bila kosong: baris berikutnya."
    )
    cabang: dict[Text, Target] | None = Field(
        None,
        description="Untuk keputusan: jawaban -> nomor langkah tujuan atau 'selesai', "
        "mis. {Ya: 8, Tidak: 4}. Pada langkah 'proses', keputusan digambar di baris yang sama.",
    )
    kelengkapan: TextList = Field(default_factory=list, description="Mutu baku: kelengkapan/masukan.")
    waktu: str | None = Field(
        None,
        description="Mutu baku: waktu, mis. '5 menit', '1 jam', '2 hari', '5-10 menit', 'Setiap bulan', "
        "'-' bila kosong, atau 'gabung' bila waktu baris ini digabung dengan baris di atasnya.",
    )
    output: TextList = Field(default_factory=list, description="Mutu baku: keluaran.")
    keterangan: str | None = Field(None, description="Keterangan bebas.")
    peluang: dict[Text, Annotated[float, Field(ge=0, le=1)]] | None = Field(
        None,
        description="Untuk keputusan (opsional): peluang setiap jawaban, dipakai untuk perkiraan waktu "
        "penyelesaian, mis. {Ya: 0.8, Tidak: 0.2}. Jumlahnya harus 1; jawaban yang tidak ditulis berpeluang 0.",
    )

    @field_validator("waktu", mode="before")
    @classmethod
    def _time_as_text(cls, value: object) -> object:
        return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value

    @model_validator(mode="after")
    def _symbol_fits(self) -> "Langkah":
        if self.simbol == "keputusan" and not self.cabang:
            raise ValueError("Langkah 'keputusan' harus punya 'cabang', mis. {Ya: 8, Tidak: 4}.")
        if self.cabang is not None and len(self.cabang) < 2:
            raise ValueError("Keputusan harus punya paling sedikit dua cabang.")
        if self.cabang and self.ke is not None:
            raise ValueError("Isi 'ke' atau 'cabang', tidak keduanya: arah keputusan ditentukan oleh cabangnya.")
        if self.cabang and self.simbol == "terminator":
            raise ValueError("Terminator (mulai/selesai) tidak boleh bercabang; gunakan simbol 'keputusan'.")
        return self

    @model_validator(mode="after")
    def _probabilities_fit(self) -> "Langkah":
        if self.peluang is None:
            return self
        if not self.cabang:
            raise ValueError("'peluang' hanya untuk keputusan: isi 'cabang' lebih dulu, mis. {Ya: 8, Tidak: 4}.")
        exits = {label_key(label) for label in self.cabang}
        for label in self.peluang:
            if label_key(label) not in exits:
                raise ValueError(f"Jawaban '{label}' pada 'peluang' tidak ada di 'cabang'. Jawaban yang ada: "
                                 f"{', '.join(self.cabang)}.")
        total = sum(self.peluang.values())
        if abs(total - 1) > PROBABILITY_TOLERANCE:
            raise ValueError(f"Jumlah 'peluang' harus 1 (tertulis: {total:g}).")
        return self

    @property
    def duration(self) -> Duration:
        """The parsed standard time of this step."""
        return parse_duration(self.waktu)

    @property
    def is_decision(self) -> bool:
        return bool(self.cabang)


class Alur(_Base):
    """Satu bagan alir (varian) dengan pelaksana dan langkahnya sendiri."""

    nama: Text = Field(description="Nama varian, mis. 'Permohonan langsung'.")
    pelaksana: list[Pelaksana] = Field(min_length=1, description="Kolom pelaksana, urut dari kiri.")
    langkah: list[Langkah] = Field(min_length=1, description="Langkah-langkah, urut dari atas.")


class Skenario(_Base):
    """Satu skenario untuk menelusuri kasus: jawaban yang diambil di setiap keputusan, berurutan."""

    nama: Text = Field(description="Nama skenario, mis. 'Draf dikembalikan sekali, lalu disetujui'.")
    pilihan: TextList = Field(
        default_factory=list,
        description="Jawaban pada keputusan yang dilalui, berurutan dari awal, mis. [Tidak, Ya].",
    )
    varian: Annotated[int, Field(ge=1)] | Text | None = Field(
        None, description="Varian bagan alir: nomor urut (1 = varian pertama) atau namanya. Kosong: varian pertama."
    )
    mulai: Annotated[int, Field(ge=1)] | None = Field(
        None, description="Nomor langkah tempat kasus dimulai (terminator mulai). Kosong: langkah pertama."
    )


@dataclass(frozen=True)
class Flowchart:
    """One flowchart of an SOP, with the path of its fields in the file (for messages)."""

    name: str | None
    performers: list[Pelaksana]
    steps: list[Langkah]
    path: tuple[str | int, ...]

    def step_by_number(self, number: int) -> Langkah | None:
        return next((s for s in self.steps if s.no == number), None)


class Sop(_Base):
    """Satu SOP Administrasi Pemerintahan: bagian identitas dan bagan alir."""

    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, title="SOP AP",
        json_schema_extra={"description": "Satu SOP AP (Permenpan RB 35/2012) untuk registri SOP."},
    )

    nomor: Text = Field(description="Nomor SOP sesuai penomoran unit, mis. '009 / IV /SOP/IV/2023'.")
    nama: Text = Field(description="Nama SOP (judul).")
    instansi: Text = Field(description="Pemerintah/instansi, mis. 'Pemerintah Kabupaten Gowa'.")
    unit: Text = Field(description="Unit kerja, mis. 'Kecamatan Bajeng Barat'.")
    subunit: str | None = Field(None, description="Sub-unit, mis. 'Sub Bagian Perencanaan'.")
    tanggal: Tanggal
    disahkan: Pengesahan
    dasar_hukum: list[Kutipan] = Field(
        default_factory=list, description="Dasar hukum.", json_schema_extra={"type": ["array", "null"]}
    )
    kualifikasi: TextList = Field(default_factory=list, description="Kualifikasi pelaksana.")
    keterkaitan: list[Keterkaitan] = Field(
        default_factory=list,
        description="Keterkaitan dengan SOP lain: nama SOP di unit yang sama, atau {sop: ..., hubungan: ...}.",
        json_schema_extra=_items_or_plain_text,
    )
    peralatan: TextList = Field(default_factory=list, description="Peralatan/perlengkapan.")
    peringatan: str | None = Field(None, description="Peringatan ('Jika ... maka ...'); boleh kosong.")
    pencatatan: TextList = Field(default_factory=list, description="Pencatatan dan pendataan.")
    pelaksana: list[Pelaksana] | None = Field(
        None, description="Kolom pelaksana, urut dari kiri (untuk SOP dengan satu bagan alir)."
    )
    langkah: list[Langkah] | None = Field(None, description="Langkah-langkah bagan alir, urut dari atas.")
    varian: list[Alur] | None = Field(
        None, description="Beberapa bagan alir di bawah satu nomor SOP; dipakai sebagai ganti pelaksana/langkah."
    )
    catatan: TextList = Field(
        default_factory=list,
        description="Catatan transkripsi: keraguan atas teks sumber (nama kabur, NIP tidak terbaca, dll.).",
    )
    skenario: list[Skenario] = Field(
        default_factory=list,
        description="Skenario contoh untuk menelusuri kasus (simulasi): nama dan jawaban di setiap keputusan.",
        json_schema_extra={"type": ["array", "null"]},
    )

    @field_validator("skenario", mode="before")
    @classmethod
    def _no_scenarios(cls, value: object) -> object:
        return [] if value is None else value

    @field_validator("dasar_hukum", "keterkaitan", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return _as_list(value)

    @field_validator("keterkaitan", mode="before")
    @classmethod
    def _plain_titles(cls, value: object) -> object:
        if isinstance(value, list):
            return [{"sop": item} if isinstance(item, str) else item for item in value]
        return value

    @field_validator("peringatan", "subunit", mode="before")
    @classmethod
    def _dash_is_empty(cls, value: object) -> object:
        return None if isinstance(value, str) and value.strip() in {"", "-"} else value

    @model_validator(mode="after")
    def _one_kind_of_flow(self) -> "Sop":
        single = self.pelaksana is not None or self.langkah is not None
        if single and self.varian:
            raise ValueError("Gunakan 'pelaksana' dan 'langkah', atau 'varian', tidak keduanya.")
        if not single and not self.varian:
            raise ValueError("SOP harus punya bagan alir: isi 'pelaksana' dan 'langkah' (atau 'varian').")
        if single and not self.pelaksana:
            raise ValueError("Isi 'pelaksana': daftar kolom pelaksana, urut dari kiri.")
        if single and not self.langkah:
            raise ValueError("Isi 'langkah': daftar langkah bagan alir, urut dari atas.")
        return self

    @property
    def flowcharts(self) -> list[Flowchart]:
        """Every flowchart of the SOP, with the path of its steps in the file."""
        if self.varian:
            return [
                Flowchart(v.nama, v.pelaksana, v.langkah, ("varian", i)) for i, v in enumerate(self.varian)
            ]
        return [Flowchart(None, self.pelaksana or [], self.langkah or [], ())]
