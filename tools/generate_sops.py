"""Realistic test SOP files, deterministic by seed.

Every SOP belongs to a made-up unit (kecamatan, kelurahan, dinas or badan of a made-up kabupaten or
kota) and has 3 to 6 pelaksana, 5 to 20 langkah that start and end with a terminator, 0 to 3 decisions
whose second exit loops back to an earlier step, mutu baku, 1 to 4 legal bases, a valid NIP and
keterkaitan only to SOPs of the same unit that were generated too. The files validate with no
diagnostics (unless ``revoked`` asks for citations of a revoked regulation, PP 53/2010).

    python tools/generate_sops.py --count 200 --seed 7 --out /tmp/sops

From tests and benchmarks (with ``tools/`` on ``sys.path``)::

    from generate_sops import generate, write
    files = generate(50, seed=3)          # [(relative path, YAML text), ...]
    paths = write(50, seed=3, out_dir=tmp)
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

import sys

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sop_patterns import apply_patterns  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "docs" / "schema" / "sop.schema.json"
DEFAULT_OUT = ROOT / "sops"
"""Where ``generate`` assumes the files go when no folder is given (for the ``$schema`` comment)."""

# --------------------------------------------------------------------------------------------------
# Places (made up) and the positions of each kind of unit
# --------------------------------------------------------------------------------------------------

KABUPATEN = [
    "Lembah Hijau", "Sungai Jernih", "Tanjung Seroja", "Bukit Permai", "Padang Kemuning", "Muara Sentosa",
    "Pesisir Timur Raya", "Danau Biru", "Kepulauan Mutiara", "Rimba Jaya", "Tirta Makmur", "Gunung Sari Indah",
]
KOTA = ["Bandar Seri Laut", "Pelangi", "Batu Permata"]
PLACE_PREFIXES = ["Sumber", "Karang", "Tanjung", "Muara", "Batu", "Sungai", "Bukit", "Padang", "Teluk", "Lubuk",
                  "Pasir", "Tanah", "Air", "Rawa", "Sido", "Mekar", "Suka", "Cempaka"]
PLACE_SUFFIXES = ["Jaya", "Makmur", "Indah", "Baru", "Raya", "Sari", "Asri", "Mulya", "Harapan", "Lestari",
                  "Permai", "Sejahtera", "Utara", "Selatan", "Timur", "Barat", "Damai", "Mukti"]

PIMPINAN, SEKRETARIS, KABID, KASUBAG, KASI, STAF, LOKET = (
    "pimpinan", "sekretaris", "kabid", "kasubag", "kasi", "staf", "loket")
SLOT_RANK = {PIMPINAN: 0, SEKRETARIS: 1, KABID: 2, KASUBAG: 3, KASI: 4, STAF: 5, LOKET: 6}
"""Column order of the performers, from the head of the unit leftwards to the front desk."""
FALLBACK = {
    LOKET: [STAF, KASI, KASUBAG, SEKRETARIS, PIMPINAN],
    STAF: [LOKET, KASUBAG, KASI, KABID, SEKRETARIS, PIMPINAN],
    KASI: [KABID, KASUBAG, SEKRETARIS, PIMPINAN],
    KABID: [KASI, KASUBAG, SEKRETARIS, PIMPINAN],
    KASUBAG: [KASI, KABID, STAF, SEKRETARIS, PIMPINAN],
    SEKRETARIS: [KASUBAG, KABID, KASI, PIMPINAN],
    PIMPINAN: [SEKRETARIS],
}
"""Who does a step when the unit's SOP has no column for the usual performer."""


@dataclass(frozen=True)
class Role:
    nama: str
    slot: str
    kode: str | None = None
    sebutan: tuple[str, ...] = ()


ROLES: dict[str, list[Role]] = {
    "kecamatan": [
        Role("Camat", PIMPINAN, sebutan=("Kepala SKPD",)),
        Role("Sekretaris Camat", SEKRETARIS, kode="Sekcam"),
        Role("Kasubag Umum dan Kepegawaian", KASUBAG),
        Role("Kasubag Perencanaan dan Keuangan", KASUBAG),
        Role("Kasi Pemerintahan", KASI),
        Role("Kasi Pelayanan Umum", KASI),
        Role("Kasi Kesejahteraan Sosial", KASI),
        Role("Kasi Ketenteraman dan Ketertiban Umum", KASI, kode="Kasi Trantib"),
        Role("Kasi Pemberdayaan Masyarakat Desa", KASI, kode="Kasi PMD"),
        Role("Staf Pelaksana", STAF),
        Role("Pengadministrasi Umum", STAF),
        Role("Petugas Loket PATEN", LOKET),
    ],
    "kelurahan": [
        Role("Lurah", PIMPINAN),
        Role("Sekretaris Lurah", SEKRETARIS, kode="Seklur"),
        Role("Kasi Pemerintahan", KASI),
        Role("Kasi Pelayanan Umum", KASI),
        Role("Kasi Ketenteraman dan Ketertiban", KASI),
        Role("Kasi Pemberdayaan Masyarakat", KASI),
        Role("Staf Pelaksana", STAF),
        Role("Pengadministrasi Umum", STAF),
        Role("Petugas Pelayanan", LOKET),
    ],
    "disdukcapil": [
        Role("Kepala Dinas", PIMPINAN, kode="Kadis"),
        Role("Sekretaris Dinas", SEKRETARIS),
        Role("Kabid Pelayanan Pendaftaran Penduduk", KABID, kode="Kabid Dafduk"),
        Role("Kabid Pelayanan Pencatatan Sipil", KABID, kode="Kabid Capil"),
        Role("Kasubag Umum dan Kepegawaian", KASUBAG),
        Role("Kasubag Perencanaan dan Keuangan", KASUBAG),
        Role("Kasi Identitas Penduduk", KASI),
        Role("Kasi Kelahiran dan Kematian", KASI),
        Role("Operator SIAK", STAF),
        Role("Staf Pelaksana", STAF),
        Role("Petugas Loket", LOKET),
    ],
    "bkpsdm": [
        Role("Kepala Badan", PIMPINAN),
        Role("Sekretaris Badan", SEKRETARIS),
        Role("Kabid Mutasi dan Promosi", KABID),
        Role("Kabid Pengembangan Kompetensi Aparatur", KABID),
        Role("Kasubag Umum dan Kepegawaian", KASUBAG),
        Role("Kasubid Kepangkatan dan Pensiun", KASI),
        Role("Analis Kepegawaian", STAF),
        Role("Pengelola Data Kepegawaian", STAF),
        Role("Petugas Layanan Kepegawaian", LOKET),
    ],
    "dpmptsp": [
        Role("Kepala Dinas", PIMPINAN, kode="Kadis"),
        Role("Sekretaris Dinas", SEKRETARIS),
        Role("Kabid Pelayanan Perizinan", KABID),
        Role("Kabid Pengaduan dan Informasi", KABID),
        Role("Kasubag Umum dan Kepegawaian", KASUBAG),
        Role("Kasi Verifikasi Teknis", KASI),
        Role("Tim Teknis", KASI),
        Role("Staf Pelaksana", STAF),
        Role("Petugas Front Office", LOKET),
    ],
}

DINAS = {
    "disdukcapil": ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil"),
    "bkpsdm": ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM"),
    "dpmptsp": ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP"),
}
ORGANISATION_TITLE = {
    "kecamatan": "Kecamatan",
    "kelurahan": "Kelurahan",
    "disdukcapil": "Dinas Kependudukan dan Pencatatan Sipil",
    "bkpsdm": "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    "dpmptsp": "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
}

# --------------------------------------------------------------------------------------------------
# Topics of SOPs
# --------------------------------------------------------------------------------------------------

LAYANAN, INTERNAL = "layanan", "internal"
DEFAULT_APPS = {("kecamatan", "layanan"): "aplikasi PATEN", ("kelurahan", "layanan"): "aplikasi pelayanan kelurahan"}
"""The application of a topic without its own; otherwise SRIKANDI, the government's archive application."""


@dataclass(frozen=True)
class Topic:
    nama: str
    kind: str
    obj: str
    """The subject in running text (lower case)."""
    doc: str
    """The document the SOP produces."""
    klas: str = "000"
    """Classification code of the archive, used in some SOP numbers."""
    req: tuple[str, ...] = ()
    pemohon: str = "pemohon"
    app: str = ""
    """The application used; empty: the usual one of the unit (see ``DEFAULT_APPS``)."""
    survey: bool = False
    seksi: str | None = None
    periodic: str | None = None
    tujuan: str = "Bupati melalui Bagian Organisasi Sekretariat Daerah"
    laws: tuple[str, ...] = ()


KTP_KK = ("Fotokopi KTP-el", "Fotokopi Kartu Keluarga")
DUKCAPIL_LAWS = ("uu-24-2013", "perpres-96-2018", "permendagri-108-2019")
KEPEGAWAIAN_LAWS = ("uu-20-2023", "pp-11-2017", "pp-30-2019")

