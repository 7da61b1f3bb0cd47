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
from .model_symbols import Arah, JudulKolom, Penghubung, SelGabung, Simbol, Tujuan, refuse_empty_labels
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
    oleh: TextList = Field(
        default_factory=list,
        description="Pelaksana langkah ini (nama, kode atau sebutan); boleh lebih dari satu. Tidak diisi bila "
        "'simbol' berupa daftar simbol (setiap simbol punya 'oleh' sendiri).",
    )
    cara: Literal["bersama", "salah_satu"] = Field(
        "bersama",
        description="Bila pelaksananya lebih dari satu: 'bersama' (semua sekaligus) atau 'salah_satu' "
        "(siapa pun yang memegang berkas).",
    )
    simbol: Symbol | list[Simbol] = Field(
        "proses", description="terminator (mulai/selesai), proses, atau keputusan (belah ketupat); atau daftar "
        "simbol bila baris ini memuat beberapa simbol: [{oleh: Loket, bentuk: terminator, teks: Datang}, ...].",
    )
    teks: str | None = Field(None, description="Teks di dalam simbol bila berbeda dari kegiatan, mis. 'Lengkap?'.")
    ke: Tujuan | None = Field(
        None, description="Langkah berikutnya (nomor), 'selesai', atau simbol {langkah: 9, oleh: Umum}. "
        "Bila kosong: baris berikutnya."
    )
    arah: list[Arah] | None = Field(
        None, description="Panah keluar bila labelnya berulang atau kosong: [{label: Ya, ke: 5}, {label: Ya, ke: 7}, "
        "{ke: 9}]. Dua panah berlabel sama dijalankan keduanya (paralel).",
    )
    cabang: dict[str, Tujuan] | None = Field(
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

    @field_validator("cabang", mode="before")
    @classmethod
    def _labels_given(cls, value: object) -> object:
        return refuse_empty_labels(value)

    @model_validator(mode="after")
    def _symbols_fit(self) -> "Langkah":
        if isinstance(self.simbol, list):
            row_only = [k for k in ("oleh", "ke", "cabang", "arah", "peluang", "teks") if getattr(self, k)]
            if row_only:
                raise ValueError(f"Baris dengan daftar 'simbol' tidak memakai {', '.join(repr(k) for k in row_only)} "
                                 "pada barisnya: tulis di setiap simbol.")
            return self
        if not self.oleh:
            raise ValueError("Isi 'oleh': pelaksana langkah ini (atau tulis 'simbol' sebagai daftar simbol).")
        if self.arah is not None:
            if self.cabang or self.ke is not None:
                raise ValueError("Isi salah satu dari 'ke', 'cabang' atau 'arah', tidak lebih.")
            if self.simbol == "keputusan" and len(self.arah) < 2:
                raise ValueError("Keputusan harus punya paling sedikit dua panah di 'arah'.")
            return self
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
        if self.peluang is None or isinstance(self.simbol, list):
            return self
        labels = list(self.cabang or {}) or [a.label for a in self.arah or [] if a.label]
        if not labels:
            raise ValueError("'peluang' hanya untuk keputusan: isi 'cabang' lebih dulu, mis. {Ya: 8, Tidak: 4}.")
        exits = {label_key(label) for label in labels}
        for label in self.peluang:
            if label_key(label) not in exits:
                raise ValueError(f"Jawaban '{label}' pada 'peluang' tidak ada di 'cabang'. Jawaban yang ada: "
                                 f"{', '.join(labels)}.")
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
        """True when the row's own symbol is a decision (rows with a list of symbols: any of them)."""
        if isinstance(self.simbol, list):
            return any(s.bentuk == "keputusan" for s in self.simbol)
        return bool(self.cabang) or (self.simbol == "keputusan" and bool(self.arah))

    @property
    def symbols(self) -> list[Simbol] | None:
        """The row's list of symbols, or None for the common one-symbol form."""
        return self.simbol if isinstance(self.simbol, list) else None

    @property
    def shape(self) -> str:
        """The shape of the row's symbol; for a row with several symbols, the first one's."""
        if isinstance(self.simbol, list):
            return self.simbol[0].bentuk if self.simbol else "proses"
        return self.simbol


class Alur(_Base):
    """Satu bagan alir (varian) dengan pelaksana dan langkahnya sendiri."""

    @field_validator("gabung", "penghubung", mode="before")
    @classmethod
    def _none_is_empty(cls, value: object) -> object:
        return [] if value is None else value

    nama: Text = Field(description="Nama varian, mis. 'Permohonan langsung'.")
    pelaksana: list[Pelaksana] = Field(min_length=1, description="Kolom pelaksana, urut dari kiri.")
    langkah: list[Langkah] = Field(min_length=1, description="Langkah-langkah, urut dari atas.")
    gabung: list[SelGabung] = Field(
        default_factory=list, description="Sel Mutu Baku yang digabung melintasi baris: "
        "[{kolom: waktu, langkah: [4, 5], isi: 1 hari}].", json_schema_extra={"type": ["array", "null"]})
    penghubung: list[Penghubung] = Field(
        default_factory=list, description="Penghubung antarhalaman yang ditempatkan penyusun: [{huruf: A, sesudah: 7}].",
        json_schema_extra={"type": ["array", "null"]})
    catatan_kaki: str | None = Field(None, description="Catatan di bawah bagan alir, mis. 'Ket: *) hanya untuk ...'.")
    judul_kolom: JudulKolom | None = Field(None, description="Judul kolom bila berbeda dari bawaan, mis. "
                                           "{kelengkapan: Input, kegiatan: Aktivitas}.")


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
    mulai_oleh: str | None = Field(
        None, description="Kolom pelaksana terminator mulai, bila baris 'mulai' memuat beberapa terminator mulai."
    )


@dataclass(frozen=True)
class Flowchart:
    """One flowchart of an SOP, with the path of its fields in the file (for messages)."""

    name: str | None
    performers: list[Pelaksana]
    steps: list[Langkah]
    path: tuple[str | int, ...]
    merged: tuple[SelGabung, ...] = ()
    connectors: tuple[Penghubung, ...] = ()
    footnote: str | None = None
    titles: JudulKolom | None = None

    @property
    def simple(self) -> bool:
        """True when every row holds exactly one symbol written on the row (the seeds' form)."""
        return all(not isinstance(s.simbol, list) for s in self.steps)

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
    gabung: list[SelGabung] = Field(
        default_factory=list, description="Sel Mutu Baku yang digabung melintasi baris: "
        "[{kolom: waktu, langkah: [4, 5], isi: 1 hari}].", json_schema_extra={"type": ["array", "null"]})
    penghubung: list[Penghubung] = Field(
        default_factory=list, description="Penghubung antarhalaman yang ditempatkan penyusun: [{huruf: A, sesudah: 7}].",
        json_schema_extra={"type": ["array", "null"]})
    catatan_kaki: str | None = Field(None, description="Catatan di bawah bagan alir, mis. 'Ket: *) hanya untuk ...'.")
    judul_kolom: JudulKolom | None = Field(None, description="Judul kolom bila berbeda dari bawaan, mis. "
                                           "{kelengkapan: Input, kegiatan: Aktivitas}.")
    catatan: TextList = Field(
        default_factory=list,
        description="Catatan transkripsi: keraguan atas teks sumber (nama kabur, NIP tidak terbaca, dll.).",
    )
    skenario: list[Skenario] = Field(
        default_factory=list,
        description="Skenario contoh untuk menelusuri kasus (simulasi): nama dan jawaban di setiap keputusan.",
        json_schema_extra={"type": ["array", "null"]},
    )

    @field_validator("skenario", "gabung", "penghubung", mode="before")
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
                Flowchart(v.nama, v.pelaksana, v.langkah, ("varian", i), tuple(v.gabung), tuple(v.penghubung),
                          v.catatan_kaki, v.judul_kolom or self.judul_kolom)
                for i, v in enumerate(self.varian)
            ]
        return [Flowchart(None, self.pelaksana or [], self.langkah or [], (), tuple(self.gabung),
                          tuple(self.penghubung), self.catatan_kaki, self.judul_kolom)]