TOPICS: dict[str, list[Topic]] = {
    "kecamatan": [
        Topic("Pelayanan Surat Keterangan Domisili", LAYANAN, "surat keterangan domisili",
              "Surat Keterangan Domisili", "470", ("Surat pengantar RT/RW", *KTP_KK), seksi="Kasi Pemerintahan",
              laws=("uu-25-2009", "pp-17-2018", "permendagri-4-2010")),
        Topic("Pelayanan Surat Keterangan Tidak Mampu", LAYANAN, "surat keterangan tidak mampu",
              "Surat Keterangan Tidak Mampu", "400", ("Surat pengantar desa/kelurahan", *KTP_KK),
              seksi="Kasi Kesejahteraan Sosial", laws=("uu-25-2009", "pp-17-2018")),
        Topic("Pelayanan Rekomendasi Izin Keramaian", LAYANAN, "rekomendasi izin keramaian",
              "Surat Rekomendasi Izin Keramaian", "300", ("Surat permohonan", "Fotokopi KTP-el",
                                                         "Surat pernyataan tidak keberatan tetangga"),
              seksi="Kasi Ketenteraman dan Ketertiban Umum", survey=True, laws=("uu-25-2009", "pp-17-2018")),
        Topic("Pelayanan Surat Keterangan Ahli Waris", LAYANAN, "surat keterangan ahli waris",
              "Surat Keterangan Ahli Waris", "470", ("Surat pengantar desa/kelurahan", "Akta kematian pewaris",
                                                     *KTP_KK, "Surat pernyataan ahli waris"),
              seksi="Kasi Pemerintahan", laws=("uu-25-2009", "pp-17-2018")),
        Topic("Pelayanan Dispensasi Nikah", LAYANAN, "dispensasi nikah", "Surat Dispensasi Nikah", "474",
              ("Surat pengantar desa/kelurahan", "Surat pemberitahuan KUA", *KTP_KK),
              seksi="Kasi Kesejahteraan Sosial", laws=("uu-25-2009", "pp-17-2018")),
        Topic("Pelayanan Surat Keterangan Usaha", LAYANAN, "surat keterangan usaha", "Surat Keterangan Usaha",
              "500", ("Surat pengantar desa/kelurahan", "Fotokopi KTP-el", "Foto tempat usaha"),
              seksi="Kasi Pelayanan Umum", survey=True, laws=("uu-25-2009", "pp-17-2018", "permendagri-4-2010")),
        Topic("Pelayanan Legalisasi Dokumen", LAYANAN, "legalisasi dokumen", "Dokumen Terlegalisasi", "470",
              ("Dokumen asli", "Fotokopi dokumen yang akan dilegalisasi"), seksi="Kasi Pelayanan Umum",
              laws=("uu-25-2009", "permendagri-4-2010")),
        Topic("Pengusulan Cuti Tahunan Pegawai", LAYANAN, "permohonan cuti tahunan",
              "Surat Usulan Cuti Tahunan", "851", ("Formulir permohonan cuti", "Fotokopi SK terakhir"),
              pemohon="pegawai", seksi="Kasubag Umum dan Kepegawaian", app="aplikasi SIASN",
              tujuan="Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
              laws=("uu-20-2023", "pp-11-2017", "perbkn-24-2017")),
        Topic("Pengusulan Kenaikan Pangkat Pegawai", INTERNAL, "usulan kenaikan pangkat pegawai",
              "Surat Usulan Kenaikan Pangkat", "823", seksi="Kasubag Umum dan Kepegawaian", app="aplikasi SIASN",
              tujuan="Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", laws=KEPEGAWAIAN_LAWS),
        Topic("Penyusunan Rencana Kerja Kecamatan", INTERNAL, "rencana kerja (Renja) kecamatan",
              "Dokumen Rencana Kerja", "050", seksi="Kasubag Perencanaan dan Keuangan", app="aplikasi SIPD",
              tujuan="Badan Perencanaan Pembangunan Daerah", laws=("uu-23-2014", "permendagri-86-2017")),
        Topic("Penyusunan Laporan Kinerja Instansi Pemerintah", INTERNAL, "laporan kinerja (LKjIP)",
              "Laporan Kinerja Instansi Pemerintah", "050", seksi="Kasubag Perencanaan dan Keuangan",
              periodic="Setiap tahun", laws=("permenpan-rb-53-2014",)),
        Topic("Penyusunan Perjanjian Kinerja", INTERNAL, "perjanjian kinerja", "Dokumen Perjanjian Kinerja", "050",
              seksi="Kasubag Perencanaan dan Keuangan", periodic="Setiap tahun",
              laws=("permenpan-rb-53-2014", "pp-30-2019")),
        Topic("Penyusunan Laporan Realisasi Anggaran", INTERNAL, "laporan realisasi anggaran",
              "Laporan Realisasi Anggaran", "900", seksi="Kasubag Perencanaan dan Keuangan",
              periodic="Setiap bulan", tujuan="Badan Pengelolaan Keuangan dan Aset Daerah", app="aplikasi SIPD",
              laws=("pp-12-2019", "permendagri-77-2020")),
        Topic("Penyusunan Daftar Urut Kepangkatan", INTERNAL, "daftar urut kepangkatan pegawai",
              "Daftar Urut Kepangkatan", "800", seksi="Kasubag Umum dan Kepegawaian", periodic="Setiap tahun",
              tujuan="Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", laws=KEPEGAWAIAN_LAWS),
        Topic("Penilaian Kinerja Pegawai", INTERNAL, "penilaian kinerja pegawai", "Dokumen Penilaian Kinerja",
              "800", seksi="Kasubag Umum dan Kepegawaian", periodic="Setiap tahun", app="aplikasi e-Kinerja",
              tujuan="Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
              laws=("pp-30-2019", "permenpan-rb-6-2022", "uu-20-2023")),
        Topic("Penyusunan Laporan Penyelenggaraan Pemerintahan Kecamatan", INTERNAL,
              "laporan penyelenggaraan pemerintahan kecamatan", "Laporan Penyelenggaraan Pemerintahan", "100",
              seksi="Kasi Pemerintahan", periodic="Setiap triwulan", laws=("uu-23-2014", "pp-17-2018")),
        Topic("Inventarisasi Barang Milik Daerah", INTERNAL, "inventarisasi barang milik daerah",
              "Laporan Inventarisasi Barang Milik Daerah", "030", seksi="Kasubag Umum dan Kepegawaian",
              periodic="Setiap semester", tujuan="Badan Pengelolaan Keuangan dan Aset Daerah",
              laws=("pp-12-2019", "permendagri-77-2020")),
        Topic("Penyusunan Laporan Pengaduan Masyarakat", INTERNAL, "laporan pengaduan masyarakat",
              "Laporan Pengaduan Masyarakat", "045", seksi="Kasi Pelayanan Umum", periodic="Setiap bulan",
              app="aplikasi SP4N-LAPOR!", laws=("uu-25-2009", "uu-30-2014")),
    ],
    "kelurahan": [
        Topic("Pelayanan Surat Pengantar SKCK", LAYANAN, "surat pengantar SKCK", "Surat Pengantar SKCK", "300",
              ("Surat pengantar RT/RW", *KTP_KK, "Pas foto 4x6"), seksi="Kasi Ketenteraman dan Ketertiban",
              laws=("uu-25-2009", "pp-73-2005")),
        Topic("Pelayanan Surat Keterangan Domisili", LAYANAN, "surat keterangan domisili",
              "Surat Keterangan Domisili", "470", ("Surat pengantar RT/RW", *KTP_KK), seksi="Kasi Pemerintahan",
              laws=("uu-25-2009", "pp-73-2005")),
        Topic("Pelayanan Surat Keterangan Tidak Mampu", LAYANAN, "surat keterangan tidak mampu",
              "Surat Keterangan Tidak Mampu", "400", ("Surat pengantar RT/RW", *KTP_KK),
              seksi="Kasi Pemberdayaan Masyarakat", survey=True, laws=("uu-25-2009", "pp-73-2005")),
        Topic("Pelayanan Surat Pengantar Nikah", LAYANAN, "surat pengantar nikah", "Surat Pengantar Nikah", "474",
              ("Surat pengantar RT/RW", *KTP_KK, "Akta kelahiran", "Pas foto 2x3"), seksi="Kasi Pemerintahan",
              laws=("uu-25-2009", "pp-73-2005")),
        Topic("Pelayanan Surat Keterangan Kematian", LAYANAN, "surat keterangan kematian",
              "Surat Keterangan Kematian", "474", ("Surat pengantar RT/RW", "Surat keterangan dari rumah sakit",
                                                   *KTP_KK), seksi="Kasi Pemerintahan",
              laws=("uu-25-2009", "uu-24-2013", "pp-73-2005")),
        Topic("Pelayanan Surat Keterangan Usaha", LAYANAN, "surat keterangan usaha", "Surat Keterangan Usaha",
              "500", ("Surat pengantar RT/RW", "Fotokopi KTP-el"), seksi="Kasi Pemberdayaan Masyarakat",
              survey=True, laws=("uu-25-2009", "pp-73-2005")),
        Topic("Pelayanan Surat Pengantar Pindah", LAYANAN, "surat pengantar pindah", "Surat Pengantar Pindah",
              "474", ("Surat pengantar RT/RW", *KTP_KK), seksi="Kasi Pemerintahan",
              laws=("uu-24-2013", "perpres-96-2018", "pp-73-2005")),
        Topic("Penyusunan Laporan Bulanan Kependudukan", INTERNAL, "laporan bulanan kependudukan",
              "Laporan Bulanan Kependudukan", "470", seksi="Kasi Pemerintahan", periodic="Setiap bulan",
              tujuan="Camat", laws=("uu-24-2013", "pp-73-2005")),
        Topic("Penyusunan Rencana Kerja Kelurahan", INTERNAL, "rencana kerja kelurahan",
              "Dokumen Rencana Kerja Kelurahan", "050", seksi="Kasi Pemberdayaan Masyarakat", periodic="Setiap tahun",
              tujuan="Camat", laws=("uu-23-2014", "pp-73-2005", "permendagri-86-2017")),
        Topic("Penyusunan Laporan Kinerja Kelurahan", INTERNAL, "laporan kinerja kelurahan",
              "Laporan Kinerja Kelurahan", "050", periodic="Setiap tahun", tujuan="Camat",
              laws=("permenpan-rb-53-2014", "pp-73-2005")),
    ],
    "disdukcapil": [
        Topic("Penerbitan Kartu Keluarga", LAYANAN, "penerbitan kartu keluarga", "Kartu Keluarga", "470",
              ("Formulir F-1.01", "Kartu Keluarga lama", "Fotokopi buku nikah/akta perkawinan"), app="aplikasi SIAK",
              seksi="Kabid Pelayanan Pendaftaran Penduduk", laws=DUKCAPIL_LAWS),
        Topic("Penerbitan Akta Kelahiran", LAYANAN, "penerbitan akta kelahiran", "Kutipan Akta Kelahiran", "474",
              ("Surat keterangan lahir", "Fotokopi Kartu Keluarga", "Fotokopi buku nikah/akta perkawinan"),
              app="aplikasi SIAK", seksi="Kasi Kelahiran dan Kematian", laws=DUKCAPIL_LAWS),
        Topic("Penerbitan Akta Kematian", LAYANAN, "penerbitan akta kematian", "Kutipan Akta Kematian", "474",
              ("Surat keterangan kematian", "Fotokopi Kartu Keluarga", "Fotokopi KTP-el pelapor"),
              app="aplikasi SIAK", seksi="Kasi Kelahiran dan Kematian", laws=DUKCAPIL_LAWS),
        Topic("Pelayanan Surat Keterangan Pindah", LAYANAN, "surat keterangan pindah",
              "Surat Keterangan Pindah WNI", "474", ("Formulir F-1.03", *KTP_KK), app="aplikasi SIAK",
              seksi="Kabid Pelayanan Pendaftaran Penduduk", laws=DUKCAPIL_LAWS),
        Topic("Penerbitan Kartu Identitas Anak", LAYANAN, "penerbitan kartu identitas anak",
              "Kartu Identitas Anak", "470", ("Fotokopi akta kelahiran", "Fotokopi Kartu Keluarga", "Pas foto anak"),
              app="aplikasi SIAK", seksi="Kasi Identitas Penduduk", laws=DUKCAPIL_LAWS),
        Topic("Perubahan Data Kependudukan", LAYANAN, "perubahan data kependudukan", "Biodata Penduduk", "470",
              ("Formulir F-1.06", "Dokumen pendukung perubahan data", *KTP_KK), app="aplikasi SIAK",
              seksi="Kasi Identitas Penduduk", laws=DUKCAPIL_LAWS),
        Topic("Penyusunan Laporan Kinerja Dinas", INTERNAL, "laporan kinerja (LKjIP) dinas",
              "Laporan Kinerja Instansi Pemerintah", "050", seksi="Kasubag Perencanaan dan Keuangan",
              periodic="Setiap tahun", laws=("permenpan-rb-53-2014",)),
        Topic("Penyusunan Laporan Realisasi Anggaran", INTERNAL, "laporan realisasi anggaran",
              "Laporan Realisasi Anggaran", "900", seksi="Kasubag Perencanaan dan Keuangan",
              periodic="Setiap bulan", tujuan="Badan Pengelolaan Keuangan dan Aset Daerah", app="aplikasi SIPD",
              laws=("pp-12-2019", "permendagri-77-2020")),
        Topic("Penyusunan Laporan Data Agregat Kependudukan", INTERNAL, "laporan data agregat kependudukan",
              "Laporan Data Agregat Kependudukan", "470", seksi="Kabid Pelayanan Pendaftaran Penduduk",
              periodic="Setiap semester", app="aplikasi SIAK", tujuan="Direktorat Jenderal Dukcapil",
              laws=("uu-24-2013", "perpres-96-2018")),
    ],
    "bkpsdm": [
        Topic("Pelayanan Kenaikan Pangkat Reguler", LAYANAN, "usulan kenaikan pangkat reguler",
              "Keputusan Kenaikan Pangkat", "823", ("Surat pengantar perangkat daerah", "Fotokopi SK pangkat terakhir",
                                                    "Dokumen penilaian kinerja dua tahun terakhir"),
              pemohon="perangkat daerah pengusul", app="aplikasi SIASN", seksi="Kasubid Kepangkatan dan Pensiun",
              laws=KEPEGAWAIAN_LAWS),
        Topic("Pelayanan Pensiun Pegawai Negeri Sipil", LAYANAN, "usulan pensiun", "Keputusan Pensiun", "882",
              ("Surat pengantar perangkat daerah", "Fotokopi SK CPNS dan SK PNS", "Fotokopi SK pangkat terakhir",
               "Daftar susunan keluarga"), pemohon="perangkat daerah pengusul", app="aplikasi SIASN",
              seksi="Kasubid Kepangkatan dan Pensiun", laws=("uu-20-2023", "pp-11-2017", "perbkn-3-2020")),
        Topic("Pelayanan Cuti Besar", LAYANAN, "permohonan cuti besar", "Surat Izin Cuti Besar", "851",
              ("Formulir permohonan cuti", "Surat persetujuan atasan langsung"), pemohon="pegawai",
              app="aplikasi SIASN", laws=("uu-20-2023", "pp-11-2017", "perbkn-24-2017")),
        Topic("Penerbitan Surat Izin Belajar", LAYANAN, "permohonan izin belajar", "Surat Izin Belajar", "893",
              ("Surat permohonan", "Surat keterangan diterima dari perguruan tinggi", "Fotokopi SK pangkat terakhir"),
              pemohon="pegawai", seksi="Kabid Pengembangan Kompetensi Aparatur", laws=("uu-20-2023", "pp-11-2017")),
        Topic("Pelayanan Mutasi Antar Perangkat Daerah", LAYANAN, "usulan mutasi pegawai", "Keputusan Mutasi",
              "824", ("Surat permohonan", "Surat persetujuan pimpinan perangkat daerah asal dan tujuan"),
              pemohon="pegawai", seksi="Kabid Mutasi dan Promosi", laws=("uu-20-2023", "pp-11-2017")),
        Topic("Penyusunan Analisis Kebutuhan Formasi ASN", INTERNAL, "analisis kebutuhan formasi ASN",
              "Dokumen Usulan Kebutuhan ASN", "810", seksi="Kabid Mutasi dan Promosi", periodic="Setiap tahun",
              tujuan="Kementerian PANRB melalui aplikasi e-Formasi", app="aplikasi e-Formasi",
              laws=("uu-20-2023", "pp-11-2017")),
        Topic("Penyusunan Laporan Disiplin Pegawai", INTERNAL, "laporan penegakan disiplin pegawai",
              "Laporan Penegakan Disiplin Pegawai", "862", periodic="Setiap semester", tujuan="Bupati",
              laws=("pp-94-2021", "uu-20-2023")),
    ],
    "dpmptsp": [
        Topic("Penerbitan Persetujuan Bangunan Gedung", LAYANAN, "persetujuan bangunan gedung",
              "Persetujuan Bangunan Gedung", "503", ("Formulir permohonan", "Fotokopi KTP-el",
                                                     "Bukti kepemilikan tanah", "Gambar rencana teknis"),
              app="aplikasi SIMBG", seksi="Tim Teknis", survey=True, laws=("uu-25-2009", "uu-30-2014")),
        Topic("Penerbitan Izin Reklame", LAYANAN, "izin reklame", "Surat Izin Penyelenggaraan Reklame", "503",
              ("Formulir permohonan", "Fotokopi KTP-el", "Desain dan ukuran reklame", "Foto lokasi"),
              app="aplikasi SiCantik", seksi="Tim Teknis", survey=True, laws=("uu-25-2009", "uu-30-2014")),
        Topic("Penerbitan Surat Izin Praktik Bidan", LAYANAN, "surat izin praktik bidan",
              "Surat Izin Praktik Bidan", "503", ("Formulir permohonan", "Fotokopi STR yang masih berlaku",
                                                  "Surat rekomendasi organisasi profesi", "Pas foto 4x6"),
              app="aplikasi SiCantik", seksi="Kasi Verifikasi Teknis", laws=("uu-25-2009", "uu-30-2014")),
        Topic("Pendampingan Perizinan Berusaha Berbasis Risiko", LAYANAN, "perizinan berusaha berbasis risiko",
              "Nomor Induk Berusaha", "503", ("Fotokopi KTP-el", "NPWP", "Alamat email aktif"),
              app="sistem OSS RBA", seksi="Kabid Pelayanan Perizinan", laws=("uu-25-2009", "uu-30-2014")),
        Topic("Penanganan Pengaduan Layanan Perizinan", LAYANAN, "pengaduan layanan perizinan",
              "Surat Tanggapan Pengaduan", "045", ("Formulir pengaduan", "Fotokopi KTP-el", "Bukti pendukung"),
              app="aplikasi SP4N-LAPOR!", seksi="Kabid Pengaduan dan Informasi", laws=("uu-25-2009", "uu-30-2014")),
        Topic("Penyusunan Laporan Survei Kepuasan Masyarakat", INTERNAL, "survei kepuasan masyarakat",
              "Laporan Survei Kepuasan Masyarakat", "065", seksi="Kabid Pengaduan dan Informasi",
              periodic="Setiap semester", laws=("uu-25-2009", "permenpan-rb-14-2017")),
        Topic("Penyusunan Laporan Realisasi Investasi", INTERNAL, "laporan realisasi investasi",
              "Laporan Kegiatan Penanaman Modal", "500", seksi="Kabid Pelayanan Perizinan", periodic="Setiap triwulan",
              tujuan="Kementerian Investasi/BKPM", app="sistem OSS RBA", laws=("uu-23-2014",)),
    ],
}

PREREQUISITES: dict[str, tuple[str, ...]] = {
    "Penyusunan Perjanjian Kinerja": ("Penyusunan Rencana Kerja Kecamatan",),
    "Penyusunan Laporan Kinerja Instansi Pemerintah": ("Penyusunan Perjanjian Kinerja",),
    "Penilaian Kinerja Pegawai": ("Penyusunan Perjanjian Kinerja",),
    "Pengusulan Kenaikan Pangkat Pegawai": ("Penilaian Kinerja Pegawai", "Penyusunan Daftar Urut Kepangkatan"),
    "Penyusunan Laporan Realisasi Anggaran": ("Penyusunan Rencana Kerja Kecamatan",),
    "Penyusunan Laporan Kinerja Kelurahan": ("Penyusunan Rencana Kerja Kelurahan",),
    "Penerbitan Kartu Identitas Anak": ("Penerbitan Akta Kelahiran",),
    "Penerbitan Kartu Keluarga": ("Perubahan Data Kependudukan",),
    "Pelayanan Pensiun Pegawai Negeri Sipil": ("Pelayanan Kenaikan Pangkat Reguler",),
    "Penyusunan Laporan Survei Kepuasan Masyarakat": ("Penanganan Pengaduan Layanan Perizinan",),
    "Penyusunan Laporan Realisasi Investasi": ("Pendampingan Perizinan Berusaha Berbasis Risiko",),
}
"""SOP -> SOPs of the same unit that come first (keterkaitan 'prasyarat'), when the unit has them."""

# --------------------------------------------------------------------------------------------------
# Regulations: (jenis, nomor, tahun, tentang, jenis as written in full)
# --------------------------------------------------------------------------------------------------

UU, PP, PERPRES = "Undang-Undang", "Peraturan Pemerintah", "Peraturan Presiden"
PERMENPAN = "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi"
PERMENDAGRI, PERBKN = "Peraturan Menteri Dalam Negeri", "Peraturan Badan Kepegawaian Negara"
LAWS: dict[str, tuple[str, str, int, str, str]] = {
    "uu-23-2014": ("UU", "23", 2014, "Pemerintahan Daerah", UU),
    "uu-25-2009": ("UU", "25", 2009, "Pelayanan Publik", UU),
    "uu-30-2014": ("UU", "30", 2014, "Administrasi Pemerintahan", UU),
    "uu-24-2013": ("UU", "24", 2013, "Perubahan atas Undang-Undang Nomor 23 Tahun 2006 tentang Administrasi "
                   "Kependudukan", UU),
    "uu-20-2023": ("UU", "20", 2023, "Aparatur Sipil Negara", UU),
    "pp-73-2005": ("PP", "73", 2005, "Kelurahan", PP),
    "pp-11-2017": ("PP", "11", 2017, "Manajemen Pegawai Negeri Sipil", PP),
    "pp-17-2018": ("PP", "17", 2018, "Kecamatan", PP),
    "pp-12-2019": ("PP", "12", 2019, "Pengelolaan Keuangan Daerah", PP),
    "pp-30-2019": ("PP", "30", 2019, "Penilaian Kinerja Pegawai Negeri Sipil", PP),
    "pp-94-2021": ("PP", "94", 2021, "Disiplin Pegawai Negeri Sipil", PP),
    "pp-53-2010": ("PP", "53", 2010, "Disiplin Pegawai Negeri Sipil", PP),  # revoked by PP 94/2021
    "perpres-96-2018": ("Perpres", "96", 2018, "Persyaratan dan Tata Cara Pendaftaran Penduduk dan Pencatatan "
                        "Sipil", PERPRES),
    "permenpan-rb-35-2012": ("Permenpan RB", "35", 2012, "Pedoman Penyusunan Standar Operasional Prosedur "
                             "Administrasi Pemerintahan", PERMENPAN),
    "permenpan-rb-53-2014": ("Permenpan RB", "53", 2014, "Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja "
                             "dan Tata Cara Reviu atas Laporan Kinerja Instansi Pemerintah", PERMENPAN),
    "permenpan-rb-14-2017": ("Permenpan RB", "14", 2017, "Pedoman Penyusunan Survei Kepuasan Masyarakat Unit "
                             "Penyelenggara Pelayanan Publik", PERMENPAN),
    "permenpan-rb-6-2022": ("Permenpan RB", "6", 2022, "Pengelolaan Kinerja Pegawai Aparatur Sipil Negara",
                            PERMENPAN),
    "permendagri-4-2010": ("Permendagri", "4", 2010, "Pedoman Pelayanan Administrasi Terpadu Kecamatan",
                           PERMENDAGRI),
    "permendagri-86-2017": ("Permendagri", "86", 2017, "Tata Cara Perencanaan, Pengendalian dan Evaluasi "
                            "Pembangunan Daerah", PERMENDAGRI),
    "permendagri-108-2019": ("Permendagri", "108", 2019, "Peraturan Pelaksanaan Peraturan Presiden Nomor 96 "
                             "Tahun 2018 tentang Persyaratan dan Tata Cara Pendaftaran Penduduk dan Pencatatan "
                             "Sipil", PERMENDAGRI),
    "permendagri-77-2020": ("Permendagri", "77", 2020, "Pedoman Teknis Pengelolaan Keuangan Daerah", PERMENDAGRI),
    "perbkn-24-2017": ("Peraturan BKN", "24", 2017, "Tata Cara Pemberian Cuti Pegawai Negeri Sipil", PERBKN),
    "perbkn-3-2020": ("Peraturan BKN", "3", 2020, "Petunjuk Teknis Pemberhentian Pegawai Negeri Sipil", PERBKN),
}
LAW_RANK = {"UU": 0, "PP": 1, "Perpres": 2, "Permenpan RB": 3, "Permendagri": 3, "Peraturan BKN": 4,
            "Perbup": 5, "Perwal": 5}
GENERAL_LAWS = ("uu-23-2014", "uu-25-2009", "uu-30-2014", "pp-94-2021")
REVOKED = "pp-53-2010"

# --------------------------------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------------------------------

MEN = ["Ahmad Fauzi", "Muhammad Rizal", "Andi Baso Amir", "Hendra Saputra", "I Made Suarta", "Yohanes Tandi",
       "Agus Salim", "Bambang Sutrisno", "Rahmat Hidayat", "Syamsul Bahri", "Dedi Kurniawan", "Abdul Rahman",
       "Iwan Setiawan", "Firmansyah", "Arifin Nasution", "Marthen Luther Sabu", "Zulkifli Hasan Basri",
       "Darmawan Prasetyo"]
WOMEN = ["Siti Aminah", "Sri Wahyuni", "Nurhayati", "Dewi Kartika Sari", "Rahmawati Rahman", "Andi Nurfadillah",
         "Ni Luh Putu Ayu Lestari", "Fitriani", "Yuliana Pasaribu", "Rina Marlina", "Hasnah Syam",
         "Endang Susilowati", "Maria Goreti Ndoen", "Wahyu Ningsih"]
DEGREES = ["S.Sos.", "S.STP., M.Si.", "S.E., M.M.", "S.H., M.H.", "S.IP., M.AP.", "S.Sos., M.Si.", "S.Pd., M.Pd.",
           "S.Kom., M.T.", "S.ST., M.Adm.Pemb.", "S.AP."]

# --------------------------------------------------------------------------------------------------
# Activities: (slot, tag, process text, decision text or None, output, times, core)
# Texts use {obj}, {doc}, {pemohon}, {app}, {tujuan}, {req}; {next} is the performer of the next step.
# Tags: intake, lengkap (completeness check), cek (check), setuju (approval), ttd (signature),
# draft (where corrections go back to), data (where missing data is asked again), proses.
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Act:
    slot: str
    tag: str
    text: str
    decision: str | None
    output: str
    times: tuple[str, ...]
    core: bool = False
    survey: bool = False
    alt: str | None = None
    """The text when the next step has the same performer (for texts with {next})."""


QUICK = ("5 menit", "5-10 menit", "10 menit")
CHECK = ("10 menit", "15 menit", "5-15 menit", "30 menit")
DRAFT = ("15 menit", "30 menit", "1 jam", "1-2 jam")
SIGN = ("5 menit", "10 menit", "1 jam", "1 hari")
LONG = ("1 hari", "2 hari", "1-3 hari")

LAYANAN_START = [
    Act(LOKET, "intake", "Menerima berkas permohonan {obj} dari {pemohon}", None, "Berkas permohonan", QUICK),
    Act(LOKET, "intake", "Menerima dan mencatat permohonan {obj} yang diajukan {pemohon}", None,
        "Berkas permohonan", QUICK),
]
LAYANAN_MIDDLE = [
    Act(LOKET, "lengkap", "Memeriksa kelengkapan persyaratan permohonan {obj}",
        "Memeriksa kelengkapan persyaratan permohonan {obj}", "Berkas permohonan lengkap", QUICK, core=True),
    Act(LOKET, "proses", "Mencatat permohonan pada buku register pelayanan", None, "Register pelayanan", QUICK),
    Act(LOKET, "proses", "Memberikan tanda terima berkas kepada {pemohon}", None, "Tanda terima", QUICK),
    Act(LOKET, "proses", "Meneruskan berkas permohonan kepada {next}", None, "Berkas permohonan", QUICK,
        alt="Meneruskan berkas permohonan untuk diproses"),
    Act(KASI, "cek", "Menelaah berkas permohonan {obj}", "Memverifikasi keabsahan berkas permohonan {obj}",
        "Berkas terverifikasi", CHECK, core=True),
    Act(KASI, "proses", "Memberikan disposisi pemrosesan permohonan kepada {next}", None, "Lembar disposisi", QUICK,
        alt="Mempelajari disposisi pemrosesan permohonan"),
    Act(STAF, "draft", "Menginput data permohonan ke dalam {app}", None, "Data permohonan terinput", DRAFT),
    Act(KASI, "cek", "Melakukan peninjauan lapangan untuk memastikan kebenaran data permohonan",
        "Memeriksa kesesuaian data permohonan dengan hasil peninjauan lapangan", "Berita acara peninjauan lapangan",
        LONG, survey=True),
    Act(STAF, "draft", "Menyusun konsep {doc}", None, "Konsep {doc}", DRAFT, core=True),
    Act(STAF, "proses", "Mencetak konsep {doc} beserta lembar paraf", None, "Konsep {doc}", QUICK),
    Act(KASI, "cek", "Memeriksa dan memaraf konsep {doc}", "Memeriksa kebenaran isi konsep {doc}",
        "Konsep {doc} berparaf", CHECK, core=True),
    Act(KASUBAG, "cek", "Memeriksa format konsep {doc} sesuai tata naskah dinas",
        "Memeriksa kesesuaian format konsep {doc} dengan tata naskah dinas", "Konsep {doc} sesuai tata naskah",
        CHECK),
    Act(SEKRETARIS, "setuju", "Meneliti dan memaraf konsep {doc}", "Meneliti konsep {doc} sebelum diparaf",
        "Konsep {doc} berparaf", CHECK),
    Act(PIMPINAN, "ttd", "Menandatangani {doc}", "Memeriksa dan menandatangani {doc}",
        "{doc} yang telah ditandatangani", SIGN, core=True),
    Act(KASUBAG, "proses", "Memberikan nomor dan tanggal {doc} pada buku agenda surat keluar", None,
        "{doc} bernomor", QUICK),
    Act(STAF, "proses", "Membubuhkan cap dinas pada {doc}", None, "{doc} bercap", QUICK),
    Act(STAF, "proses", "Memindai {doc} dan mengunggahnya ke {app}", None, "Arsip digital {doc}", QUICK),
    Act(STAF, "proses", "Menggandakan {doc} untuk arsip", None, "Salinan {doc}", QUICK),
    Act(LOKET, "proses", "Menghubungi {pemohon} untuk mengambil {doc}", None, "Pemberitahuan kepada {pemohon}",
        QUICK),
    Act(LOKET, "proses", "Menyerahkan {doc} kepada {pemohon} dan meminta tanda tangan pada buku ekspedisi", None,
        "{doc}, buku ekspedisi", QUICK, core=True),
]
LAYANAN_END = [
    Act(STAF, "proses", "Mengarsipkan salinan {doc} beserta berkas permohonan", None, "Arsip {doc}", QUICK),
    Act(KASUBAG, "proses", "Mengarsipkan berkas permohonan dan mencatat penyelesaian layanan", None,
        "Arsip dan register penyelesaian", QUICK),
]
INTERNAL_START = [
    Act(PIMPINAN, "intake", "Memberikan disposisi penyusunan {obj} kepada {next}", None, "Lembar disposisi", QUICK,
        alt="Menetapkan jadwal penyusunan {obj}"),
    Act(KASUBAG, "intake", "Menyiapkan bahan penyusunan {obj} sesuai jadwal", None, "Bahan penyusunan", DRAFT),
]
INTERNAL_MIDDLE = [
    Act(SEKRETARIS, "proses", "Menelaah disposisi dan memberikan arahan kepada {next}", None, "Arahan tertulis",
        QUICK, alt="Menelaah disposisi dan menyiapkan arahan penyusunan"),
    Act(KASUBAG, "proses", "Menyiapkan format dan jadwal penyusunan {obj}", None, "Format dan jadwal penyusunan",
        DRAFT),
    Act(KASUBAG, "data", "Menyampaikan permintaan data dukung kepada setiap seksi", None, "Surat permintaan data",
        QUICK),
    Act(KASI, "data", "Menyampaikan data dukung {obj} sesuai bidang tugas", None, "Data dukung", LONG),
    Act(STAF, "lengkap", "Menghimpun dan merekapitulasi data dukung", "Memeriksa kelengkapan data dukung",
        "Rekapitulasi data dukung", DRAFT, core=True),
    Act(STAF, "proses", "Mengolah data dukung menjadi tabel capaian", None, "Tabel capaian", DRAFT),
    Act(STAF, "draft", "Menyusun draf {doc}", None, "Draf {doc}", DRAFT, core=True),
    Act(KASUBAG, "cek", "Memeriksa draf {doc}", "Memeriksa kebenaran isi draf {doc}", "Draf {doc} terkoreksi",
        CHECK, core=True),
    Act(KASI, "proses", "Memberikan masukan atas draf {doc} sesuai bidang tugas", None, "Catatan masukan", CHECK),
    Act(KASUBAG, "proses", "Memaraf draf {doc}", None, "Draf {doc} berparaf", QUICK),
    Act(SEKRETARIS, "setuju", "Memverifikasi dan memaraf draf {doc}", "Memverifikasi draf {doc}",
        "Draf {doc} berparaf", CHECK, core=True),
    Act(PIMPINAN, "proses", "Memimpin rapat pembahasan draf {doc}", None, "Notulen rapat", ("2 jam", "1-3 jam")),
    Act(STAF, "proses", "Menyusun notulen rapat dan memperbaiki draf sesuai hasil rapat", None,
        "Notulen dan draf perbaikan", DRAFT),
    Act(PIMPINAN, "ttd", "Menandatangani {doc}", "Memeriksa dan menyetujui {doc}", "{doc} yang telah ditandatangani",
        SIGN, core=True),
    Act(KASUBAG, "proses", "Memberikan nomor dan tanggal pada surat pengantar {doc}", None,
        "Surat pengantar bernomor", QUICK),
    Act(STAF, "proses", "Menggandakan dan menjilid {doc}", None, "Salinan {doc}", ("30 menit", "1 jam")),
    Act(STAF, "proses", "Mengunggah {doc} ke {app}", None, "Bukti unggah", QUICK),
    Act(KASUBAG, "proses", "Mengirimkan {doc} kepada {tujuan}", None, "Tanda terima pengiriman", ("1 jam", "1 hari"),
        core=True),
    Act(STAF, "proses", "Mencatat pengiriman {doc} pada buku ekspedisi", None, "Buku ekspedisi", QUICK),
]
INTERNAL_END = [
    Act(STAF, "proses", "Mengarsipkan {doc} beserta data dukungnya", None, "Arsip {doc}", QUICK),
    Act(KASUBAG, "proses", "Menerima tanda terima pengiriman dan mengarsipkan {doc}", None, "Arsip {doc}", QUICK),
]

LABELS = {
    "lengkap": [("Lengkap", "Tidak lengkap"), ("Ya", "Tidak"), ("Memenuhi syarat", "Tidak memenuhi syarat")],
    "cek": [("Benar", "Salah"), ("Sesuai", "Tidak sesuai"), ("Ya", "Tidak"), ("Benar", "Perlu perbaikan")],
    "setuju": [("Setuju", "Perlu perbaikan"), ("Disetujui", "Dikembalikan"), ("Ya", "Tidak")],
    "ttd": [("Setuju", "Perlu perbaikan"), ("Disetujui", "Dikembalikan"), ("Benar", "Salah")],
}
BACK_NOTES = {
    "lengkap": "Bila belum lengkap, berkas dikembalikan untuk dilengkapi",
    "cek": "Bila terdapat kesalahan, dikembalikan untuk diperbaiki",
    "setuju": "Bila perlu perbaikan, dikembalikan disertai catatan koreksi",
    "ttd": "Bila perlu perbaikan, dikembalikan disertai catatan koreksi",
}
STEP_NOTES = ["Dapat dilakukan secara daring", "Menggunakan tanda tangan elektronik bila tersedia",
              "Dilaksanakan pada jam pelayanan", "Tembusan disampaikan kepada atasan langsung",
              "Berkas disimpan dalam map sesuai kode klasifikasi"]
PERALATAN = ["Komputer", "Printer", "Jaringan internet", "ATK", "Stempel dinas", "Buku agenda", "Scanner",
             "Map berkas", "Telepon", "Lemari arsip"]
KUALIFIKASI = ["Pendidikan minimal SMA/sederajat", "Memahami tata naskah dinas", "Mampu mengoperasikan komputer",
               "Memahami tugas pokok dan fungsi unit kerja", "Memahami peraturan perundang-undangan terkait",
               "Mampu berkomunikasi dengan baik", "Teliti dan bertanggung jawab"]
LAST_REVISION = dt.date(2025, 6, 30)
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


# --------------------------------------------------------------------------------------------------
# Units
# --------------------------------------------------------------------------------------------------


@dataclass
class Unit:
    instansi: str
    unit: str
    kind: str
    region: str
    """'Kabupaten Lembah Hijau' or 'Kota Pelangi'."""
    abbr: str
    head_title: str
    official: dict
    made: dt.date
    number_style: int
    perbup: tuple[str, str, int, str, str]
    sops: list[dict] = field(default_factory=list)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "sop"


class _Places:
    """Made-up units, each (instansi, unit) used once."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.regions = [f"Kabupaten {k}" for k in KABUPATEN] + [f"Kota {k}" for k in KOTA]
        rng.shuffle(self.regions)
        names = [f"{a} {b}" for a in PLACE_PREFIXES for b in PLACE_SUFFIXES]
        self.free: dict[tuple[str, str], list[str]] = {}
        for region in self.regions:
            for kind in ("kecamatan", "kelurahan"):
                pool = list(names)
                rng.shuffle(pool)
                self.free[(region, kind)] = pool
            self.free[(region, "dinas")] = sorted(DINAS)
            rng.shuffle(self.free[(region, "dinas")])
        self.turn = 0

    def next(self) -> tuple[str, str, str, str]:
        """(region, kind, unit name, abbreviation) of a unit not given out before."""
        for _ in range(len(self.regions) * 4):
            region = self.regions[self.turn % len(self.regions)]
            self.turn += 1
            roll = self.rng.random()
            kind = "kecamatan" if roll < 0.5 else "kelurahan" if roll < 0.72 else "dinas"
            pool = self.free[(region, kind)]
            if not pool:
                continue
            name = pool.pop()
            if kind == "dinas":
                unit, abbr = DINAS[name]
                return region, name, unit, abbr
            short = "Kec." if kind == "kecamatan" else "Kel."
            return region, kind, f"{kind.capitalize()} {name}", f"{short} {name}"
        raise ValueError("Terlalu banyak unit diminta dari generator.")


def _person(rng: random.Random) -> tuple[str, int]:
    sex = rng.choice((1, 2))
    name = rng.choice(MEN if sex == 1 else WOMEN)
    degree = rng.choice(DEGREES)
    if rng.random() < 0.35:
        name = name.upper()
    if rng.random() < 0.1:
        name = ("Drs. " if sex == 1 else "Dra. ") + name
        degree = rng.choice(["M.Si.", "M.M.", "M.AP."])
    return f"{name}, {degree}", sex


def nip_for(rng: random.Random, sex: int, before: dt.date) -> str:
    """A valid NIP, grouped as printed: born 38 to 56 years before ``before``, appointed 18 to 32 years after
    birth and at least 8 years before ``before``."""
    year = rng.randint(before.year - 56, before.year - 38)
    birth = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
    appointed = rng.randint(birth.year + 18, min(birth.year + 32, before.year - 8))
    month = rng.choice((1, 1, 3, 3, 4, 12, rng.randint(1, 12)))
    return f"{birth:%Y%m%d} {appointed}{month:02d} {sex} {rng.randint(1, 25):03d}"


def _new_unit(rng: random.Random, places: _Places) -> Unit:
    region, kind, unit_name, abbr = places.next()
    if kind == "kecamatan":
        head_title = f"Camat {unit_name.removeprefix('Kecamatan ')}"
    elif kind == "kelurahan":
        head_title = f"Lurah {unit_name.removeprefix('Kelurahan ')}"
    else:
        head = ROLES[kind][0].nama
        head_title = f"{head} {unit_name.split(' ', 1)[1]}" if head == "Kepala Dinas" else f"Kepala {unit_name}"
    made = dt.date(rng.randint(2016, 2024), rng.randint(1, 10), rng.randint(1, 28))
    name, sex = _person(rng)
    official = {"jabatan": head_title, "nama": name, "nip": nip_for(rng, sex, made)}
    kota = region.startswith("Kota ")
    organisation = ORGANISATION_TITLE[kind]
    perbup = ("Perwal" if kota else "Perbup", str(rng.randint(3, 78)), rng.randint(max(2016, made.year - 6), made.year),
              f"Kedudukan, Susunan Organisasi, Tugas dan Fungsi, serta Tata Kerja {organisation}",
              f"Peraturan {'Wali Kota' if kota else 'Bupati'} {region.split(' ', 1)[1]}")
    return Unit(f"Pemerintah {region}", unit_name, kind, region, abbr, head_title, official, made,
                rng.randrange(4), perbup)


# --------------------------------------------------------------------------------------------------
# One SOP
# --------------------------------------------------------------------------------------------------


def _fill(text: str, topic: Topic, tujuan: str) -> str:
    out = text.format(obj=topic.obj, doc=topic.doc, pemohon=topic.pemohon, app=topic.app, tujuan=tujuan,
                      next="{next}")
    return out[0].upper() + out[1:]


def _choose_performers(rng: random.Random, unit: Unit, topic: Topic, count: int, acts: list[Act]) -> list[Role]:
    roles = ROLES[unit.kind]
    chosen = [roles[0]]
    wanted = [a.slot for a in acts if a.slot != PIMPINAN]
    order: list[str] = []
    for slot in wanted:
        if slot not in order:
            order.append(slot)
    rng.shuffle(order)
    order.sort(key=lambda s: -wanted.count(s) + rng.random() * 3)
    preferred = next((r for r in roles if r.nama == topic.seksi), None)
    if preferred is not None and preferred not in chosen:
        chosen.append(preferred)
    for slot in order:
        if len(chosen) >= count:
            break
        if any(r.slot == slot for r in chosen):
            continue
        options = [r for r in roles if r.slot == slot and r not in chosen]
        if options:
            chosen.append(rng.choice(options))
    rest = [r for r in roles if r not in chosen]
    rng.shuffle(rest)
    chosen += rest[:max(0, count - len(chosen))]
    chosen = chosen[:count]
    return sorted(chosen, key=lambda r: (SLOT_RANK[r.slot], roles.index(r)))


def _performer_for(slot: str, performers: list[Role], slot_map: dict[str, Role]) -> Role:
    for candidate in (slot, *FALLBACK[slot]):
        if candidate in slot_map:
            return slot_map[candidate]
    return performers[0]


def _scenario_choices(steps: list[dict], back_at: int | None) -> list[str]:
    """The answers of a run that takes every decision's first exit, except the second exit once at step
    ``back_at``."""
    by_no = {s["no"]: s for s in steps}
    choices: list[str] = []
    no, backed = steps[0]["no"], False
    for _ in range(10 * len(steps)):
        step = by_no[no]
        if "cabang" in step:
            labels = list(step["cabang"])
            label = labels[1] if no == back_at and not backed else labels[0]
            backed = backed or no == back_at
            choices.append(label)
            target = step["cabang"][label]
        else:
            target = step.get("ke", no + 1 if no < steps[-1]["no"] else "selesai")
        if target == "selesai":
            return choices
        no = target
    raise AssertionError("scenario does not end")  # pragma: no cover - the flow always moves on


def _sop(rng: random.Random, unit: Unit, topic: Topic, seq: int, revoked: float) -> dict:
    if not topic.app:
        topic = replace(topic, app=DEFAULT_APPS.get((unit.kind, topic.kind), "aplikasi SRIKANDI"))
    n_steps = rng.randint(5, 20)
    if topic.kind == LAYANAN:
        start_pool, middle_pool, end_pool = LAYANAN_START, LAYANAN_MIDDLE, LAYANAN_END
    else:
        start_pool, middle_pool, end_pool = INTERNAL_START, INTERNAL_MIDDLE, INTERNAL_END
    middle_pool = [a for a in middle_pool if not a.survey or topic.survey]
    start = rng.choice(start_pool)
    if topic.periodic is None and start.tag == "intake" and start.slot == KASUBAG:
        start = start_pool[0]
    end = rng.choice(end_pool)
    middle_count = n_steps - 2
    core = [i for i, a in enumerate(middle_pool) if a.core]
    optional = [i for i, a in enumerate(middle_pool) if not a.core]
    rng.shuffle(core)
    core.sort(key=lambda i: middle_pool[i].slot != PIMPINAN)  # the head of the unit signs in every SOP
    picked = core[:middle_count]
    picked += rng.sample(optional, k=min(len(optional), middle_count - len(picked)))
    acts = [start] + [middle_pool[i] for i in sorted(picked)] + [end]
    assert len(acts) == n_steps, (len(acts), n_steps)

    performers = _choose_performers(rng, unit, topic, rng.randint(3, min(6, n_steps)), acts)
    slot_map: dict[str, Role] = {}
    for role in performers:
        if role.slot not in slot_map or role.nama == topic.seksi:
            slot_map[role.slot] = role
    who = [_performer_for(a.slot, performers, slot_map) for a in acts]
    # every column does something: give an unused performer a step of the nearest kind whose performer
    # has another step too
    for role in performers:
        if role in who:
            continue
        near = [role.slot, *FALLBACK[role.slot]]
        options = [i for i in range(n_steps) if who.count(who[i]) > 1]
        options.sort(key=lambda i: (near.index(acts[i].slot) if acts[i].slot in near else 99, rng.random()))
        who[options[0]] = role

    tujuan = topic.tujuan
    if unit.region.startswith("Kota ") and tujuan.startswith("Bupati"):
        tujuan = "Wali Kota" + tujuan.removeprefix("Bupati")

    # decisions: up to 3 checks whose second exit goes back to where the work is redone
    checkable = [i for i in range(1, n_steps - 1) if acts[i].tag in LABELS and acts[i].decision]
    n_decisions = min(len(checkable), rng.choices((0, 1, 2, 3), weights=(15, 35, 30, 20))[0])
    decisions = sorted(rng.sample(checkable, n_decisions))

    use_code = rng.random() < 0.5
    steps: list[dict] = []
    for i, act in enumerate(acts):
        role = who[i]
        decision = i in decisions
        text = _fill(act.decision if decision else act.text, topic, tujuan)
        step: dict = {"no": i + 1, "kegiatan": text,
                      "oleh": role.kode if use_code and role.kode else role.nama}
        if i in (0, n_steps - 1):
            step["simbol"] = "terminator"
        elif decision:
            forward, back_label = rng.choice(LABELS[act.tag])
            redo = [j for j in range(i) if acts[j].tag == "draft"]
            intake = [j for j in range(i) if acts[j].tag in ("intake", "data", "lengkap")]
            earlier = intake if act.tag == "lengkap" else (redo or intake)
            back = earlier[-1] if earlier else rng.randrange(max(0, i - 3), i)
            step["simbol"] = "keputusan"
            step["cabang"] = {forward: i + 2, back_label: back + 1}
            if rng.random() < 0.3:
                p = rng.choice((0.7, 0.75, 0.8, 0.85, 0.9, 0.95))
                step["peluang"] = {forward: p, back_label: round(1 - p, 2)}
        previous = _fill(acts[i - 1].output, topic, tujuan) if i else None
        kelengkapan = list(topic.req) if i == 0 and topic.req else [previous or f"Jadwal penyusunan {topic.obj}"]
        if i == 0 and topic.kind == INTERNAL:
            kelengkapan = ["Surat edaran/jadwal penyusunan"] if act.slot == KASUBAG else ["Surat masuk/instruksi"]
        if decision and rng.random() < 0.4:
            kelengkapan.append("Lembar kontrol")
        step["kelengkapan"] = kelengkapan if len(kelengkapan) > 1 else kelengkapan[0]
        if i == 0 and topic.periodic and topic.kind == INTERNAL and act.slot == KASUBAG:
            step["waktu"] = topic.periodic
        elif rng.random() < 0.03:
            step["waktu"] = "-"
        else:
            step["waktu"] = rng.choice(act.times)
        step["output"] = _fill(act.output, topic, tujuan)
        if decision and rng.random() < 0.5:
            step["keterangan"] = BACK_NOTES[act.tag]
        elif rng.random() < 0.08:
            step["keterangan"] = rng.choice(STEP_NOTES)
        steps.append(step)

    # {next}: the performer of the following step; the other text when it is the same column
    for i, (act, step) in enumerate(zip(acts, steps)):
        if "{next}" not in step["kegiatan"]:
            continue
        if i + 1 < n_steps and who[i + 1] != who[i]:
            step["kegiatan"] = step["kegiatan"].replace("{next}", who[i + 1].nama)
        else:
            step["kegiatan"] = _fill(act.alt or act.text.replace(" kepada {next}", ""), topic, tujuan)

    # now and then a step that either of two columns may do
    if rng.random() < 0.15:
        options = [i for i in range(1, n_steps - 1) if i not in decisions and acts[i].slot in (STAF, LOKET, KASUBAG)]
        if options:
            i = rng.choice(options)
            partners = [r for r in performers if r != who[i] and r.slot in (STAF, LOKET, KASUBAG, KASI)]
            if partners:
                partner = rng.choice(partners)
                steps[i]["oleh"] = Flow([steps[i]["oleh"], partner.kode if use_code and partner.kode else partner.nama])
                steps[i]["cara"] = "salah_satu"
                steps[i] = _reorder(steps[i])

    pelaksana = []
    for role in performers:
        item: dict = {"nama": role.nama}
        if role.kode and (use_code or rng.random() < 0.3):  # steps written with a code need it here
            item["kode"] = role.kode
        if role.sebutan and rng.random() < 0.3:
            item["sebutan"] = Flow(role.sebutan)
        pelaksana.append(item)

    made = unit.made + dt.timedelta(days=rng.randint(0, 60))
    tanggal: dict = {"pembuatan": made}
    latest = (LAST_REVISION - made).days
    if rng.random() < 0.35 and latest > 180:
        tanggal["revisi"] = made + dt.timedelta(days=rng.randint(180, min(1500, latest)))
    if rng.random() < 0.9:
        tanggal["efektif"] = made + dt.timedelta(days=rng.choice((0, 0, 1, 7, 14, 30)))

    return {
        "nomor": Quoted(_nomor(unit, topic, seq, made)),
        "nama": topic.nama,
        "instansi": unit.instansi,
        "unit": unit.unit,
        **({"subunit": _subunit(topic.seksi)} if topic.seksi and rng.random() < 0.3 else {}),
        "tanggal": tanggal,
        "disahkan": {**unit.official, "nip": Quoted(unit.official["nip"])},
        "dasar_hukum": _citations(rng, unit, topic, made, revoked),
        "kualifikasi": _kualifikasi(rng, topic),
        "keterkaitan": [],
        "peralatan": _peralatan(rng, topic),
        "peringatan": _peringatan(rng, topic),
        "pencatatan": _pencatatan(rng, topic),
        "pelaksana": pelaksana,
        "langkah": steps,
        "skenario": _scenarios(rng, steps) if decisions and rng.random() < 0.3 else [],
    }


def _reorder(step: dict) -> dict:
    order = ["no", "kegiatan", "oleh", "cara", "simbol", "cabang", "peluang", "kelengkapan", "waktu", "output",
             "keterangan"]
    return {key: step[key] for key in order if key in step}


def _scenarios(rng: random.Random, steps: list[dict]) -> list[dict]:
    decisions = [s for s in steps if "cabang" in s]
    out = [{"nama": "Tanpa perbaikan", "pilihan": Flow(_scenario_choices(steps, None))}]
    step = rng.choice(decisions)
    back_label = list(step["cabang"])[1]
    out.append({"nama": f"{back_label} pada langkah {step['no']}, lalu diproses kembali",
                "pilihan": Flow(_scenario_choices(steps, step["no"]))})
    return out


def _nomor(unit: Unit, topic: Topic, seq: int, made: dt.date) -> str:
    style = unit.number_style
    if style == 0:
        return f"{seq:03d}/SOP/{unit.abbr}/{ROMAN[made.month - 1]}/{made.year}"
    if style == 1:
        return f"SOP-{seq:02d}/{unit.abbr}/{made.year}"
    if style == 2:
        return f"{topic.klas}/{seq:03d}/SOP/{unit.abbr}/{made.year}"
    return f"{seq:03d} / {ROMAN[made.month - 1]} /SOP/{ROMAN[made.month - 1]}/{made.year}"


def _subunit(seksi: str) -> str:
    for short, full in (("Kasubag ", "Sub Bagian "), ("Kasubid ", "Sub Bidang "), ("Kasi ", "Seksi "),
                        ("Kabid ", "Bidang ")):
        if seksi.startswith(short):
            return full + seksi.removeprefix(short)
    return seksi


def _citations(rng: random.Random, unit: Unit, topic: Topic, made: dt.date, revoked: float) -> list[dict]:
    keys = [k for k in topic.laws if LAWS[k][2] <= made.year]
    if unit.kind == "kecamatan" and made.year >= 2018:
        keys.append("pp-17-2018")
    if unit.kind == "kelurahan":
        keys.append("pp-73-2005")
    keys += [k for k in GENERAL_LAWS if LAWS[k][2] <= made.year and rng.random() < 0.15]
    keys = list(dict.fromkeys(keys))
    rng.shuffle(keys)
    count = rng.randint(1, 4)
    chosen: list[tuple[str, str, int, str, str]] = []
    if rng.random() < 0.7 or not keys:
        chosen.append(LAWS["permenpan-rb-35-2012"])
    if rng.random() < 0.25:
        chosen.append(unit.perbup)
    chosen += [LAWS[key] for key in keys]
    chosen = chosen[:count]
    if revoked and rng.random() < revoked:
        chosen = chosen[:3] + [LAWS[REVOKED]]
    chosen.sort(key=lambda c: (LAW_RANK.get(c[0], 9), c[2], int(c[1])))
    out = []
    with_text = rng.random() < 0.4
    for jenis, nomor, tahun, tentang, full in chosen:
        item: dict = {"jenis": jenis, "nomor": Quoted(nomor), "tahun": tahun, "tentang": tentang}
        if with_text:
            item["teks"] = f"{full} Nomor {nomor} Tahun {tahun} tentang {tentang}"
        out.append(item)
    return out


def _kualifikasi(rng: random.Random, topic: Topic) -> list[str]:
    items = rng.sample(KUALIFIKASI, k=rng.randint(2, 4))
    if topic.kind == LAYANAN and rng.random() < 0.5:
        items.append("Memahami standar pelayanan publik")
    if "aplikasi" in topic.app or "sistem" in topic.app:
        items.append(f"Mampu mengoperasikan {topic.app}")
    return items


def _peralatan(rng: random.Random, topic: Topic) -> list[str]:
    items = rng.sample(PERALATAN, k=rng.randint(3, 6))
    if rng.random() < 0.5:
        items.append(topic.app[0].upper() + topic.app[1:])
    return items


def _peringatan(rng: random.Random, topic: Topic) -> str:
    if rng.random() < 0.05:
        return "-"
    return rng.choice([
        f"Jika SOP ini tidak dilaksanakan, maka {topic.obj} tidak dapat diselesaikan tepat waktu.",
        f"Jika prosedur tidak diikuti, maka {topic.doc} yang diterbitkan tidak sah secara administrasi.",
        f"Jika persyaratan tidak lengkap, maka proses {topic.obj} tidak dapat dilanjutkan.",
        f"Apabila SOP ini tidak dilaksanakan, maka {topic.obj} menjadi terhambat dan tidak akuntabel.",
    ])


def _pencatatan(rng: random.Random, topic: Topic) -> list[str]:
    items = [f"Buku register {topic.obj}", "Buku agenda surat keluar", f"Arsip digital pada {topic.app}",
             "Daftar hadir", "Buku ekspedisi"]
    return rng.sample(items, k=rng.randint(1, 3))


# --------------------------------------------------------------------------------------------------
# YAML text
# --------------------------------------------------------------------------------------------------


class Flow(list):
    """A list written on one line: ``[Camat, Kepala SKPD]``."""


class Quoted(str):
    """A text written in double quotes (numbers and NIPs)."""


class _Dumper(yaml.SafeDumper):
    """SafeDumper that indents lists under their key, as people write SOP files."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:  # noqa: D102
        return super().increase_indent(flow, False)


# Only true/false are booleans, as for sop_ap's loader and YAML 1.2: the key ``no`` needs no quotes.
_Dumper.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}
_Dumper.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))
_Dumper.add_representer(Flow, lambda d, data: d.represent_sequence("tag:yaml.org,2002:seq", list(data),
                                                                  flow_style=True))
_Dumper.add_representer(Quoted, lambda d, data: d.represent_scalar("tag:yaml.org,2002:str", str(data), style='"'))

SECTIONS = [("nomor", "nama", "instansi", "unit", "subunit", "tanggal", "disahkan"),
            ("dasar_hukum", "kualifikasi", "keterkaitan", "peralatan", "peringatan", "pencatatan"),
            ("pelaksana",), ("langkah",), ("judul_kolom", "gabung", "penghubung", "catatan_kaki"), ("skenario",)]


def to_yaml(data: dict, schema_ref: str) -> str:
    """The file text: the ``$schema`` comment, then the sections separated by blank lines."""
    parts = [f"# yaml-language-server: $schema={schema_ref}\n"]
    for keys in SECTIONS:
        chunk = {k: data[k] for k in keys if k in data and not (k == "skenario" and not data[k])}
        if chunk:
            parts.append(yaml.dump(chunk, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000,
                                   default_flow_style=False))
    return parts[0] + "\n".join(parts[1:])


# --------------------------------------------------------------------------------------------------
# The registry
# --------------------------------------------------------------------------------------------------


def generate(count: int, seed: int, out_dir: Path | str | None = None, revoked: float = 0.0,
             patterns: float = 0.0) -> list[tuple[str, str]]:
    """``count`` SOP files as (path relative to the output folder, YAML text); the same for the same seed.

    ``out_dir`` is only used for the ``$schema`` comment (the relative path from each file to
    ``docs/schema/sop.schema.json`` of this project); without it the files are assumed to go under
    ``sops/`` of the project. ``revoked`` is the share of SOPs that also cite PP 53/2010, which was
    revoked: those SOPs get a ``dasar-hukum-dicabut`` warning (0 gives files without any diagnostic).
    ``patterns`` is the share of SOPs rewritten with the flowchart patterns of real documents
    (:func:`sop_patterns.apply_patterns`); 0 gives the one-symbol-per-row form of the seeds.
    """
    rng = random.Random(seed)
    base = Path(out_dir).resolve() if out_dir is not None else DEFAULT_OUT
    places = _Places(rng)
    units: list[Unit] = []
    left = count
    while left > 0:
        unit = _new_unit(rng, places)
        topics = list(TOPICS[unit.kind])
        rng.shuffle(topics)
        size = min(left, len(topics), rng.randint(2, 10))
        for seq, topic in enumerate(topics[:size], start=1):
            unit.sops.append(_sop(rng, unit, topic, seq, revoked))
        units.append(unit)
        left -= size
    out: list[tuple[str, str]] = []
    for unit in units:
        # keterkaitan, by exact name and only to SOPs of this unit: what must come first, or now and then
        # another SOP of the same kind of work
        names = [sop["nama"] for sop in unit.sops]
        for sop in unit.sops:
            first = [name for name in PREREQUISITES.get(sop["nama"], ()) if name in names]
            if first and rng.random() < 0.8:
                sop["keterkaitan"] = [{"sop": name, "hubungan": "prasyarat"} for name in first]
            elif len(names) > 1 and rng.random() < 0.25:
                other = rng.choice([name for name in names if name != sop["nama"]])
                sop["keterkaitan"] = [{"sop": other, "hubungan": "terkait"}]
        folder = f"{_slug(unit.region)}/{_slug(unit.unit)}"
        for sop in unit.sops:
            if patterns and rng.random() < patterns:
                apply_patterns(rng, sop)
            rel = f"{folder}/{_slug(sop['nama'])}.yaml"
            ref = Path(os.path.relpath(SCHEMA, (base / rel).parent)).as_posix()
            out.append((rel, to_yaml(sop, ref)))
    return out


def write(count: int, seed: int, out_dir: Path | str, revoked: float = 0.0, patterns: float = 0.0) -> list[Path]:
    """Write ``count`` generated SOP files under ``out_dir``; returns their paths."""
    out_dir = Path(out_dir)
    paths = []
    for rel, text in generate(count, seed, out_dir, revoked, patterns):
        path = out_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Tulis berkas SOP uji yang realistis (deterministik menurut seed).")
    parser.add_argument("--count", type=int, default=100, help="jumlah SOP (bawaan: 100)")
    parser.add_argument("--seed", type=int, default=0, help="benih acak (bawaan: 0)")
    parser.add_argument("--out", type=Path, required=True, help="folder tujuan")
    parser.add_argument("--revoked", type=float, default=0.0, metavar="BAGIAN",
                        help="bagian SOP yang juga mengutip PP 53/2010 (sudah dicabut), mis. 0.05; bawaan 0")
    parser.add_argument("--pola", type=float, default=0.0, metavar="BAGIAN",
                        help="bagian SOP yang ditulis dengan pola bagan alir dokumen nyata (beberapa simbol per "
                        "baris, teks keputusan, panah ke kolom, sel gabung), mis. 0.5; bawaan 0")
    args = parser.parse_args(argv)
    paths = write(args.count, args.seed, args.out, args.revoked, args.pola)
    print(f"{len(paths)} SOP ditulis ke {args.out}{os.sep}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
